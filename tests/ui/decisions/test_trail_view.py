"""The decision trail section: filters narrow the entries exactly as the service does, the
selected entry's chain is readable, and the exports write files that read back."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.services import people
from app.services.decisions import trail as decision_trail
from app.services.decisions.trail import TrailFilter
from app.services.risks import register as risk_register
from app.ui.common.tasks import ImmediateRunner
from app.ui.decisions.trail_view import DecisionTrailModel, DecisionTrailView


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = DecisionTrailView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    return widget


def keys(entries) -> list[tuple[str, int]]:
    return [(e.kind, e.id) for e in entries]


def service(ctx, **filters) -> list[tuple[str, int]]:
    return keys(ctx.run(decision_trail.trail_entries, filters=TrailFilter(**filters)))


def test_every_entry_in_time_order(view, demo_ctx):
    assert keys(view.entries()) == service(demo_ctx)
    dates = [e.on for e in view.entries()]
    assert dates == sorted(dates)
    assert view.proxy.rowCount() == len(dates) >= 10


def test_filters_narrow_the_entries_as_the_service_does(view, demo_ctx):
    body = next(c for c in demo_ctx.run(people.list_committees)
                if c.name == "Merton CCG Governing Body")
    view.committee.setCurrentIndex(view.committee.findData(body.id))
    assert keys(view.entries()) == service(demo_ctx, committee_id=body.id)
    view.date_from.set_date(dt.date(2012, 9, 28))
    view.date_to.set_date(dt.date(2012, 12, 31))
    expected = service(demo_ctx, committee_id=body.id, date_from=dt.date(2012, 9, 28),
                       date_to=dt.date(2012, 12, 31))
    assert keys(view.entries()) == expected and 0 < len(expected)
    view.committee.setCurrentIndex(0)
    view.date_from.set_date(None)
    view.date_to.set_date(None)
    view.outcome.setCurrentIndex(view.outcome.findData("ratified"))
    assert keys(view.entries()) == service(demo_ctx, outcome="ratified")
    view.outcome.setCurrentIndex(0)
    view.overridden.setChecked(True)
    overridden = service(demo_ctx, overridden_only=True)
    assert keys(view.entries()) == overridden and len(overridden) == 1
    view.overridden.setChecked(False)
    chair = next(p.id for p in demo_ctx.run(people.list_people) if p.name == "Clinical Chair")
    view.person.setCurrentIndex(view.person.findData(chair))
    assert keys(view.entries()) == service(demo_ctx, person_id=chair)
    view.person.setCurrentIndex(0)
    risk = demo_ctx.run(risk_register.find_risk, reference="CR-002")
    view.risk.setCurrentIndex(view.risk.findData(risk.id))
    assert keys(view.entries()) == service(demo_ctx, risk_id=risk.id)


def test_selecting_the_isop_chairs_action_shows_its_chain(view):
    entry = next(e for e in view.entries() if e.kind == "chair's action"
                 and e.title.startswith("Integrated Strategy"))
    assert view.select_entry(entry.kind, entry.id)
    text = view.detail.toPlainText()
    for words in ("Paper and cover sheet", "ISOP", "Evidence files", "Quorum",
                  "Quorate at the decision", "Ratification", "ratified", "Audit events",
                  "chairs_action #", "test secretary", "Lay Member for Governance"):
        assert words in text, words
    assert view.chain.chairs_action.id == entry.id


def test_an_overridden_decision_shows_why(view):
    view.overridden.setChecked(True)
    [entry] = view.entries()
    view.select_entry(entry.kind, entry.id)
    text = view.detail.toPlainText()
    assert "Not quorate" in text and "Override needed" in text
    assert "Remuneration" in text


def test_export_pdf_and_excel(qtbot, view, tmp_path, message_boxes):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    view.overridden.setChecked(True)
    view.export_pdf(tmp_path / "trail.pdf")
    assert view.last_export == tmp_path / "trail.pdf"
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "trail.pdf").pages)
    assert "overridden only" in text and "Remuneration" in text
    view.export_xlsx(tmp_path / "trail.xlsx")
    book = load_workbook(tmp_path / "trail.xlsx")
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
             for c in row if c]
    assert any("Remuneration" in c for c in cells)
    view.open_preview(tmp_path / "trail.pdf")
    assert view.preview.preview.page_count >= 1
    view.preview.reject()


def test_the_model_columns_are_named(view):
    headings = [view.model.headerData(i, Qt.Orientation.Horizontal) for i in range(view.model.columnCount())]
    assert headings[DecisionTrailModel.COL_OUTCOME] == "Outcome"


def test_the_kind_filter_shows_one_kind(view, demo_ctx):
    view.kind.setCurrentIndex(view.kind.findData(decision_trail.CHAIRS_ACTION))
    shown = keys(view.entries())
    assert shown == service(demo_ctx, kinds=(decision_trail.CHAIRS_ACTION,))
    assert shown and {kind for kind, _ in shown} == {decision_trail.CHAIRS_ACTION}
    view.kind.setCurrentIndex(view.kind.findData(decision_trail.WRITTEN_RESOLUTION))
    assert view.entries() == [] and view.proxy.rowCount() == 0
    view.kind.setCurrentIndex(0)
    assert keys(view.entries()) == service(demo_ctx)
