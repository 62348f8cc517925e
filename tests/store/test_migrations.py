"""The schema: migrations equal the models, and opening refuses what it must refuse."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from app.domain.errors import DatabaseRefused
from app.store import schema
from app.store.engine import open_database
from app.store.migrate import script_revisions
from app.store.registry import metadata

FIXTURES = __import__("pathlib").Path(__file__).parents[1] / "fixtures"


def test_known_revisions_match_the_migration_scripts():
    assert list(schema.KNOWN_REVISIONS) == script_revisions()


def _differences(engine):
    with engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(mc, metadata)


def test_empty_database_migrates_to_exactly_the_models(tmp_path):
    engine = open_database(tmp_path / "new.sqlite")
    assert _differences(engine) == []
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD


def test_postgres_migrates_to_exactly_the_models(pg_ctx):
    assert _differences(pg_ctx.engine) == []


def test_release_fixture_upgrades_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "boardbook-0001_foundation.sqlite", path)
    engine = open_database(path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == schema.HEAD
        assert conn.execute(text("SELECT count(*) FROM person")).scalar() == 15
    backups = list(tmp_path.glob("old.before-upgrade-0001_foundation-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_foundation"


def test_database_from_a_newer_boardbook_is_refused_and_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    open_database(path).dispose()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="newer version of Boardbook"):
        open_database(path)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*before-upgrade*"))


def test_foreign_sqlite_file_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    before = path.read_bytes()
    with pytest.raises(DatabaseRefused, match="not a Boardbook database"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04 this is a word document, not a database")
    with pytest.raises(DatabaseRefused, match="not an SQLite file"):
        open_database(path)
    assert path.read_bytes().startswith(b"PK\x03\x04")


def test_a_damaged_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "damaged.sqlite"
    open_database(path).dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page's b-tree
    path.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused, match="could not be opened|not a Boardbook"):
        open_database(path)


def test_sqlite_runs_with_wal_and_foreign_keys(sqlite_ctx):
    with sqlite_ctx.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_an_unreachable_server_is_refused_with_a_message():
    with pytest.raises(DatabaseRefused, match="could not be opened"):
        open_database("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")


def test_engine_helper_rejects_nothing_valid(tmp_path):
    # A path with spaces and a URL both resolve.
    engine = open_database(tmp_path / "with space" / "board book.sqlite")
    assert create_engine is not None and engine.url.database.endswith("board book.sqlite")


def test_the_demo_saved_at_this_release_opens_and_its_trail_verifies(tmp_path):
    """A database saved by the release with schema 0006 (the demo): later releases must keep
    opening it, upgrading as needed, with every record and an unbroken audit trail."""
    from app.services import audit
    from app.services.context import AppContext

    path = tmp_path / "saved.sqlite"
    shutil.copy(FIXTURES / "boardbook-0006_scoring-demo.sqlite", path)
    ctx = AppContext.open(path)
    try:
        assert ctx.run(audit.verify).ok
        with ctx.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM risk")).scalar() == 6
            assert conn.execute(text("SELECT count(*) FROM meeting")).scalar() > 10
            assert conn.execute(text("SELECT count(*) FROM chairs_action")).scalar() >= 2
    finally:
        ctx.close()


def _release_fixtures():
    return sorted(FIXTURES.glob("boardbook-*.sqlite"))


def test_every_schema_revision_has_a_release_fixture():
    """A new revision needs a database saved at it: tests/fixtures/make_fixtures.py makes one."""
    from tests.fixtures.make_fixtures import fixture_revision

    saved = {fixture_revision(path) for path in _release_fixtures()}
    assert set(schema.KNOWN_REVISIONS) <= saved


@pytest.mark.parametrize("fixture", _release_fixtures(), ids=lambda path: path.stem)
def test_a_release_fixture_opens_upgraded_with_its_trail_and_its_data(fixture, tmp_path):
    """Each saved release opens through the normal path: a backup copy, the upgrade to head,
    then an unbroken trail that still proves every record, and the data it was saved with."""
    from app.services import audit
    from app.services.context import AppContext
    from tests.fixtures.make_fixtures import checks_for, fixture_revision

    revision = fixture_revision(fixture)
    path = tmp_path / "saved.sqlite"
    shutil.copy(fixture, path)
    ctx = AppContext.open(path)
    try:
        assert ctx.run(audit.verify).ok
        records = ctx.run(audit.verify_records)
        assert records.ok and records.records > 0, records.problems
        with ctx.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                == schema.HEAD
            for sql, value in checks_for(fixture):
                assert conn.execute(text(sql)).scalar() == value, sql
    finally:
        ctx.close()
    backups = list(tmp_path.glob(f"saved.before-upgrade-{revision}-*.sqlite"))
    assert len(backups) == (0 if revision == schema.HEAD else 1)
    if backups:
        with sqlite3.connect(backups[0]) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
