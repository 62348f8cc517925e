"""What changed since a point in the audit trail, in words an audit committee member reads:
the plain values the service gathers and the report prints, and the labels that turn table
and column names into the names a board secretary uses."""

from __future__ import annotations

from dataclasses import dataclass

# Record kinds as a secretary names them; any other table reads as its words ("risk gap").
RECORD_NAMES = {
    "action_item": "Action", "action_update": "Action update", "agenda_item": "Agenda item",
    "agenda_template": "Agenda template", "attachment": "Attachment", "attendance": "Attendance",
    "chairs_action": "Chair's action", "chairs_action_consultee": "Chair's action consultee",
    "committee": "Body", "correction": "Correction", "database": "Database",
    "decision": "Decision", "decision_action": "Action from a decision",
    "decision_risk": "Risk changed by a decision", "declaration": "Declaration of interest",
    "interest": "Registered interest", "issued_pack": "Issued board pack", "meeting": "Meeting",
    "membership": "Membership", "minute_entry": "Minute", "organisation": "Organisation",
    "paper": "Paper (cover sheet)", "paper_risk": "Risk a paper bears on", "person": "Person",
    "risk": "Risk", "risk_action": "Risk action", "risk_assurance": "Assurance",
    "risk_category": "Risk category", "risk_control": "Control", "risk_escalation": "Escalation",
    "risk_gap": "Gap", "risk_objective": "Strategic objective a risk threatens",
    "risk_score": "Risk score", "scoring_round": "Scoring round",
}

# Fields whose plain words would mislead or puzzle; the rest read as their words.
FIELD_NAMES = {
    "current_likelihood": "Current likelihood", "current_consequence": "Current consequence",
    "inherent_likelihood": "Inherent likelihood",
    "inherent_consequence": "Inherent consequence",
    "target_likelihood": "Target likelihood", "target_consequence": "Target consequence",
    "on_corporate_register": "On the corporate register", "votes_for": "Votes for",
    "votes_against": "Votes against", "votes_abstain": "Abstentions",
    "votes_by_name": "Votes by name", "part2_reason": "Reason for taking Part 2 in private",
    "sha256": "File (SHA-256)", "taker_role": "Taken as", "owner_id": "Owner",
    "person_id": "Person", "committee_id": "Body", "meeting_id": "Meeting",
    "agenda_item_id": "Agenda item", "paper_id": "Paper", "risk_id": "Risk",
    "minutes_approved_at_meeting_id": "Minutes approved at", "decided_on": "Decided on",
    "starts_at": "Starts", "ends_at": "Ends", "audit_head": "Audit chain head printed",
}

ACTIONS = {"create": "added", "update": "changed", "delete": "removed", "warning": "warned"}


def record_name(record_type: str) -> str:
    return RECORD_NAMES.get(record_type, record_type.replace("_", " ").capitalize())


def field_name(field: str) -> str:
    if field in FIELD_NAMES:
        return FIELD_NAMES[field]
    words = field[:-3] if field.endswith("_id") else field
    return words.replace("_", " ").capitalize()


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    seq: int
    at: str  # "29 Nov 2012 14:05 UTC"
    actor: str
    action: str  # added, changed, removed
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class RecordChanges:
    kind: str  # "Risk"
    record_id: str
    description: str  # "CR01 Financial targets", or "" when the record has no name
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ChangesSince:
    organisation: str
    since: str  # "the head printed on pack #3 (Merton CCG Governing Body, 29 Nov 2012)"
    head: str
    history_holds: bool
    verdict: str  # the history up to the point: unchanged, or how it was broken
    events_before: int
    events_after: int
    records: tuple[RecordChanges, ...]
    generated_at: str
