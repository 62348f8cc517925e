"""A sealed meeting's workspace: the banner says so, its records are read-only, and Correct…
changes one through a correction with a reason."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from app.services.meetings import attendance, meetings, minutes, sealing
from app.ui.common.tasks import ImmediateRunner
from app.ui.meetings.workspace import MeetingWorkspace

SEPT_27 = dt.date(2012, 9, 27)


@pytest.fixture
def workspace(qtbot, demo_ctx):
    september = next(m for m in demo_ctx.run(meetings.list_meetings)
                     if m.meeting_date == SEPT_27 and m.committee == "Merton CCG Governing Body")
    widget = MeetingWorkspace(demo_ctx, ImmediateRunner(), september.id)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def test_the_workspace_of_a_sealed_meeting_is_read_only(workspace, tmp_path):
    assert workspace.seal.isVisible()
    assert workspace.seal.text().startswith(
        "Sealed: minutes approved at Merton CCG Governing Body on 29 Nov 2012.")
    agenda = workspace.agenda
    agenda.select_item(agenda.model.items()[0].id)
    assert not agenda.add_action.isEnabled() and not agenda.edit_action.isEnabled()
    assert agenda.correct_action.isEnabled()
    workspace.tabs.setCurrentWidget(workspace.attendance)
    view = workspace.attendance
    assert not any(b.isEnabled() for b in view.mark_buttons)
    assert view.correct_button.isVisible()
    assert not view.declarations.record_button.isEnabled()
    workspace.tabs.setCurrentWidget(workspace.minutes)
    assert workspace.minutes.discussion.isReadOnly()
    assert not workspace.minutes.save_button.isEnabled()
    assert workspace.minutes.correct_button.isVisible()
    out = os.environ.get("BOARDBOOK_SCREENSHOTS") or str(tmp_path)
    workspace.grab().save(os.path.join(out, "sealed_workspace.png"))


def test_correct_changes_a_minute_with_a_reason(workspace, demo_ctx):
    workspace.tabs.setCurrentWidget(workspace.minutes)
    view = workspace.minutes
    row = next(r for r in view.model.rows() if r.id is not None)
    view.select_item(row.agenda_item_id)
    view.correct_button.click()
    dialog = view.correct_dialog
    dialog.editors["outcome"].setPlainText("APPROVED, with the amendment tabled.")
    dialog.save()  # no reason yet: refused in the dialog, nothing written
    assert dialog.problem.text().startswith("Say why")
    assert demo_ctx.run(sealing.list_corrections) == []
    dialog.reason.setPlainText("the amendment tabled at the meeting was left out")
    dialog.requested_by.setText("Clinical Chair")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    fixed = next(r for r in demo_ctx.run(minutes.list_minutes, meeting_id=view.meeting_id)
                 if r.id == row.id)
    assert fixed.outcome == "APPROVED, with the amendment tabled."
    assert "because the amendment tabled at the meeting was left out" in fixed.corrected
    assert view.corrected.text() == fixed.corrected


def test_correct_changes_an_attendance(workspace, demo_ctx):
    workspace.tabs.setCurrentWidget(workspace.attendance)
    view = workspace.attendance
    row = next(r for r in view.model.rows() if r.id is not None and r.status == "present")
    view.select_person(row.person_id)
    view.correct_button.click()
    dialog = view.correct_dialog
    dialog.editors["status"].setCurrentText("apologies")
    dialog.reason.setPlainText("sent apologies; marked present in error")
    dialog.save()
    recorded = {a.id: a for a in demo_ctx.run(attendance.list_attendance,
                                              meeting_id=workspace.meeting_id)}
    assert recorded[row.id].status == "apologies"
    assert "marked present in error" in recorded[row.id].corrected
    assert demo_ctx.run(sealing.list_corrections)[0].requested_by == "test secretary"
