"""The risk register report, read back with pypdf: heat map numbers in the right cells, every
risk present, corporate-only means only corporate risks, pages numbered "n of N"."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from app.reports.register.heat_map import COUNT_SIZE, LABEL_SIZE
from app.reports.register.register_pdf import build_register_report, register_report_bytes
from app.services import organisation
from app.services.demo import risks as demo_risks
from app.services.demo.load import add_people_and_bodies
from app.services.risks import risks
from app.services.risks.report import register_report_data

TODAY = dt.date(2013, 6, 1)
NOW = dt.datetime(2013, 6, 1, 9, 30)


@dataclass(frozen=True)
class Piece:
    text: str
    x: float
    y: float
    size: float


def pieces(page) -> list[Piece]:
    """Every run of text on the page with where it starts and its size."""
    found = []

    def visit(words, cm, tm, _font, size):
        if words.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append(Piece(words.strip(), x, y, size))

    page.extract_text(visitor_text=visit)
    return found


def heat_maps(page) -> list[list[list[int]]]:
    """The two 5×5 grids of counts on page one, read from where each number is drawn: the
    column from the likelihood numbers under the grid, the row from the consequence names."""
    found = pieces(page)
    axis = sorted((p for p in found if p.size == LABEL_SIZE and re.fullmatch(r"[1-5]", p.text)),
                  key=lambda p: p.x)
    assert len(axis) == 10  # 1..5 under each map
    columns = [axis[:5], axis[5:]]
    rows = {int(p.text[-1]): p.y for p in found
            if p.size == LABEL_SIZE and re.fullmatch(r"[A-Za-z ]+ [1-5]", p.text)}
    grids = [[[0] * 5 for _ in range(5)] for _ in range(2)]
    for p in (p for p in found if p.size == COUNT_SIZE):
        which = 0 if abs(p.x - columns[0][2].x) < abs(p.x - columns[1][2].x) else 1
        lik = min(columns[which], key=lambda a: abs(a.x - p.x)).text
        con = min(rows, key=lambda level: abs(rows[level] - p.y))
        grids[which][int(lik) - 1][con - 1] = int(p.text)
    return grids


@pytest.fixture
def demo(sqlite_ctx):
    with sqlite_ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {"scale": 0}
        add_people_and_bodies(s, ids)
        demo_risks.add_risk_register(s, ids)
    return sqlite_ctx


def _report(ctx, tmp_path, corporate_only=False):
    with ctx.transaction() as s:
        data = register_report_data(s, corporate_only=corporate_only, today=TODAY, now=NOW)
    path = tmp_path / "register.pdf"
    pages = build_register_report(data.details, path, **data.report_options())
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    return data, reader


def test_heat_maps_show_the_service_counts_in_the_right_cells(demo, tmp_path):
    data, reader = _report(demo, tmp_path)
    current, target = heat_maps(reader.pages[0])
    assert current == data.heat_map_counts_current
    assert target == data.heat_map_counts_target
    assert sum(map(sum, current)) == 6 and current[3][3] == 1  # CR-005 at 4 × 4


def test_summary_by_band_counts_current_and_target(demo, tmp_path):
    data, reader = _report(demo, tmp_path)
    found = pieces(reader.pages[0])
    band_x = next(p.x for p in found if p.text == "Band")
    summary = {}
    for band in ("Low", "Moderate", "High", "Extreme"):
        label = next(p for p in found if p.text == band and abs(p.x - band_x) < 1)
        same_row = sorted((p for p in found if abs(p.y - label.y) < 1 and p.x > label.x),
                          key=lambda p: p.x)
        summary[band] = (int(same_row[1].text), int(same_row[2].text))
    assert summary == {"Low": (0, 0), "Moderate": (1, 3), "High": (4, 3), "Extreme": (1, 0)}


def test_every_risk_is_in_the_register_and_has_its_block(demo, tmp_path):
    _, reader = _report(demo, tmp_path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for n in range(1, 7):
        assert text.count(f"CR-00{n}") >= 2  # its register row and its detail block
    assert "Loss of direction and memory in the move to new commissioning support" in text
    assert "Internal audit review of budgetary control" in text  # an assurance
    assert "OVERDUE" in text and "NEGATIVE" in text
    outline = [o.title for o in reader.outline if not isinstance(o, list)]
    assert outline[:3] == ["Risk register", "The register", "The risks in detail"]
    assert "CR-001 Financial targets not achieved" in outline


def test_corporate_only_holds_only_corporate_risks(demo, tmp_path):
    with demo.transaction() as s:  # put CR-002 on the corporate register by hand
        from app.services.risks.register import find_risk

        cr2 = find_risk(s, reference="CR-002")
        risks.update_risk(s, risk_id=cr2.id, expected_version=None, on_corporate_register=True)
    data, reader = _report(demo, tmp_path, corporate_only=True)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert [d.risk.reference for d in data.details] == ["CR-002", "CR-005"]
    assert "Corporate risk register" in text
    assert "CR-002" in text and "CR-005" in text
    for other in ("CR-001", "CR-003", "CR-004", "CR-006"):
        assert other not in text
    current, _ = heat_maps(reader.pages[0])
    assert current == data.heat_map_counts_current and sum(map(sum, current)) == 2


def test_pages_are_numbered_n_of_n_and_landscape(demo, tmp_path):
    _, reader = _report(demo, tmp_path)
    total = len(reader.pages)
    assert total > 2
    for n, page in enumerate(reader.pages, start=1):
        assert f"Page {n} of {total}" in page.extract_text()
        assert page.mediabox.width > page.mediabox.height
    first = reader.pages[0].extract_text()
    assert "NHS Merton Clinical Commissioning Group · Risk register" in first
    assert "Generated 01 Jun 2013 09:30 · audit trail" in first


def test_for_the_pack_the_pages_are_left_unnumbered(demo):
    with demo.transaction() as s:
        data = register_report_data(s, today=TODAY, now=NOW)
    pdf = register_report_bytes(data.details, page_numbers=False, **data.report_options())
    reader = PdfReader(io.BytesIO(pdf))
    assert all("Page " not in p.extract_text() for p in reader.pages)


def test_an_empty_register_still_reports(sqlite_ctx, tmp_path):
    sqlite_ctx.run(organisation.set_up_organisation, name="Empty CCG")
    data, reader = _report(sqlite_ctx, tmp_path)
    assert data.details == () and len(reader.pages) == 1
    assert "No risks to report." in reader.pages[0].extract_text()
