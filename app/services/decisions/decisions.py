"""Decisions: what a body resolved on an agenda item, with the facts the audit committee asks for.

Recording a decision snapshots, at that moment: the quorum for the item (after conflicted
members withdrew) and its explanation, the interests declared on the item and what each member
did, the vote, and the paper version and attachment SHA-256s the body considered. A decision on
an inquorate item, or with a member voting despite having withdrawn or taken no part, is
refused unless an override reason is given (the trail shows both the reasons and the override).
Risk score changes go through ``app.services.risks.risks.rescore_risk`` (source "decision #<id>") and
new actions through ``app.services.meetings.actions.create_action``; both are linked to the decision.
A decision on a chair's action's ratification item settles that chair's action: ratified, not
ratified, or (deferred) back to "taken" to be placed on the next meeting.

Decisions are records: they are corrected with a reason, or withdrawn with a reason, never
deleted. A correction changes the wording or outcome only; the snapshots are facts of the day.
Risk scores a withdrawn decision changed stay in the risk's history (rescore again to undo).

Read model: ``DecisionRow`` (app.services.decisions.decision_rows, re-exported here).

Use cases (session first, keyword arguments), for the CLI and the decisions GUI:
  record_decision(agenda_item_id, resolution, outcome, rationale="", vote=None,
                  override_reason="", decided_on=None, risk_changes=(), new_actions=(),
                  in_advance=False, in_advance_reason="", today=None) -> DecisionRow
      vote: app.domain.decisions.Vote (method "none" | "count" | "by name"; by_name maps a
      person's name to "for"/"against"/"abstain"); risk_changes: (risk_id, expected_version,
      likelihood, consequence) each; new_actions: (description, owner_id, due_on) each.
  override_needed_for(agenda_item_id, vote=None, outcome=None) -> list[str]   (ask before
      saving: the GUI shows the override box only when this is not empty)
  correct_decision(decision_id, expected_version, reason, resolution=None, rationale=None,
                   outcome=None, override_reason="") -> DecisionRow   (a new outcome that does
      not follow from the vote needs an override reason)

Votes that add up (app.domain.decisions): a counted vote has no more votes than the voting
members present for the item, less those who withdrew or took no part (refused outright); the
outcome follows from the vote under the body's voting rule (app.services.decisions.voting_rules:
simple majority of votes cast unless set otherwise; a tie is lost unless the chair has a
casting vote), or is an override with a reason. No decision on a meeting not yet held (planned,
agenda issued, or dated after today) unless ``in_advance`` with ``in_advance_reason``; the
decision is then kept as an override ("recorded in advance …" among the reasons, and
"In advance: <reason>" in the override reason), there being no column of its own.
The decision's actions (``action_ids``) are those it raised and any other raised at its item.
  withdraw_decision(decision_id, expected_version, reason) -> DecisionRow
  get_decision(decision_id) -> DecisionRow
  list_decisions(committee_id=None, date_from=None, date_to=None, person_id=None,
                 risk_id=None, outcome=None, overridden_only=False, meeting_id=None,
                 include_withdrawn=True) -> list[DecisionRow]   (by date, then agenda order)
  decisions_for_item(agenda_item_id) -> list[DecisionRow]
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import chairs_actions as ca_rules
from app.domain.agenda import outcome_problems
from app.domain.decisions import (
    Vote,
    count_problems,
    held_problems,
    outcome_mismatch,
    override_needed,
    override_problems,
    vote_problems,
)
from app.domain.errors import Conflict, Problem, ValidationError
from app.domain.meetings import PRESENT_STATUSES, is_present_for
from app.services.common import check_version, get_or_fail, raise_if
from app.services.decisions.decision_rows import (  # noqa: F401  (re-exported for the GUI)
    ConflictSnapshot,
    DecisionRow,
    EvidenceFile,
    RiskChangeRow,
    decision_row,
    vote_of,
)
from app.services.decisions.voting_rules import voting_rule_for
from app.services.meetings import actions, attendance
from app.services.meetings.agenda import agenda_layout
from app.services.meetings.attachments import current_attachments
from app.services.meetings.ratification import place_pending_ratifications
from app.services.meetings.sealing import check_not_sealed
from app.services.risks import risks
from app.store.actions import ActionItem
from app.store.decisions import ChairsAction, Decision, DecisionAction, DecisionRisk
from app.store.interests import Declaration
from app.store.meetings import AgendaItem, Attendance, Meeting
from app.store.papers import Paper, PaperRisk
from app.store.people import Person
from app.store.risks import RiskScore


def _numbers(session: Session, meeting: Meeting, cache: dict | None = None) -> dict:
    if cache is None:
        return agenda_layout(session, meeting).numbers
    if meeting.id not in cache:
        cache[meeting.id] = agenda_layout(session, meeting).numbers
    return cache[meeting.id]


def _row(session: Session, d: Decision, cache: dict | None = None) -> DecisionRow:
    paper = session.get(Paper, d.paper_id) if d.paper_id else None
    number = _numbers(session, d.meeting, cache).get(d.agenda_item_id, "")
    # Actions raised at the item count as the decision's, however they were raised.
    at_item = tuple(session.scalars(select(ActionItem.id).where(
        ActionItem.agenda_item_id == d.agenda_item_id).order_by(ActionItem.id)))
    return decision_row(d, number, paper.title if paper else "", at_item)


# ------------------------------------------------------------------- facts of the moment


def _voters_present(session: Session, item: AgendaItem) -> dict[str, int]:
    """Voting members in the room for the item, by name (before any withdrew)."""
    layout = agenda_layout(session, item.meeting)
    pos = {it.id: n for n, it in enumerate(layout.items, start=1)}
    members = attendance.memberships_on_day(session, item.meeting)
    found = session.scalars(select(Attendance).where(Attendance.meeting_id == item.meeting_id))
    return {a.person.name: a.person_id for a in found
            if a.status == "present" and a.person_id in members
            and members[a.person_id].voting
            and is_present_for(pos[item.id], pos.get(a.arrived_at_item_id),
                               pos.get(a.left_after_item_id))}


def _declarations(session: Session, item_id: int) -> list[Declaration]:
    return list(session.scalars(select(Declaration).where(
        Declaration.agenda_item_id == item_id).order_by(Declaration.id)))


def _conflicted_voters(session: Session, item: AgendaItem, vote: Vote) -> list[str]:
    """Members who voted by name on an item they withdrew from or took no part in."""
    conflicted = attendance.conflicted_on(session, item.id)
    names = {d.person.name for d in _declarations(session, item.id) if d.person_id in conflicted}
    return [name for name in vote.by_name if name in names]


def _eligible(session: Session, item: AgendaItem) -> int:
    """Voting members present for the item who may vote: not those who withdrew or took no
    part."""
    conflicted = attendance.conflicted_on(session, item.id)
    return len(set(_voters_present(session, item).values()) - conflicted)


def _mismatch(session: Session, item: AgendaItem, vote: Vote, outcome: str | None) -> str:
    """Why the outcome does not follow from the vote under the body's rule ("" if it does)."""
    if outcome is None or vote.method == "none":
        return ""
    rule = voting_rule_for(session, committee_id=item.meeting.committee_id)
    return outcome_mismatch(vote, outcome, rule, eligible=_eligible(session, item))


