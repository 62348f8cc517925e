"""Risk registers in and out of spreadsheets: messy real-style workbooks and CSV files, every
problem listed with its row and nothing imported, and export → import without loss."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import openpyxl
import pytest

from app.domain.errors import ValidationError
from app.exchange.register.files import export_register, import_register, preview_register
from app.exchange.register.headings import HeadingMap, guess_field
from app.exchange.register.values import date as parse_date
from app.services import audit, organisation
from app.services.context import AppContext
from app.services.demo import risks as demo_risks
from app.services.demo.load import add_people_and_bodies
from app.services.risks import detail as risks_detail
from app.services.risks import register as risk_register
from app.services.risks import settings as risk_settings
from app.services.risks.register import RiskFilter
from tests.services.risk_setup import make_register, raise_risk

TODAY = dt.date(2013, 6, 1)
ALL = RiskFilter(status=None)
HEADINGS = ["Risk Ref", "Risk Title", "Risk Description", "Category", "Risk Owner",
            "Lead Committee", "Likelihood", "Impact", "Risk Score", "Controls in place",
            "Gaps in control", "Actions", "Review date", "Date raised"]


@pytest.fixture
def reg(ctx):
    return ctx.run(make_register)


def messy_workbook(path, rows: list[list], merges: tuple[str, ...] = ()) -> None:
    """A register as organisations keep them: two merged title rows, a blank row, then the
    headings, data with blank rows between, numbers and dates typed as text."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "CRR Q2"
    ws.append(["NHS Test CCG"])
    ws.append(["Corporate Risk Register 2012/13 — version 3 (draft for Governing Body)"])
    ws.merge_cells("A1:H1")
    ws.merge_cells("A2:H2")
    ws.append([])
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    for cells in merges:
        ws.merge_cells(cells)
    notes = book.create_sheet("Notes")
    notes.append(["Scoring uses the NPSA 5x5 matrix."])
    book.save(path)


GOOD_ROWS = [
    ["CR-101", "Financial balance not achieved", "The CCG overspends its allocation",
     "Financial", "Chief Finance Officer", "Governing Body", 4, "3", "12",
     "• Monthly finance report to the Governing Body\n• Contingency held [preventive; effective]",
     "Savings plans not yet identified",
     "Agree a recovery plan [Chief Finance Officer; due 31/03/2013]",
     dt.datetime(2013, 3, 31), "02/04/2012"],
    [],
    ["CR-102", "Quality of commissioned care falls", "Providers miss national standards",
     "clinical and quality", "director of quality", "Quality Committee", "3 - Possible",
     "Major", 12, "Contract quality schedule", "", "", "12 Oct 2012", "2012-04-02"],
    ["CR-103", "Safeguarding training lapses", "", "Clinical and quality",
     "Director of Quality", "Quality Committee", 2, 3, 6, "Training register", "", "",
     "31 Dec 2012", "2 Apr 2012"],
    [None, None, None, None, None, None, None, None, None, "Named nurse for each practice",
     "No audit of training since 2011", None, None, None],
    ["CR-104", "Estates costs rise", "", "Financial", "", "", None, None, "4 x 2 = 8", "",
     "", "", "", ""],
]


def _risks(ctx) -> dict[str, risks_detail.RiskDetail]:
    with ctx.transaction() as s:
        return {d.risk.reference: d for d in risks_detail.list_risk_details(
            s, filters=ALL, today=TODAY)}


def _import(ctx, **kw):
    with ctx.transaction() as s:
        return import_register(s, today=TODAY, **kw)


# -------------------------------------------------------------------------------- headings


