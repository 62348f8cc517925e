"""Attendance and quorum, for the meeting and item by item."""

from __future__ import annotations

import pytest

from app.domain.errors import ValidationError
from app.services import interests
from app.services.meetings import agenda, attendance
from tests.services.meeting_setup import make_body, make_meeting


@pytest.fixture
def held(ctx):
    """A body whose quorum is 4 voting members including a lay and a clinical member."""
    with ctx.transaction() as s:
        body = make_body(s)
        meeting = make_meeting(s, body)
        agenda.apply_template(s, meeting_id=meeting.id)
        item = agenda.add_agenda_item(s, meeting_id=meeting.id, title="GP federation contract",
                                      purpose="decision")
        later = agenda.add_agenda_item(s, meeting_id=meeting.id, title="Finance report",
                                       purpose="assurance")
    return {"body": body, "meeting": meeting, "item": item, "later": later}


def mark(ctx, held, *names, status="present", **kwargs):
    for name in names:
        ctx.run(attendance.record_attendance, meeting_id=held["meeting"].id,
                person_id=held["body"].person[name], status=status, **kwargs)


def test_quorum_now(ctx, held):
    mark(ctx, held, "Chair", "GP Member", "Chief Officer", "Chief Finance Officer")
    mark(ctx, held, "Secretary", status="in attendance")
    q = ctx.run(attendance.quorum_now, meeting_id=held["meeting"].id)
    assert not q.quorate and q.explanation == "inquorate: needs a lay member"
    mark(ctx, held, "Lay Member")
    q = ctx.run(attendance.quorum_now, meeting_id=held["meeting"].id)
    assert q.quorate and q.counted == 5
    assert q.explanation == "quorate: 5 of 4 needed; lay member present; clinical member present"


def test_attendance_lists_roles_and_can_be_changed(ctx, held):
    mark(ctx, held, "Chair", "Secretary")
    mark(ctx, held, "Lay Member", status="apologies")
    rows = ctx.run(attendance.list_attendance, meeting_id=held["meeting"].id)
    assert [(r.person, r.role, r.voting, r.status) for r in rows] == [
        ("Chair", "chair", True, "present"), ("Lay Member", "vice chair", True, "apologies"),
        ("Secretary", "in attendance", False, "present")]
    lay = rows[1]
    changed = ctx.run(attendance.record_attendance, meeting_id=held["meeting"].id,
                      person_id=lay.person_id, status="present",
                      expected_version=lay.version)
    assert changed.id == lay.id and changed.status == "present"
    expected = ctx.run(attendance.members_expected, meeting_id=held["meeting"].id)
    assert len(expected) == 7 and expected[-1].status == "in attendance"
    with pytest.raises(ValidationError, match="not one of"):
        mark(ctx, held, "Chair", status="asleep")


def test_a_conflicted_member_does_not_count_for_that_item(ctx, held):
    mark(ctx, held, "Chair", "Lay Member", "GP Member", "Chief Officer")
    meeting_id, item = held["meeting"].id, held["item"]
    assert ctx.run(attendance.quorum_for_item, agenda_item_id=item.id).quorate
    ctx.run(interests.declare_interest, meeting_id=meeting_id,
            person_id=held["body"].person["GP Member"], agenda_item_id=item.id,
            description="Partner in a practice in the GP federation", action="withdrew",
            chair_ruling="Withdraw for the item")
    q = ctx.run(attendance.quorum_for_item, agenda_item_id=item.id)
    assert not q.quorate and q.not_counted == ("GP Member",)
    assert q.explanation.startswith("inquorate: 3 of 4 needed")
    by_item = ctx.run(attendance.quorum_by_item, meeting_id=meeting_id)
    assert [(r.item_number, r.quorate) for r in by_item][-2:] == [("5", False), ("6", True)]


def test_someone_who_left_early_does_not_count_afterwards(ctx, held):
    mark(ctx, held, "Chair", "Lay Member", "GP Member", "Chief Officer")
    mark(ctx, held, "Chief Finance Officer", left_after_item_id=held["item"].id)
    mark(ctx, held, "Second Lay Member", arrived_at_item_id=held["later"].id)
    first = ctx.run(attendance.quorum_for_item, agenda_item_id=held["item"].id)
    second = ctx.run(attendance.quorum_for_item, agenda_item_id=held["later"].id)
    assert first.counted == 5 and second.counted == 5
    ctx.run(attendance.record_attendance, meeting_id=held["meeting"].id,
            person_id=held["body"].person["Second Lay Member"], status="apologies")
    assert ctx.run(attendance.quorum_for_item, agenda_item_id=held["later"].id).counted == 4