def _override_reasons(session: Session, item: AgendaItem, vote: Vote,
                      outcome: str | None = None) -> tuple[list[str], object]:
    quorum = attendance.quorum_for_item(session, agenda_item_id=item.id)
    return override_needed(quorate=quorum.quorate,
                           conflicted_voters=_conflicted_voters(session, item, vote),
                           vote_mismatch=_mismatch(session, item, vote, outcome)), quorum


def override_needed_for(session: Session, *, agenda_item_id: int, vote: Vote | None = None,
                        outcome: str | None = None) -> list[str]:
    item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
    return _override_reasons(session, item, vote or Vote(), outcome)[0]


def _evidence(session: Session, item: AgendaItem) -> tuple[Paper | None, list[dict]]:
    paper = session.scalar(select(Paper).where(Paper.agenda_item_id == item.id))
    if paper is None:
        return None, []
    files = [dict(attachment_id=a.id, name=a.name, version_number=a.version_number,
                  sha256=a.sha256) for a in current_attachments(session, paper.id)]
    return paper, files


def _conflicts_json(session: Session, item: AgendaItem) -> str:
    return json.dumps([dict(person_id=d.person_id, person=d.person.name,
                            description=d.description, action=d.action,
                            chair_ruling=d.chair_ruling)
                       for d in _declarations(session, item.id)])


# ------------------------------------------------------------------------------ recording


