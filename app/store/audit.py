"""The audit trail: one append-only, hash-chained event for every change of a governed record.

Events are written by a session hook in the same transaction as the change they describe, so a
change and its record stand or fall together. Each event's hash covers its own content and the
previous event's hash; altering, removing or slipping in an event breaks the chain at that point.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, Integer, String, Text, event, inspect, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.store.base import Base

GENESIS = "0" * 64
APPEND_ONLY = "audit events are append-only"


class AuditEvent(Base):
    __tablename__ = "audit_event"

    # Explicit sequence numbers (not autoincrement): the number is part of the hashed content.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # ISO 8601 UTC text, so both backends hand back exactly the characters that were hashed.
    at: Mapped[str] = mapped_column(String(32), index=True)
    actor: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(10))  # create, update, delete
    record_type: Mapped[str] = mapped_column(String(60), index=True)
    record_id: Mapped[str] = mapped_column(String(60), index=True)
    changes: Mapped[str] = mapped_column(Text)  # canonical JSON {field: [before, after]}
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


# ---------------------------------------------------------------- canonical content and hashing


def plain(value):
    """A JSON-safe form of a column value; blobs are kept as their digest, not their bytes."""
    if isinstance(value, bytes | bytearray | memoryview):
        data = bytes(value)
        return {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dict | list | tuple | str | int | float | bool) or value is None:
        return value
    return str(value)


def canonical(data) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(*, seq: int, at: str, actor: str, action: str, record_type: str,
               record_id: str, changes: str, prev_hash: str) -> str:
    content = canonical({
        "seq": seq, "at": at, "actor": actor, "action": action, "record_type": record_type,
        "record_id": record_id, "changes": changes, "prev": prev_hash,
    })
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def now_text() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# ------------------------------------------------------------------------ writing events


def _lock_chain(connection: Connection) -> None:
    """Serialise writers on the chain head. SQLite already holds the write lock by now."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(20121927)"))


def _chain_head(connection: Connection) -> tuple[int, str]:
    row = connection.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return (row.seq, row.hash) if row else (0, GENESIS)


def _record_id(obj) -> str:
    # identity keys are assigned after after_flush, so read the primary key columns directly
    return "/".join(str(v) for v in inspect(obj).mapper.primary_key_from_instance(obj))


def _column_keys(obj) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs if attr.key != "version"]


def _changes_for(obj, action: str) -> dict:
    state = inspect(obj)
    changes = {}
    for key in _column_keys(obj):
        if action != "update":
            # creates and deletes: the values as they stand (no history needed, which is slow)
            value = state.dict.get(key)
            if value is not None:
                changes[key] = [None, plain(value)] if action == "create" else [plain(value), None]
            continue
        history = state.attrs[key].history
        if history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if plain(before) != plain(after):
                changes[key] = [plain(before), plain(after)]
    return changes


def _pending_events(session: Session) -> list[tuple[str, object, dict]]:
    found = []
    for action, objects in (("create", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
        for obj in objects:
            if not getattr(type(obj), "__audited__", False):
                continue
            changes = _changes_for(obj, action)
            if action == "update" and not changes:
                continue
            found.append((action, obj, changes))
    return found


def _on_after_flush(session: Session, flush_context) -> None:
    pending = _pending_events(session)
    if not pending:
        return
    keyed = sorted(((type(obj).__tablename__, _record_id(obj), action, changes)
                    for action, obj, changes in pending), key=lambda k: (k[0], k[1]))
    append_events(session.connection(), session.info.get("actor") or "unknown", keyed)


def append_events(connection: Connection, actor: str,
                  entries: list[tuple[str, str, str, dict]]) -> None:
    """Add (record_type, record_id, action, changes) events at the head of the chain, in the
    caller's transaction. The flush hook uses it for records; the witness for its warnings."""
    _lock_chain(connection)
    seq, prev = _chain_head(connection)
    at = now_text()
    rows = []
    for record_type, record_id, action, changes in entries:
        seq += 1
        row = {"seq": seq, "at": at, "actor": actor, "action": action,
               "record_type": record_type, "record_id": record_id,
               "changes": canonical(changes), "prev_hash": prev}
        row["hash"] = prev = event_hash(**row)
        rows.append(row)
    connection.execute(AuditEvent.__table__.insert(), rows)


def install_audit_hooks(session_factory) -> None:
    """Make every session from this factory write audit events for governed records."""
    event.listen(session_factory, "after_flush", _on_after_flush)


# ----------------------------------------------------------------------- verifying the chain


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    head: str
    problem: str = ""
    broken_seq: int | None = None


def iter_events(connection: Connection, batch: int = 5000) -> Iterator[AuditEvent]:
    last = -1
    while True:
        rows = connection.execute(
            select(AuditEvent.__table__).where(AuditEvent.seq > last)
            .order_by(AuditEvent.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def verify_chain(connection: Connection, *, until_hash: str | None = None,
                 visit=None) -> ChainReport:
    """Walk the chain from the first event. Stops at the first break and names it.
    ``visit(event)``, when given, sees each event once it has verified, so a caller can fold
    the events into records in the same pass (app.store.audit_records)."""
    prev, expected_seq, count = GENESIS, 1, 0
    for ev in iter_events(connection):
        if ev.seq != expected_seq:
            return ChainReport(False, count, prev, f"event {expected_seq} is missing "
                               f"(the next event found is {ev.seq})", expected_seq)
        if ev.prev_hash != prev:
            return ChainReport(False, count, prev, f"event {ev.seq} does not follow event "
                               f"{ev.seq - 1}: an event was removed, altered or slipped in", ev.seq)
        recomputed = event_hash(seq=ev.seq, at=ev.at, actor=ev.actor, action=ev.action,
                                record_type=ev.record_type, record_id=ev.record_id,
                                changes=ev.changes, prev_hash=ev.prev_hash)
        if recomputed != ev.hash:
            return ChainReport(False, count, prev, f"event {ev.seq} was altered after it was "
                               f"written ({ev.record_type} {ev.record_id}, {ev.at})", ev.seq)
        prev, expected_seq, count = ev.hash, ev.seq + 1, count + 1
        if visit is not None:
            visit(ev)
        if until_hash and ev.hash == until_hash:
            return ChainReport(True, count, prev)
    if until_hash:
        return ChainReport(False, count, prev, f"the hash {until_hash[:16]}… is not in the "
                           "chain: the history up to it was rewritten or it is from another "
                           "database")
    return ChainReport(True, count, prev)


# ----------------------------------------------------------- append-only, enforced by the database


def append_only_ddl(dialect: str) -> list[str]:
    """Triggers that refuse UPDATE and DELETE (and TRUNCATE) on the audit table."""
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
            f"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END",
        ]
    if dialect == "postgresql":
        return [
            "CREATE OR REPLACE FUNCTION audit_event_refuse() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()",
            "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse()",
        ]
    raise ValueError(f"no append-only triggers for {dialect}")
