"""Reading and proving the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store import audit_records
from app.store.audit import AuditEvent, ChainReport, verify_chain
from app.store.audit_records import RecordsReport


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    record_type: str
    record_id: str
    changes: dict  # field -> (before, after)
    hash: str

    @property
    def summary(self) -> str:
        return ", ".join(sorted(self.changes))


@dataclass(frozen=True)
class TrailPage:
    """What the audit trail screen shows at once: the newest events that match, and what its
    filters offer."""

    events: list[AuditRow]  # newest first
    truncated: bool  # more events match than ``limit``
    head: str
    record_types: list[str]
    actors: list[str]


def _row(ev) -> AuditRow:
    return AuditRow(ev.seq, ev.at, ev.actor, ev.action, ev.record_type, ev.record_id,
                    {k: tuple(v) for k, v in json.loads(ev.changes).items()}, ev.hash)


def list_events(session: Session, *, record_type: str | None = None,
                record_id: str | None = None, actor: str | None = None,
                date_from: dt.date | None = None, date_to: dt.date | None = None,
                limit: int | None = 5000, newest_first: bool = True) -> list[AuditRow]:
    query = select(AuditEvent)
    if record_type:
        query = query.where(AuditEvent.record_type == record_type)
    if record_id:
        query = query.where(AuditEvent.record_id == str(record_id))
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if date_from:
        query = query.where(AuditEvent.at >= date_from.isoformat())
    if date_to:
        query = query.where(AuditEvent.at < (date_to + dt.timedelta(days=1)).isoformat())
    query = query.order_by(AuditEvent.seq.desc() if newest_first else AuditEvent.seq)
    if limit:
        query = query.limit(limit)
    return [_row(ev) for ev in session.scalars(query)]


def get_trail_page(session: Session, *, limit: int, record_type: str | None = None,
                   record_id: str | None = None, actor: str | None = None,
                   date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> TrailPage:
    events = list_events(session, limit=limit + 1, record_type=record_type,
                         record_id=record_id, actor=actor, date_from=date_from,
                         date_to=date_to)
    return TrailPage(events[:limit], len(events) > limit, chain_head(session),
                     record_types(session), actors(session))


def record_types(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.record_type).distinct().order_by(AuditEvent.record_type)))


def actors(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.actor).distinct().order_by(AuditEvent.actor)))


def event_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def chain_head(session: Session) -> str:
    head = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1))
    return head or "0" * 64


def verify(session: Session, *, until_hash: str | None = None) -> ChainReport:
    return verify_chain(session.connection(), until_hash=until_hash)


def verify_records(session: Session, *, limit: int = 200) -> RecordsReport:
    """Every governed record against the state its events describe, every stored file
    against its SHA-256, and every issued pack's printed head against the chain."""
    return audit_records.verify_records(session.connection(), limit=limit)


def events_after(session: Session, *, head: str) -> int:
    """How many events follow the one whose hash is ``head`` (0 if it is the newest)."""
    seq = session.scalar(select(AuditEvent.seq).where(AuditEvent.hash == head))
    if seq is None:
        return 0
    return session.scalar(select(func.count()).select_from(AuditEvent)
                          .where(AuditEvent.seq > seq)) or 0


@dataclass(frozen=True)
class Verification:
    """The chain, and (when the chain holds) the records, files and packs against it."""

    chain: ChainReport
    records: RecordsReport | None

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.records is not None and self.records.ok


def verify_everything(session: Session) -> Verification:
    """One walk over the events: each is checked in the chain and folded into its record."""
    fold = audit_records.Fold()
    chain = verify_chain(session.connection(), visit=fold)
    records = audit_records.verify_records(session.connection(), fold) if chain.ok else None
    return Verification(chain, records)


@dataclass(frozen=True)
class HeadCheck:
    """The whole trail verified and, given a head printed earlier, the history up to it."""

    verification: Verification
    earlier: ChainReport | None  # None without a head, or when the whole chain is broken
    later_events: int  # events that follow the earlier head (0 unless it verified)


def verify_with_head(session: Session, *, head: str | None = None) -> HeadCheck:
    """``verify_everything``, and with ``head`` the proof that the history up to it stands."""
    verification = verify_everything(session)
    earlier = verify(session, until_hash=head) if verification.chain.ok and head else None
    later = events_after(session, head=head) if earlier and earlier.ok else 0
    return HeadCheck(verification, earlier, later)
