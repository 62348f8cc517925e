"""Attendance in the meeting: quorum as members are marked present; declarations."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services import interests
from app.services.meetings import agenda, meetings
from app.ui.meetings.attendance_view import NOT_MARKED, AttendanceTableModel, AttendanceView
from tests.ui.helpers import column_texts, row_where

MAY_30 = dt.date(2013, 5, 30)


@pytest.fixture
def new_meeting(demo_ctx):
    gb = next(m for m in demo_ctx.run(meetings.list_meetings)
              if m.title == "Governing Body – March 2013")
    meeting = demo_ctx.run(meetings.create_meeting, committee_id=gb.committee_id,
                           title="Governing Body – May 2013",
                           starts_at=dt.datetime(2013, 5, 30, 14, 0))
    demo_ctx.run(agenda.add_agenda_item, meeting_id=meeting.id, title="Finance report")
    return meeting


@pytest.fixture
def view(qtbot, demo_ctx, new_meeting):
    widget = AttendanceView(demo_ctx, new_meeting.id)
    qtbot.addWidget(widget)
    return widget


def test_members_expected_start_unmarked(view):
    statuses = set(column_texts(view.table, AttendanceTableModel.COL_STATUS))
    assert statuses == {NOT_MARKED}
    assert "Clinical Chair" in column_texts(view.table, AttendanceTableModel.COL_NAME)


def test_quorum_shows_inquorate_then_quorate_as_members_arrive(view):
    assert view.quorum.text().startswith("<b style='font-size:16pt'>NOT QUORATE")
    voting = [r.person for r in view.model.rows() if r.voting]
    view.mark_person(voting[0], "present")
    assert "NOT QUORATE" in view.quorum.text()
    assert row_where(view.table, AttendanceTableModel.COL_NAME, voting[0])[
        AttendanceTableModel.COL_STATUS] == "present"
    for name in voting[1:]:
        view.mark_person(name, "present")
    assert "NOT QUORATE" not in view.quorum.text()
    assert "QUORATE" in view.quorum.text() and "lay member present" in view.quorum.text()
    assert "#007f3b" in view.quorum.styleSheet()
    # Every item is quorate (the finance report, and the demo's waiting chair's action,
    # placed on the new meeting for ratification).
    assert set(column_texts(view.item_table, 1)) == {"Yes"}


def test_apologies_are_recorded(view):
    name = view.model.row_at(1).person
    view.mark_person(name, "apologies")
    assert row_where(view.table, AttendanceTableModel.COL_NAME, name)[
        AttendanceTableModel.COL_STATUS] == "apologies"


def test_arrival_is_recorded_against_an_item(view):
    name = view.model.row_at(0).person
    view.mark_person(name, "present")
    view.select_person(view.model.row_at(0).person_id)
    view.arrived.setCurrentIndex(1)
    view.arrived.activated.emit(1)
    assert row_where(view.table, AttendanceTableModel.COL_NAME, name)[
        AttendanceTableModel.COL_ARRIVED] == "1"


def test_choosing_a_person_shows_their_interests_and_a_declaration_is_recorded(view, demo_ctx):
    interest = demo_ctx.run(interests.list_interests, current_on=MAY_30)[0]
    panel = view.declarations
    panel.person.setCurrentIndex(panel.person.findData(interest.person_id))
    assert any(interest.description in text for text in panel.interest_texts())
    panel.interest_list.setCurrentRow(0)
    assert panel.description.text()
    panel.item.setCurrentIndex(1)
    panel.action.setCurrentIndex(panel.action.findData("withdrew"))
    panel.ruling.setText("Withdrew for the item")
    panel.record()
    shown = column_texts(panel.declared, 1)
    assert interest.person in shown
    assert column_texts(panel.declared, 3) == ["withdrew"]


def test_a_declaration_without_words_shows_the_problem_in_place(view, demo_ctx):
    person = demo_ctx.run(interests.list_interests, current_on=MAY_30)[0]
    panel = view.declarations
    panel.person.setCurrentIndex(panel.person.findData(person.person_id))
    panel.description.clear()
    panel.record()
    assert not panel.errors.label("description").isHidden()
