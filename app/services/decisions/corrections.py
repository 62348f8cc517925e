"""Corrections to sealed records: the one way a meeting's record changes after its minutes
are approved (app.services.meetings.sealing holds the seal rule).

  correct_sealed_record(record_type, record_id, fields, reason, requested_by) -> CorrectionRow
      record_type is the record's table: meeting, agenda_item, attendance, declaration, paper,
      attachment, minute_entry, decision, action_item, chairs_action. ``fields`` maps the
      fields to change to their corrected values (CORRECTABLE lists them). The change goes
      through the record's own service, so every rule still holds; the seal is lifted for that
      one record only. A ``Correction`` keeps the fields' before and after values, the reason,
      who asked for it and who made it (the session's actor), audited like every record.

The record's read model then shows "Corrected on 3 Jan 2013 because …", the decision trail
lists it, and it is listed for the body's next meeting to note
(app.services.meetings.sealing.corrections_to_note; the next pack's minutes section prints it).
"""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from app.domain.errors import Conflict, Problem, ValidationError
from app.services import interests
from app.services.common import get_or_fail, raise_if
from app.services.decisions import decisions
from app.services.meetings import actions, agenda, attendance, meetings, minutes, papers
from app.services.meetings.sealing import (
    SEALED_STATUS,
    SETTLED,
    CorrectionRow,
    correction_row,
    forget_index,
    lifting_seal,
)
from app.store.actions import ActionItem
from app.store.audit import plain
from app.store.base import utcnow
from app.store.corrections import Correction
from app.store.decisions import ChairsAction, Decision
from app.store.interests import Declaration
from app.store.meetings import AgendaItem, Attendance, Meeting, MinuteEntry
from app.store.papers import Attachment, Paper, PaperRisk

# record type -> the fields a correction may change
CORRECTABLE: dict[str, tuple[str, ...]] = {
    "meeting": ("title", "starts_at", "ends_at", "venue", "video_link", "part2_reason",
                "papers_due_on"),
    "agenda_item": ("title", "purpose", "presenter_id", "minutes_allocated", "notes"),
    "attendance": ("status", "arrived_at_item_id", "left_after_item_id", "notes"),
    "declaration": ("description", "action", "agenda_item_id", "interest_id", "chair_ruling"),
    "paper": papers.SETTABLE + ("risk_ids",),
    "attachment": ("name", "description"),
    "minute_entry": ("discussion", "outcome"),
    "decision": ("resolution", "rationale", "outcome", "votes_for", "votes_against",
                 "votes_abstain"),
    "action_item": ("description", "owner_id", "due_on", "status", "closed_on"),
    "chairs_action": ("title", "decision_text", "urgency_reason", "power",
                      "standing_order_clause", "outcome_note", "if_not_ratified"),
}
MODELS = {"meeting": Meeting, "agenda_item": AgendaItem, "attendance": Attendance,
          "declaration": Declaration, "paper": Paper, "attachment": Attachment,
          "minute_entry": MinuteEntry, "decision": Decision, "action_item": ActionItem,
          "chairs_action": ChairsAction}


def _merged(obj, fields: dict, names: tuple[str, ...]) -> dict:
    return {name: fields.get(name, getattr(obj, name)) for name in names}


def _meeting(session: Session, obj: Meeting, fields: dict, reason: str) -> None:
    meetings.update_meeting(session, meeting_id=obj.id, expected_version=None,
                            **_merged(obj, fields, CORRECTABLE["meeting"]))


def _agenda_item(session: Session, obj: AgendaItem, fields: dict, reason: str) -> None:
    agenda.update_agenda_item(session, item_id=obj.id, expected_version=None,
                              **_merged(obj, fields, CORRECTABLE["agenda_item"]))


def _attendance(session: Session, obj: Attendance, fields: dict, reason: str) -> None:
    attendance.record_attendance(session, meeting_id=obj.meeting_id, person_id=obj.person_id,
                                 **_merged(obj, fields, CORRECTABLE["attendance"]))


def _declaration(session: Session, obj: Declaration, fields: dict, reason: str) -> None:
    interests.update_declaration(session, declaration_id=obj.id, expected_version=None,
                                 **_merged(obj, fields, CORRECTABLE["declaration"]))


def _paper(session: Session, obj: Paper, fields: dict, reason: str) -> None:
    """A paper's cover sheet; ``risk_ids`` gives the risks it bears on, all of them."""
    fields = dict(fields)
    risk_ids = fields.pop("risk_ids", None)
    if fields:
        papers.update_paper(session, paper_id=obj.id, expected_version=None, **fields)
    if risk_ids is not None:
        now = set(_risk_ids(session, obj))
        for risk_id in sorted(set(risk_ids) - now):
            papers.link_paper_to_risk(session, paper_id=obj.id, risk_id=risk_id)
        for risk_id in sorted(now - set(risk_ids)):
            papers.unlink_paper_from_risk(session, paper_id=obj.id, risk_id=risk_id)


