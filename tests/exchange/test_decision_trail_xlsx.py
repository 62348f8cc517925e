"""The decision trail workbook, read back with openpyxl."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from app.exchange.decision_trail_xlsx import write_trail_xlsx
from app.services.decisions import trail as decision_trail
from tests.services.decisions.test_trail import story  # noqa: F401  (the fixture)


@pytest.fixture
def workbook(ctx, story, tmp_path):  # noqa: F811
    export = ctx.run(decision_trail.trail_export)
    path = write_trail_xlsx(export, tmp_path / "trail.xlsx")
    return export, openpyxl.load_workbook(path)


def test_sheets_with_bold_frozen_headers(workbook):
    _, wb = workbook
    assert wb.sheetnames == ["Decisions", "Chair's actions", "Actions", "Risk changes", "About"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws["A1"].font.bold


def test_decisions_and_chairs_actions_rows(workbook, story):  # noqa: F811
    export, wb = workbook
    ws = wb["Decisions"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert [r["Decision"] for r in rows] == [e.id for e in export.entries
                                             if e.kind == "decision"]
    first = rows[0]
    assert first["Outcome"] == "approved" and first["Paper version"] == "Working Draft v1.0"
    assert first["Decided on"].date() == dt.date(2012, 9, 27)
    assert story["st"].attachment_sha in first["Files considered (SHA-256)"]
    overridden = next(r for r in rows if r["Decision"] == story["inquorate"].id)
    assert overridden["Quorate"] == "no" and overridden["Override reason"].startswith("Info")
    ca = [dict(zip([c.value for c in wb["Chair's actions"][1]], (c.value for c in r),
                   strict=True)) for r in wb["Chair's actions"].iter_rows(min_row=2)]
    assert [(r["Chair's action"], r["Status"], r["Role"]) for r in ca] == [
        (story["ca"].id, "ratified", "chair")]
    assert "Chief Officer" in ca[0]["Consulted"]


def test_actions_risk_changes_and_about(workbook, story):  # noqa: F811
    export, wb = workbook
    assert wb["Actions"]["C2"].value == "Circulate the final ISOP"
    assert "Circulated" in wb["Actions"]["I2"].value
    assert wb["Risk changes"]["J2"].value == f"decision #{story['decision'].id}"
    about = {r[0].value: r[1].value for r in wb["About"].iter_rows(min_row=2)}
    assert about["Audit chain head"] == export.chain_head
    assert about["Audit verify"].startswith("passed")
