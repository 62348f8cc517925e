"""Read models of decisions (``DecisionRow`` and its parts) and how they are built.

Kept apart from app.services.decisions.decisions so the use cases stay short; the GUI imports the rows
from either module (decisions re-exports them).

``DecisionRow`` fields:
  id, status ("recorded" or "withdrawn"), meeting_id, meeting ("Merton CCG Governing Body,
  27 Sep 2012"), meeting_title, meeting_date, committee_id, committee, agenda_item_id,
  item_number ("6.8"), item_title, item_purpose, part (1 public, 2 private), resolution,
  outcome, rationale, vote (``app.domain.decisions.Vote``), carried (True/False, None when no
  vote), quorate, quorum_explanation (both as at the decision), conflicts
  (``ConflictSnapshot`` tuple), override_reasons (why an override was needed; empty if none),
  override_reason, overridden (an override was needed and given), paper_id, paper_title,
  paper_version (the author's "Working Draft v1.0"), paper_row_version, evidence
  (``EvidenceFile`` tuple: the attachment versions considered), decided_on, chairs_action_id
  (the chair's action this decision ratified, or did not), correction_note, risk_changes
  (``RiskChangeRow`` tuple), action_ids, version.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.domain.decisions import Vote
from app.store.decisions import Decision


@dataclass(frozen=True)
class ConflictSnapshot:
    """An interest declared on the item when the decision was taken."""

    person_id: int
    person: str
    description: str
    action: str  # withdrew, took no part in the decision, participated
    chair_ruling: str


@dataclass(frozen=True)
class EvidenceFile:
    """One attachment version the body had before it."""

    attachment_id: int
    name: str
    version_number: int
    sha256: str


@dataclass(frozen=True)
class RiskChangeRow:
    """A risk score the decision changed: the history row it wrote."""

    risk_id: int
    reference: str
    title: str
    score_id: int | None
    kind: str
    likelihood: int
    consequence: int
    score: int
    scored_on: dt.date | None
    scored_by: str
    rationale: str
    source: str


@dataclass(frozen=True)
class DecisionRow:
    id: int
    status: str
    meeting_id: int
    meeting: str
    meeting_title: str
    meeting_date: dt.date
    committee_id: int
    committee: str
    agenda_item_id: int
    item_number: str
    item_title: str
    item_purpose: str
    part: int
    resolution: str
    outcome: str
    rationale: str
    vote: Vote
    carried: bool | None
    quorate: bool
    quorum_explanation: str
    conflicts: tuple[ConflictSnapshot, ...]
    override_reasons: tuple[str, ...]
    override_reason: str
    overridden: bool
    paper_id: int | None
    paper_title: str
    paper_version: str
    paper_row_version: int | None
    evidence: tuple[EvidenceFile, ...]
    decided_on: dt.date
    chairs_action_id: int | None
    correction_note: str
    risk_changes: tuple[RiskChangeRow, ...]
    action_ids: tuple[int, ...]
    version: int


def vote_of(d: Decision) -> Vote:
    return Vote(d.vote_method, d.votes_for, d.votes_against, d.votes_abstain,
                json.loads(d.votes_by_name or "{}"))


def _risk_change(link) -> RiskChangeRow:
    s, r = link.risk_score, link.risk
    if s is None:
        return RiskChangeRow(r.id, r.reference, r.title, None, "", 0, 0, 0, None, "", "", "")
    return RiskChangeRow(r.id, r.reference, r.title, s.id, s.kind, s.likelihood, s.consequence,
                         s.likelihood * s.consequence, s.scored_on, s.scored_by, s.rationale,
                         s.source)


def decision_row(d: Decision, number: str, paper_title: str = "",
                 item_action_ids: tuple[int, ...] = ()) -> DecisionRow:
    """``number`` is the item's number on its agenda (the caller has the layout);
    ``item_action_ids``: actions raised at the item by other means than the decision."""
    meeting, item = d.meeting, d.agenda_item
    vote = vote_of(d)
    reasons = tuple(r for r in d.override_needed_because.split("; ") if r)
    return DecisionRow(
        id=d.id, status=d.status, meeting_id=meeting.id,
        meeting=f"{meeting.committee.name}, {meeting.meeting_date:%d %b %Y}",
        meeting_title=meeting.title, meeting_date=meeting.meeting_date,
        committee_id=meeting.committee_id, committee=meeting.committee.name,
        agenda_item_id=item.id, item_number=number, item_title=item.title,
        item_purpose=item.purpose, part=item.part, resolution=d.resolution, outcome=d.outcome,
        rationale=d.rationale, vote=vote, carried=vote.carried(), quorate=d.quorate,
        quorum_explanation=d.quorum_explanation,
        conflicts=tuple(ConflictSnapshot(**c) for c in json.loads(d.conflicts or "[]")),
        override_reasons=reasons, override_reason=d.override_reason,
        overridden=bool(reasons and d.override_reason.strip()), paper_id=d.paper_id,
        paper_title=paper_title, paper_version=d.paper_version,
        paper_row_version=d.paper_row_version,
        evidence=tuple(EvidenceFile(**e) for e in json.loads(d.attachments or "[]")),
        decided_on=d.decided_on, chairs_action_id=d.chairs_action_id,
        correction_note=d.correction_note,
        risk_changes=tuple(_risk_change(link) for link in d.risks),
        action_ids=tuple(dict.fromkeys([*(link.action_item_id for link in d.actions),
                                        *item_action_ids])), version=d.version)