def _risk_ids(session: Session, obj) -> list[int]:
    if not isinstance(obj, Paper):
        return []
    return sorted(session.scalars(select(PaperRisk.risk_id).where(
        PaperRisk.paper_id == obj.id)))


def _attachment(session: Session, obj: Attachment, fields: dict, reason: str) -> None:
    if "name" in fields and not str(fields["name"]).strip():
        raise ValidationError("the file needs a name", field="name")
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _minute(session: Session, obj: MinuteEntry, fields: dict, reason: str) -> None:
    minutes.record_minute(session, agenda_item_id=obj.agenda_item_id,
                          **_merged(obj, fields, CORRECTABLE["minute_entry"]))


def _decision(session: Session, obj: Decision, fields: dict, reason: str) -> None:
    counts = {k: fields[k] for k in ("votes_for", "votes_against", "votes_abstain")
              if k in fields}
    bad = [Problem(k, "a count of votes is a whole number, 0 or more")
           for k, v in counts.items() if not isinstance(v, int) or isinstance(v, bool) or v < 0]
    raise_if(bad)
    wording = {k: fields[k] for k in ("resolution", "rationale", "outcome") if k in fields}
    decisions.correct_decision(session, decision_id=obj.id, expected_version=None,
                               reason=reason, **wording)
    for name, value in counts.items():
        setattr(obj, name, value)


def _action(session: Session, obj: ActionItem, fields: dict, reason: str) -> None:
    actions.update_action(session, action_id=obj.id, expected_version=None,
                          **_merged(obj, fields, CORRECTABLE["action_item"]))


def _chairs_action(session: Session, obj: ChairsAction, fields: dict, reason: str) -> None:
    if "title" in fields and not str(fields["title"]).strip():
        raise ValidationError("a chair's action needs a title", field="title")
    for name, value in fields.items():
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


APPLY: dict[str, Callable[[Session, object, dict, str], None]] = {
    "meeting": _meeting, "agenda_item": _agenda_item, "attendance": _attendance,
    "declaration": _declaration, "paper": _paper, "attachment": _attachment,
    "minute_entry": _minute, "decision": _decision, "action_item": _action,
    "chairs_action": _chairs_action,
}


def _sealed_meeting(session: Session, record_type: str, obj) -> Meeting | None:
    """The sealed meeting whose record holds ``obj``, or None when it is not sealed."""
    if record_type == "chairs_action":
        return obj.ratification_meeting if obj.status in SETTLED else None
    if record_type == "meeting":
        meeting = obj
    elif record_type in ("attendance", "declaration", "decision", "action_item",
                         "agenda_item"):
        meeting = session.get(Meeting, obj.meeting_id)
    elif record_type == "attachment":
        meeting = obj.paper.agenda_item.meeting
    else:  # paper, minute_entry
        meeting = obj.agenda_item.meeting
    return meeting if meeting.status == SEALED_STATUS else None


def _values(session: Session, obj) -> dict:
    values = {a.key: plain(getattr(obj, a.key)) for a in inspect(obj).mapper.column_attrs
              if a.key != "version"}
    if isinstance(obj, Paper):
        values["risk_ids"] = _risk_ids(session, obj)
    return values


def correct_sealed_record(session: Session, *, record_type: str, record_id: int, fields: dict,
                          reason: str, requested_by: str) -> CorrectionRow:
    if record_type not in APPLY:
        raise ValidationError(f"'{record_type}' is not a record that can be corrected "
                              f"(one of: {', '.join(APPLY)})", field="record_type")
    obj = get_or_fail(session, MODELS[record_type], record_id, record_type.replace("_", " "))
    problems = [Problem(k, "cannot be corrected") for k in fields
                if k not in CORRECTABLE[record_type]]
    if not reason.strip():
        problems.append(Problem("reason", "say why the sealed record is being corrected"))
    if not requested_by.strip():
        problems.append(Problem("requested_by", "say who asks for the correction"))
    if not fields:
        problems.append(Problem("fields", "say what is to be corrected"))
    raise_if(problems)
    meeting = _sealed_meeting(session, record_type, obj)
    if meeting is None:
        raise Conflict("This record is not sealed: change it in the ordinary way.")
    before = _values(session, obj)
    with lifting_seal(session, obj, meeting.id):
        APPLY[record_type](session, obj, fields, reason.strip())
    after = _values(session, obj)
    changed = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    if not changed:
        raise ValidationError("the corrected values are the same as the record's: nothing to "
                              "correct", field="fields")
    correction = Correction(meeting_id=meeting.id, record_type=record_type, record_id=obj.id,
                            fields=json.dumps(changed, sort_keys=True, ensure_ascii=False),
                            reason=reason.strip(), requested_by=requested_by.strip(),
                            made_by=session.info.get("actor") or "unknown", made_at=utcnow())
    session.add(correction)
    session.flush()
    forget_index(session)
    return correction_row(correction)
