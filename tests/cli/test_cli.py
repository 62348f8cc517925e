"""The command line as a user types it: real processes, real files, exit codes and messages."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def bb(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120,
                          env={**__import__("os").environ, "BOARDBOOK_NO_BOOTSTRAP": "1"})


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo, loaded once by the real command; each test works on its own copy."""
    db = tmp_path_factory.mktemp("cli-demo") / "merton.sqlite"
    result = bb("--db", str(db), "demo")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture
def demo_db(demo_file, tmp_path):
    db = tmp_path / "merton.sqlite"
    shutil.copy(demo_file, db)
    if demo_file.with_name(demo_file.name + "-wal").exists():  # normally folded back on exit
        shutil.copy(demo_file.with_name(demo_file.name + "-wal"), db.with_name(db.name + "-wal"))
    return db


def test_help_lists_the_commands():
    out = bb("--help").stdout
    for command in ("demo", "audit", "export-json", "import-json", "people", "committees"):
        assert command in out


def test_demo_then_verify_and_head(demo_db):
    verified = bb("audit", "verify", "--db", str(demo_db))
    assert verified.returncode == 0 and "audit trail verified" in verified.stdout
    head = bb("audit", "head", "--db", str(demo_db)).stdout.strip()
    assert len(head) == 64 and head in verified.stdout
    assert "Merton CCG Governing Body" in bb("--db", str(demo_db), "committees", "list").stdout


def test_demo_refuses_a_database_in_use(demo_db):
    again = bb("--db", str(demo_db), "demo")
    assert again.returncode == 2 and "already has an organisation" in again.stderr
    assert "Traceback" not in again.stderr


def test_tampering_outside_boardbook_is_detected_and_named(demo_db):
    head = bb("audit", "head", "--db", str(demo_db)).stdout.strip()
    with sqlite3.connect(demo_db) as c:
        c.execute("DROP TRIGGER audit_event_no_update")
        c.execute("UPDATE audit_event SET actor = 'someone else' WHERE seq = 7")
    result = bb("audit", "verify", "--db", str(demo_db))
    assert result.returncode == 1
    assert "event 7 was altered" in result.stderr
    assert bb("audit", "verify", "--head", head, "--db", str(demo_db)).returncode == 1


def test_verify_head_proves_history_unchanged(demo_db):
    head = bb("audit", "head", "--db", str(demo_db)).stdout.strip()
    assert bb("--db", str(demo_db), "people", "add", "Chief Nurse", "--kind", "executive").returncode == 0
    result = bb("audit", "verify", "--head", head, "--db", str(demo_db))
    assert result.returncode == 0 and "is unchanged" in result.stdout
    assert bb("audit", "verify", "--head", "ab" * 32, "--db", str(demo_db)).returncode == 1


def test_export_then_import_into_a_new_database(demo_db, tmp_path):
    out = tmp_path / "exchange.json"
    assert bb("--db", str(demo_db), "export-json", str(out)).returncode == 0
    copy = tmp_path / "copy.sqlite"
    result = bb("--db", str(copy), "import-json", str(out))
    assert result.returncode == 0, result.stderr
    assert bb("audit", "head", "--db", str(copy)).stdout == bb("audit", "head", "--db", str(demo_db)).stdout
    refused = bb("--db", str(copy), "import-json", str(out))
    assert refused.returncode == 2 and "empty database" in refused.stderr


def test_bad_input_is_named_without_a_traceback(tmp_path):
    db = tmp_path / "x.sqlite"
    result = bb("--db", str(db), "people", "add", " ", "--kind", "officer")
    assert result.returncode == 2
    assert "name: a name is required" in result.stderr and "Traceback" not in result.stderr
    notdb = tmp_path / "notes.txt"
    notdb.write_text("just some notes")
    refused = bb("--db", str(notdb), "info")
    assert refused.returncode == 2 and "not a Boardbook database" in refused.stderr
    assert notdb.read_text() == "just some notes"
