"""Whole-database exchange as one JSON file (format described in docs/exchange.md).

Export writes every record, attachments included, with ids and the audit trail as stored.
Import fills an empty database so that it is the same record: same ids, same history, and an
audit chain that still verifies. It is also how a local file moves to a shared server.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import json
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Date, DateTime, Engine, LargeBinary, Table, TypeDecorator
from sqlalchemy.exc import DBAPIError

from app.domain.errors import Conflict, Problem, ValidationError
from app.exchange.json_checks import MOST, check_rows
from app.files import PRIVATE, write_atomically
from app.store import dump, schema
from app.store.audit import verify_chain
from app.store.audit_records import Fold, verify_records

FORMAT = "boardbook-exchange"
FORMAT_VERSION = 1

Progress = Callable[[int, int, str], None]


def _stored_type(column):
    """The column's storage type; a TypeDecorator (UtcDateTime) is stored as its impl."""
    return getattr(column.type, "impl_instance", column.type)


def _encode(column, value):
    if value is None:
        return None
    if isinstance(_stored_type(column), LargeBinary):
        return base64.b64encode(value).decode("ascii")
    if isinstance(_stored_type(column), DateTime | Date):
        return value.isoformat()
    return value


def _decode(column, value):
    if value is None:
        return None
    kind = _stored_type(column)
    if isinstance(kind, LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, DateTime):
        parsed = dt.datetime.fromisoformat(value)
        if isinstance(column.type, TypeDecorator) and parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=dt.UTC)  # UtcDateTime takes aware values only
        return parsed
    if isinstance(kind, Date):
        return dt.date.fromisoformat(value)
    return value


def export_database(engine: Engine, path: Path, progress: Progress | None = None) -> dict:
    """Write the whole database to ``path``; returns counts per table."""
    tables = dump.exchanged_tables()
    document = {"format": FORMAT, "format_version": FORMAT_VERSION,
                "schema_revision": schema.HEAD,
                "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "tables": {}}
    counts = {}
    with engine.connect() as conn:
        document["audit_head"] = verify_chain(conn).head
        for i, table in enumerate(tables):
            if progress:
                progress(i, len(tables), f"Reading {table.name}")
            columns = [c.name for c in table.columns]
            rows = [[_encode(table.c[name], row[name]) for name in columns]
                    for row in dump.read_rows(conn, table)]
            document["tables"][table.name] = {"columns": columns, "rows": rows}
            counts[table.name] = len(rows)
    # The whole record, Part 2 and every confidential paper included: owner only.
    write_atomically(Path(path).expanduser().resolve(), lambda out: _dump(document, out),
                     audience=PRIVATE)
    if progress:
        progress(len(tables), len(tables), "Done")
    return counts


def _dump(document: dict, stream) -> None:
    """Stream the JSON to the file rather than build it whole in memory first."""
    out = io.TextIOWrapper(stream, encoding="utf-8")
    json.dump(document, out, ensure_ascii=False, separators=(",", ":"))
    out.flush()
    out.detach()  # the stream is the atomic writer's to close


def read_exchange_file(path: Path) -> dict:
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as f:
            document = json.load(f)
    except FileNotFoundError:
        raise ValidationError(f"{path} does not exist", field="file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(f"{path.name} is not a Boardbook exchange file (not JSON: {exc})",
                              field="file") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValidationError(f"{path.name} is not a Boardbook exchange file", field="file")
    version = document.get("format_version")
    if version != FORMAT_VERSION:
        raise ValidationError(f"{path.name} is in exchange format version {version}; this "
                              f"Boardbook reads version {FORMAT_VERSION}", field="format_version")
    revision = document.get("schema_revision")
    if revision not in schema.KNOWN_REVISIONS:
        raise ValidationError(f"{path.name} was written by a newer Boardbook (schema "
                              f"{revision}); update Boardbook to import it",
                              field="schema_revision")
    return document


def _rows_for(table: Table, block: dict, problems: list[Problem]) -> list[dict]:
    """The table's rows decoded; a value that cannot be decoded is named in ``problems``."""
    if not isinstance(block, dict) or not isinstance(block.get("columns", []), list) \
            or not isinstance(block.get("rows", []), list):
        raise ValidationError(f"table {table.name} is not laid out as columns and rows",
                              field=table.name)
    columns = block.get("columns", [])
    unknown = [c for c in columns if not isinstance(c, str) or c not in table.c]
    if unknown:
        raise ValidationError(f"table {table.name} has columns this Boardbook does not know: "
                              f"{', '.join(str(c) for c in unknown)}", field="columns")
    rows = []
    for number, values in enumerate(block.get("rows", []), start=1):
        if not isinstance(values, list) or len(values) != len(columns):
            raise ValidationError(f"{table.name} row {number} does not hold one value for each "
                                  f"of its {len(columns)} columns", field="rows", row=number)
        record = {}
        for name, value in zip(columns, values, strict=True):
            try:
                record[name] = _decode(table.c[name], value)
            except (ValueError, TypeError, binascii.Error) as exc:
                problems.append(Problem(f"{table.name}.{name}", f"cannot be read: {exc}", number))
        for column in table.columns:
            if column.name not in record and column.default is not None \
                    and column.default.is_scalar:
                record[column.name] = column.default.arg
        rows.append(record)
    return rows


def import_database(engine: Engine, path: Path, progress: Progress | None = None) -> dict:
    """Fill an empty database from an exchange file, all or nothing."""
    document = read_exchange_file(path)
    tables = dump.exchanged_tables()
    known = {t.name for t in tables}
    strange = sorted(set(document.get("tables", {})) - known)
    if strange:
        raise ValidationError(f"the file has tables this Boardbook does not know: "
                              f"{', '.join(strange)}", field="tables")
    blocks = document.get("tables")
    if not isinstance(blocks, dict):
        raise ValidationError("the file holds no tables", field="tables")
    problems: list[Problem] = []
    rows = {t.name: (t, _rows_for(t, blocks.get(t.name) or {}, problems)) for t in tables}
    problems = (problems + check_rows(rows))[:MOST]
    if problems:
        raise ValidationError([*problems, Problem("file", "nothing was imported")])
    counts = {}
    with engine.begin() as conn:
        if not dump.is_empty(conn):
            raise Conflict("This database already holds records; an exchange file is only "
                           "imported into an empty database. Create a new database and import "
                           "into that. Nothing was changed.")
        for i, table in enumerate(tables):
            if progress:
                progress(i, len(tables), f"Writing {table.name}")
            try:
                dump.insert_rows(conn, table, rows[table.name][1])
            except DBAPIError as exc:
                reason = str(exc.orig).strip().splitlines()[0]
                raise ValidationError(f"{table.name} cannot be written: {reason}. Nothing was "
                                      "imported.", field=table.name) from None
            counts[table.name] = len(rows[table.name][1])
        dump.reset_sequences(conn)
        fold = Fold()
        report = verify_chain(conn, visit=fold)
        if not report.ok:
            raise ValidationError(f"the audit trail in the file does not verify: "
                                  f"{report.problem}. Nothing was imported.", field="audit_event")
        records = verify_records(conn, fold)
        if not records.ok:
            raise ValidationError([Problem("records", str(p)) for p in records.problems[:MOST]]
                                  + [Problem("file", "the records do not match their audit "
                                                     "trail; nothing was imported")])
    if progress:
        progress(len(tables), len(tables), "Done")
    return counts
