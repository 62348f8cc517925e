"""No text Boardbook writes to a spreadsheet runs as a formula, in any column of any export;
numbers stay numbers; the register reads its own neutralised text back exactly; and an
imported formula is never worked out."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import NotFound, ValidationError
from app.exchange.decision_trail_xlsx import write_trail_xlsx
from app.exchange.interests_xlsx import write_register_xlsx
from app.exchange.register.files import export_register, import_register
from app.exchange.safe_cells import TRIGGERS, cell_value, read_text, safe_text
from app.services import interests, people
from app.services.context import AppContext
from app.services.decisions import decisions
from app.services.decisions import trail as decision_trail
from app.services.meetings import actions
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import risks
from app.services.risks.register import RiskFilter
from tests.services.decision_setup import make_setup
from tests.services.risk_setup import make_register

TODAY = dt.date(2013, 6, 1)
ALL = RiskFilter(status=None)
DANGEROUS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1", "-2", "@SUM(1)",
             "\tTab", "\rCR", "'quoted", "-5% over budget", "''=twice"]


# ------------------------------------------------------------------------------- the rule


@pytest.mark.parametrize("text", DANGEROUS)
def test_dangerous_text_gets_an_apostrophe_and_reads_back(text):
    written = safe_text(text)
    assert written == "'" + text and read_text(written) == text


@pytest.mark.parametrize("text", ["", "Plain words", "'", "it's", "5 - 3", "#N/A", "'plain"])
def test_other_text_reads_back(text):
    assert read_text(safe_text(text)) == text
    assert safe_text(text)[:1] not in TRIGGERS


@given(st.text())
def test_the_rule_is_exactly_reversible(text):
    written = safe_text(text)
    assert read_text(written) == text and written[:1] not in TRIGGERS


@pytest.mark.parametrize("value", [3, -5, 2.5, -0.25, True, None, dt.date(2013, 3, 31)])
def test_numbers_dates_and_blanks_are_written_as_themselves(value):
    assert cell_value(value) is value


# ------------------------------------------------------------------------------- reading


def _formula_cells(path) -> list[str]:
    book = openpyxl.load_workbook(path)  # formulas as formulas, not their results
    return [f"{ws.title}!{c.coordinate}" for ws in book.worksheets for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def _text_cells(path) -> list:
    book = openpyxl.load_workbook(path)
    return [c for ws in book.worksheets for row in ws.iter_rows(min_row=2) for c in row
            if isinstance(c.value, str)]


def _assert_safe_workbook(path, stored: list[str]) -> None:
    assert _formula_cells(path) == []
    cells = _text_cells(path)
    assert all(c.data_type == "s" for c in cells)
    assert not [c.value for c in cells if c.value[:1] in TRIGGERS]
    shown = {c.value for c in cells}
    for text in stored:
        assert safe_text(text) in shown, text


# ---------------------------------------------------------------------- the risk register


def _fill_register(session) -> None:
    reg = make_register(session)
    owner = people.create_person(session, name="@Finance lead", kind="executive").id
    for n, text in enumerate(DANGEROUS, start=1):
        row = risks.create_risk(
            session, title=text, reference=f"CR-{n:03}", cause=text, event=text, effect=text,
            category_id=reg.finance, owner_id=owner, committee_id=reg.governing_body,
            raised_on=dt.date(2012, 4, 2), inherent_likelihood=4, inherent_consequence=5,
            current_likelihood=3, current_consequence=4, rationale=text + " at first",
            today=TODAY)
        control = risks_detail.add_control(session, risk_id=row.id, description=text,
                                           control_type="preventive", effectiveness="effective")
        risks_detail.add_assurance(session, risk_id=row.id, description=text, line_of_defence=2,
                                   positive=True, source="", received_on=None,
                                   control_id=control.id)
        gap = risks_detail.add_gap(session, risk_id=row.id, kind="control", description=text)
        risks_detail.add_action(session, risk_id=row.id, description=text, owner_id=None,
                                due_on=dt.date(2013, 9, 30), status="open", completed_on=None,
                                gap_id=gap.id, today=TODAY)
        risks.rescore_risk(session, risk_id=row.id, expected_version=None, kind="current",
                           likelihood=2, consequence=4, rationale=text,
                           source=text.replace("|", "/"),  # a CSV history line splits at bars
                           scored_on=dt.date(2013, 1, 10), today=TODAY)
        if n % 2:
            risks.close_risk(session, risk_id=row.id, expected_version=None, reason=text,
                             closed_on=dt.date(2013, 5, 1), today=TODAY)


def _details(ctx) -> dict:
    with ctx.transaction() as s:
        return {d.risk.reference: d for d in risks_detail.list_risk_details(
            s, filters=ALL, today=TODAY)}


def _stored_risk_texts(ctx) -> list[str]:
    """The dangerous text as the services kept it (a title is stripped, a cause is not)."""
    return [t for d in _details(ctx).values()
            for t in (d.risk.title, d.risk.cause, d.risk.effect)]


def test_register_workbook_holds_no_formula_and_numbers_stay_numbers(sqlite_ctx, tmp_path):
    sqlite_ctx.run(_fill_register)
    path = tmp_path / "register.xlsx"
    sqlite_ctx.run(export_register, path=path, today=TODAY)
    _assert_safe_workbook(path, _stored_risk_texts(sqlite_ctx) + ["@Finance lead"])
    ws = openpyxl.load_workbook(path)["Risk register"]
    heads = [c.value for c in ws[1]]
    first = dict(zip(heads, ws[2], strict=True))
    assert first["Title"].value == "'" + DANGEROUS[0]
    for heading in ("Current score", "Inherent likelihood", "Open actions"):
        assert first[heading].data_type == "n" and isinstance(first[heading].value, int)
    assert first["Controls in place"].value.startswith("'=HYPERLINK(")
    history = openpyxl.load_workbook(path)["Score history"]
    assert {c.value for c in history["K"]} >= {"'-2", "'@SUM(1)", "'+1"}  # rationales


def test_register_csv_starts_no_field_with_a_formula_character(sqlite_ctx, tmp_path):
    sqlite_ctx.run(_fill_register)
    path = tmp_path / "register.csv"
    sqlite_ctx.run(export_register, path=path, today=TODAY)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    fields = [v for row in rows for v in row]
    assert not [v for v in fields if v[:1] in TRIGGERS]
    heads = rows[0]
    by_heading = [dict(zip(heads, row, strict=True)) for row in rows[1:]]
    assert [r["Cause"] for r in by_heading] == [safe_text(t) for t in DANGEROUS]
    assert by_heading[0]["Current score"] == "8" and by_heading[0]["Risk owner"] == (
        "'@Finance lead")


@pytest.fixture
def fresh(sqlite_template, tmp_path):
    path = tmp_path / "fresh.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="importer")
    yield ctx
    ctx.close()


def _comparable(value):
    if hasattr(value, "__dataclass_fields__"):
        return {k: _comparable(v) for k, v in vars(value).items()
                if k not in ("id", "version", "risk_id", "control_id", "gap_id")}
    if isinstance(value, list | tuple):
        return [_comparable(v) for v in value]
    return value


def _same_people(session) -> None:
    make_register(session)
    people.create_person(session, name="@Finance lead", kind="executive")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_neutralised_text_comes_back_exactly(sqlite_ctx, fresh, tmp_path, suffix):
    sqlite_ctx.run(_fill_register)
    path = tmp_path / f"register{suffix}"
    sqlite_ctx.run(export_register, path=path, today=TODAY)
    fresh.run(_same_people)
    with fresh.transaction() as s:
        import_register(s, path=path, today=TODAY)
    before, after = _details(sqlite_ctx), _details(fresh)
    assert list(before) == list(after)
    for reference, original in before.items():
        assert _comparable(after[reference]) == _comparable(original), reference
    causes = [d.risk.cause for d in after.values()]
    assert causes == DANGEROUS  # "\tTab", "\rCR" and "'quoted" included, byte for byte


# -------------------------------------------------------------------- formulas imported


HEADINGS = ["Risk Ref", "Risk Title", "Category", "Likelihood", "Impact", "Risk Score"]


def _register_with_formula(path, *, saved_result: int | None) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(HEADINGS)
    ws.append(["CR-1", "Overspend", "Financial", 4, 4, "=D2*E2"])
    book.save(path)
    if saved_result is None:
        return
    # What Excel saves: the formula and the result it last worked out.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = re.sub(rb"(<f>D2\*E2</f>)<v\s*/?>(</v>)?", rb"\1<v>%d</v>" % saved_result,
                          parts[sheet])
    assert b"<v>%d</v>" % saved_result in parts[sheet]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_formula_without_its_result_is_refused_by_row_and_column(sqlite_ctx, tmp_path):
    sqlite_ctx.run(make_register)
    path = tmp_path / "with-formula.xlsx"
    _register_with_formula(path, saved_result=None)
    with sqlite_ctx.transaction() as s, pytest.raises(ValidationError) as caught:
        import_register(s, path=path, today=TODAY)
    shown = [str(p) for p in caught.value.problems]
    assert any(p.startswith("row 2, Risk Score: holds a formula (=D2*E2) saved without its "
                            "result") for p in shown), shown
    with pytest.raises(NotFound):
        sqlite_ctx.run(risk_register.find_risk, reference="CR-1")  # nothing was imported


def test_a_formula_is_read_as_the_result_the_spreadsheet_saved(sqlite_ctx, tmp_path):
    sqlite_ctx.run(make_register)
    path = tmp_path / "from-excel.xlsx"
    _register_with_formula(path, saved_result=16)
    with sqlite_ctx.transaction() as s:
        import_register(s, path=path, today=TODAY)
    risk = sqlite_ctx.run(risk_register.find_risk, reference="CR-1")
    assert risk.current_score == 16


# ------------------------------------------------------------- the register of interests


def test_register_of_interests_holds_no_formula(ctx, tmp_path):
    with ctx.transaction() as s:
        for text in DANGEROUS:
            person = people.create_person(s, name=f"Member {len(text)}{text}",
                                          kind="lay member")
            interests.add_interest(s, person_id=person.id, kind="financial", description=text,
                                   organisation=text, management=text,
                                   from_date=dt.date(2012, 4, 1),
                                   declared_on=dt.date(2012, 4, 2))
        rows = interests.register_of_interests(s, on=dt.date(2012, 6, 1))
    path = tmp_path / "interests.xlsx"
    write_register_xlsx(path, rows, "Register of interests")
    stored = [t for r in rows for t in (r.person, r.description, r.organisation, r.management)]
    _assert_safe_workbook(path, stored)
    ws = openpyxl.load_workbook(path).active
    assert {c.value for c in ws["C"]} >= {"'=HYPERLINK(\"http://x\",\"y\")", "'-2"}
    assert all(isinstance(c.value, dt.datetime) for c in ws["G"][1:])  # dates stay dates


# ------------------------------------------------------------------- the decision trail


def test_decision_trail_holds_no_formula(ctx, tmp_path):
    with ctx.transaction() as s:
        st_ = make_setup(s)
        chief = st_.body.person["Chief Officer"]
        d = decisions.record_decision(
            s, agenda_item_id=st_.item_id, outcome="approved", resolution=DANGEROUS[0],
            rationale=DANGEROUS[1], override_reason=DANGEROUS[4],
            risk_changes=[(st_.risk_id, None, 3, 4)],
            new_actions=[(text, chief, dt.date(2012, 10, 5)) for text in DANGEROUS])
        for action_id, text in zip(d.action_ids, DANGEROUS, strict=True):
            actions.add_action_update(s, action_id=action_id, text=text,
                                      on=dt.date(2012, 10, 3))
        export = decision_trail.trail_export(s)
    path = write_trail_xlsx(export, tmp_path / "trail.xlsx")
    stored = [a.description for chain in export.chains for a in chain.actions]  # stripped
    _assert_safe_workbook(path, [DANGEROUS[0], DANGEROUS[1], *stored])
    book = openpyxl.load_workbook(path)
    head = [c.value for c in book["Decisions"][1]]
    row = dict(zip(head, book["Decisions"][2], strict=True))
    assert row["Resolution"].value == "'" + DANGEROUS[0]
    assert row["Decision"].data_type == "n" and row["Actions raised"].value == len(DANGEROUS)
    assert {c.value for c in book["Actions"]["C"]} >= {safe_text(t) for t in stored}
    score = dict(zip([c.value for c in book["Risk changes"][1]], book["Risk changes"][2],
                     strict=True))
    assert score["Score"].value == 12 and score["Score"].data_type == "n"
