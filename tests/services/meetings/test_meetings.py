"""Meetings: creating, listing by body and dates, status changes, the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.domain.errors import Conflict, ValidationError
from app.services.meetings import agenda, meetings
from app.services.meetings.detail import get_meeting_detail
from app.store.audit import AuditEvent
from tests.services.meeting_setup import make_body, make_meeting


def test_a_meeting_keeps_its_local_time_and_day(ctx):
    with ctx.transaction() as s:
        body = make_body(s)
        row = make_meeting(s, body, when=dt.datetime(2012, 9, 27, 14, 0),
                           venue="Merton Civic Centre", video_link="https://example.org/gb")
    fetched = ctx.run(meetings.get_meeting, meeting_id=row.id)
    assert fetched.starts_at.hour == 14 and fetched.starts_at.tzinfo is not None
    assert fetched.starts_at.utcoffset() == dt.timedelta(hours=1)  # BST in September
    assert fetched.meeting_date == dt.date(2012, 9, 27)
    assert fetched.papers_due_on == dt.date(2012, 9, 20)
    assert fetched.status == "planned" and fetched.next_statuses == ("agenda issued",)
    assert fetched.committee == "Governing Body"


def test_list_by_body_and_dates(ctx):
    with ctx.transaction() as s:
        gb = make_body(s)
        audit = make_body(s, name="Audit Committee", quorum=2, kinds=("lay member",))
        for month in (5, 7, 9, 11):
            make_meeting(s, gb, when=dt.datetime(2012, month, 10, 14), title=f"GB {month}")
        make_meeting(s, audit, when=dt.datetime(2012, 6, 5, 10), title="Audit June")
    rows = ctx.run(meetings.list_meetings, committee_id=gb.committee_id,
                   from_date=dt.date(2012, 7, 10), to_date=dt.date(2012, 9, 10))
    assert [r.title for r in rows] == ["GB 7", "GB 9"]
    assert [r.title for r in ctx.run(meetings.list_meetings)][:2] == ["GB 5", "Audit June"]


def test_status_moves_one_step_at_a_time(ctx):
    with ctx.transaction() as s:
        row = make_meeting(s, make_body(s))
    with pytest.raises(ValidationError, match="can move to agenda issued, not to 'held'"):
        ctx.run(meetings.set_meeting_status, meeting_id=row.id, status="held",
                expected_version=row.version)
    issued = ctx.run(meetings.set_meeting_status, meeting_id=row.id, status="agenda issued",
                     expected_version=row.version)
    assert issued.next_statuses == ("held", "planned")
    with pytest.raises(ValidationError, match="approve minutes"):
        ctx.run(meetings.set_meeting_status, meeting_id=row.id, status="minutes approved",
                expected_version=issued.version)
    held = ctx.run(meetings.set_meeting_status, meeting_id=row.id, status="held",
                   expected_version=issued.version)
    assert held.status == "held"


def test_part_2_needs_a_reason_before_the_agenda_is_issued(ctx):
    with ctx.transaction() as s:
        row = make_meeting(s, make_body(s))
        agenda.add_agenda_item(s, meeting_id=row.id, title="Contract award", part=2,
                               purpose="decision")
    with pytest.raises(ValidationError, match="excluding the public"):
        ctx.run(meetings.set_meeting_status, meeting_id=row.id, status="agenda issued",
                expected_version=row.version)
    reason = ("Commercially confidential: publicity would prejudice the public interest "
              "(Public Bodies (Admission to Meetings) Act 1960)")
    updated = ctx.run(meetings.update_meeting, meeting_id=row.id, expected_version=row.version,
                      title=row.title, starts_at=row.starts_at, part2_reason=reason)
    issued = ctx.run(meetings.set_meeting_status, meeting_id=row.id, status="agenda issued",
                     expected_version=updated.version)
    assert issued.status == "agenda issued" and issued.part2_reason == reason


def test_a_stale_edit_is_refused(ctx):
    with ctx.transaction() as s:
        row = make_meeting(s, make_body(s))
    ctx.run(meetings.update_meeting, meeting_id=row.id, expected_version=row.version,
            title="Renamed", starts_at=row.starts_at)
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(meetings.update_meeting, meeting_id=row.id, expected_version=row.version,
                title="Mine", starts_at=row.starts_at)


def test_bad_input_is_refused_with_every_problem(ctx):
    with ctx.transaction() as s:
        body = make_body(s)
    with pytest.raises(ValidationError) as err:
        ctx.run(meetings.create_meeting, committee_id=body.committee_id, title=" ",
                starts_at=dt.datetime(2012, 9, 27, 14), ends_at=dt.datetime(2012, 9, 27, 13))
    assert {p.field for p in err.value.problems} == {"title", "ends_at"}


def test_changes_are_in_the_audit_trail(ctx):
    with ctx.transaction() as s:
        row = make_meeting(s, make_body(s))
    with ctx.transaction() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.record_type == "meeting")).all()
    assert [(e.action, e.record_id) for e in events] == [("create", str(row.id))]
    assert "Governing Body meeting" in events[0].changes


def test_meeting_detail_brings_it_together(ctx):
    with ctx.transaction() as s:
        row = make_meeting(s, make_body(s))
        agenda.apply_template(s, meeting_id=row.id)
    detail = ctx.run(get_meeting_detail, meeting_id=row.id)
    assert [i.number for i in detail.agenda] == ["1", "2", "3", "4"]
    assert detail.ends_at == detail.meeting.starts_at + dt.timedelta(minutes=25)
    assert not detail.quorum.quorate  # nobody recorded yet
    assert detail.papers == () and detail.late_papers == ()
