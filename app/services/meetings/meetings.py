"""Meeting use cases: plan a meeting, change it, move it through its statuses, list meetings.

Times: ``starts_at``/``ends_at`` may be given timezone-aware, or naive meaning the time on a
clock in the meeting room (Europe/London). Rows hand them back in Europe/London.

Read model ``MeetingRow``: id, committee_id, committee, title, starts_at, ends_at (or None),
meeting_date, venue, video_link, status, next_statuses (what ``set_meeting_status`` accepts
now), part2_reason, papers_due_on (the deadline for papers: the stored date or 7 days before),
minutes_approved_at_meeting_id, minutes_approved_at ("Merton CCG Governing Body, 29 Nov 2012"
or ""), minutes_corrections, version.

Use cases:
  create_meeting(committee_id, title, starts_at, ends_at=None, venue="", video_link="",
                 part2_reason="", papers_due_on=None) -> MeetingRow
  update_meeting(meeting_id, expected_version, title, starts_at, ends_at=None, venue="",
                 video_link="", part2_reason="", papers_due_on=None) -> MeetingRow
  set_meeting_status(meeting_id, status, expected_version) -> MeetingRow
      planned → agenda issued → held; agenda issued → planned (withdrawn). "minutes approved"
      is set by app.services.meetings.minutes.approve_minutes at a later meeting.
  list_meetings(committee_id=None, from_date=None, to_date=None) -> list[MeetingRow]
  get_meeting(meeting_id) -> MeetingRow
The whole picture of one meeting is app.services.meetings.detail.get_meeting_detail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import meetings as rules
from app.domain.errors import ValidationError
from app.services.common import check_version, get_or_fail, raise_if
from app.services.meetings.ratification import place_pending_ratifications
from app.services.meetings.sealing import (
    check_not_sealed,
    correction_text,
    describe_meeting,
    sealed_note,
)
from app.store.meetings import AgendaItem, Meeting
from app.store.people import Committee


@dataclass(frozen=True)
class MeetingRow:
    id: int
    committee_id: int
    committee: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    meeting_date: dt.date
    venue: str
    video_link: str
    status: str
    next_statuses: tuple[str, ...]
    part2_reason: str
    papers_due_on: dt.date
    minutes_approved_at_meeting_id: int | None
    minutes_approved_at: str
    minutes_corrections: str
    version: int
    sealed: str = ""  # "Sealed: minutes approved at … on …", or "" while the record is open
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each


def meeting_row(m: Meeting) -> MeetingRow:
    approved_at = m.minutes_approved_at
    next_statuses = tuple(s for s in rules.NEXT_STATUSES[m.status] if s != "minutes approved")
    return MeetingRow(
        m.id, m.committee_id, m.committee.name, m.title, rules.local(m.starts_at),
        rules.local(m.ends_at) if m.ends_at else None, m.meeting_date, m.venue, m.video_link,
        m.status, next_statuses, m.part2_reason,
        rules.papers_deadline(m.meeting_date, m.papers_due_on),
        m.minutes_approved_at_meeting_id, describe_meeting(approved_at) if approved_at else "",
        m.minutes_corrections, m.version, sealed_note(m), correction_text(m))


def _set_fields(meeting: Meeting, *, title: str, starts_at: dt.datetime,
                ends_at: dt.datetime | None, venue: str, video_link: str, part2_reason: str,
                papers_due_on: dt.date | None) -> None:
    raise_if(rules.meeting_problems(title=title, starts_at=starts_at, ends_at=ends_at))
    meeting.title, meeting.venue = title.strip(), venue.strip()
    meeting.starts_at = rules.local(starts_at)
    meeting.ends_at = rules.local(ends_at) if ends_at else None
    meeting.meeting_date = rules.local(starts_at).date()
    meeting.video_link, meeting.part2_reason = video_link.strip(), part2_reason.strip()
    meeting.papers_due_on = papers_due_on


def create_meeting(session: Session, *, committee_id: int, title: str, starts_at: dt.datetime,
                   ends_at: dt.datetime | None = None, venue: str = "", video_link: str = "",
                   part2_reason: str = "", papers_due_on: dt.date | None = None) -> MeetingRow:
    committee = get_or_fail(session, Committee, committee_id, "committee")
    meeting = Meeting(committee=committee, status="planned", minutes_corrections="")
    _set_fields(meeting, title=title, starts_at=starts_at, ends_at=ends_at, venue=venue,
                video_link=video_link, part2_reason=part2_reason, papers_due_on=papers_due_on)
    session.add(meeting)
    session.flush()
    # a chair's action taken before this body had a next meeting goes on this one's agenda
    place_pending_ratifications(session, committee_id=committee_id)
    return meeting_row(meeting)


def update_meeting(session: Session, *, meeting_id: int, expected_version: int | None,
                   title: str, starts_at: dt.datetime, ends_at: dt.datetime | None = None,
                   venue: str = "", video_link: str = "", part2_reason: str = "",
                   papers_due_on: dt.date | None = None) -> MeetingRow:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    check_not_sealed(session, meeting, "its details")
    check_version(meeting, expected_version, f"The meeting '{meeting.title}'")
    _set_fields(meeting, title=title, starts_at=starts_at, ends_at=ends_at, venue=venue,
                video_link=video_link, part2_reason=part2_reason, papers_due_on=papers_due_on)
    session.flush()
    return meeting_row(meeting)


def has_part2(session: Session, meeting_id: int) -> bool:
    return session.scalar(select(AgendaItem.id).where(
        AgendaItem.meeting_id == meeting_id, AgendaItem.part == 2).limit(1)) is not None


def set_meeting_status(session: Session, *, meeting_id: int, status: str,
                       expected_version: int | None) -> MeetingRow:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    check_version(meeting, expected_version, f"The meeting '{meeting.title}'")
    if status == "minutes approved":
        raise ValidationError("minutes are approved at a later meeting: use approve minutes",
                              field="status")
    raise_if(rules.status_change_problems(meeting.status, status,
                                          has_part2=has_part2(session, meeting_id),
                                          part2_reason=meeting.part2_reason))
    meeting.status = status
    session.flush()
    return meeting_row(meeting)


def list_meetings(session: Session, *, committee_id: int | None = None,
                  from_date: dt.date | None = None,
                  to_date: dt.date | None = None) -> list[MeetingRow]:
    """Meetings in date order, optionally of one body and within dates (both inclusive)."""
    query = select(Meeting).order_by(Meeting.starts_at, Meeting.id)
    if committee_id is not None:
        query = query.where(Meeting.committee_id == committee_id)
    if from_date is not None:
        query = query.where(Meeting.meeting_date >= from_date)
    if to_date is not None:
        query = query.where(Meeting.meeting_date <= to_date)
    return [meeting_row(m) for m in session.scalars(query)]


def get_meeting(session: Session, *, meeting_id: int) -> MeetingRow:
    return meeting_row(get_or_fail(session, Meeting, meeting_id, "meeting"))
