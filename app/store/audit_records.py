"""Proving the records, not only the trail: fold every governed record's events into the state
they describe and compare it with the row as it stands, field by field.

The chain proves that no event was altered; this proves that no record was changed without an
event. A row edited in SQL, inserted without a create event or deleted without a delete event
is named with its table, record, field, the value stored and the value the trail gives. Blob
columns are compared by their SHA-256 and size, so a swapped file is named too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import Connection, DateTime, select

from app.store import registry  # noqa: F401  (every governed model must be mapped to be checked)
from app.store.audit import GENESIS, iter_events, plain
from app.store.base import Base
from app.store.packs import IssuedPack
from app.store.papers import Blob

MISSING = object()  # a field the trail never set: the record was created without a value


@dataclass(frozen=True)
class RecordProblem:
    table: str
    record_id: str
    field: str  # "" when the whole record is in question
    stored: object
    trail: object
    reason: str

    def __str__(self) -> str:
        where = f"{self.table} {self.record_id}"
        if not self.field:
            return f"{where}: {self.reason}"
        return (f"{where}, field {self.field}: stored {_shown(self.stored)} but the trail gives "
                f"{_shown(self.trail)} ({self.reason})")


def _shown(value) -> str:
    if isinstance(value, dict) and "sha256" in value:
        return f"a file with SHA-256 {value['sha256'][:16]}…"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def audited_tables() -> dict:
    """table name -> (table, primary key columns, compared columns), for every governed model."""
    found = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if not getattr(cls, "__audited__", False):
            continue
        table = mapper.local_table
        keys = [c.key for c in mapper.column_attrs if c.key != "version"]
        columns = [(key, mapper.columns[key]) for key in keys]
        found[table.name] = (table, list(mapper.primary_key), columns)
    return found


class Fold:
    """The state the events describe, built one event at a time: (table, record id) -> fields
    (None once deleted); and every event's hash, to check the heads printed on packs."""

    def __init__(self):
        self.state: dict[tuple[str, str], dict | None] = {}
        self.hashes: set[str] = set()

    def __call__(self, ev) -> None:
        self.hashes.add(ev.hash)
        key = (ev.record_type, ev.record_id)
        if ev.action == "delete":
            self.state[key] = None
            return
        after = {name: change[1] for name, change in json.loads(ev.changes).items()}
        fields = self.state.get(key) if ev.action != "create" else None
        if fields is None:
            self.state[key] = after
        else:
            fields.update(after)


def fold_events(connection: Connection) -> Fold:
    fold = Fold()
    for ev in iter_events(connection):
        fold(ev)
    return fold


def _same(column, stored, trail) -> bool:
    if trail is MISSING:
        return stored is None
    if stored == trail:
        return True
    if isinstance(column.type, DateTime) or isinstance(getattr(column.type, "impl", None),
                                                       DateTime):
        return _instant(stored) == _instant(trail)
    if isinstance(stored, float) or isinstance(trail, float):
        try:
            return float(stored) == float(trail)
        except (TypeError, ValueError):
            return False
    return False


def _instant(value):
    """A timestamp as a UTC instant, whether the trail wrote it naive (UTC) or aware."""
    if not isinstance(value, str):
        return value
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _record_id(row, pk) -> str:
    return "/".join(str(getattr(row, c.key)) for c in pk)


def check_records(connection: Connection, fold: Fold | None = None, *,
                  limit: int = 200) -> tuple[int, list[RecordProblem]]:
    """Compare every governed row with its folded history (``fold``, or folded now). Returns
    (records checked, problems), at most ``limit`` problems (the first found, table by table)."""
    folded = (fold or fold_events(connection)).state
    problems: list[RecordProblem] = []
    checked = 0
    for name, (_table, pk, columns) in sorted(audited_tables().items()):
        seen = set()
        for row in connection.execute(select(*[c for _k, c in columns])):
            record_id = _record_id(row, pk)
            seen.add(record_id)
            checked += 1
            trail = folded.get((name, record_id), MISSING)
            if trail is MISSING or trail is None:
                why = ("the trail has no record of it being created" if trail is MISSING
                       else "the trail says it was deleted")
                problems.append(RecordProblem(name, record_id, "", None, None,
                                              f"present in the database but {why}"))
                continue
            for index, (key, column) in enumerate(columns):
                raw, given = row[index], trail.get(key, MISSING)
                if raw == given or (raw is None and given is MISSING):
                    continue  # text, numbers and None as the trail wrote them: most fields
                stored = plain(raw)
                if not _same(column, stored, given):
                    problems.append(RecordProblem(
                        name, record_id, key, stored, None if given is MISSING else given,
                        "changed without an audit event"))
            if len(problems) >= limit:
                return checked, problems
        for (table_name, record_id), fields in folded.items():
            if table_name == name and fields is not None and record_id not in seen:
                problems.append(RecordProblem(name, record_id, "", None, None,
                                              "the trail says it exists, but it is not in "
                                              "the database: deleted without an audit event"))
                if len(problems) >= limit:
                    return checked, problems
    return checked, problems


def check_blobs(connection: Connection) -> tuple[int, list[RecordProblem]]:
    """Every stored file against the SHA-256 it is filed under."""
    problems, count, last = [], 0, ""
    while True:  # in batches: a record holds every paper and pack, and some are large
        rows = connection.execute(select(Blob.sha256, Blob.size, Blob.data).where(
            Blob.sha256 > last).order_by(Blob.sha256).limit(50)).all()
        if not rows:
            return count, problems
        for row in rows:
            count += 1
            data = bytes(row.data)
            found = hashlib.sha256(data).hexdigest()
            if found != row.sha256 or len(data) != row.size:
                problems.append(RecordProblem(
                    "blob", row.sha256[:16] + "…", "data", {"sha256": found, "size": len(data)},
                    {"sha256": row.sha256, "size": row.size},
                    "the file's bytes were replaced"))
        last = rows[-1].sha256


def check_pack_heads(connection: Connection, hashes: set) -> list[RecordProblem]:
    """The chain head printed on each issued pack must still be in the chain: if it is not,
    the history the pack vouched for was rewritten."""
    problems = []
    for pack in connection.execute(select(IssuedPack.id, IssuedPack.audit_head,
                                          IssuedPack.file_name)):
        if pack.audit_head != GENESIS and pack.audit_head not in hashes:
            problems.append(RecordProblem(
                "issued_pack", str(pack.id), "audit_head", pack.audit_head, None,
                f"the head printed on {pack.file_name} is no longer in the chain: the "
                "history it vouched for was rewritten"))
    return problems


@dataclass(frozen=True)
class RecordsReport:
    records: int
    files: int
    packs_checked: bool
    problems: tuple[RecordProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_records(connection: Connection, fold: Fold | None = None, *,
                   limit: int = 200) -> RecordsReport:
    """Records, files and packs against the trail; ``fold`` is the chain walk's, when the
    caller has just verified the chain with it (one pass over the events, not two)."""
    fold = fold or fold_events(connection)
    records, problems = check_records(connection, fold, limit=limit)
    files, blob_problems = check_blobs(connection)
    problems += blob_problems + check_pack_heads(connection, fold.hashes)
    return RecordsReport(records, files, True, tuple(problems[:limit]))
