"""Putting chair's actions to the next meeting for ratification.

A taken chair's action goes on the NEXT meeting of its body that is still open for business
(planned or agenda issued), before "Any other business", with purpose "ratification". With no
such meeting it stays "taken" until ``place_pending_ratifications`` runs again: taking an action,
planning a meeting and deferring a ratification all call it. An item already on an agenda can be
linked instead (``link_ratification_item``), e.g. when entering history.

Both decisions and chair's actions use this module; it uses neither, so they need not import
each other.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import chairs_actions as rules
from app.domain.errors import Problem
from app.services.common import get_or_fail, raise_if
from app.services.decisions.chairs_action_rows import (
    ChairsActionRow,
    chairs_action_row,
    load_chairs_action,
    move_chairs_action,
)
from app.services.meetings import agenda
from app.store.decisions import ChairsAction
from app.store.meetings import AgendaItem, Meeting

OPEN_MEETING = ("planned", "agenda issued")


def _row(session: Session, ca: ChairsAction, today: dt.date | None = None) -> ChairsActionRow:
    # only taken and reported actions pass through here, so standing orders have nothing to say
    return chairs_action_row(session, ca, today or dt.date.today(), [])


def _not_before(session: Session, ca: ChairsAction) -> dt.date:
    """The ratification meeting must come after the action, and after a meeting that
    deferred it."""
    deferred_at = ca.ratification_meeting.meeting_date if ca.ratification_meeting else None
    return max(d for d in (ca.taken_on, deferred_at) if d is not None)


def _next_meeting(session: Session, committee_id: int, after: dt.date) -> Meeting | None:
    return session.scalar(select(Meeting).where(
        Meeting.committee_id == committee_id, Meeting.meeting_date > after,
        Meeting.status.in_(OPEN_MEETING)).order_by(Meeting.starts_at, Meeting.id).limit(1))


def _insert_at(session: Session, meeting_id: int) -> int | None:
    """Before "Any other business" when the agenda has it, else at the end of Part 1."""
    rows = agenda.list_agenda(session, meeting_id=meeting_id)
    for n, row in enumerate(rows):
        if row.part == 1 and row.level == 0 and row.title.lower().startswith("any other"):
            return n
    return None


def _place(session: Session, ca: ChairsAction, meeting: Meeting) -> None:
    item = agenda.add_agenda_item(
        session, meeting_id=meeting.id, purpose="ratification",
        title=rules.ratification_item_title(ca.title, ca.taken_on),
        presenter_id=ca.taken_by_id, at=_insert_at(session, meeting.id),
        notes=f"Chair's action #{ca.id}: {ca.decision_text}")
    ca.ratification_meeting = meeting
    ca.ratification_item = session.get(AgendaItem, item.id)
    move_chairs_action(ca, rules.REPORTED)


def place_pending_ratifications(session: Session, *, committee_id: int) -> list[ChairsActionRow]:
    """Put every taken, unplaced chair's action of the body on its next open meeting."""
    waiting = session.scalars(select(ChairsAction).where(
        ChairsAction.committee_id == committee_id, ChairsAction.status == rules.TAKEN,
        ChairsAction.ratification_item_id.is_(None)).order_by(ChairsAction.taken_on,
                                                                ChairsAction.id))
    placed = []
    for ca in list(waiting):
        meeting = _next_meeting(session, committee_id, _not_before(session, ca))
        if meeting is not None:
            _place(session, ca, meeting)
            placed.append(ca)
    session.flush()
    return [_row(session, ca) for ca in placed]


def link_ratification_item(session: Session, *, chairs_action_id: int,
                           expected_version: int | None, agenda_item_id: int,
                           today: dt.date | None = None) -> ChairsActionRow:
    """Use an item already on an agenda (purpose ratification) as the ratification item."""
    ca = load_chairs_action(session, chairs_action_id, expected_version)
    item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
    problems = rules.transition_problems(ca.status, rules.REPORTED)
    if item.meeting.committee_id != ca.committee_id:
        problems.append(Problem("agenda_item_id", "the item is on another body's agenda"))
    if item.purpose != "ratification":
        problems.append(Problem("agenda_item_id", "the item's purpose must be ratification"))
    if item.meeting.meeting_date <= _not_before(session, ca):
        problems.append(Problem("agenda_item_id", "the meeting must come after the action"))
    other = session.scalar(select(ChairsAction.id).where(
        ChairsAction.ratification_item_id == item.id, ChairsAction.id != ca.id))
    if other is not None:
        problems.append(Problem("agenda_item_id", f"chair's action #{other} uses that item"))
    raise_if(problems)
    ca.ratification_meeting, ca.ratification_item = item.meeting, item
    move_chairs_action(ca, rules.REPORTED)
    session.flush()
    return _row(session, ca, today)
