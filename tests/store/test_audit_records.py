"""The records against their history: a row changed behind Boardbook's back is named, whichever
governed table it is in, on either backend; a clean record verifies clean."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.cli import parse, run
from app.services import audit, people
from app.store.audit_records import audited_tables
from tests.cli.helpers import bb

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _problems(ctx):
    return [str(p) for p in ctx.run(audit.verify_records).problems]


def _forged(value):
    """A different value of the same kind, as an insider would type it into the file."""
    if isinstance(value, bytes):
        return value + b"forged"
    if isinstance(value, str):
        try:
            return (dt.date.fromisoformat(value) - dt.timedelta(days=30)).isoformat()
        except ValueError:
            return value + " (forged)"
    if isinstance(value, int | float):
        return value + 1
    return None


def _column_to_forge(connection, table: str, key_columns: list[str], columns: list[str]):
    """The first row of a table and a column in it that can take a forged value."""
    row = connection.execute(f"SELECT * FROM {table} LIMIT 1").fetchone()
    if row is None:
        return None
    names = [d[0] for d in connection.execute(f"SELECT * FROM {table} LIMIT 1").description]
    values = dict(zip(names, row, strict=True))
    # plain values first; a link table's references are forged when it has nothing else
    candidates = [c for c in columns if c not in key_columns and c != "version"]
    candidates.sort(key=lambda c: c.endswith("_id"))
    for column in candidates:
        if _forged(values[column]) is not None:
            where = " AND ".join(f'"{k}" = ?' for k in key_columns)
            return column, _forged(values[column]), where, [values[k] for k in key_columns]
    if not candidates:  # a row that is all key: forge the key itself
        column = key_columns[-1]
        where = " AND ".join(f'"{k}" = ?' for k in key_columns)
        return column, _forged(values[column]), where, [values[k] for k in key_columns]
    return None


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """The demo with an issued pack, so every kind of its records is there to forge."""
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "demo.sqlite"
    shutil.copy(FIXTURES / "boardbook-0006_scoring-demo.sqlite", path)
    assert run(parse(["--db", str(path), "audit", "verify"])) == 0  # upgrades, then proves it
    with sqlite3.connect(path) as connection:
        meeting, = connection.execute("SELECT min(id) FROM meeting").fetchone()
    assert run(parse(["--db", str(path), "pack", str(meeting), "--out",
                      str(folder / "pack.pdf")])) == 0
    return path


@pytest.fixture(scope="module")
def scoring_file(tmp_path_factory):
    """A scoring round with members' returned scores and an adopted consensus."""
    from app.exchange.scoring.returns import export_packs, import_returned_pack
    from app.services.context import AppContext
    from app.services.scoring import view as scoring_view
    from tests.services.scoring.test_rounds import OPENED, _score_packs
    from tests.services.scoring_setup import make_round

    folder = tmp_path_factory.mktemp("scoring")
    path = folder / "scoring.sqlite"
    ctx = AppContext.open(path, actor="secretary")
    setup = make_round(ctx)
    packs = ctx.run(export_packs, round_id=setup.round_id, folder=folder / "packs")
    _score_packs(packs)
    for pack in packs:
        ctx.run(import_returned_pack, round_id=setup.round_id, path=pack, today=OPENED)
    ctx.run(scoring_view.adopt_consensus, round_id=setup.round_id, risk_id=setup.risks[0].id,
            rationale="The members' median", today=OPENED)
    ctx.close()
    return path


GOVERNED = sorted(audited_tables())


def test_a_clean_demo_verifies_every_record_and_file(demo_file, capsys):
    code, out, _err = bb(capsys, "--db", str(demo_file), "audit", "verify")
    assert code == 0
    assert "records verified against their history" in out


@pytest.mark.parametrize("table", GOVERNED)
def test_a_record_edited_in_sql_is_named(table, demo_file, scoring_file, tmp_path, capsys):
    path = tmp_path / "forged.sqlite"
    source = (scoring_file if table.startswith("scoring_") else
              FIXTURES / "boardbook-0007_corrections.sqlite" if table == "correction" else
              demo_file)  # the release fixture at 0007 holds a correction
    shutil.copy(source, path)
    _table, pk, columns = audited_tables()[table]
    with sqlite3.connect(path) as connection:
        target = _column_to_forge(connection, table, [c.name for c in pk],
                                  [c.name for _k, c in columns])
        if target is None:
            pytest.skip(f"the demo has no {table} row with a value to forge")
        column, value, where, keys = target
        connection.execute(f'UPDATE {table} SET "{column}" = ? WHERE {where}', [value, *keys])
    code, _out, err = bb(capsys, "--db", str(path), "audit", "verify")
    assert code == 1
    record = "/".join(str(k) for k in keys)
    if column in [c.name for c in pk]:  # the row now claims to be another record
        assert f"{table} {record}: the trail says it exists, but it is not in the" in err
        assert "present in the database but the trail has no record of it" in err
    else:
        assert f"{table} {record}, field {column}: stored" in err
        assert "changed without an audit event" in err


