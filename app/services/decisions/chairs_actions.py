"""Chair's actions: urgent decisions taken between meetings, and their ratification.

Life: draft → taken → reported (a ratification item is on the next meeting's agenda) →
ratified / not ratified (a decision on that item, app.services.decisions.decisions.record_decision, or
``ratify_chairs_action`` here). A deferred ratification sends it back to taken and on to the
meeting after. A draft may be withdrawn. Every move is checked with
app.domain.chairs_actions.transition_problems.

Taking it is checked against standing orders (app.domain.chairs_actions.taking_problems): the
taker must be the body's chair or vice chair on the day (their membership), a vice chair must
say why the chair did not act, and those consulted must include a lay member and the
accountable officer (a person whose title contains "Accountable Officer"). A taker with an
interest in the matter is refused, and a conflicted chair is offered the vice chair: the
interest is a declaration on the paper's agenda item (with the registered interest it names,
when current), or an entry of the action's own ``conflicts`` that begins with their name
("Chair: partner in a bidding practice"). When the action is taken, ``conflicts`` is filled
from the register of interests (``register_conflicts``: lines beginning "Register of
interests:") beside any free text already there.

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
      committee_id=None, today=None, date_from=None, date_to=None) -> ChairsActionRow / list
      (by date taken)
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import chairs_actions as rules
from app.domain import interests as interest_rules
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
from app.services.meetings.sealing import check_chairs_action_not_sealed
from app.store.decisions import ChairsAction, ChairsActionConsultee
from app.store.interests import Declaration, Interest
from app.store.meetings import AgendaItem
from app.store.organisation import Organisation
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
    check_chairs_action_not_sealed(session, ca)
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
    check_chairs_action_not_sealed(session, ca)
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


# ------------------------------------------------------------------ interests in the matter


def _item_declarations(session: Session, ca: ChairsAction, person_ids) -> list[Declaration]:
    """Declarations on the paper's agenda item by any of these people."""
    paper = session.get(Paper, ca.paper_id) if ca.paper_id else None
    if paper is None:
        return []
    return list(session.scalars(select(Declaration).where(
        Declaration.agenda_item_id == paper.agenda_item_id,
        Declaration.person_id.in_(list(person_ids))).order_by(Declaration.id)))


def _declared_words(d: Declaration, on: dt.date | None) -> str:
    i = d.interest
    if i is not None and (on is None or interest_rules.is_current(i.from_date, i.to_date, on)):
        return i.description
    return d.description


def _taker_interest(session: Session, ca: ChairsAction) -> str:
    """The taker's interest in the matter, in words ("" for none): a current registered
    interest declared on the paper's item, any declaration on that item, or an entry of the
    action's own conflicts that names them."""
    if ca.taken_by is None:
        return ""
    found = [_declared_words(d, ca.taken_on)
             for d in _item_declarations(session, ca, [ca.taken_by_id])]
    found += rules.entries_naming(ca.conflicts or "", ca.taken_by.name)
    return "; ".join(dict.fromkeys(found))


def _vice_chair(session: Session, ca: ChairsAction) -> str:
    on = ca.taken_on or dt.date.today()
    found = session.scalars(select(Membership).where(
        Membership.committee_id == ca.committee_id, Membership.role == "vice chair"))
    return next((m.person.name for m in found if is_current(m.from_date, m.to_date, on)
                 and m.person_id != ca.taken_by_id), "")


def _matter_text(session: Session, ca: ChairsAction) -> str:
    paper = session.get(Paper, ca.paper_id) if ca.paper_id else None
    parts = [ca.title, ca.decision_text]
    if paper is not None:
        parts += [paper.title, paper.executive_summary, paper.recommendations]
    return "\n".join(parts)


def register_conflicts(session: Session, ca: ChairsAction) -> list[str]:
    """What the register of interests says about the taker and those consulted: interests
    declared on the paper's item, and current interests sharing words with the matter (a
    prompt, marked as such). Each entry begins "Register of interests:"."""
    people = [p for p in dict.fromkeys([ca.taken_by_id, *(c.person_id for c in ca.consultees)])
              if p is not None]
    lines = [f"Register of interests: {d.person.name}, {_declared_words(d, ca.taken_on)} — "
             f"declared on the paper's item ({d.action})"
             for d in _item_declarations(session, ca, people)]
    on = ca.taken_on or dt.date.today()
    current = [i for i in session.scalars(select(Interest).where(
        Interest.person_id.in_(list(people))).order_by(Interest.id))
        if interest_rules.is_current(i.from_date, i.to_date, on)]
    org = session.scalar(select(Organisation).limit(1))
    ignore = " ".join([ca.committee.name] + ([org.name, org.short_name] if org else [])).split()
    registered = [interest_rules.RegisteredInterest(i.id, i.person_id,
                                                    f"{i.description} {i.organisation}")
                  for i in current]
    by_id = {i.id: i for i in current}
    for hit in interest_rules.possible_conflicts(_matter_text(session, ca), registered, ignore):
        i = by_id[hit.interest]
        lines.append(f"Register of interests: {i.person.name}, {i.description} — may touch "
                     f"the matter (shared words: {', '.join(hit.matched)}); not declared")
    return list(dict.fromkeys(lines))


def _fill_conflicts(session: Session, ca: ChairsAction) -> None:
    own = [line for line in (ca.conflicts or "").splitlines()
           if not line.startswith("Register of interests:")]
    ca.conflicts = "\n".join([*own, *register_conflicts(session, ca)]).strip()


def _taking_problems(session: Session, ca: ChairsAction,
                     today: dt.date | None = None) -> list[Problem]:
    consultees = tuple(rules.Consultee(c.person.name, c.person.kind,
                                       is_accountable_officer(c.person))
                       for c in ca.consultees if c.person_id != ca.taken_by_id)
    interest = _taker_interest(session, ca)
    facts = rules.TakingFacts(ca.decision_text, ca.urgency_reason, ca.taken_on,
                              _taker_role(session, ca), ca.chair_unavailable_reason, consultees,
                              taker_interest=interest,
                              vice_chair=_vice_chair(session, ca) if interest else "")
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
    _fill_conflicts(session, ca)
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
                        layouts: Layouts | None = None, date_from: dt.date | None = None,
                        date_to: dt.date | None = None) -> list[ChairsActionRow]:
    """By date taken (drafts last). ``pending_only``: taken or reported, awaiting ratification.
    ``date_from``/``date_to``: taken in those days (drafts with no date are then left out)."""
    query = select(ChairsAction)
    if committee_id is not None:
        query = query.where(ChairsAction.committee_id == committee_id)
    if date_from is not None:
        query = query.where(ChairsAction.taken_on >= date_from)
    if date_to is not None:
        query = query.where(ChairsAction.taken_on <= date_to)
    if pending_only:
        query = query.where(ChairsAction.status.in_(rules.AWAITING))
    found = session.scalars(query.order_by(ChairsAction.id))
    rows = [_row(session, ca, today, layouts) for ca in found]
    return sorted(rows, key=lambda r: (r.taken_on or dt.date.max, r.id))
