"""The action log: filters, overdue in red, add, close and update; the meeting's own tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from app.services.meetings import actions, meetings
from app.ui.common.choices import BAD_COLOUR
from app.ui.common.tasks import ImmediateRunner
from app.ui.meetings.actions_view import ActionsTableModel, ActionsView
from tests.ui.helpers import column_texts

COL = ActionsTableModel


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = ActionsView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    return widget


def test_open_actions_by_default_and_overdue_in_red(view, demo_ctx):
    open_count = len(demo_ctx.run(actions.list_actions, open_only=True))
    assert view.proxy.rowCount() == open_count
    assert set(column_texts(view.table, COL.COL_STATUS)) <= {"open", "in progress", "overdue"}
    row = column_texts(view.table, COL.COL_STATUS).index("overdue")
    colour = view.proxy.index(row, COL.COL_ACTION).data(Qt.ItemDataRole.ForegroundRole)
    assert colour == BAD_COLOUR


def test_open_only_off_shows_closed_actions(view):
    before = view.proxy.rowCount()
    view.open_only.setChecked(False)
    assert view.proxy.rowCount() > before
    assert "closed" in column_texts(view.table, COL.COL_STATUS)


def test_filters_by_owner_overdue_and_body(view):
    view.overdue.setChecked(True)
    assert set(column_texts(view.table, COL.COL_STATUS)) == {"overdue"}
    view.overdue.setChecked(False)
    view.owner.setCurrentIndex(view.owner.findText("Chief Finance Officer"))
    assert set(column_texts(view.table, COL.COL_OWNER)) == {"Chief Finance Officer"}
    view.owner.setCurrentIndex(0)
    view.committee.setCurrentIndex(view.committee.findText("Audit Committee"))
    assert set(column_texts(view.table, COL.COL_BODY)) == {"Audit Committee"}


def test_add_update_and_close_an_action(view, demo_ctx):
    view.add_action_item()
    dialog = view.editor
    dialog.meeting.setCurrentIndex(0)  # the latest meeting
    dialog.description.setPlainText("Circulate the winter plan to members")
    dialog.owner.setCurrentIndex(dialog.owner.findText("Director of Quality"))
    dialog.due.set_date(dt.date(2099, 1, 31))
    dialog.accept()
    assert "Circulate the winter plan to members" in column_texts(view.table, COL.COL_ACTION)
    assert view.selected_row().description == "Circulate the winter plan to members"
    view.add_update()
    view.editor.text.setText("Sent to members")
    view.editor.accept()
    assert view.selected_row().latest_update == "Sent to members"
    view.close_selected()
    assert "Circulate the winter plan to members" not in column_texts(view.table, COL.COL_ACTION)


def test_a_blank_action_shows_the_problem_in_place(view):
    view.add_action_item()
    view.editor.accept()
    assert not view.editor.errors.label("description").isHidden()


def test_meeting_tab_shows_only_that_meetings_actions(qtbot, demo_ctx):
    sept = next(m for m in demo_ctx.run(meetings.list_meetings)
                if m.meeting_date == dt.date(2012, 9, 27))
    tab = ActionsView(demo_ctx, ImmediateRunner(), meeting_id=sept.id)
    qtbot.addWidget(tab)
    raised = demo_ctx.run(actions.list_actions, meeting_id=sept.id)
    assert tab.proxy.rowCount() == len(raised) > 0
    assert set(column_texts(tab.table, COL.COL_RAISED)) == {"27 Sep 2012"}
    assert tab.committee.isHidden()
