"""The databases opened lately, newest first, kept in the Qt settings for File ▸ Open recent.

Only the password-less form of a server URL is kept; a list written by an older Boardbook that
still holds a password is cleaned the next time it is read.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.services.passwords import without_password

RECENT_KEY = "recent/databases"
MAX_RECENT = 8


def recent_databases() -> list[str]:
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    stored = [v for v in (value or []) if v]
    items = list(dict.fromkeys(without_password(v) for v in stored))
    if items != stored:
        QSettings().setValue(RECENT_KEY, items)
    return items


def remember_database(url_or_path: str) -> None:
    shown = without_password(url_or_path)
    items = [shown] + [r for r in recent_databases() if r != shown]
    QSettings().setValue(RECENT_KEY, items[:MAX_RECENT])