def _ratified_action(session: Session, item_id: int) -> ChairsAction | None:
    return session.scalar(select(ChairsAction).where(ChairsAction.ratification_item_id == item_id))


def _ratification_problems(ca: ChairsAction | None, outcome: str) -> list[Problem]:
    if ca is None or outcome not in ("ratified", "not ratified", "deferred"):
        return []
    new = ca_rules.TAKEN if outcome == "deferred" else outcome
    return ca_rules.transition_problems(ca.status, new)


def _problems(session: Session, item: AgendaItem, resolution: str, outcome: str, vote: Vote,
              decided_on: dt.date, override_reason: str,
              advance: tuple[bool, str, dt.date]) -> tuple[list[Problem], list[str], object]:
    problems = []
    if not resolution.strip():
        problems.append(Problem("resolution", "say what the body resolved"))
    problems += outcome_problems(item.purpose, outcome)
    problems += vote_problems(vote, eligible=set(_voters_present(session, item))
                              if vote.method == "by name" else None)
    problems += count_problems(vote, eligible=_eligible(session, item))
    in_advance, in_advance_reason, today = advance
    problems += held_problems(status=item.meeting.status, meeting_date=item.meeting.meeting_date,
                              today=today, in_advance=in_advance,
                              in_advance_reason=in_advance_reason)
    if decided_on < item.meeting.meeting_date:
        problems.append(Problem("decided_on", "a decision cannot be dated before its meeting "
                                              f"({item.meeting.meeting_date:%d %b %Y})"))
    reasons, quorum = _override_reasons(session, item, vote, outcome)
    problems += override_problems(reasons, override_reason)
    problems += _ratification_problems(_ratified_action(session, item.id), outcome)
    return problems, reasons, quorum


IN_ADVANCE = "recorded in advance of the meeting, before it was held"


def _advance_note(item: AgendaItem, today: dt.date, in_advance: bool, reasons: list[str],
                  override_reason: str, in_advance_reason: str) -> tuple[list[str], str]:
    """A decision recorded in advance is kept as an override: its reason goes with the
    override reason ("In advance: …"), so the trail shows both."""
    held = not held_problems(status=item.meeting.status, meeting_date=item.meeting.meeting_date,
                             today=today, in_advance=False, in_advance_reason="")
    text = override_reason.strip() if reasons else ""
    if held or not in_advance:
        return reasons, text
    note = f"In advance: {in_advance_reason.strip()}"
    return reasons + [IN_ADVANCE], f"{text}\n{note}".strip()


def _new_decision(session: Session, item: AgendaItem, *, resolution, outcome, rationale, vote,
                  override_reason, decided_on, reasons, quorum) -> Decision:
    """``override_reason`` is stored as given (the caller has joined any in-advance note)."""
    paper, files = _evidence(session, item)
    yes, no, abstain = vote.totals()
    d = Decision(
        agenda_item_id=item.id, meeting_id=item.meeting_id, resolution=resolution.strip(),
        outcome=outcome, rationale=rationale.strip(), vote_method=vote.method, votes_for=yes,
        votes_against=no, votes_abstain=abstain,
        votes_by_name=json.dumps(vote.by_name, sort_keys=True), quorate=quorum.quorate,
        quorum_explanation=quorum.explanation, conflicts=_conflicts_json(session, item),
        override_reason=override_reason,
        override_needed_because="; ".join(reasons), paper_id=paper.id if paper else None,
        paper_version=paper.paper_version if paper else "",
        paper_row_version=paper.version if paper else None, attachments=json.dumps(files),
        decided_on=decided_on, status="recorded", correction_note="")
    session.add(d)
    session.flush()
    return d


def _apply_risk_changes(session: Session, d: Decision, item: AgendaItem, number: str,
                        changes) -> None:
    why = f"Decision at {item.meeting.title} item {number}: {d.resolution}"
    for n, (risk_id, expected_version, likelihood, consequence) in enumerate(changes, start=1):
        try:
            risks.rescore_risk(session, risk_id=risk_id, expected_version=expected_version,
                               likelihood=likelihood, consequence=consequence, rationale=why,
                               source=f"decision #{d.id}", scored_by=item.meeting.committee.name,
                               scored_on=d.decided_on, today=d.decided_on)
        except ValidationError as exc:
            raise ValidationError([Problem(f"risk_changes: {p.field}", p.reason, n)
                                   for p in exc.problems]) from exc
        score = session.scalar(select(RiskScore).where(
            RiskScore.risk_id == risk_id, RiskScore.source == f"decision #{d.id}")
            .order_by(RiskScore.id.desc()).limit(1))
        session.add(DecisionRisk(decision=d, risk_id=risk_id, risk_score=score))