@pytest.mark.parametrize(("heading", "field"), [
    ("Risk Ref", "reference"), ("Ref", "reference"), ("ID", "reference"),
    ("Risk Title", "title"), ("Risk Description", "event"), ("Cause", "cause"),
    ("Risk Owner", "owner"), ("Owner", "owner"), ("Lead Committee", "committee"),
    ("Controls in place", "controls"), ("Gaps in assurance", "gaps_assurance"),
    ("Review date", "next_review_on"), ("Next review", "next_review_on"),
    ("Date raised", "raised_on"), ("Risk Ref.", "reference"),
    ("Likelihood (1-5)", "?_likelihood"), ("Impact", "?_consequence"),
    ("Initial Likelihood", "inherent_likelihood"), ("Target Score", "target_score"),
])
def test_headings_are_recognised(heading, field):
    assert guess_field(heading) == field  # "?_": a bare axis, the current score's unless …


def test_bare_scores_are_current_and_residual_depends_on_the_sheet():
    m = HeadingMap.guess(["Ref", "Title", "Initial L", "Initial C", "L", "C", "Score",
                          "Residual L", "Residual C", "RAG"])
    assert [c.field for c in m.columns] == [
        "reference", "title", "inherent_likelihood", "inherent_consequence",
        "current_likelihood", "current_consequence", "current_score", "target_likelihood",
        "target_consequence", "derived"]
    alone = HeadingMap.guess(["Ref", "Title", "Inherent score", "Residual score"])
    assert alone.columns[3].field == "current_score"
    grouped = HeadingMap.guess(["Ref", "L", "C", "L", "C"], ["", "Initial risk", "", "Target",
                                                             ""])
    assert grouped.columns[1].field == "inherent_likelihood"
    assert grouped.columns[3].field == "target_likelihood"


@pytest.mark.parametrize("text", ["12/10/2012", "2012-10-12", "12 Oct 2012", "12th October 2012",
                                  "12-Oct-12", dt.datetime(2012, 10, 12), 41194])
def test_dates_as_people_write_them(text):
    assert parse_date(text) == dt.date(2012, 10, 12)


# ---------------------------------------------------------------------------------- import


def test_messy_workbook_is_read_as_a_person_reads_it(ctx, reg, tmp_path):
    path = tmp_path / "crr.xlsx"
    # CR-103's reference, title and description are merged over its two rows.
    messy_workbook(path, GOOD_ROWS, merges=("A8:A9", "B8:B9", "C8:C9"))
    preview = preview_register(path)
    assert preview.sheet == "CRR Q2" and preview.header_row == 4
    assert [r[0] for r in preview.rows] == [5, 7, 8, 9, 10]
    assert not preview.missing and not preview.unmapped

    result = _import(ctx, path=path)
    assert result.created == ("CR-101", "CR-102", "CR-103", "CR-104")
    found = _risks(ctx)
    one = found["CR-101"]
    assert (one.risk.title, one.risk.event, one.risk.owner) == (
        "Financial balance not achieved", "The CCG overspends its allocation",
        "Chief Finance Officer")
    assert (one.risk.current_likelihood, one.risk.current_consequence) == (4, 3)
    assert (one.risk.raised_on, one.risk.next_review_on) == (dt.date(2012, 4, 2),
                                                             dt.date(2013, 3, 31))
    assert [(c.description, c.control_type, c.effectiveness) for c in one.controls] == [
        ("Monthly finance report to the Governing Body", "preventive", "partially effective"),
        ("Contingency held", "preventive", "effective")]
    assert [(a.description, a.owner, a.due_on) for a in one.actions] == [
        ("Agree a recovery plan", "Chief Finance Officer", dt.date(2013, 3, 31))]
    two = found["CR-102"]
    assert (two.risk.category, two.risk.owner, two.risk.committee) == (
        "Clinical and quality", "Director of Quality", "Quality Committee")
    assert (two.risk.current_likelihood, two.risk.current_consequence) == (3, 4)
    assert two.risk.next_review_on == dt.date(2012, 10, 12)
    three = found["CR-103"]  # its second row, under the merged cells, continues it
    assert [c.description for c in three.controls] == ["Training register",
                                                       "Named nurse for each practice"]
    assert [g.description for g in three.gaps_in("control")] == [
        "No audit of training since 2011"]
    four = found["CR-104"]
    assert (four.risk.current_likelihood, four.risk.current_consequence) == (4, 2)
    assert four.risk.inherent_score == four.risk.current_score
    assert any("no inherent score" in n for n in result.notes)
    assert four.history[0].source == "import"
    assert four.history[0].rationale == "Imported from crr.xlsx"


