"""Opening a database: where it is, whether it is ours, and bringing it to the current schema.

A file that is not Boardbook's, a database written by a newer Boardbook, or a damaged file is
refused with a clear message and never modified. An older Boardbook database is upgraded after a
backup copy (SQLite).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from app.domain.errors import DatabaseRefused
from app.files import PRIVATE, write_atomically
from app.store import schema

SQLITE_HEADER = b"SQLite format 3\x00"


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("Boardbook", appauthor=False)) / "boardbook.sqlite"


def database_url(path_or_url: str | Path | None) -> str:
    """A SQLAlchemy URL for a file path, a URL, or None (the default local database)."""
    if path_or_url is None:
        path_or_url = default_database_path()
    text_form = str(path_or_url)
    if "://" in text_form:
        if text_form.startswith("postgresql://"):
            text_form = "postgresql+psycopg://" + text_form[len("postgresql://"):]
        return text_form
    return f"sqlite:///{Path(text_form).expanduser().resolve()}"


def describe(url: str) -> str:
    """The database as a user should see it: a path, or a server URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _read_only_engine(path: Path) -> Engine:
    """Looks at a file without any chance of changing it (no journal, no WAL switch)."""
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(
        f"file:{quote(str(path))}?mode=ro", uri=True, check_same_thread=False))


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _check_sqlite_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if path.is_dir():
        raise DatabaseRefused(f"{path} is a folder, not a Boardbook database.")
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseRefused(
            f"{path} is not a Boardbook database (it is not an SQLite file). It was not opened "
            "and nothing in it was changed.")


@dataclass(frozen=True)
class SchemaState:
    kind: str  # "empty", "current", "older", "newer", "foreign"
    revision: str | None = None


def schema_state(engine: Engine) -> SchemaState:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return SchemaState("empty")
        if "alembic_version" not in tables or "boardbook_info" not in tables:
            return SchemaState("foreign")
        app = conn.execute(text("SELECT value FROM boardbook_info WHERE key = 'application'"))
        if app.scalar() != schema.APPLICATION:
            return SchemaState("foreign")
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision == schema.HEAD:
        return SchemaState("current", revision)
    if revision in schema.KNOWN_REVISIONS:
        return SchemaState("older", revision)
    return SchemaState("newer", revision)


def backup_sqlite(path: Path, revision: str | None) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    _copy(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            _copy(side, Path(str(target) + suffix))
    return target


def _copy(source: Path, target: Path) -> None:
    """A backup holds the whole record: written whole, readable by its owner only."""
    with source.open("rb") as src:
        write_atomically(target, lambda out: shutil.copyfileobj(src, out), audience=PRIVATE)


def _state_without_touching(url: str, engine: Engine) -> SchemaState:
    """The schema state, read through a read-only connection for an existing SQLite file."""
    path = make_url(url).database
    if make_url(url).get_backend_name() != "sqlite" or not path or not Path(path).exists() \
            or Path(path).stat().st_size == 0:
        return schema_state(engine)
    readonly = _read_only_engine(Path(path))
    try:
        return schema_state(readonly)
    finally:
        readonly.dispose()


def open_database(path_or_url: str | Path | None) -> Engine:
    """An engine on a Boardbook database at the current schema, or DatabaseRefused."""
    url = database_url(path_or_url)
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite:
        _check_sqlite_file(Path(parsed.database))
    engine = make_engine(url)
    try:
        state = _state_without_touching(url, engine)
        where = describe(url)
        if state.kind == "foreign":
            raise DatabaseRefused(f"{where} is not a Boardbook database. It was not opened and "
                                  "nothing in it was changed.")
        if state.kind == "newer":
            raise DatabaseRefused(
                f"{where} was written by a newer version of Boardbook (schema {state.revision}). "
                "Update Boardbook to open it; the database was left untouched.")
        if state.kind in ("empty", "older"):
            if state.kind == "older" and is_sqlite:
                engine.dispose()  # close WAL readers so the copy is whole
                backup_sqlite(Path(parsed.database), state.revision)
            from app.store.migrate import upgrade_to_head

            upgrade_to_head(engine)
        if is_sqlite:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")  # persistent, once per file
    except DatabaseRefused:
        engine.dispose()
        raise
    except (DatabaseError, OperationalError) as exc:
        engine.dispose()
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise DatabaseRefused(f"{describe(url)} could not be opened: {reason}. If it is a "
                              "Boardbook file it may be damaged; it was not changed.") from None
    return engine
