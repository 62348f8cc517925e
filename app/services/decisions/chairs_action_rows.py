"""Read models of chair's actions (see app.services.decisions.chairs_actions for the fields),
and loading one for a change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import chairs_actions as rules
from app.domain.errors import Problem
from app.services.common import check_version, get_or_fail
from app.services.meetings.agenda import Layouts, layouts_for
from app.store.decisions import ChairsAction, Decision
from app.store.papers import Paper
from app.store.people import Person


def is_accountable_officer(person: Person) -> bool:
    """Standing orders name the accountable officer by office; the demo's and most CCGs'
    people carry it in their title ("Chief Officer and Accountable Officer")."""
    return "accountable officer" in (person.title or "").lower()


@dataclass(frozen=True)
class NewConsultee:
    person_id: int
    consulted_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class ConsulteeRow:
    person_id: int
    person: str
    kind: str
    title: str
    is_accountable_officer: bool
    consulted_on: dt.date | None
    note: str


@dataclass(frozen=True)
class ChairsActionRow:
    id: int
    committee_id: int
    committee: str
    title: str
    decision_text: str
    urgency_reason: str
    power: str
    standing_order_clause: str
    authorised_by_decision_id: int | None
    taken_by_id: int | None
    taken_by: str
    taker_role: str
    chair_unavailable_reason: str
    taken_on: dt.date | None
    status: str
    next_statuses: tuple[str, ...]
    paper_id: int | None
    paper_title: str
    conflicts: str
    consultees: tuple[ConsulteeRow, ...]
    ratification_meeting_id: int | None
    ratification_meeting: str
    ratification_item_id: int | None
    ratification_item_number: str
    ratification_decision_id: int | None
    ratified_on: dt.date | None
    outcome_note: str
    if_not_ratified: str
    days_awaiting: int | None
    problems: tuple[Problem, ...]
    version: int


def _consultee(c) -> ConsulteeRow:
    p = c.person
    return ConsulteeRow(p.id, p.name, p.kind, p.title, is_accountable_officer(p),
                        c.consulted_on, c.note)


def _ratification(session: Session, ca: ChairsAction,
                  layouts: Layouts | None) -> tuple[str, str, int | None]:
    meeting, item_number = ca.ratification_meeting, ""
    if ca.ratification_item_id is not None and meeting is not None:
        item_number = layouts_for(session, layouts).of(meeting).numbers.get(
            ca.ratification_item_id, "")
    decision_id = session.scalar(select(Decision.id).where(
        Decision.chairs_action_id == ca.id).order_by(Decision.id.desc()).limit(1))
    where = f"{meeting.committee.name}, {meeting.meeting_date:%d %b %Y}" if meeting else ""
    return where, item_number, decision_id


def chairs_action_row(session: Session, ca: ChairsAction, today: dt.date,
                      problems: list[Problem],
                      layouts: Layouts | None = None) -> ChairsActionRow:
    paper = session.get(Paper, ca.paper_id) if ca.paper_id else None
    where, number, decision_id = _ratification(session, ca, layouts)
    return ChairsActionRow(
        id=ca.id, committee_id=ca.committee_id, committee=ca.committee.name, title=ca.title,
        decision_text=ca.decision_text, urgency_reason=ca.urgency_reason, power=ca.power,
        standing_order_clause=ca.standing_order_clause,
        authorised_by_decision_id=ca.authorised_by_decision_id, taken_by_id=ca.taken_by_id,
        taken_by=ca.taken_by.name if ca.taken_by else "", taker_role=ca.taker_role,
        chair_unavailable_reason=ca.chair_unavailable_reason, taken_on=ca.taken_on,
        status=ca.status, next_statuses=rules.TRANSITIONS[ca.status],
        paper_id=ca.paper_id, paper_title=paper.title if paper else "", conflicts=ca.conflicts,
        consultees=tuple(_consultee(c) for c in ca.consultees),
        ratification_meeting_id=ca.ratification_meeting_id, ratification_meeting=where,
        ratification_item_id=ca.ratification_item_id, ratification_item_number=number,
        ratification_decision_id=decision_id, ratified_on=ca.ratified_on,
        outcome_note=ca.outcome_note, if_not_ratified=ca.if_not_ratified,
        days_awaiting=rules.days_awaiting(ca.taken_on, ca.status, today),
        problems=tuple(problems) if ca.status == rules.DRAFT else (), version=ca.version)


def load_chairs_action(session: Session, ca_id: int, expected_version: int | None) -> ChairsAction:
    ca = get_or_fail(session, ChairsAction, ca_id, "chair's action")
    check_version(ca, expected_version, f"The chair's action '{ca.title}'")
    return ca
