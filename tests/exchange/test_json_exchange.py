"""Whole-database exchange: exact round trip, refusals, nothing half-written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.domain.errors import Conflict, ValidationError
from app.exchange.json_exchange import export_database, import_database
from app.services import audit, organisation, people
from app.services.demo import load as demo
from app.store import dump


def _snapshot(ctx) -> dict:
    with ctx.engine.connect() as conn:
        return {t.name: [dict(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()]
                for t in dump.exchanged_tables()}


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """An empty database on each backend to import into."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_ctx")
        return
    from app.services.context import AppContext

    ctx = AppContext.open(tmp_path / "target.sqlite")
    yield ctx
    ctx.close()


@pytest.fixture
def filled(sqlite_ctx):
    sqlite_ctx.run(demo.load_demo)
    sqlite_ctx.run(organisation.set_logo, data=bytes(range(256)) * 4)
    return sqlite_ctx


def test_round_trip_reproduces_every_record_and_the_chain(filled, target, tmp_path):
    ctx = target
    path = tmp_path / "merton.json"
    counts = export_database(filled.engine, path)
    assert counts["person"] == 15 and counts["audit_event"] > 0
    import_database(ctx.engine, path)
    assert _snapshot(ctx) == _snapshot(filled)
    report = ctx.run(audit.verify)
    assert report.ok and report.head == filled.run(audit.chain_head)
    # New records continue the chain and the ids after the imported ones.
    new = ctx.run(people.create_person, name="New Member", kind="lay member")
    assert new.id == 16 and ctx.run(audit.verify).ok


def test_file_is_versioned_and_documented_fields_present(filled, tmp_path):
    path = tmp_path / "x.json"
    export_database(filled.engine, path)
    doc = json.loads(path.read_text())
    assert doc["format"] == "boardbook-exchange" and doc["format_version"] == 1
    assert doc["audit_head"] == filled.run(audit.chain_head)
    assert doc["tables"]["organisation"]["columns"][0] == "id"


def test_import_into_a_non_empty_database_is_refused(filled, tmp_path):
    path = tmp_path / "x.json"
    export_database(filled.engine, path)
    before = _snapshot(filled)
    with pytest.raises(Conflict, match="only imported into an empty database"):
        import_database(filled.engine, path)
    assert _snapshot(filled) == before


def test_foreign_newer_and_broken_files_are_refused(sqlite_ctx, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValidationError, match="not a Boardbook exchange file"):
        import_database(sqlite_ctx.engine, bad)
    bad.write_text(json.dumps({"format": "boardbook-exchange", "format_version": 1,
                               "schema_revision": "9999_future", "tables": {}}))
    with pytest.raises(ValidationError, match="newer Boardbook"):
        import_database(sqlite_ctx.engine, bad)
    bad.write_text(json.dumps({"format": "boardbook-exchange", "format_version": 7}))
    with pytest.raises(ValidationError, match="format version 7"):
        import_database(sqlite_ctx.engine, bad)


def test_a_tampered_file_imports_nothing(filled, sqlite_path, tmp_path):
    path = tmp_path / "x.json"
    export_database(filled.engine, path)
    doc = json.loads(path.read_text())
    events = doc["tables"]["audit_event"]
    actor = events["columns"].index("actor")
    events["rows"][3][actor] = "someone else"
    path.write_text(json.dumps(doc))
    target = tmp_path / "target.sqlite"
    from app.services.context import AppContext

    fresh = AppContext.open(target)
    with pytest.raises(ValidationError, match="event 4 was altered"):
        import_database(fresh.engine, path)
    assert all(not rows for rows in _snapshot(fresh).values())
