"""The databases opened lately, newest first, kept in the Qt settings for File ▸ Open recent."""

from __future__ import annotations

from PySide6.QtCore import QSettings

RECENT_KEY = "recent/databases"
MAX_RECENT = 8


def recent_databases() -> list[str]:
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [v for v in (value or []) if v]


def remember_database(url_or_path: str) -> None:
    items = [url_or_path] + [r for r in recent_databases() if r != url_or_path]
    QSettings().setValue(RECENT_KEY, items[:MAX_RECENT])
