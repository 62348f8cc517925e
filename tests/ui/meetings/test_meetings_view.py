"""The Meetings section: list and calendar, planning a meeting, statuses, the calendar file,
the meeting workspace and its minutes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt

from app.services.meetings import agenda, meetings
from app.ui.common.tasks import ImmediateRunner
from app.ui.meetings.meetings_view import MeetingsTableModel, MeetingsView
from tests.ui.helpers import column_texts

SEPT_27 = dt.date(2012, 9, 27)


@pytest.fixture
def view(qtbot, demo_ctx):
    widget = MeetingsView(demo_ctx, ImmediateRunner())
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    return widget


def shown_titles(view) -> list[str]:
    return column_texts(view.table, MeetingsTableModel.COL_TITLE)


def test_list_filters_by_body_and_status(view):
    assert "Governing Body – September 2012" in shown_titles(view)
    assert "Audit Committee – June 2012" in shown_titles(view)
    view.committee.setCurrentIndex(view.committee.findText("Merton CCG Governing Body"))
    bodies = set(column_texts(view.table, MeetingsTableModel.COL_BODY))
    assert bodies == {"Merton CCG Governing Body"}
    view.status.setCurrentIndex(view.status.findData("held"))
    assert set(column_texts(view.table, MeetingsTableModel.COL_STATUS)) == {"held"}


def test_date_range_narrows_the_list(view):
    view.from_date.set_date(dt.date(2012, 9, 1))
    view.to_date.set_date(dt.date(2012, 9, 30))
    dates = column_texts(view.table, MeetingsTableModel.COL_DATE)
    assert dates and all(d.endswith("Sep 2012") for d in dates)


def test_calendar_marks_meeting_days_and_a_click_selects_them(view):
    marked = view.calendar.dateTextFormat(QDate(2012, 9, 27))
    assert marked.background().color().name() == "#cfe2f3"
    assert view.calendar.dateTextFormat(QDate(2012, 9, 26)).background().style() == Qt.BrushStyle.NoBrush
    view.calendar.clicked.emit(QDate(2012, 9, 27))
    assert [r.meeting_date for r in view.selected_rows()] == [SEPT_27]


def test_new_meeting_then_status_moves_on(view):
    view.committee.setCurrentIndex(view.committee.findText("Audit Committee"))
    view.new_meeting()
    dialog = view.editor
    dialog.title.setText("Audit Committee – June 2013")
    dialog.date.setDate(QDate(2013, 6, 6))
    dialog.venue.setText("Merton CCG offices, Wimbledon")
    dialog.accept()
    assert "Audit Committee – June 2013" in shown_titles(view)
    assert view.selected_row().status == "planned"
    assert view.advance_action.text() == "Mark agenda issued"
    view.advance_action.trigger()
    assert view.selected_row().status == "agenda issued"


def test_editing_one_meeting_changes_its_row_only(view, demo_ctx):
    row = next(r for r in view.model.rows() if r.title == "Governing Body – March 2013")
    resets, changed = [], []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.model.dataChanged.connect(lambda top, bottom, *_: changed.append(
        (top.row(), bottom.row())))
    at = view.model.position_of(row.id)
    view.select_id(row.id)
    view.edit_selected()
    view.editor.title.setText("Governing Body – March 2013 (moved)")
    view.editor.date.setDate(QDate(2013, 3, 21))
    view.editor.accept()
    assert not resets and changed == [(at, at)]
    assert view.selected_row().title == "Governing Body – March 2013 (moved)"
    assert view.calendar.dateTextFormat(QDate(2013, 3, 21)).fontWeight() == 700


def test_a_status_change_the_filter_excludes_takes_the_row_out(view, demo_ctx):
    body = view.model.row_at(0).committee_id
    row = demo_ctx.run(meetings.create_meeting, committee_id=body, title="Extra meeting",
                       starts_at=dt.datetime(2013, 7, 4, 14))
    view.status.setCurrentIndex(view.status.findData("planned"))
    count = view.model.rowCount()
    resets = []
    view.model.modelReset.connect(lambda: resets.append(1))
    view.select_id(row.id)
    view.advance_status()
    assert not resets and view.model.rowCount() == count - 1
    assert view.model.position_of(row.id) < 0


def test_a_blank_title_shows_beside_the_field(view):
    view.new_meeting()
    view.editor.accept()
    problem = view.editor.errors.label("title")
    assert not problem.isHidden() and "title" in problem.text()


def test_refused_status_change_is_shown(qtbot, view, demo_ctx, message_boxes):
    gb = next(r for r in view.model.rows() if r.title == "Governing Body – March 2013")
    new = demo_ctx.run(meetings.create_meeting, committee_id=gb.committee_id,
                       title="Governing Body – May 2013", starts_at=dt.datetime(2013, 5, 30, 14))
    demo_ctx.run(agenda.add_agenda_item, meeting_id=new.id, title="Contract award", part=2)
    view.refresh()
    view.select_id(new.id)
    view.advance_status()
    qtbot.waitUntil(lambda: bool(message_boxes.seen), timeout=2000)
    assert "reason for excluding the public" in message_boxes.texts[0]
    assert view.selected_row().status == "planned"


def test_export_to_calendar_writes_a_file_icalendar_reads(view, tmp_path):
    from icalendar import Calendar

    view.committee.setCurrentIndex(view.committee.findText("Merton CCG Governing Body"))
    path = tmp_path / "meetings.ics"
    count = view.export_calendar(str(path))
    events = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert count == len(events) == view.proxy.rowCount()
    assert any(str(e["SUMMARY"]).startswith("Governing Body – September 2012") for e in events)


def test_opening_a_meeting_shows_its_workspace(view):
    meeting = next(r for r in view.model.rows() if r.meeting_date == SEPT_27)
    workspace = view.open_meeting(meeting.id)
    assert view.stack.currentWidget() is workspace
    tabs = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    assert tabs == ["Agenda", "Attendance && declarations", "Minutes", "Actions"]
    assert "Merton CCG Governing Body — 27 Sep 2012" in workspace.heading.text()
    workspace.back_requested.emit()
    assert view.stack.currentIndex() == 0


def test_minutes_save_and_undo(qtbot, view):
    meeting = next(r for r in view.model.rows() if r.title == "Governing Body – March 2013")
    minutes = view.open_meeting(meeting.id).minutes
    minutes.discussion.setPlainText("Members discussed the winter plan.")
    minutes.outcome.setPlainText("NOTED.")
    minutes.save_button.click()
    assert minutes.current().outcome == "NOTED."
    assert minutes.model.index(0, 2).data() == "✓"
    minutes.undo_stack.undo()
    assert minutes.outcome.toPlainText() != "NOTED."


def test_approved_minutes_cannot_be_edited(view):
    meeting = next(r for r in view.model.rows() if r.meeting_date == SEPT_27)
    minutes = view.open_meeting(meeting.id).minutes
    assert "Approved as a true record at Merton CCG Governing Body" in minutes.approval.text()
    assert not minutes.save_button.isEnabled()
    assert not minutes.approve_button.isEnabled()


def test_minutes_are_approved_at_a_later_meeting(view, demo_ctx, message_boxes):
    march = next(r for r in view.model.rows() if r.title == "Governing Body – March 2013")
    may = demo_ctx.run(meetings.create_meeting, committee_id=march.committee_id,
                       title="Governing Body – May 2013", starts_at=dt.datetime(2013, 5, 30, 14))
    workspace = view.open_meeting(march.id)
    minutes = workspace.minutes
    minutes.approve()
    dialog = minutes.dialog
    assert dialog.at.findData(may.id) >= 0
    dialog.at.setCurrentIndex(dialog.at.findData(may.id))
    dialog.corrections.setPlainText("Item 6: 'deferred' for 'declined'.")
    dialog.accept()
    assert "Approved as a true record at Merton CCG Governing Body, 30 May 2013" in \
        minutes.approval.text()
    assert "minutes approved" in workspace.heading.text()
    assert not minutes.save_button.isEnabled()


def test_calendar_opens_on_a_month_with_meetings(view):
    # The demo's meetings are in 2012-13: the calendar shows the latest, not an empty month.
    assert (view.calendar.yearShown(), view.calendar.monthShown()) == (2013, 3)
