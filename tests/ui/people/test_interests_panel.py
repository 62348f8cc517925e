"""The register of interests in the People section, as a board secretary keeps it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.services import interests
from app.ui.common.record_view import RETIRED_COLOUR
from app.ui.common.tasks import ImmediateRunner
from app.ui.people.interests_panel import InterestsTableModel as M
from app.ui.people.people_view import PeopleTableModel, PeopleView
from tests.ui.helpers import column_texts, row_where, select_text

FOREGROUND = Qt.ItemDataRole.ForegroundRole
SHOTS = Path(__file__).resolve().parents[2] / "shots" / "interests"


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = PeopleView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.panel.tabs.setCurrentWidget(widget.interests)
    return widget


def choose(view, name: str):
    select_text(view, PeopleTableModel.COL_NAME, name)
    return view.interests


def shoot(widget, name: str) -> None:
    """Pictures for a person to look at, when BOARDBOOK_SHOTS is set."""
    if os.environ.get("BOARDBOOK_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / f"{name}.png"))


def registered(ctx, name: str) -> list:
    return [r for r in ctx.run(interests.list_interests) if r.person == name]


def test_selecting_a_person_shows_their_register(view):
    panel = choose(view, "GP Member, Nelson locality")
    assert column_texts(panel.table, M.COL_DESCRIPTION) == [
        "GP partner in a Nelson locality practice; the practice belongs to a locality consortium "
        "that bids for community services"]
    cells = row_texts_of(panel, 0)
    assert cells[M.COL_KIND] == "financial"
    assert cells[M.COL_ORGANISATION] == "Nelson locality practices consortium"
    assert cells[M.COL_FROM] == "1 Oct 2011" and cells[M.COL_TO] == ""
    # declared six months after it began: flagged
    assert cells[M.COL_DECLARED] == "⚑ 2 Apr 2012 (late)"
    # the first entry is selected and shown in full, with how it is managed
    assert panel.selected_row().kind == "financial"
    assert "How it is managed: Withdraws from items" in panel.detail.text()
    assert "Declared 184 days after it began" in panel.detail.text()
    assert "1 current" in panel.summary.text() and "declared late" in panel.summary.text()
    shoot(view, "people_register_tab")

    panel = choose(view, "Registered Nurse Member")
    cells = row_texts_of(panel, 0)
    assert cells[M.COL_TO] == "31 Mar 2012"
    assert panel.model.index(0, 0).data(FOREGROUND) == RETIRED_COLOUR
    assert "Ended 31 Mar 2012; kept on the register" in panel.detail.text()
    assert panel.summary.text() == "0 current, 1 ended"
    assert not panel.end_button.isEnabled() and panel.edit_button.isEnabled()
    shoot(panel, "register_tab_ended")


def row_texts_of(panel, row: int) -> list[str]:
    model = panel.table.model()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_add_an_interest_through_the_dialog(view, demo_ctx):
    panel = choose(view, "Chief Finance Officer")
    assert panel.rows() == []
    assert panel.summary.text() == "No interests on the register."
    panel.add_button.click()
    dialog = panel.editor
    assert dialog.windowTitle() == "Add an interest for Chief Finance Officer"
    dialog.kind.setCurrentText("non-financial professional")
    dialog.description.setPlainText("Treasurer of the Healthcare Financial Management "
                                    "Association, London branch")
    dialog.organisation.setText("HFMA London")
    dialog.from_date.set_date(dt.date(2012, 5, 1))
    dialog.declared_on.set_date(dt.date(2012, 7, 1))
    assert dialog.late_note.isVisible() and "61 days" in dialog.late_note.text()
    dialog.management.setPlainText("Declared at each meeting")
    shoot(dialog, "interest_dialog_add")
    dialog.accept()

    assert not dialog.isVisible()
    cells = row_where(panel.table, M.COL_ORGANISATION, "HFMA London")
    assert cells[M.COL_KIND] == "non-financial professional"
    assert cells[M.COL_DECLARED] == "⚑ 1 Jul 2012 (late)"
    assert panel.selected_row().organisation == "HFMA London"
    [saved] = registered(demo_ctx, "Chief Finance Officer")
    assert saved.description.startswith("Treasurer of the Healthcare Financial")
    assert saved.from_date == dt.date(2012, 5, 1) and saved.declared_late
    assert saved.management == "Declared at each meeting"


def test_blank_description_shows_the_problem_in_place_and_saves_nothing(view, demo_ctx):
    before = len(demo_ctx.run(interests.list_interests))
    panel = choose(view, "Chief Finance Officer")
    panel.add_interest()
    dialog = panel.editor
    dialog.description.setPlainText("   ")
    dialog.from_date.set_date(dt.date(2012, 6, 1))
    dialog.to_date.set_date(dt.date(2012, 5, 1))
    dialog.accept()

    assert dialog.isVisible()
    description = dialog.findChild(QLabel, "problem_description")
    to_date = dialog.findChild(QLabel, "problem_to_date")
    assert description.isVisible() and description.text() == "Say what the interest is"
    assert to_date.isVisible() and to_date.text() == "The interest ends before it starts"
    assert not dialog.findChild(QLabel, "problem_kind").isVisible()
    shoot(dialog, "interest_dialog_problems")
    assert len(demo_ctx.run(interests.list_interests)) == before
    assert panel.rows() == []
    dialog.reject()


def test_edit_an_interest(view, demo_ctx):
    panel = choose(view, "GP Member, IPCCG")
    panel.table.selectRow(0)
    panel.edit_button.click()
    dialog = panel.editor
    assert dialog.description.toPlainText().startswith("Clinical lead for diabetes")
    dialog.management.setPlainText("Takes no part in decisions on the diabetes pathway")
    dialog.accept()
    assert not dialog.isVisible()
    [saved] = registered(demo_ctx, "GP Member, IPCCG")
    assert saved.management == "Takes no part in decisions on the diabetes pathway"
    assert panel.selected_row().id == saved.id
    assert f"How it is managed: {saved.management}" in panel.detail.text()


def test_end_an_interest_shows_it_ended(view, demo_ctx):
    panel = choose(view, "Lay Member for Governance")
    panel.table.selectRow(0)
    assert panel.end_button.isEnabled()
    panel.end_button.click()
    dialog = panel.editor
    dialog.on.setDate(dialog.on.date().fromString("2013-03-31", "yyyy-MM-dd"))
    shoot(dialog, "end_interest_dialog")
    dialog.accept()

    assert not dialog.isVisible()
    cells = row_texts_of(panel, 0)
    assert cells[M.COL_TO] == "31 Mar 2013"
    assert "Ended 31 Mar 2013; kept on the register" in panel.detail.text()
    assert panel.summary.text().startswith("0 current, 1 ended")
    assert panel.model.index(0, M.COL_KIND).data(FOREGROUND) == RETIRED_COLOUR
    assert not panel.end_button.isEnabled()  # already ended
    [saved] = registered(demo_ctx, "Lay Member for Governance")
    assert saved.to_date == dt.date(2013, 3, 31) and not saved.current


def test_end_before_it_began_is_refused_in_place(view, demo_ctx):
    panel = choose(view, "Lay Member for Governance")
    panel.table.selectRow(0)
    panel.end_selected()
    dialog = panel.editor
    dialog.on.setDate(dialog.on.date().fromString("2006-01-01", "yyyy-MM-dd"))
    dialog.accept()
    assert dialog.isVisible()
    problem = dialog.findChild(QLabel, "problem_to_date")
    assert problem.isVisible() and problem.text() == "The interest ends before it starts"
    assert registered(demo_ctx, "Lay Member for Governance")[0].to_date is None
    dialog.reject()


def test_delete_of_a_declared_interest_is_refused_with_the_message(view, demo_ctx,
                                                                   message_boxes):
    panel = choose(view, "Clinical Chair")
    panel.table.selectRow(0)
    panel.delete_button.click()
    assert any("declared at meetings: end it rather than delete it" in text
               for text in message_boxes.texts)
    assert len(registered(demo_ctx, "Clinical Chair")) == 1
    assert len(panel.rows()) == 1


def test_delete_an_entry_made_in_error(view, demo_ctx, message_boxes):
    panel = choose(view, "Lay Member for Patient and Public Involvement")
    panel.table.selectRow(0)
    panel.delete_selected()
    assert any(text.startswith("Delete this entry") for text in message_boxes.texts)
    assert registered(demo_ctx, "Lay Member for Patient and Public Involvement") == []
    assert panel.rows() == [] and panel.summary.text() == "No interests on the register."