def test_a_record_slipped_in_or_removed_without_events_is_named(demo_file, tmp_path, capsys):
    path = tmp_path / "forged.sqlite"
    shutil.copy(demo_file, path)
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO person (id, name, title, email, kind, notes, version) "
                           "VALUES (9999, 'Slipped In', '', '', 'lay member', '', 1)")
        gone = connection.execute("SELECT min(id) FROM action_update").fetchone()[0]
        connection.execute("DELETE FROM action_update WHERE id = ?", [gone])
    code, _out, err = bb(capsys, "--db", str(path), "audit", "verify")
    assert code == 1
    assert "person 9999: present in the database but the trail has no record of it" in err
    assert f"action_update {gone}: the trail says it exists, but it is not in the database" in err


def test_a_swapped_file_is_named(demo_file, tmp_path, capsys):
    path = tmp_path / "forged.sqlite"
    shutil.copy(demo_file, path)
    with sqlite3.connect(path) as connection:
        sha = connection.execute("SELECT min(sha256) FROM blob").fetchone()[0]
        connection.execute("UPDATE blob SET data = ? WHERE sha256 = ?", [b"%PDF-1.4 forged", sha])
    code, _out, err = bb(capsys, "--db", str(path), "audit", "verify")
    assert code == 1
    assert f"blob {sha[:16]}…, field data" in err and "the file's bytes were replaced" in err


def test_a_forged_row_is_named_on_either_backend(ctx):
    person = ctx.run(people.create_person, name="Lay Member", kind="lay member")
    assert _problems(ctx) == []
    with ctx.transaction() as session:
        session.execute(text("UPDATE person SET name = 'Clinical Chair' WHERE id = :id"),
                        {"id": person.id})
    assert _problems(ctx) == [f'person {person.id}, field name: stored "Clinical Chair" but the '
                              'trail gives "Lay Member" (changed without an audit event)']


def test_head_says_the_history_up_to_it_is_unchanged_and_how_many_events_follow(demo_file, capsys):
    with sqlite3.connect(demo_file) as connection:
        count, = connection.execute("SELECT count(*) FROM audit_event").fetchone()
        head, = connection.execute("SELECT hash FROM audit_event WHERE seq = ?",
                                   [count - 3]).fetchone()
    code, out, _err = bb(capsys, "--db", str(demo_file), "audit", "verify", "--head", head)
    assert code == 0
    assert f"The history up to {head} is unchanged: {count - 3} events, and 3 later events " \
           "follow it." in out


def test_an_event_appended_with_a_correct_hash_but_no_change_to_the_record_is_named(
        demo_file, tmp_path, capsys):
    from app.store.audit import canonical, event_hash

    path = tmp_path / "forged.sqlite"
    shutil.copy(demo_file, path)
    with sqlite3.connect(path) as connection:
        seq, prev = connection.execute(
            "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone()
        risk_id, = connection.execute("SELECT min(id) FROM risk").fetchone()
        row = {"seq": seq + 1, "at": "2012-09-27T10:00:00.000000Z", "actor": "Clinical Chair",
               "action": "update", "record_type": "risk", "record_id": str(risk_id),
               "changes": canonical({"current_likelihood": [3, 1]}), "prev_hash": prev}
        row["hash"] = event_hash(**row)
        connection.execute("INSERT INTO audit_event VALUES (:seq, :at, :actor, :action, "
                           ":record_type, :record_id, :changes, :prev_hash, :hash)", row)
    code, _out, err = bb(capsys, "--db", str(path), "audit", "verify")
    assert code == 1
    assert f"risk {risk_id}, field current_likelihood: stored 3 but the trail gives 1" in err


def test_a_rehashed_chain_is_named_by_the_head_printed_on_an_issued_pack(demo_file, tmp_path,
                                                                        capsys):
    """Rewriting an event and re-hashing everything after it verifies as a chain; the head
    printed on the pack issued before is then no longer in it."""
    from app.store.audit import event_hash

    path = tmp_path / "rehashed.sqlite"
    shutil.copy(demo_file, path)
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TRIGGER audit_event_no_update")
        connection.execute("DROP TRIGGER audit_event_no_delete")
        rows = connection.execute("SELECT seq, at, actor, action, record_type, record_id, "
                                  "changes, prev_hash FROM audit_event ORDER BY seq").fetchall()
        prev = rows[9][7]
        for seq, at, actor, action, record_type, record_id, changes, _prev in rows[9:]:
            actor = "someone else" if seq == rows[9][0] else actor
            new = event_hash(seq=seq, at=at, actor=actor, action=action, record_type=record_type,
                             record_id=record_id, changes=changes, prev_hash=prev)
            connection.execute("UPDATE audit_event SET actor = ?, prev_hash = ?, hash = ? "
                               "WHERE seq = ?", [actor, prev, new, seq])
            prev = new
    code, _out, err = bb(capsys, "--db", str(path), "audit", "verify")
    assert code == 1
    assert "issued_pack 1, field audit_head" in err and "is no longer in the chain" in err
