"""Opening a database: where it is, whether it is ours, and bringing it to the current schema.

A file that is not Boardbook's, a database written by a newer Boardbook, or a damaged file is
refused with a clear message and never modified. An older Boardbook database is upgraded after a
backup copy (SQLite).

On SQLite a schema change never touches the file in place: a new database is built in a work
copy beside the target, and an older one is copied (after its backup), upgraded in the copy,
flushed to disk and only then renamed over the original. A kill at any moment leaves either the
original as it was or the finished file; the next open removes the leftover copy and tries again,
reusing the backup it already made rather than copying the file a second time.
"""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from app.domain.errors import DatabaseRefused, PasswordNeeded
from app.files import PRIVATE, write_atomically
from app.store import schema

SQLITE_HEADER = b"SQLite format 3\x00"

# synchronous=FULL: in WAL mode SQLite then syncs the WAL at every commit, so a change Boardbook
# reports as saved survives a power cut, not only a killed process (NORMAL syncs only at
# checkpoints and can lose the last commits). bench/durability.py measures the price per
# create_person on this ext4 disk: 1.98 ms against 2.61 ms (1.32x) on a quiet machine, 11.1 ms
# against 15.8 ms (1.42x) on a loaded one - under 5 ms a save, invisible next to a person
# typing; losing a saved decision is not.
SYNCHRONOUS = "FULL"

# PRAGMA quick_check runs on every open of a file up to this size, before any command uses it.
# Measured (best of 3, loaded machine): 10 ms on the 1.4 MB demo database, 682 ms on a
# 96 MB 10,000-risk register (about 7 ms a MB) - too slow for every start, so larger files skip
# it at start-up (about 230 ms at the limit); ``audit verify`` runs the full integrity_check
# (17 ms and 3.1 s) on any size.
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024

WORK_MARK = ".schema-work-"  # a work copy: ".<name>.schema-work-<token>"
STALE_WORK_SECONDS = 600  # a work copy untouched this long belongs to no running upgrade


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


def url_without_password(url: str) -> str:
    """The URL with no password in it, the only form that is stored, shown, logged or used as
    a key (recent databases, the witness, the keychain). A file path is returned as it is.

    ``URL.set(password=None)`` would keep the password: ``set`` ignores None values, and
    SQLAlchemy's documentation names ``_replace`` as the way to clear a field."""
    if "://" not in str(url):
        return str(url)
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def describe(url: str) -> str:
    """The database as a user should see it: a path, or a server URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return url_without_password(url)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
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


def _is_new_file(path: Path) -> bool:
    return not path.exists() or (path.is_file() and path.stat().st_size == 0)


def _check_sqlite_file(path: Path) -> None:
    if _is_new_file(path):
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


# ------------------------------------------------------------------------ backups


def _backups(path: Path, revision: str | None) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem}.before-upgrade-{revision}-*{path.suffix}"))


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """A copy of the file as it is before an upgrade. The original is never changed before the
    upgrade is complete, so a backup already made of these same bytes (by an upgrade that was
    interrupted) is the backup: it is reused, not copied again."""
    for earlier in reversed(_backups(path, revision)):
        if filecmp.cmp(earlier, path, shallow=False):
            return earlier
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    _copy(path, target)
    return target


def _copy(source: Path, target: Path) -> None:
    """A backup holds the whole record: written whole, readable by its owner only."""
    with source.open("rb") as src:
        write_atomically(target, lambda out: shutil.copyfileobj(src, out), audience=PRIVATE)


# ------------------------------------------------------------------------ leftovers and checks


def _sidecars(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm")]


def _remove_with_sidecars(path: Path) -> None:
    for p in (path, *_sidecars(path)):
        p.unlink(missing_ok=True)


def _remove_stale_work(path: Path) -> None:
    """Work copies left by a schema change that was killed (never the database itself)."""
    now = time.time()
    for work in path.parent.glob(f".{path.name}{WORK_MARK}*"):
        if work.name.endswith(("-journal", "-wal", "-shm")):
            continue
        try:
            if now - work.stat().st_mtime > STALE_WORK_SECONDS:
                _remove_with_sidecars(work)
        except OSError:
            pass


def _settle_sqlite_file(path: Path) -> None:
    """Lets SQLite finish what a killed process left: a hot rollback journal is rolled back, a
    WAL is checkpointed into the file. The content is what was last committed; afterwards the
    file alone holds it, so it can be read read-only, checked and copied."""
    if _is_new_file(path) or not any(p.exists() for p in _sidecars(path)[:2]):
        return
    conn = sqlite3.connect(str(path), timeout=10)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        conn.close()


def integrity_problems(connection, *, quick: bool = False, limit: int = 20) -> list[str]:
    """What SQLite's own check finds wrong with the file ([] when it is sound; always [] on
    PostgreSQL, which checks its pages itself). ``quick`` skips the index-against-table
    comparison (PRAGMA quick_check instead of integrity_check)."""
    if connection.dialect.name != "sqlite":
        return []
    pragma = "quick_check" if quick else "integrity_check"
    rows = [r[0] for r in connection.exec_driver_sql(f"PRAGMA {pragma}({limit})")]
    if rows == ["ok"]:
        return []
    return [line.strip() for row in rows for line in str(row).splitlines() if line.strip()]


def _refuse_damaged(path: Path, problems: list[str]) -> None:
    raise DatabaseRefused(
        f"{path} is damaged: SQLite's integrity check found {problems[0]}"
        f"{f' (and {len(problems) - 1} more problems)' if len(problems) > 1 else ''}. "
        "Boardbook will not use it, so nothing more is written to it; restore it from a "
        "backup copy.")


def _quick_check(path: Path) -> None:
    if path.stat().st_size > QUICK_CHECK_MAX_BYTES:
        return
    readonly = _read_only_engine(path)
    try:
        with readonly.connect() as conn:
            problems = integrity_problems(conn, quick=True)
    except (DatabaseError, OperationalError) as exc:
        problems = [_reason(exc)]
    finally:
        readonly.dispose()
    if problems:
        _refuse_damaged(path, problems)


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]


# ------------------------------------------------------------------------ schema changes


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return  # folders cannot be opened (so synced) on some systems
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _build_sqlite(path: Path, state: SchemaState) -> None:
    """Create (``empty``) or upgrade (``older``) the database at ``path`` in a work copy, and
    rename the finished copy over it. Refuses with where the backup is if anything fails."""
    from app.store.migrate import upgrade_to_head

    _remove_stale_work(path)
    work = path.with_name(f".{path.name}{WORK_MARK}{uuid.uuid4().hex[:12]}")
    backup = None
    try:
        if state.kind == "older":
            backup = backup_sqlite(path, state.revision)
            shutil.copyfile(path, work)
            shutil.copymode(path, work)
        engine = make_engine(f"sqlite:///{work}")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=DELETE")
            upgrade_to_head(engine)
            with engine.connect() as conn:
                problems = integrity_problems(conn, quick=True)
                if problems:
                    raise DatabaseRefused(f"the upgraded copy failed its check: {problems[0]}")
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        finally:
            engine.dispose()
        if Path(f"{path}-wal").exists() and Path(f"{path}-wal").stat().st_size:
            raise DatabaseRefused("it is open in another program (it has unsaved changes in "
                                  "its journal); close that first")
        _fsync(work)
        for side in _sidecars(path):
            side.unlink(missing_ok=True)
        os.replace(work, path)
        _fsync(path.parent)
    except BaseException as exc:
        _remove_with_sidecars(work)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        reason = _reason(exc) if not isinstance(exc, DatabaseRefused) else str(exc)
        if state.kind == "older":
            where = f" A backup copy made before the upgrade is at {backup}." if backup else ""
            raise DatabaseRefused(f"{path} could not be upgraded from schema {state.revision}: "
                                  f"{reason}. The database itself was not changed "
                                  f"(the upgrade works on a copy).{where}") from None
        raise DatabaseRefused(f"A new database could not be created at {path}: {reason}. "
                              "Nothing was written there.") from None


def _state_without_touching(url: str, engine: Engine) -> SchemaState:
    """The schema state, read through a read-only connection for an existing SQLite file."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return schema_state(engine)
    path = Path(parsed.database)
    if _is_new_file(path):
        return SchemaState("empty")
    readonly = _read_only_engine(path)
    try:
        return schema_state(readonly)
    finally:
        readonly.dispose()


