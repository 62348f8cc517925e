"""The audit trail: written with each change, chained, append-only, and tamper-evident."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.services import audit, people
from app.store.audit import GENESIS, event_hash


def _add_people(ctx, n=3):
    return [ctx.run(people.create_person, name=f"Member {i}", kind="lay member") for i in range(n)]


def test_every_change_writes_an_event_with_before_and_after(ctx):
    p = ctx.run(people.create_person, name="Chief Nurse", kind="executive", email="cn@nhs.net")
    ctx.run(people.update_person, person_id=p.id, expected_version=p.version,
            name="Chief Nurse", kind="executive", email="chief.nurse@nhs.net")
    events = ctx.run(audit.list_events, record_type="person", record_id=str(p.id),
                     newest_first=False)
    assert [e.action for e in events] == ["create", "update"]
    assert events[0].actor == "test secretary"
    assert events[1].changes == {"email": ("cn@nhs.net", "chief.nurse@nhs.net")}
    assert events[0].at.endswith("Z")


def test_a_failed_change_writes_no_event(ctx):
    _add_people(ctx, 1)
    before = ctx.run(audit.event_count)
    with pytest.raises(RuntimeError, match="power cut"):
        with ctx.transaction() as s:
            people.create_person(s, name="Half written", kind="officer")
            raise RuntimeError("power cut")
    assert ctx.run(audit.event_count) == before


def test_chain_verifies_and_head_is_the_last_hash(ctx):
    _add_people(ctx)
    report = ctx.run(audit.verify)
    assert report.ok and report.events == 3
    assert report.head == ctx.run(audit.chain_head) != GENESIS


def test_the_database_refuses_update_and_delete_of_events(ctx):
    _add_people(ctx, 1)
    for statement in ("UPDATE audit_event SET actor = 'someone else'",
                      "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"):
            with ctx.engine.begin() as conn:
                conn.execute(text(statement))
    assert ctx.run(audit.verify).ok


def test_postgres_refuses_truncate_of_events(pg_ctx):
    _add_people(pg_ctx, 1)
    with pytest.raises(DBAPIError, match="append-only"):
        with pg_ctx.engine.begin() as conn:
            conn.execute(text("TRUNCATE audit_event"))


def _tamper(path, *statements):
    """What someone with the file and the sqlite3 tool could do outside Boardbook."""
    with sqlite3.connect(path) as c:
        c.execute("DROP TRIGGER audit_event_no_update")
        c.execute("DROP TRIGGER audit_event_no_delete")
        for s in statements:
            c.execute(s)


def test_an_altered_event_is_named(sqlite_ctx, sqlite_path):
    _add_people(sqlite_ctx, 3)
    sqlite_ctx.close()
    _tamper(sqlite_path, """UPDATE audit_event SET changes = replace(changes, 'Member 1',
            'Member One') WHERE seq = 2""")
    report = sqlite_ctx.run(audit.verify)
    assert not report.ok and report.broken_seq == 2
    assert "event 2 was altered" in report.problem


def test_a_removed_event_is_named(sqlite_ctx, sqlite_path):
    _add_people(sqlite_ctx, 3)
    _tamper(sqlite_path, "DELETE FROM audit_event WHERE seq = 2")
    report = sqlite_ctx.run(audit.verify)
    assert not report.ok and report.broken_seq == 2
    assert "event 2 is missing" in report.problem


def test_an_event_slipped_in_between_is_named(sqlite_ctx, sqlite_path):
    _add_people(sqlite_ctx, 3)
    # Renumber the last event and slip a forged one, hashed correctly on its own, into its place.
    with sqlite3.connect(sqlite_path) as c:
        prev = c.execute("SELECT hash FROM audit_event WHERE seq = 2").fetchone()[0]
    forged = dict(seq=3, at="2026-01-01T00:00:00.000000Z", actor="intruder", action="create",
                  record_type="person", record_id="99",
                  changes=json.dumps({"name": [None, "Ghost"]}), prev_hash=prev)
    forged_hash = event_hash(**forged)
    _tamper(sqlite_path, "UPDATE audit_event SET seq = 4 WHERE seq = 3",
            f"""INSERT INTO audit_event VALUES (3, '{forged["at"]}', 'intruder', 'create',
            'person', '99', '{forged["changes"]}', '{prev}', '{forged_hash}')""")
    report = sqlite_ctx.run(audit.verify)
    assert not report.ok and report.broken_seq == 4
    assert "does not follow" in report.problem


def test_verify_against_an_earlier_head(sqlite_ctx, sqlite_path):
    _add_people(sqlite_ctx, 2)
    published = sqlite_ctx.run(audit.chain_head)
    _add_people(sqlite_ctx, 2)
    assert sqlite_ctx.run(audit.verify, until_hash=published).ok
    # Rewriting history before the published head, even consistently, loses that head.
    _tamper(sqlite_path, "DELETE FROM audit_event")
    report = sqlite_ctx.run(audit.verify, until_hash=published)
    assert not report.ok and "not in the chain" in report.problem


def test_blobs_are_audited_as_their_digest(ctx):
    from app.services import organisation

    ctx.run(organisation.set_up_organisation, name="NHS Test CCG")
    ctx.run(organisation.set_logo, data=b"\x89PNG fake logo bytes")
    event = ctx.run(audit.list_events, record_type="organisation")[0]
    assert event.changes["logo"][1]["size"] == 20
    assert len(event.changes["logo"][1]["sha256"]) == 64
