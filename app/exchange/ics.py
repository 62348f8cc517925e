"""Meetings as an iCalendar (.ics) file, for Outlook, Google Calendar and the rest.

Each meeting is one VEVENT whose UID never changes (so re-importing the file updates the
calendar entry rather than adding a second one) and whose SEQUENCE is the meeting's version
(so a calendar knows a moved meeting supersedes the old entry). Times are written in
Europe/London with the zone's definition included; the description lists the Part 1 agenda
only, because a calendar invitation is not a private document, and a Part 1 item that the
publication rule (``app.services.publication``) withholds, such as the ratification of a chair's
action on a confidential paper, appears only in the rule's words.

  calendar_bytes(session, committee_id=None, from_date=None, to_date=None) -> bytes
  export_ics(session, path, committee_id=None, from_date=None, to_date=None) -> int (events)
  meeting_uid(meeting_id, organisation) -> str
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from icalendar import Calendar, Event
from sqlalchemy.orm import Session

from app.files import PUBLIC, write_atomically
from app.services import organisation
from app.services.meetings.agenda import AgendaItemRow, list_agenda
from app.services.meetings.meetings import MeetingRow, list_meetings
from app.services.publication import CONFIDENTIAL_RATIFICATION, confidential

PRODID = "-//Boardbook//Meetings//EN"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "boardbook"


def meeting_uid(meeting_id: int, organisation_name: str) -> str:
    return f"meeting-{meeting_id}.{_slug(organisation_name)}@boardbook"


def part1_agenda(items: list[AgendaItemRow]) -> str:
    """The public agenda as plain lines: time, number, title, purpose, presenter, paper."""
    lines = []
    for item in items:
        if item.part != 1:
            continue
        extras = [x for x in (item.purpose_label, item.presenter, item.attachment_number) if x]
        suffix = f" ({'; '.join(extras)})" if extras else ""
        lines.append(f"{item.starts_at:%H:%M}  {item.number}  {item.title}{suffix}")
    if any(item.part == 2 for item in items):
        lines.append("Part 2: items taken in private (the public is excluded).")
    return "\n".join(lines)


def public_agenda(session: Session, items: list[AgendaItemRow]) -> list[AgendaItemRow]:
    """The agenda as the public may see it: a withheld Part 1 item in the rule's words."""
    return [replace(i, title=CONFIDENTIAL_RATIFICATION)
            if i.part == 1 and confidential(session, i) else i for i in items]


def _ends_at(m: MeetingRow, items: list[AgendaItemRow]) -> dt.datetime:
    """As stored, else the start plus the time given to items (an hour if none is given)."""
    if m.ends_at is not None:
        return m.ends_at
    allocated = sum(i.minutes_allocated for i in items) or 60
    return m.starts_at + dt.timedelta(minutes=allocated)


def _event(m: MeetingRow, items: list[AgendaItemRow], organisation_name: str,
           stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", meeting_uid(m.id, organisation_name))
    event.add("sequence", m.version)
    event.add("dtstamp", stamp)
    event.add("dtstart", m.starts_at)
    event.add("dtend", _ends_at(m, items))
    event.add("summary", m.title)
    if m.venue:
        event.add("location", m.venue)
    if m.video_link:
        event.add("url", m.video_link)
    description = f"{m.committee}\n\n{part1_agenda(items)}".strip()
    if m.video_link:
        description += f"\n\nJoin online: {m.video_link}"
    event.add("description", description)
    event.add("categories", [m.committee])
    return event


def _organisation_name(session: Session) -> str:
    if not organisation.is_set_up(session):
        return "boardbook"
    org = organisation.get_organisation(session)
    return org.short_name or org.name


def calendar_bytes(session: Session, *, committee_id: int | None = None,
                   from_date: dt.date | None = None, to_date: dt.date | None = None) -> bytes:
    name = _organisation_name(session)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{name} meetings")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for meeting in list_meetings(session, committee_id=committee_id, from_date=from_date,
                                 to_date=to_date):
        items = public_agenda(session, list_agenda(session, meeting_id=meeting.id))
        calendar.add_component(_event(meeting, items, name, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def export_ics(session: Session, *, path: Path | str, committee_id: int | None = None,
               from_date: dt.date | None = None, to_date: dt.date | None = None) -> int:
    """Write the meetings to ``path``; returns how many were written."""
    data = calendar_bytes(session, committee_id=committee_id, from_date=from_date,
                          to_date=to_date)
    # A calendar to publish or subscribe to: readable by all.
    write_atomically(path, data, audience=PUBLIC)
    return data.count(b"BEGIN:VEVENT")
