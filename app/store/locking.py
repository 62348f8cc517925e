"""Taking a row for writing before reading what a change depends on.

``lock_for_update(session, Model, id)`` returns the row, locked until the transaction ends, so
two transactions that read-then-write the same thing (the next agenda position) run one after
the other instead of both reading the same state.

- PostgreSQL: ``SELECT … FOR UPDATE`` on that row; a second transaction waits for the first to
  commit, then reads what it wrote (READ COMMITTED takes a new snapshot per statement).
- SQLite: the write lock is one for the whole file, and Python's sqlite3 runs the reads of a
  transaction before its first write outside any transaction, each seeing the latest commit.
  Writing first (a statement that changes nothing, on ``boardbook_info``, which is not audited)
  takes the write lock (waiting up to the busy timeout), so every read after it sees all
  earlier commits and no other writer can commit until this transaction ends.

Call it before reading the state the change is computed from.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import select, text
from sqlalchemy.orm import Session

T = TypeVar("T")


def lock_for_update(session: Session, model: type[T], row_id: int) -> T | None:
    """The row with that id, locked for this transaction (None when there is none)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("UPDATE boardbook_info SET value = value WHERE key = 'application'"))
        return session.get(model, row_id, populate_existing=True)
    return session.scalars(select(model).where(model.id == row_id).with_for_update()
                           .execution_options(populate_existing=True)).first()