def open_database(path_or_url: str | Path | None) -> Engine:
    """An engine on a Boardbook database at the current schema, or DatabaseRefused."""
    url = database_url(path_or_url)
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    in_memory = parsed.database in (None, "", ":memory:")
    path = Path(parsed.database) if is_sqlite and not in_memory else None
    engine = None
    try:
        if path is not None:
            _check_sqlite_file(path)
        engine = make_engine(url)
        try:
            state = _state_without_touching(url, engine)
        except (DatabaseError, OperationalError):
            if path is None or not any(p.exists() for p in _sidecars(path)[:2]):
                raise
            _settle_sqlite_file(path)  # a journal left by a killed process, read-only cannot
            state = _state_without_touching(url, engine)
        where = describe(url)
        if state.kind == "foreign":
            raise DatabaseRefused(f"{where} is not a Boardbook database. It was not opened and "
                                  "nothing in it was changed.")
        if state.kind == "newer":
            raise DatabaseRefused(
                f"{where} was written by a newer version of Boardbook (schema {state.revision}). "
                "Update Boardbook to open it; the database was left untouched.")
        if path is not None and state.kind != "empty":
            _quick_check(path)
        if state.kind in ("empty", "older"):
            if path is not None:
                engine.dispose()
                _settle_sqlite_file(path)  # the file alone holds everything: it can be copied
                _build_sqlite(path, state)
            else:
                from app.store.migrate import upgrade_to_head

                upgrade_to_head(engine)
        if is_sqlite:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")  # persistent, once per file
    except DatabaseRefused:
        if engine is not None:
            engine.dispose()
        raise
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        if engine is not None:
            engine.dispose()
        reason = _reason(exc)
        if parsed.password:  # a driver's message must not hand the password on
            reason = reason.replace(str(parsed.password), "***")
        if _password_refused(exc):
            raise PasswordNeeded(f"{describe(url)} asks for a password: {reason}.") from None
        raise DatabaseRefused(f"{describe(url)} could not be opened: {reason}. If it is a "
                              "Boardbook file it may be damaged; it was not changed.") from None
    return engine


def _password_refused(exc: BaseException) -> bool:
    """The server wants a password that was not given, or refused the one that was."""
    pgconn = getattr(getattr(exc, "orig", exc), "pgconn", None)
    if pgconn is None:
        return False
    if getattr(pgconn, "needs_password", False):
        return True
    message = (getattr(pgconn, "error_message", b"") or b"").decode("utf-8", "replace")
    return bool(getattr(pgconn, "used_password", False)) and "password" in message.lower()
