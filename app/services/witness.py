"""Checking a database's audit chain against what this computer last saw of it.

On open: if the chain is shorter than it was, or no longer holds the head it had at that
place, its history was cut or rewritten behind Boardbook's back. The warning is said plainly,
written into the trail itself as an event, and the chain as it now stands is remembered. On
close the chain is remembered again, so the next open compares with the latest this computer
wrote. What is remembered lives in app.store.witness, outside the database.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store import witness
from app.store.audit import GENESIS, AuditEvent, append_events, now_text

WARNING_ACTION = "warning"


def _chain_end(session: Session) -> tuple[int, str]:
    last = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                           .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def _when(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return f"{moment:%-d %b %Y} at {moment:%H:%M} UTC"


def _problem(session: Session, seen: witness.Seen, events: int) -> str | None:
    if seen.events == 0:
        return None
    if events < seen.events:
        return (f"it had {seen.events:,} events then and has {events:,} now: the newest "
                "events were cut")
    there = session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seen.events))
    if there != seen.head:
        return (f"event {seen.events:,} then had the hash {seen.head[:16]}… and now has "
                f"{(there or '')[:16]}…: the history up to it was rewritten")
    return None


def witness_open(session: Session, *, database: str) -> str | None:
    """The warning to show (None when the history holds), recorded in the trail; the chain as
    it stands is remembered either way."""
    seen = witness.last_seen(database)
    events, head = _chain_end(session)
    problem = _problem(session, seen, events) if seen else None
    warning = None
    if problem:
        warning = (f"The history of this database was rewritten or cut since this computer "
                   f"last opened it on {_when(seen.at)}: {problem}. Compare it with the head "
                   "printed on the last pack you issued (audit verify --head).")
        append_events(session.connection(), session.info.get("actor") or "unknown", [(
            "database", "witness", WARNING_ACTION,
            {"warning": [None, warning], "seen_events": [None, seen.events],
             "seen_head": [None, seen.head], "seen_at": [None, seen.at]})])
        events, head = _chain_end(session)
    witness.remember(database, witness.Seen(events, head, now_text()))
    return warning


def witness_close(session: Session, *, database: str) -> None:
    events, head = _chain_end(session)
    witness.remember(database, witness.Seen(events, head, now_text()))
