"""Minutes: one entry per agenda item, and their approval at a later meeting.

Read model ``MinuteRow``: id (None until something is written), agenda_item_id, item_number,
item_title, part, purpose, presenter, discussion, outcome, version (None until written).

Use cases:
  list_minutes(meeting_id) -> list[MinuteRow]   (every item in agenda order, written or not)
  record_minute(agenda_item_id, discussion, outcome, expected_version=None) -> MinuteRow
      (writes the item's minute, or changes it: pass the version you read to change one)
  approve_minutes(meeting_id, at_meeting_id, corrections="", expected_version=None)
      -> MeetingRow   (approved as a true record at a later meeting of the same body; the
      meeting must have been held, and its status becomes "minutes approved")
Once approved, the minutes are a closed record: record_minute refuses to change them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import meetings as meeting_rules
from app.domain.errors import ValidationError
from app.services.common import check_version, get_or_fail, raise_if
from app.services.meetings.agenda import Layouts, agenda_layout, layouts_for
from app.services.meetings.meetings import MeetingRow, meeting_row
from app.services.meetings.sealing import check_not_sealed, correction_text, note_corrections
from app.store.meetings import AgendaItem, Meeting, MinuteEntry


@dataclass(frozen=True)
class MinuteRow:
    id: int | None
    agenda_item_id: int
    item_number: str
    item_title: str
    part: int
    purpose: str
    presenter: str
    discussion: str
    outcome: str
    version: int | None
    corrected: str = ""  # "Corrected on 3 Jan 2013 because …", one line each


def _row(item: AgendaItem, number: str, entry: MinuteEntry | None) -> MinuteRow:
    return MinuteRow(entry.id if entry else None, item.id, number, item.title, item.part,
                     item.purpose, item.presenter.name if item.presenter else "",
                     entry.discussion if entry else "", entry.outcome if entry else "",
                     entry.version if entry else None, correction_text(entry) if entry else "")


def list_minutes(session: Session, *, meeting_id: int,
                 layouts: Layouts | None = None) -> list[MinuteRow]:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    layout = layouts_for(session, layouts).of(meeting)
    entries = {e.agenda_item_id: e for e in session.scalars(select(MinuteEntry).join(
        MinuteEntry.agenda_item).where(AgendaItem.meeting_id == meeting_id))}
    return [_row(it, layout.numbers[it.id], entries.get(it.id)) for it in layout.items]


def record_minute(session: Session, *, agenda_item_id: int, discussion: str, outcome: str,
                  expected_version: int | None = None) -> MinuteRow:
    item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
    check_not_sealed(session, item.meeting, "its minutes")
    entry = session.scalar(select(MinuteEntry).where(MinuteEntry.agenda_item_id == item.id))
    if entry is None:
        entry = MinuteEntry(agenda_item_id=item.id)
        session.add(entry)
    else:
        check_version(entry, expected_version, f"The minute of '{item.title}'")
    entry.discussion, entry.outcome = discussion.strip(), outcome.strip()
    session.flush()
    return _row(item, agenda_layout(session, item.meeting).numbers[item.id], entry)


def approve_minutes(session: Session, *, meeting_id: int, at_meeting_id: int,
                    corrections: str = "", expected_version: int | None = None) -> MeetingRow:
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    at = get_or_fail(session, Meeting, at_meeting_id, "meeting")
    check_version(meeting, expected_version, f"The meeting '{meeting.title}'")
    if at.committee_id != meeting.committee_id:
        raise ValidationError("minutes are approved by the same body at a later meeting",
                              field="at_meeting_id")
    if at.starts_at <= meeting.starts_at:
        raise ValidationError("minutes are approved at a later meeting",
                              field="at_meeting_id")
    raise_if(meeting_rules.status_change_problems(meeting.status, "minutes approved"))
    meeting.status = "minutes approved"
    meeting.minutes_approved_at_meeting_id = at.id
    meeting.minutes_corrections = corrections.strip()
    note_corrections(session, meeting_id=meeting.id)  # the corrections it noted are sealed too
    session.flush()
    return meeting_row(meeting)
