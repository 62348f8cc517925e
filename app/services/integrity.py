"""The database file's own soundness, for ``audit verify``.

  check_integrity() -> list[str]   SQLite's full PRAGMA integrity_check (every page, and every
                                   index against its table); [] when sound, always [] on
                                   PostgreSQL. Opening a file runs the quicker quick_check.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.store.engine import integrity_problems


def check_integrity(session: Session, *, limit: int = 20) -> list[str]:
    return integrity_problems(session.connection(), limit=limit)
