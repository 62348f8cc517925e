"""Chair's actions: urgent decisions taken between meetings, and their ratification.

Life: draft → taken → reported (a ratification item is on the next meeting's agenda) →
ratified / not ratified (a decision on that item, app.services.decisions.decisions.record_decision, or
``ratify_chairs_action`` here). A deferred ratification sends it back to taken and on to the
meeting after. A draft may be withdrawn. Every move is checked with
app.domain.chairs_actions.transition_problems.

Taking it is checked against standing orders (app.domain.chairs_actions.taking_problems): the
taker must be the body's chair or vice chair on the day (their membership), a vice chair must
say why the chair did not act, and those consulted must include a lay member and the
accountable officer (a person whose title contains "Accountable Officer").

The ratification item goes on the NEXT meeting of the body after the action was taken that is
still open for business (planned or agenda issued), before "Any other business", with purpose
"ratification". With no such meeting it stays "taken" until ``place_pending_ratifications``
runs; taking an action calls it, and meeting creation should call it too. An item already on
an agenda can be linked instead (``link_ratification_item``), e.g. when entering history.

Read models:
  ``ChairsActionRow``: id, committee_id, committee, title, decision_text, urgency_reason,
  power, standing_order_clause, authorised_by_decision_id, taken_by_id, taken_by, taker_role,
  chair_unavailable_reason, taken_on, status, next_statuses, paper_id, paper_title, conflicts,
  consultees (``ConsulteeRow``), ratification_meeting_id, ratification_meeting ("Merton CCG
  Governing Body, 29 Nov 2012"), ratification_item_id, ratification_item_number,
  ratification_decision_id, ratified_on, outcome_note, if_not_ratified, days_awaiting (None
  once settled), problems (what standing orders would refuse if it were taken now), version.
  ``ConsulteeRow``: person_id, person, kind, title, is_accountable_officer, consulted_on, note.
  ``NewConsultee``: person_id, consulted_on=None, note="" (input).

Use cases (session first, keyword arguments):
  create_chairs_action(committee_id, title, **fields, consultees=()) -> ChairsActionRow
  update_chairs_action(chairs_action_id, expected_version, **fields, consultees=None)
      (drafts only; fields: see DRAFT_FIELDS)
  take_chairs_action(chairs_action_id, expected_version, ratification_item_id=None,
                     today=None) -> ChairsActionRow
  place_pending_ratifications(committee_id)   (app.services.meetings.ratification: the ones placed)
  link_ratification_item(chairs_action_id, expected_version, agenda_item_id)
  ratify_chairs_action(chairs_action_id, outcome, resolution, rationale="", vote=None,
                       override_reason="", decided_on=None) -> DecisionRow
  withdraw_chairs_action(chairs_action_id, expected_version, reason) -> ChairsActionRow
  get_chairs_action(chairs_action_id, today=None) / list_chairs_actions(pending_only=False,
      committee_id=None, today=None) -> ChairsActionRow / list (by date taken)
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import chairs_actions as rules
from app.domain.decisions import Vote
from app.domain.errors import Conflict, Problem, ValidationError
from app.domain.people import is_current
from app.services.common import get_or_fail, raise_if
from app.services.decisions.chairs_action_rows import (  # noqa: F401  (re-exported for the GUI)
    ChairsActionRow,
    ConsulteeRow,
    NewConsultee,
    chairs_action_row,
    is_accountable_officer,
    load_chairs_action,
)
from app.services.decisions.decisions import record_decision
from app.services.meetings.agenda import Layouts
from app.services.meetings.ratification import (
    move_chairs_action,
    not_before,
    place_pending_ratifications,
)
from app.store.decisions import ChairsAction, ChairsActionConsultee
from app.store.meetings import AgendaItem
from app.store.papers import Paper
from app.store.people import Committee, Membership, Person

DRAFT_FIELDS = ("title", "decision_text", "urgency_reason", "power", "standing_order_clause",
                "authorised_by_decision_id", "taken_by_id", "chair_unavailable_reason",
                "taken_on", "paper_id", "conflicts", "if_not_ratified")


def _row(session: Session, ca: ChairsAction, today: dt.date | None = None,
         layouts: Layouts | None = None) -> ChairsActionRow:
    problems = _taking_problems(session, ca) if ca.status == rules.DRAFT else []
    return chairs_action_row(session, ca, today or dt.date.today(), problems, layouts)


# --------------------------------------------------------------------------------- drafts


def _set_fields(session: Session, ca: ChairsAction, fields: dict) -> None:
    unknown = [k for k in fields if k not in DRAFT_FIELDS]
    raise_if([Problem(k, "is not a field of a chair's action") for k in unknown])
    if "taken_by_id" in fields and fields["taken_by_id"] is not None:
        get_or_fail(session, Person, fields["taken_by_id"], "person")
    if fields.get("paper_id") is not None:
        get_or_fail(session, Paper, fields["paper_id"], "paper")
    for key, value in fields.items():
        setattr(ca, key, value.strip() if isinstance(value, str) else value)
    if not (ca.title or "").strip():
        raise ValidationError("give the chair's action a title", field="title")


def _set_consultees(session: Session, ca: ChairsAction, consultees) -> None:
    ca.consultees.clear()
    session.flush()
    for c in consultees:
        get_or_fail(session, Person, c.person_id, "person")
        ca.consultees.append(ChairsActionConsultee(person_id=c.person_id,
                                                   consulted_on=c.consulted_on,
                                                   note=c.note.strip()))


def create_chairs_action(session: Session, *, committee_id: int, title: str, consultees=(),
                         **fields) -> ChairsActionRow:
    get_or_fail(session, Committee, committee_id, "committee")
    ca = ChairsAction(committee_id=committee_id, status=rules.DRAFT, title="", decision_text="",
                      urgency_reason="", power="", standing_order_clause="", taker_role="",
                      chair_unavailable_reason="", conflicts="", outcome_note="",
                      if_not_ratified="")
    _set_fields(session, ca, dict(fields, title=title))
    session.add(ca)
    _set_consultees(session, ca, consultees)
    session.flush()
    return _row(session, ca)


def update_chairs_action(session: Session, *, chairs_action_id: int,
                         expected_version: int | None, consultees=None,
                         **fields) -> ChairsActionRow:
    ca = load_chairs_action(session, chairs_action_id, expected_version)
    if ca.status != rules.DRAFT:
        raise Conflict(f"This chair's action is {ca.status}: only a draft can be edited. "
                       "What was decided is a record now.")
    _set_fields(session, ca, fields)
    if consultees is not None:
        _set_consultees(session, ca, consultees)
    session.flush()
    return _row(session, ca)


def withdraw_chairs_action(session: Session, *, chairs_action_id: int,
                           expected_version: int | None, reason: str) -> ChairsActionRow:
    ca = load_chairs_action(session, chairs_action_id, expected_version)
    if not reason.strip():
        raise ValidationError("say why the draft is withdrawn", field="reason")
    move_chairs_action(ca, rules.WITHDRAWN)
    ca.outcome_note = reason.strip()
    session.flush()
    return _row(session, ca)


# --------------------------------------------------------------------------------- taking


def _taker_role(session: Session, ca: ChairsAction) -> str:
    if ca.taken_by_id is None or ca.taken_on is None:
        return ""
    found = session.scalars(select(Membership).where(
        Membership.committee_id == ca.committee_id, Membership.person_id == ca.taken_by_id))
    roles = [m.role for m in found if is_current(m.from_date, m.to_date, ca.taken_on)]
    return next((r for r in rules.TAKER_ROLES if r in roles), roles[0] if roles else "")


def _taking_problems(session: Session, ca: ChairsAction,
                     today: dt.date | None = None) -> list[Problem]:
    consultees = tuple(rules.Consultee(c.person.name, c.person.kind,
                                       is_accountable_officer(c.person))
                       for c in ca.consultees if c.person_id != ca.taken_by_id)
    facts = rules.TakingFacts(ca.decision_text, ca.urgency_reason, ca.taken_on,
                              _taker_role(session, ca), ca.chair_unavailable_reason, consultees)
    problems = rules.taking_problems(facts)
    if ca.taken_on and ca.taken_on > (today or dt.date.today()):
        problems.append(Problem("taken_on", "a chair's action cannot be dated in the future"))
    return problems


def take_chairs_action(session: Session, *, chairs_action_id: int,
                       expected_version: int | None, ratification_item_id: int | None = None,
                       today: dt.date | None = None) -> ChairsActionRow:
    """Record the action as taken under standing orders, then put it to the next meeting."""
    ca = load_chairs_action(session, chairs_action_id, expected_version)
    raise_if(rules.transition_problems(ca.status, rules.TAKEN))
    raise_if(_taking_problems(session, ca, today))
    ca.taker_role = _taker_role(session, ca)
    move_chairs_action(ca, rules.TAKEN)
    session.flush()
    if ratification_item_id is not None:
        return link_ratification_item(session, chairs_action_id=ca.id, expected_version=None,
                                      agenda_item_id=ratification_item_id, today=today)
    place_pending_ratifications(session, committee_id=ca.committee_id)
    return _row(session, ca, today)


# --------------------------------------------------------------------------- ratification


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
    if item.meeting.meeting_date <= not_before(ca):
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


def ratify_chairs_action(session: Session, *, chairs_action_id: int, outcome: str,
                         resolution: str, rationale: str = "", vote: Vote | None = None,
                         override_reason: str = "", decided_on: dt.date | None = None):
    """Record the body's decision on the ratification item (ratified, not ratified, deferred)."""
    ca = get_or_fail(session, ChairsAction, chairs_action_id, "chair's action")
    if ca.ratification_item_id is None:
        raise Conflict(f"The chair's action is {ca.status} and on no agenda yet: it is put "
                       "to the next meeting of the body.")
    return record_decision(session, agenda_item_id=ca.ratification_item_id,
                           resolution=resolution, outcome=outcome, rationale=rationale,
                           vote=vote, override_reason=override_reason, decided_on=decided_on)


# ---------------------------------------------------------------------------------- reading


def get_chairs_action(session: Session, *, chairs_action_id: int,
                      today: dt.date | None = None) -> ChairsActionRow:
    return _row(session, get_or_fail(session, ChairsAction, chairs_action_id, "chair's action"),
                today)


def list_chairs_actions(session: Session, *, pending_only: bool = False,
                        committee_id: int | None = None,
                        today: dt.date | None = None,
                        layouts: Layouts | None = None) -> list[ChairsActionRow]:
    """By date taken (drafts last). ``pending_only``: taken or reported, awaiting ratification."""
    query = select(ChairsAction)
    if committee_id is not None:
        query = query.where(ChairsAction.committee_id == committee_id)
    if pending_only:
        query = query.where(ChairsAction.status.in_(rules.AWAITING))
    found = session.scalars(query.order_by(ChairsAction.id))
    rows = [_row(session, ca, today, layouts) for ca in found]
    return sorted(rows, key=lambda r: (r.taken_on or dt.date.max, r.id))
