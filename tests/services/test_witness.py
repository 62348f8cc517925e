"""The witness outside the file: a chain cut or rewritten behind Boardbook's back is noticed the
next time this computer opens the database, said plainly, and written into the trail."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.services import audit, people
from app.services.context import AppContext
from app.store.audit import GENESIS, event_hash
from tests.cli.helpers import bb


@pytest.fixture
def witness_file(tmp_path, monkeypatch):
    path = tmp_path / "witness.json"
    monkeypatch.setenv("BOARDBOOK_WITNESS", str(path))
    return path


def _open_add_close(path, n=3):
    ctx = AppContext.open(path, actor="secretary")
    for i in range(n):
        ctx.run(people.create_person, name=f"Member {i}", kind="lay member")
    ctx.close()


def _edit(path, *statements):
    """What someone with the file and sqlite3 could do: drop the guard and change history."""
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
    con.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
    for statement in statements:
        con.execute(statement)
    con.commit()
    con.close()


def test_a_database_reopened_unchanged_raises_no_warning(sqlite_path, witness_file):
    _open_add_close(sqlite_path)
    ctx = AppContext.open(sqlite_path)
    assert ctx.witness_warning is None
    ctx.close()
    seen = json.loads(witness_file.read_text())[f"sqlite:{sqlite_path.resolve()}"]
    assert seen["events"] == 3 and len(seen["head"]) == 64
    assert oct(witness_file.stat().st_mode & 0o777) == "0o600"


def test_cut_events_are_noticed_said_and_recorded(sqlite_path, witness_file, capsys):
    _open_add_close(sqlite_path)
    _edit(sqlite_path, "DELETE FROM audit_event WHERE seq > 1", "DELETE FROM person WHERE id > 1")
    # the chain that is left verifies on its own: only the witness can tell
    code, out, err = bb(capsys, "--db", sqlite_path, "audit", "verify")
    assert "warning: The history of this database was rewritten or cut since this computer " \
           "last opened it on" in err
    assert "it had 3 events then and has 1 now: the newest events were cut" in err
    assert code == 0 and "audit trail verified: 2 events" in out
    ctx = AppContext.open(sqlite_path)
    assert ctx.witness_warning is None  # said once, then the chain as it stands is remembered
    recorded = ctx.run(audit.list_events, record_type="database")
    assert [e.action for e in recorded] == ["warning"]
    assert "the newest events were cut" in recorded[0].changes["warning"][1]
    assert recorded[0].changes["seen_events"] == (None, 3)
    ctx.close()


def test_a_rehashed_history_is_noticed(sqlite_path, witness_file):
    _open_add_close(sqlite_path)
    con = sqlite3.connect(sqlite_path)
    rows = con.execute("SELECT seq, at, action, record_type, record_id, changes FROM audit_event "
                       "ORDER BY seq").fetchall()
    con.close()
    statements, prev = ["DELETE FROM audit_event"], GENESIS
    for seq, at, action, record_type, record_id, changes in rows:
        new = event_hash(seq=seq, at=at, actor="someone else", action=action,
                         record_type=record_type, record_id=record_id, changes=changes,
                         prev_hash=prev)
        statements.append(
            "INSERT INTO audit_event (seq, at, actor, action, record_type, record_id, changes, "
            f"prev_hash, hash) VALUES ({seq}, '{at}', 'someone else', '{action}', "
            f"'{record_type}', '{record_id}', '{changes}', '{prev}', '{new}')")
        prev = new
    _edit(sqlite_path, *statements)
    ctx = AppContext.open(sqlite_path)
    assert "event 3 then had the hash" in ctx.witness_warning
    assert "the history up to it was rewritten" in ctx.witness_warning
    assert ctx.run(audit.verify).ok  # a re-hashed chain verifies: the witness is what tells
    ctx.close()


def test_a_chain_that_grew_elsewhere_is_no_warning(sqlite_path, witness_file):
    _open_add_close(sqlite_path)
    other = AppContext(engine=AppContext.open(sqlite_path).engine, url=str(sqlite_path))
    other.run(people.create_person, name="Added on another computer", kind="officer")
    ctx = AppContext.open(sqlite_path)
    assert ctx.witness_warning is None
    ctx.close()


def test_an_unreadable_witness_file_starts_again(sqlite_path, witness_file):
    witness_file.write_text("not json")
    _open_add_close(sqlite_path)
    assert json.loads(witness_file.read_text())
