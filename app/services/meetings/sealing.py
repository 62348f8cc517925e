"""Approved means sealed: once a meeting's minutes are approved, its record changes only
through a correction.

Sealed with the meeting (status "minutes approved"): the meeting's own fields, its agenda,
attendance, declarations, papers (cover sheets), their files and risk links, minutes,
decisions (with their votes and links), and the actions raised at it. An action log carries
on: an action's progress (status, closed on, due date revised, updates reported) may still be
recorded. A chair's action is sealed once the body has settled it (ratified or not
ratified); an issued pack is never changed (a pack may still be issued, e.g. reprinted, for a
sealed meeting: it is a new record of what was sent).

Every service that changes these records calls ``check_not_sealed`` (or
``check_chairs_action_not_sealed``) first, so the message is clear; a ``before_flush`` hook
(``install_seal_hooks``, installed by app.services.context beside the audit hooks) refuses
any change to a sealed record that reaches the database by another path. A correction
(app.services.decisions.corrections.correct_sealed_record) lifts the seal for exactly the one
record it corrects (``lifting_seal``) and leaves a ``Correction`` beside it.

Read helpers here: ``sealed_note(meeting)`` ("Sealed: minutes approved at … on …"),
``correction_text(obj)`` ("Corrected on 3 Jan 2013 because …", for a record's read model),
``list_corrections``, ``corrections_to_note`` (for the body's next meeting) and
``note_corrections`` (called when that meeting's own minutes are approved).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event, inspect, or_, select
from sqlalchemy.orm import Session, object_session

from app.domain import chairs_actions as ca_rules
from app.domain.errors import Conflict
from app.domain.meetings import local
from app.services.common import get_or_fail
from app.store.actions import ActionItem
from app.store.corrections import Correction
from app.store.decisions import (
    ChairsAction,
    ChairsActionConsultee,
    Decision,
    DecisionAction,
    DecisionRisk,
)
from app.store.interests import Declaration
from app.store.meetings import AgendaItem, Attendance, Meeting, MinuteEntry
from app.store.packs import IssuedPack
from app.store.papers import Attachment, Paper, PaperRisk

SEALED_STATUS = "minutes approved"
SETTLED = (ca_rules.RATIFIED, ca_rules.NOT_RATIFIED)
# An action's progress is not part of the meeting's record: the log carries on.
ACTION_PROGRESS = frozenset({"status", "closed_on", "due_on"})
_LIFTED = "sealing.lifted"  # session.info: {(table, id)} a correction may change
_LIFTED_MEETINGS = "sealing.lifted_meetings"  # {meeting id} whose services may proceed


def describe_meeting(meeting: Meeting) -> str:
    return f"{meeting.committee.name}, {meeting.meeting_date:%d %b %Y}"


def _stored(obj, key: str):
    """A column's value as stored, before any change pending in this session."""
    history = inspect(obj).attrs[key].history
    if history.deleted:
        return history.deleted[0]
    return getattr(obj, key)


def _persisted(obj) -> bool:
    state = inspect(obj)
    return state.persistent or state.deleted or state.detached


def is_sealed(meeting: Meeting | None) -> bool:
    """The meeting's minutes are approved (as stored: approving them is not itself a change
    to a sealed record)."""
    return (meeting is not None and _persisted(meeting)
            and _stored(meeting, "status") == SEALED_STATUS)


def sealed_note(meeting: Meeting) -> str:
    """"Sealed: minutes approved at <body>, <date>" for a sealed meeting, else ""."""
    if meeting.status != SEALED_STATUS:
        return ""
    at = meeting.minutes_approved_at
    if at is None:
        return "Sealed: minutes approved."
    return f"Sealed: minutes approved at {at.committee.name} on {at.meeting_date:%d %b %Y}."


def seal_message(meeting: Meeting, what: str) -> str:
    at = meeting.minutes_approved_at
    when = (f" on {at.meeting_date:%d %b %Y} (at {describe_meeting(at)})" if at is not None
            else "")
    return (f"The record of {describe_meeting(meeting)} is sealed: its minutes were approved"
            f"{when}, so {what} cannot be changed. Record a correction instead.")


def check_not_sealed(session: Session, meeting: Meeting, what: str) -> None:
    """Refuse a change to the record of a meeting whose minutes are approved."""
    if meeting.status == SEALED_STATUS and meeting.id not in session.info.get(
            _LIFTED_MEETINGS, ()):
        raise Conflict(seal_message(meeting, what))


def chairs_action_message(ca: ChairsAction) -> str:
    at = f" on {ca.ratified_on:%d %b %Y}" if ca.ratified_on else ""
    return (f"Chair's action '{ca.title}' is sealed: the body settled it ({ca.status}){at}. "
            "Record a correction instead.")


