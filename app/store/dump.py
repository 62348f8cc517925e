"""Table-level reading and writing for whole-database exchange.

Rows go in with their ids and without the audit hook: an exchange copies the record, including
its audit trail, exactly as it stands, so the chain still verifies on the other side.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, Table, func, select, text, update

from app.store.registry import metadata

# Rows that a new database already has: not data, never exchanged.
NOT_EXCHANGED = {"boardbook_info"}


def exchanged_tables() -> list[Table]:
    """Every table in an order that satisfies foreign keys (parents first)."""
    return [t for t in metadata.sorted_tables if t.name not in NOT_EXCHANGED]


def row_count(connection: Connection, table: Table) -> int:
    return connection.execute(select(func.count()).select_from(table)).scalar_one()


def is_empty(connection: Connection) -> bool:
    return all(row_count(connection, t) == 0 for t in exchanged_tables())


def read_rows(connection: Connection, table: Table, batch: int = 2000) -> Iterator[dict]:
    order = list(table.primary_key.columns)
    result = connection.execution_options(yield_per=batch).execute(
        select(table).order_by(*order))
    for row in result.mappings():
        yield dict(row)


def _self_references(table: Table) -> list[str]:
    return [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]


def insert_rows(connection: Connection, table: Table, rows: list[dict]) -> None:
    """Insert rows as given; a table that refers to itself gets those links in a second pass."""
    if not rows:
        return
    selfrefs = _self_references(table)
    first = [{**r, **{c: None for c in selfrefs}} for r in rows] if selfrefs else rows
    for start in range(0, len(first), 1000):
        connection.execute(table.insert(), first[start:start + 1000])
    pk = list(table.primary_key.columns)[0]
    for r in rows:
        links = {c: r[c] for c in selfrefs if r.get(c) is not None}
        if links:
            connection.execute(update(table).where(pk == r[pk.name]).values(**links))


def reset_sequences(connection: Connection) -> None:
    """After inserting explicit ids, move PostgreSQL's id sequences past them."""
    if connection.dialect.name != "postgresql":
        return
    for table in exchanged_tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
            continue
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
            f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 1), "
            f"(SELECT MAX({pk[0].name}) FROM {table.name}) IS NOT NULL)"))
