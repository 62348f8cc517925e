"""What changed since a point in the trail: since a chain head the audit committee was given,
or since the head printed on an issued pack. Every event after it, grouped by record, with
field labels instead of column names, and the verdict on the history up to that point.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.audit_changes import (
    ACTIONS,
    Change,
    ChangesSince,
    FieldChange,
    RecordChanges,
    field_name,
    record_name,
)
from app.domain.errors import NotFound, ValidationError
from app.services.organisation import get_organisation, is_set_up
from app.store.audit import GENESIS, AuditEvent, verify_chain
from app.store.audit_records import audited_tables
from app.store.packs import IssuedPack

NAME_FIELDS = ("reference", "name", "title", "resolution", "description", "text")
LONGEST = 300


def _when(text: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return f"{moment:%-d %b %Y %H:%M} UTC"


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return "Yes" if value else "No"
    if isinstance(value, dict) and "sha256" in value:
        return f"a file of {value.get('size', '?')} bytes, SHA-256 {value['sha256'][:16]}…"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= LONGEST else text[:LONGEST - 1] + "…"


def _starting_point(session: Session, head: str | None, pack_id: int | None) -> tuple[str, str]:
    if (head is None) == (pack_id is None):
        raise ValidationError("say since which head, or since which issued pack", field="since")
    if pack_id is None:
        return head.strip().lower(), f"the chain head {head.strip()[:16]}…"
    pack = session.get(IssuedPack, pack_id)
    if pack is None:
        raise NotFound(f"There is no issued pack #{pack_id}.")
    issued = _when(pack.issued_at.isoformat())
    return pack.audit_head, f"the head printed on {pack.file_name}, issued {issued} by {pack.issued_by}"


def _description(session: Session, record_type: str, record_id: str) -> str:
    table = audited_tables().get(record_type)
    if table is None:
        return ""
    _table, keys, columns = table
    named = {k: c for k, c in columns if k in NAME_FIELDS}
    # "CR-002 Complex service changes": a reference, then the first of the names it has
    shown = [named[k] for k in ("reference",) if k in named]
    shown += [named[k] for k in NAME_FIELDS[1:] if k in named][:1]
    if not shown or len(keys) != 1:
        return ""
    try:  # the trail keeps ids as text; PostgreSQL compares them only as the column's type
        key = keys[0].type.python_type(record_id)
    except (NotImplementedError, TypeError, ValueError):
        return ""
    row = session.execute(select(*shown).where(keys[0] == key)).first()
    if row is None:
        return "(since removed)"
    return " ".join(str(v) for v in row if v not in (None, ""))[:120]


def _references(record_type: str) -> dict[str, str]:
    """field -> the table it refers to, so "owner_id: 4" can read "Owner: Chief Nurse"."""
    table = audited_tables().get(record_type)
    if table is None:
        return {}
    return {key: next(iter(column.foreign_keys)).column.table.name
            for key, column in table[2] if column.foreign_keys}


def _value(session: Session, value, refers_to: str | None, names: dict) -> str:
    if refers_to and isinstance(value, int):
        key = (refers_to, str(value))
        if key not in names:
            names[key] = _description(session, refers_to, str(value))
        return f"{names[key]} (#{value})" if names[key] else f"#{value}"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return f"{dt.date.fromisoformat(value):%-d %b %Y}"
        except ValueError:
            pass
    return _shown(value)


def _change(session: Session, ev, names: dict) -> Change:
    refers = _references(ev.record_type)
    fields = []
    for name, (before, after) in sorted(json.loads(ev.changes).items()):
        if name == "id" or (before in (None, "") and after in (None, "")):
            continue  # the record's own number is in its heading; nothing to nothing is noise
        fields.append(FieldChange(field_name(name),
                                  _value(session, before, refers.get(name), names),
                                  _value(session, after, refers.get(name), names)))
    return Change(ev.seq, _when(ev.at), ev.actor, ACTIONS.get(ev.action, ev.action),
                  tuple(fields))


def changes_since(session: Session, *, head: str | None = None,
                  pack_id: int | None = None) -> ChangesSince:
    point, since = _starting_point(session, head, pack_id)
    connection = session.connection()
    everything = verify_chain(connection)
    up_to = None if point == GENESIS else verify_chain(connection, until_hash=point)
    start = 0 if up_to is None else (up_to.events if up_to.ok else None)  # GENESIS: from the start
    if start is None:
        verdict = f"The history up to that point does not hold: {up_to.problem}."
        return ChangesSince(_organisation(session), since, everything.head, False,
                            verdict, up_to.events, 0, (), _when(_now()))
    later = list(session.scalars(select(AuditEvent).where(AuditEvent.seq > start)
                                 .order_by(AuditEvent.seq)))
    groups: dict[tuple[str, str], list[Change]] = {}
    names: dict = {}
    for ev in later:
        groups.setdefault((ev.record_type, ev.record_id), []).append(_change(session, ev, names))
    records = tuple(RecordChanges(record_name(kind), record_id,
                                  _description(session, kind, record_id), tuple(changes))
                    for (kind, record_id), changes in groups.items())
    verdict = (f"The history up to that point is unchanged: {start:,} events. "
               f"{len(later):,} later event{'s follow' if len(later) != 1 else ' follows'} it, "
               f"changing {len(records):,} record{'s' if len(records) != 1 else ''}.")
    if not everything.ok:
        verdict += f" The trail after it is broken: {everything.problem}."
    return ChangesSince(_organisation(session), since, everything.head, True, verdict,
                        start, len(later), records, _when(_now()))


def pack_choices(session: Session) -> list[tuple[str, int]]:
    """Every issued pack, newest first, as (what a secretary calls it, id)."""
    packs = session.scalars(select(IssuedPack).order_by(IssuedPack.issued_at.desc(),
                                                        IssuedPack.id.desc()))
    return [(f"{p.file_name} (#{p.id}, issued {_when(p.issued_at.isoformat())})", p.id)
            for p in packs]


def _organisation(session: Session) -> str:
    return get_organisation(session).name if is_set_up(session) else "Boardbook"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()
