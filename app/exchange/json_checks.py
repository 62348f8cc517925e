"""Checking an exchange file's rows before any is written: every value against its column
(type, length, required), every key unique, every reference to a row the file holds, and the
domain's own rules for the values they govern (a risk's scores 1 to 5, its review frequency).
Each problem names the table, row and field; the import lists the first of them and writes
nothing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, LargeBinary, String, Table

from app.domain import risk as risk_rules
from app.domain.errors import Problem

MOST = 50  # problems listed at once: enough to see the pattern, short enough to read


def _type_problem(column, value) -> str | None:
    kind = getattr(column.type, "impl_instance", column.type)
    if isinstance(kind, JSON):
        return None
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else f"must be true or false, not {value!r}"
    if isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"must be a whole number, not {value!r}"
    if isinstance(kind, DateTime | Date):
        return None if isinstance(value, dt.date) else f"must be a date, not {value!r}"
    if isinstance(kind, LargeBinary):
        return None if isinstance(value, bytes) else "must be a file's bytes"
    if isinstance(kind, String):
        if not isinstance(value, str):
            return f"must be text, not {value!r}"
        if kind.length and len(value) > kind.length:
            return f"is {len(value)} characters long; at most {kind.length} fit"
    return None


def _row_problems(table: Table, number: int, record: dict) -> list[Problem]:
    problems = []
    for column in table.columns:
        value = record.get(column.name)
        where = f"{table.name}.{column.name}"
        if value is None:
            if not column.nullable and column.name in record:
                problems.append(Problem(where, "is required", number))
            continue
        reason = _type_problem(column, value)
        if reason:
            problems.append(Problem(where, reason, number))
    return problems


def _risk_problems(table: Table, number: int, record: dict) -> list[Problem]:
    if table.name != "risk":
        return []
    pairs = {kind: (record.get(f"{kind}_likelihood"), record.get(f"{kind}_consequence"))
             for kind in ("inherent", "current", "target")}
    found = risk_rules.validate_risk_fields(
        title=record.get("title") or "", inherent=pairs["inherent"], current=pairs["current"],
        target=pairs["target"] if pairs["target"] != (None, None) else None,
        target_date=record.get("target_date"), raised_on=record.get("raised_on"),
        review_frequency_months=record.get("review_frequency_months") or 0,
        consequence_domain=record.get("consequence_domain") or "")
    return [Problem(f"risk.{p.field}", p.reason, number) for p in found]


def _keys(table: Table, record: dict) -> tuple:
    return tuple(record.get(c.name) for c in table.primary_key.columns)


def check_rows(rows_by_table: dict[str, tuple[Table, list[dict]]]) -> list[Problem]:
    """Every problem in the rows about to be written, at most MOST of them."""
    problems: list[Problem] = []
    keys: dict[str, set] = {}
    for name, (table, rows) in rows_by_table.items():
        seen = keys.setdefault(name, set())
        for number, record in enumerate(rows, start=1):
            problems += _row_problems(table, number, record) + _risk_problems(table, number,
                                                                              record)
            key = _keys(table, record)
            if key in seen:
                shown = "/".join(str(k) for k in key)
                problems.append(Problem(f"{name}.id", f"{shown} appears twice", number))
            seen.add(key)
            if len(problems) >= MOST:
                return problems[:MOST]
    for name, (table, rows) in rows_by_table.items():
        for fk in table.foreign_keys:
            target = fk.column.table.name
            if target not in keys or len(fk.column.table.primary_key.columns) != 1:
                continue
            held = {k[0] for k in keys[target]}
            for number, record in enumerate(rows, start=1):
                value = record.get(fk.parent.name)
                if value is not None and value not in held:
                    problems.append(Problem(f"{name}.{fk.parent.name}",
                                            f"refers to {target} {value}, which the file does "
                                            "not hold", number))
                    if len(problems) >= MOST:
                        return problems
    return problems