def _add_actions(session: Session, d: Decision, item: AgendaItem, new_actions) -> None:
    for description, owner_id, due_on in new_actions:
        row = actions.create_action(session, meeting_id=item.meeting_id, description=description,
                                    owner_id=owner_id, due_on=due_on, agenda_item_id=item.id)
        session.add(DecisionAction(decision=d, action_item_id=row.id))


def _settle_chairs_action(ca: ChairsAction | None, d: Decision) -> None:
    if ca is None or d.outcome not in ("ratified", "not ratified", "deferred"):
        return
    d.chairs_action_id = ca.id
    if d.outcome == "deferred":
        # Back to taken: place_pending_ratifications puts it on the meeting after this one.
        ca.status, ca.ratification_item = ca_rules.TAKEN, None
        return
    ca.status, ca.ratified_on, ca.outcome_note = d.outcome, d.decided_on, d.resolution


def record_decision(session: Session, *, agenda_item_id: int, resolution: str, outcome: str,
                    rationale: str = "", vote: Vote | None = None, override_reason: str = "",
                    decided_on: dt.date | None = None, risk_changes=(),
                    new_actions=(), in_advance: bool = False, in_advance_reason: str = "",
                    today: dt.date | None = None) -> DecisionRow:
    item = get_or_fail(session, AgendaItem, agenda_item_id, "agenda item")
    check_not_sealed(session, item.meeting, "its decisions")
    vote = vote or Vote()
    decided_on = decided_on or item.meeting.meeting_date
    today = today or dt.date.today()
    problems, reasons, quorum = _problems(session, item, resolution, outcome, vote, decided_on,
                                          override_reason,
                                          (in_advance, in_advance_reason, today))
    raise_if(problems)
    reasons, override_reason = _advance_note(item, today, in_advance, reasons, override_reason,
                                             in_advance_reason)
    d = _new_decision(session, item, resolution=resolution, outcome=outcome,
                      rationale=rationale, vote=vote, override_reason=override_reason,
                      decided_on=decided_on, reasons=reasons, quorum=quorum)
    number = _numbers(session, item.meeting).get(item.id, "")
    _apply_risk_changes(session, d, item, number, risk_changes)
    _add_actions(session, d, item, new_actions)
    _settle_chairs_action(_ratified_action(session, item.id), d)
    session.flush()
    if d.outcome == "deferred" and d.chairs_action_id:
        place_pending_ratifications(session, committee_id=item.meeting.committee_id)
    return _row(session, d)


# ------------------------------------------------------------------ correcting, withdrawing


def _editable(session: Session, decision_id: int, expected_version: int | None,
              reason: str) -> Decision:
    d = get_or_fail(session, Decision, decision_id, "decision")
    check_version(d, expected_version, "This decision")
    if d.status == "withdrawn":
        raise Conflict("This decision was withdrawn; it stays in the trail as it was.")
    if not reason.strip():
        raise ValidationError("say why the record is being changed", field="reason")
    return d


def _note(d: Decision, what: str, reason: str) -> None:
    line = f"{dt.date.today():%d %b %Y} {what}: {reason.strip()}"
    d.correction_note = f"{d.correction_note}\n{line}".strip()


def _corrected_outcome(session: Session, d: Decision, outcome: str,
                       override_reason: str) -> None:
    """A corrected outcome must still follow from the vote, or be an override with a reason."""
    raise_if(outcome_problems(d.agenda_item.purpose, outcome))
    mismatch = _mismatch(session, d.agenda_item, vote_of(d), outcome)
    raise_if(override_problems([mismatch] if mismatch else [], override_reason))
    if mismatch:
        d.override_needed_because = "; ".join(
            [r for r in d.override_needed_because.split("; ") if r] + [mismatch])
        d.override_reason = f"{d.override_reason}\n{override_reason.strip()}".strip()
    d.outcome = outcome