def test_imported_risks_are_audited(ctx, reg, tmp_path):
    path = tmp_path / "crr.xlsx"
    messy_workbook(path, GOOD_ROWS)
    with ctx.transaction() as s:
        before = audit.event_count(s)
    _import(ctx, path=path)
    with ctx.transaction() as s:
        events = audit.list_events(s, record_type="risk")
        assert audit.event_count(s) > before
        assert audit.verify(s).ok
    assert len({e.record_id for e in events}) == 4


def test_two_row_header_with_merged_groups(ctx, reg, tmp_path):
    """"Initial risk", "Current risk" and "Target risk" merged over L, C and Score; Ref and
    Title in the upper row only, as many registers lay them out."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Quality risk register"])
    ws.append(["Ref", "Title", "Category", "Initial risk", None, None, "Current risk", None,
               None, "Target risk", None, None, "Target date"])
    ws.append([None, None, None, "L", "C", "Score", "L", "C", "Score", "L", "C", "Score"])
    ws.append(["Q-1", "Falls in care homes", "Clinical and quality", 4, 4, 16, 3, 4, 12, 2, 4,
               8, "31/03/2013"])
    for cells in ("D2:F2", "G2:I2", "J2:L2"):
        ws.merge_cells(cells)
    path = tmp_path / "quality.xlsx"
    book.save(path)
    preview = preview_register(path)
    assert preview.header_row == 3
    assert [c.field for c in preview.mapping.columns] == [
        "reference", "title", "category", "inherent_likelihood", "inherent_consequence",
        "inherent_score", "current_likelihood", "current_consequence", "current_score",
        "target_likelihood", "target_consequence", "target_score", "target_date"]
    _import(ctx, path=path)
    risk = _risks(ctx)["Q-1"].risk
    assert (risk.inherent_score, risk.current_score, risk.target_score) == (16, 12, 8)
    assert risk.target_date == dt.date(2013, 3, 31)


def test_bad_rows_import_nothing_and_every_problem_is_listed(ctx, reg, tmp_path):
    raise_risk(ctx, reg, reference="CR-009", title="Already held")
    bad = [
        GOOD_ROWS[0],
        ["CR-201", "Likelihood six", "", "Financial", "Chief Finance Officer", "", 6, 3, "",
         "", "", "", "", ""],
        ["CR-202", "Score wrong", "", "Financial", "Chief Finance Officer", "", 4, 3, 15, "",
         "", "", "", ""],
        ["CR-203", "Date wrong", "", "Financial", "Chief Finance Officer", "", 2, 2, 4, "",
         "", "", "31/13/2012", ""],
        ["CR-101", "Duplicate in file", "", "Financial", "Chief Finance Officer", "", 2, 2, 4,
         "", "", "", "", ""],
        ["CR-009", "Already in the register", "", "Financial", "", "", 2, 2, 4, "", "", "",
         "", ""],
        ["CR-204", "Unknown owner", "", "Financial", "Jon Smith", "", 2, 2, 4, "", "", "",
         "", ""],
        ["CR-205", "Unknown category", "", "Weather", "", "", 2, 2, 4, "", "", "", "", ""],
    ]
    path = tmp_path / "bad.xlsx"
    messy_workbook(path, bad)
    with pytest.raises(ValidationError) as caught:
        _import(ctx, path=path)
    found = {(p.row, p.field): p.reason for p in caught.value.problems}
    assert "must be 1 to 5, not 6" in found[(6, "Likelihood")]
    assert found[(7, "Risk Score")] == "15 is not Likelihood × Impact (4 × 3 = 12)"
    assert "'31/13/2012' is not a date" in found[(8, "Review date")]
    assert found[(9, "Risk Ref")] == "CR-101 is also the reference of row 5"
    assert found[(10, "Risk Ref")] == "CR-009 is already in the register"
    assert found[(11, "Risk Owner")].startswith("unknown owner 'Jon Smith'")
    assert "the categories are Clinical and quality, Financial" in found[(12, "Category")]
    assert len(found) == 7
    assert set(_risks(ctx)) == {"CR-009"}  # the good row was not imported either


def test_skip_existing_leaves_held_risks_alone(ctx, reg, tmp_path):
    raise_risk(ctx, reg, reference="CR-101", title="Held already")
    path = tmp_path / "crr.xlsx"
    messy_workbook(path, GOOD_ROWS)
    result = _import(ctx, path=path, skip_existing=True)
    assert result.skipped == ("CR-101",)
    assert result.created == ("CR-102", "CR-103", "CR-104")
    assert _risks(ctx)["CR-101"].risk.title == "Held already"


def test_dry_run_checks_everything_and_writes_nothing(ctx, reg, tmp_path):
    path = tmp_path / "crr.xlsx"
    messy_workbook(path, GOOD_ROWS)
    result = _import(ctx, path=path, dry_run=True)
    assert result.dry_run and len(result.created) == 4
    assert _risks(ctx) == {}


def test_mapping_can_be_changed(ctx, reg, tmp_path):
    path = tmp_path / "crr.xlsx"
    messy_workbook(path, GOOD_ROWS)
    # Read "Risk Description" as the cause instead, and leave the actions out.
    result = _import(ctx, path=path, mapping={"Risk Description": "cause", "L": "ignore"})
    one = _risks(ctx)["CR-101"]
    assert one.risk.cause == "The CCG overspends its allocation" and one.risk.event == ""
    assert result.counts["actions"] == 0
    with pytest.raises(ValidationError, match="'colour' is not a field"):
        _import(ctx, path=path, mapping={"Impact": "colour"})


def test_csv_in_windows_1252_with_semicolons(ctx, reg, tmp_path):
    path = tmp_path / "register.csv"
    lines = ["Directorate risk register;;;;;;;",
             "",
             "Ref;Title;Category;Owner;L;C;Score;Next review;Gaps in assurance",
             "F-1;Overspend of £2m – acute activity;Financial;Chief Finance Officer;4;4;16;"
             "30/09/2012;No external review",
             '"F-2";"Prescribing costs";"Financial";"";"3";"2";"6";"2012-12-31";""']
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    result = _import(ctx, path=path)
    assert result.created == ("F-1", "F-2")
    one = _risks(ctx)["F-1"]
    assert one.risk.title == "Overspend of £2m – acute activity"
    assert one.risk.current_score == 16 and one.risk.on_corporate_register
    assert [g.description for g in one.gaps_in("assurance")] == ["No external review"]
    assert one.risk.next_review_on == dt.date(2012, 9, 30)


def test_csv_problems_name_the_record(ctx, reg, tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("Ref,Title,Category,Likelihood,Consequence\n"
                    "A-1,Fine,Financial,2,2\nA-2,Bad,Financial,2,9\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        _import(ctx, path=path)
    assert [str(p) for p in caught.value.problems] == [
        "row 3, Consequence: must be 1 to 5, not 9"]


# ---------------------------------------------------------------------------------- export


def _demo(ctx) -> None:
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {"scale": 0}
        add_people_and_bodies(s, ids)
        demo_risks.add_risk_register(s, ids)


def _same_people_and_categories(ctx) -> None:
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        add_people_and_bodies(s, {"scale": 0})
        for name, level, description in demo_risks.CATEGORIES:
            risk_settings.create_category(s, name=name, appetite_level=level,
                                          description=description)
        for code, title in demo_risks.OBJECTIVES:
            risk_settings.create_objective(s, code=code, title=title)


def _comparable(value):
    """A read model without its database ids and version counters."""
    if dataclasses.is_dataclass(value):
        return {k: _comparable(v) for k, v in vars(value).items()
                if k not in ("id", "version", "risk_id", "control_id", "gap_id")}
    if isinstance(value, list | tuple):
        return [_comparable(v) for v in value]
    return value


@pytest.fixture
def fresh(sqlite_template, tmp_path):
    path = tmp_path / "fresh.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="importer")
    yield ctx
    ctx.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_then_import_loses_nothing(sqlite_ctx, fresh, tmp_path, suffix):
    _demo(sqlite_ctx)
    with sqlite_ctx.transaction() as s:
        s.info["actor"] = "closer"
        cr3 = risk_register.find_risk(s, reference="CR-003")
        from app.services.risks import risks

        risks.close_risk(s, risk_id=cr3.id, expected_version=None, reason="Practices engaged",
                         closed_on=dt.date(2013, 5, 1))
    path = tmp_path / f"register{suffix}"
    assert sqlite_ctx.run(export_register, path=path, today=TODAY) == 6
    _same_people_and_categories(fresh)
    _import(fresh, path=path)
    before, after = _risks(sqlite_ctx), _risks(fresh)
    assert list(before) == list(after)
    for reference, original in before.items():
        assert _comparable(after[reference]) == _comparable(original), reference
    for kind in ("current", "target", "inherent"):
        counts = [c.run(risk_register.heat_map_counts, kind=kind, filters=ALL) for c in
                  (sqlite_ctx, fresh)]
        assert counts[0] == counts[1]


def test_workbook_is_formatted_for_people(sqlite_ctx, tmp_path):
    _demo(sqlite_ctx)
    path = tmp_path / "register.xlsx"
    sqlite_ctx.run(export_register, path=path, today=TODAY)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Risk register", "Score history"]
    ws = book["Risk register"]
    heads = [c.value for c in ws[1]]
    assert heads[:2] == ["Reference", "Title"] and all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "C2"
    assert ws.column_dimensions["B"].width > 30
    row = {h: c for h, c in zip(heads, ws[6], strict=True)}  # CR-005, current 4 x 4
    assert row["Reference"].value == "CR-005" and row["Current score"].value == 16
    assert row["Current score"].fill.fgColor.rgb == "00FF0000"
    assert row["Current band"].value == "Extreme"
    assert row["Current band"].fill.fgColor.rgb == "00FF0000"
    assert isinstance(row["Date raised"].value, dt.datetime)
    assert row["Date raised"].number_format == "dd/mm/yyyy"
    assert "\n" in row["Controls in place"].value
    assert "[Chief Officer; due 30 Sep 2013; open; gap C1]" in row["Actions"].value
    history = book["Score history"]
    assert history.freeze_panes == "B2" and history["A1"].font.bold
    assert history.max_row - 1 == sum(len(d.history) for d in _risks(sqlite_ctx).values())


def test_csv_has_the_same_columns_one_risk_a_row(sqlite_ctx, tmp_path):
    import csv

    _demo(sqlite_ctx)
    xlsx, text = tmp_path / "r.xlsx", tmp_path / "r.csv"
    sqlite_ctx.run(export_register, path=xlsx, filters=RiskFilter(corporate_only=True))
    sqlite_ctx.run(export_register, path=text, filters=RiskFilter(corporate_only=True))
    with open(text, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    sheet_heads = [c.value for c in openpyxl.load_workbook(xlsx)["Risk register"][1]]
    assert rows[0] == sheet_heads + ["Score history"]
    assert [r[0] for r in rows[1:]] == ["CR-005"]
