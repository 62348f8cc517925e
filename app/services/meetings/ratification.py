"""Putting chair's actions to the next meeting for ratification.

A taken chair's action goes on the NEXT meeting of its body that is still open for business
(planned or agenda issued), before "Any other business", with purpose "ratification". With no
such meeting it stays "taken" until ``place_pending_ratifications`` runs again: taking an action,
planning a meeting and deferring a ratification all call it. An item already on an agenda can be
linked instead (``app.services.decisions.chairs_actions.link_ratification_item``).

Planning a meeting, deciding and taking a chair's action all use this module; it needs only
the agenda, so the meetings services never import the decisions services.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import chairs_actions as rules
from app.services.common import raise_if
from app.services.meetings import agenda
from app.store.decisions import ChairsAction
from app.store.meetings import AgendaItem, Meeting

OPEN_MEETING = ("planned", "agenda issued")


def move_chairs_action(ca: ChairsAction, new: str) -> None:
    raise_if(rules.transition_problems(ca.status, new))
    ca.status = new


def not_before(ca: ChairsAction) -> dt.date:
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


def place_pending_ratifications(session: Session, *, committee_id: int) -> list[ChairsAction]:
    """Put every taken, unplaced chair's action of the body on its next open meeting."""
    waiting = session.scalars(select(ChairsAction).where(
        ChairsAction.committee_id == committee_id, ChairsAction.status == rules.TAKEN,
        ChairsAction.ratification_item_id.is_(None)).order_by(ChairsAction.taken_on,
                                                                ChairsAction.id))
    placed = []
    for ca in list(waiting):
        meeting = _next_meeting(session, committee_id, not_before(ca))
        if meeting is not None:
            _place(session, ca, meeting)
            placed.append(ca)
    session.flush()
    return placed
