"""The published register of interests: a body or everyone as at a day, exported to .xlsx."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate

from app.ui.common.tasks import ImmediateRunner
from app.ui.people.interests_register_dialog import InterestsRegisterDialog
from app.ui.people.interests_register_dialog import RegisterTableModel as M
from app.ui.people.people_view import PeopleView
from tests.ui.helpers import column_texts

SHOTS = Path(__file__).resolve().parents[2] / "shots" / "interests"


@pytest.fixture
def dialog(qtbot, demo_ctx):
    widget = InterestsRegisterDialog(demo_ctx)
    qtbot.addWidget(widget)
    widget.on.setDate(QDate(2012, 9, 1))
    widget.show()
    return widget


def test_everyone_as_at_a_day(dialog):
    names = column_texts(dialog.table, M.COL_NAME)
    assert names == sorted(names) and len(names) == 7
    # the nurse's interest ended on 31 Mar 2012: not on the register in September
    assert "Registered Nurse Member" not in names
    assert dialog.count.text() == "7 interest(s) of 7 person(s)"
    dialog.on.setDate(QDate(2012, 3, 1))
    names = column_texts(dialog.table, M.COL_NAME)
    assert "Registered Nurse Member" in names
    assert "Secondary Care Doctor" not in names  # began 1 Jun 2012
    if os.environ.get("BOARDBOOK_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SHOTS / "register_dialog.png"))


def test_one_body_and_export_read_back(dialog, tmp_path):
    everyone = len(dialog.rows())
    dialog.body.setCurrentIndex(dialog.body.findText("Remuneration Committee"))
    members = column_texts(dialog.table, M.COL_NAME)
    assert 0 < len(members) < everyone
    path = tmp_path / "register.xlsx"
    assert dialog.export_to(path)

    wb = load_workbook(path)
    ws = wb["Register of interests"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Name", "Kind of interest", "Description", "Organisation"]
    assert header[-1] == "How it is managed"
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [r[0] for r in body] == members
    lay = next(r for r in body if r[0] == "Lay Member for Governance")
    assert lay[1] == "indirect" and lay[3] == "London Borough of Merton"
    assert lay[4] == dt.datetime(2007, 1, 1) and lay[7] == "yes"
    assert wb.properties.title == "Register of interests: Remuneration Committee, 1 Sep 2012"


def test_people_section_opens_it(qtbot, demo_ctx):
    view = PeopleView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(view)
    view.show()
    view.interests.register_button.click()
    assert view.interests.register_dialog.isVisible()
    assert view.interests.register_dialog.body.currentText() == "Everyone"
    view.interests.register_dialog.reject()
