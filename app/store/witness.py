"""The witness: what this computer last saw of each database's audit chain, kept outside the
database, beside the user's settings.

Someone who can write to the database file can cut its newest events, or rewrite its history
and re-hash the chain, and the chain alone cannot tell. This file, which they would have to
find and change on every computer that opened the database, can: each time Boardbook opens or
closes a database it notes the chain's length and head here, and on the next open it checks
that the chain still holds that head at that place.

``BOARDBOOK_WITNESS`` names another file (tests use it).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from app.domain.errors import ValidationError
from app.files import PRIVATE, write_atomically


@dataclass(frozen=True)
class Seen:
    events: int
    head: str
    at: str  # UTC, ISO 8601


def witness_file() -> Path:
    named = os.environ.get("BOARDBOOK_WITNESS")
    if named:
        return Path(named)
    from platformdirs import user_config_dir

    return Path(user_config_dir("Boardbook", appauthor=False)) / "witness.json"


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: start again (it only ever adds protection)
    return data if isinstance(data, dict) else {}


def last_seen(database: str, path: Path | None = None) -> Seen | None:
    entry = _read(path or witness_file()).get(database)
    try:
        return Seen(int(entry["events"]), str(entry["head"]), str(entry["at"]))
    except (TypeError, KeyError, ValueError):
        return None


def remember(database: str, seen: Seen, path: Path | None = None) -> None:
    path = path or witness_file()
    data = _read(path)
    data[database] = asdict(seen)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, indent=1, sort_keys=True), audience=PRIVATE)
    except (OSError, ValidationError):
        pass  # a read-only home folder must not stop anyone working; it only loses the witness