def correct_decision(session: Session, *, decision_id: int, expected_version: int | None,
                     reason: str, resolution: str | None = None, rationale: str | None = None,
                     outcome: str | None = None, override_reason: str = "") -> DecisionRow:
    d = _editable(session, decision_id, expected_version, reason)
    check_not_sealed(session, d.meeting, "its decisions")
    if outcome is not None and outcome != d.outcome:
        if d.chairs_action_id is not None:
            raise Conflict("This decision settled a chair's action; ratification is final. "
                           "Withdrawal is not possible either: record a new decision.")
        _corrected_outcome(session, d, outcome, override_reason)
    if resolution is not None:
        raise_if([] if resolution.strip() else [Problem("resolution", "say what was resolved")])
        d.resolution = resolution.strip()
    if rationale is not None:
        d.rationale = rationale.strip()
    _note(d, "corrected", reason)
    session.flush()
    return _row(session, d)


def withdraw_decision(session: Session, *, decision_id: int, expected_version: int | None,
                      reason: str) -> DecisionRow:
    """Mark a decision recorded in error as withdrawn; it stays in the trail, marked."""
    d = _editable(session, decision_id, expected_version, reason)
    check_not_sealed(session, d.meeting, "its decisions")
    if d.chairs_action_id is not None:
        raise Conflict("This decision moved a chair's action on (ratified, not ratified or "
                       "deferred); it cannot be withdrawn. Record a further decision instead.")
    d.status = "withdrawn"
    _note(d, "withdrawn", reason)
    session.flush()
    return _row(session, d)


# ----------------------------------------------------------------------------------- reading


def get_decision(session: Session, *, decision_id: int) -> DecisionRow:
    return _row(session, get_or_fail(session, Decision, decision_id, "decision"))


def decisions_for_item(session: Session, *, agenda_item_id: int) -> list[DecisionRow]:
    found = session.scalars(select(Decision).where(Decision.agenda_item_id == agenda_item_id)
                            .order_by(Decision.id))
    cache: dict = {}
    return [_row(session, d, cache) for d in found]


def _involves(session: Session, person_id: int):
    """A test of whether a decision involves the person: present at the meeting, declared on
    the item, voted by name, or owns an action it raised."""
    attended = set(session.scalars(select(Attendance.meeting_id).where(
        Attendance.person_id == person_id, Attendance.status.in_(PRESENT_STATUSES))))
    declared = set(session.scalars(select(Declaration.agenda_item_id).where(
        Declaration.person_id == person_id)))
    owns = set(session.scalars(select(DecisionAction.decision_id).join(ActionItem).where(
        ActionItem.owner_id == person_id)))

    def test(d: Decision, name: str) -> bool:
        return (d.meeting_id in attended or d.agenda_item_id in declared or d.id in owns
                or name in json.loads(d.votes_by_name or "{}"))
    return test


def list_decisions(session: Session, *, committee_id: int | None = None,
                   date_from: dt.date | None = None, date_to: dt.date | None = None,
                   person_id: int | None = None, risk_id: int | None = None,
                   outcome: str | None = None, overridden_only: bool = False,
                   meeting_id: int | None = None,
                   include_withdrawn: bool = True) -> list[DecisionRow]:
    query = select(Decision).join(Decision.meeting)
    if committee_id is not None:
        query = query.where(Meeting.committee_id == committee_id)
    if meeting_id is not None:
        query = query.where(Decision.meeting_id == meeting_id)
    if date_from is not None:
        query = query.where(Decision.decided_on >= date_from)
    if date_to is not None:
        query = query.where(Decision.decided_on <= date_to)
    if outcome:
        query = query.where(Decision.outcome == outcome)
    if overridden_only:
        query = query.where(Decision.override_needed_because != "")
    if not include_withdrawn:
        query = query.where(Decision.status != "withdrawn")
    if risk_id is not None:
        # Decisions that changed the risk's score, or whose paper bears on the risk.
        query = query.where(Decision.id.in_(select(DecisionRisk.decision_id).where(
            DecisionRisk.risk_id == risk_id)) | Decision.paper_id.in_(select(
                PaperRisk.paper_id).where(PaperRisk.risk_id == risk_id)))
    found = list(session.scalars(query.order_by(Decision.decided_on, Decision.id)))
    if person_id is not None:
        test, name = _involves(session, person_id), get_or_fail(session, Person, person_id,
                                                                 "person").name
        found = [d for d in found if test(d, name)]
    cache: dict = {}
    rows = [_row(session, d, cache) for d in found]
    return sorted(rows, key=lambda r: (r.decided_on, r.meeting_date, r.meeting_id,
                                       _order(r.item_number), r.id))


def _order(number: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in number.split("."))