def check_chairs_action_not_sealed(session: Session, ca: ChairsAction) -> None:
    if ca.status in SETTLED and ("chairs_action", ca.id) not in session.info.get(_LIFTED, ()):
        raise Conflict(chairs_action_message(ca))


@contextmanager
def lifting_seal(session: Session, record, meeting_id: int) -> Iterator[None]:
    """Let one correction change exactly one sealed record (and its meeting's services run)."""
    key = (type(record).__tablename__, record.id)
    lifted = session.info.setdefault(_LIFTED, set())
    meetings = session.info.setdefault(_LIFTED_MEETINGS, set())
    lifted.add(key)
    meetings.add(meeting_id)
    try:
        yield
        session.flush()
    finally:
        lifted.discard(key)
        meetings.discard(meeting_id)


# --------------------------------------------------------------------------- the backstop


def _get(session: Session, model, record_id):
    return session.get(model, record_id) if record_id is not None else None


def _meeting_of(session: Session, obj) -> Meeting | None:
    """The meeting whose record holds this row, as stored."""
    if isinstance(obj, Meeting):
        return obj
    if isinstance(obj, AgendaItem | Attendance | Declaration | ActionItem | Decision):
        return _get(session, Meeting, _stored(obj, "meeting_id"))
    if isinstance(obj, MinuteEntry | Paper):
        item = _get(session, AgendaItem, _stored(obj, "agenda_item_id"))
        return _meeting_of(session, item) if item is not None else None
    if isinstance(obj, Attachment | PaperRisk):
        paper = _get(session, Paper, _stored(obj, "paper_id"))
        return _meeting_of(session, paper) if paper is not None else None
    if isinstance(obj, DecisionRisk | DecisionAction):
        decision = _get(session, Decision, _stored(obj, "decision_id"))
        return _meeting_of(session, decision) if decision is not None else None
    return None


def _changed_columns(obj) -> set[str]:
    state = inspect(obj)
    return {a.key for a in state.mapper.column_attrs
            if a.key != "version" and state.attrs[a.key].history.has_changes()}


def _refusal(session: Session, obj, action: str) -> str:
    if isinstance(obj, IssuedPack):
        return ("" if action == "create" else
                "An issued pack is a record of what the body was sent: it is never changed.")
    if isinstance(obj, ChairsAction | ChairsActionConsultee):
        ca = obj if isinstance(obj, ChairsAction) else _get(
            session, ChairsAction, _stored(obj, "chairs_action_id"))
        if ca is not None and _persisted(ca) and _stored(ca, "status") in SETTLED:
            return chairs_action_message(ca)
        return ""
    if isinstance(obj, ActionItem) and action == "update" and (
            _changed_columns(obj) <= ACTION_PROGRESS):
        return ""
    meeting = _meeting_of(session, obj)
    if is_sealed(meeting):
        return seal_message(meeting, f"its {type(obj).__tablename__.replace('_', ' ')}")
    return ""


_WATCHED = (Meeting, AgendaItem, Attendance, Declaration, ActionItem, Decision, MinuteEntry,
            Paper, Attachment, PaperRisk, DecisionRisk, DecisionAction, ChairsAction,
            ChairsActionConsultee, IssuedPack)


def _lift_key(obj) -> tuple[str, object]:
    """The record whose correction may change this row: a paper's risk links go with it."""
    if isinstance(obj, PaperRisk):
        return ("paper", _stored(obj, "paper_id"))
    return (type(obj).__tablename__, getattr(obj, "id", None))


def _on_before_flush(session: Session, flush_context, instances) -> None:
    lifted = session.info.get(_LIFTED, set())
    with session.no_autoflush:
        for action, objects in (("create", session.new), ("update", session.dirty),
                                ("delete", session.deleted)):
            for obj in list(objects):
                if not isinstance(obj, _WATCHED):
                    continue
                if action == "update" and not session.is_modified(obj,
                                                                  include_collections=False):
                    continue
                if _lift_key(obj) in lifted:
                    continue
                refusal = _refusal(session, obj, action)
                if refusal:
                    raise Conflict(refusal)


def install_seal_hooks(session_factory) -> None:
    """Make every session from this factory refuse changes to sealed records."""
    event.listen(session_factory, "before_flush", _on_before_flush)


# ------------------------------------------------------------------------- corrections read


@dataclass(frozen=True)
class CorrectionRow:
    id: int
    meeting_id: int
    meeting: str
    record_type: str
    record_id: int
    fields: tuple[tuple[str, object, object], ...]  # (field, before, after)
    reason: str
    requested_by: str
    made_by: str
    made_at: dt.datetime
    noted_at_meeting_id: int | None
    noted_at: str
    text: str  # "Corrected on 3 Jan 2013 because …"


def correction_sentence(made_at: dt.datetime, reason: str) -> str:
    day = local(made_at)
    return f"Corrected on {day.day} {day:%b %Y} because {reason}"


_MODELS = {m.__tablename__: m for m in _WATCHED}


def record_part(session: Session, record_type: str, record_id: int) -> int:
    """2 when the corrected record belongs to Part 2 business or a confidential paper (the
    public never sees its correction), else 1."""
    obj = session.get(_MODELS[record_type], record_id) if record_type in _MODELS else None
    if isinstance(obj, Attachment):
        obj = session.get(Paper, obj.paper_id)
    if isinstance(obj, Paper) and obj.confidential:
        return 2
    item_id = (obj.id if isinstance(obj, AgendaItem)
               else getattr(obj, "agenda_item_id", None) if obj is not None else None)
    item = session.get(AgendaItem, item_id) if item_id is not None else None
    return 2 if item is not None and item.part == 2 else 1


def correction_row(c: Correction) -> CorrectionRow:
    changes = json.loads(c.fields or "{}")
    fields = tuple((name, before, after) for name, (before, after) in sorted(changes.items()))
    noted = c.noted_at_meeting
    return CorrectionRow(c.id, c.meeting_id, describe_meeting(c.meeting), c.record_type,
                         c.record_id, fields, c.reason, c.requested_by, c.made_by, c.made_at,
                         c.noted_at_meeting_id, describe_meeting(noted) if noted else "",
                         correction_sentence(c.made_at, c.reason))


def list_corrections(session: Session, *, record_type: str | None = None,
                     record_id: int | None = None,
                     meeting_id: int | None = None) -> list[CorrectionRow]:
    query = select(Correction).order_by(Correction.made_at, Correction.id)
    if record_type is not None:
        query = query.where(Correction.record_type == record_type)
    if record_id is not None:
        query = query.where(Correction.record_id == record_id)
    if meeting_id is not None:
        query = query.where(Correction.meeting_id == meeting_id)
    return [correction_row(c) for c in session.scalars(query)]


def correction_text(obj) -> str:
    """Every correction of this record as one line each, "" when there is none. Cheap for a
    record of an unsealed meeting: corrections exist only for sealed records."""
    session = object_session(obj)
    if session is None or getattr(obj, "id", None) is None:
        return ""
    if isinstance(obj, ChairsAction):
        if obj.status not in SETTLED:
            return ""
    else:
        meeting = _meeting_of(session, obj)
        if meeting is None or meeting.status != SEALED_STATUS:
            return ""
    texts = _index(session).get((type(obj).__tablename__, obj.id), ())
    return "\n".join(f"{t}." for t in texts)


_INDEX = "sealing.corrections"  # session.info: {(record_type, record_id): (text, ...)}


def _index(session: Session) -> dict:
    """Every correction's sentence by record, read once per transaction (the table is small:
    one row per correction ever made)."""
    index = session.info.get(_INDEX)
    if index is None:
        index = {}
        found = session.execute(select(Correction.record_type, Correction.record_id,
                                       Correction.made_at, Correction.reason)
                                .order_by(Correction.made_at, Correction.id))
        for record_type, record_id, made_at, reason in found:
            index.setdefault((record_type, record_id), []).append(
                correction_sentence(made_at, reason))
        session.info[_INDEX] = index
    return index


def forget_index(session: Session) -> None:
    """A correction was added: the next read builds the index again."""
    session.info.pop(_INDEX, None)


def _to_note(session: Session, meeting: Meeting):
    return (select(Correction).join(Meeting, Correction.meeting_id == Meeting.id)
            .where(Meeting.committee_id == meeting.committee_id,
                   Meeting.starts_at < meeting.starts_at,
                   or_(Correction.noted_at_meeting_id.is_(None),
                       Correction.noted_at_meeting_id == meeting.id))
            .order_by(Correction.made_at, Correction.id))


def corrections_to_note(session: Session, *, meeting_id: int) -> list[CorrectionRow]:
    """Corrections to the sealed records of the body's earlier meetings that no meeting has
    noted yet, or that this meeting noted: the list for this meeting to note."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    return [correction_row(c) for c in session.scalars(_to_note(session, meeting))]


def note_corrections(session: Session, *, meeting_id: int) -> int:
    """Record that this meeting noted the corrections listed for it (its minutes say so)."""
    meeting = get_or_fail(session, Meeting, meeting_id, "meeting")
    found = [c for c in session.scalars(_to_note(session, meeting))
             if c.noted_at_meeting_id is None]
    for c in found:
        c.noted_at_meeting_id = meeting.id
    session.flush()
    return len(found)
