"""An upgrade that fails leaves the original as it was and says where the backup is; a retry
reuses that backup instead of copying the file again; a leftover journal is handled."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import DatabaseRefused
from app.store import migrate
from app.store.engine import open_database

FIXTURE = sorted((Path(__file__).resolve().parents[1] / "fixtures").glob("boardbook-*.sqlite"))[0]


def test_a_failed_upgrade_changes_nothing_and_names_the_backup(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE, path)
    before = path.read_bytes()

    def broken(engine):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrate, "upgrade_to_head", broken)
    for _ in range(2):
        with pytest.raises(DatabaseRefused) as refused:
            open_database(path)
        assert path.read_bytes() == before
        backups = list(tmp_path.glob("*.before-upgrade-*"))
        assert len(backups) == 1 and backups[0].read_bytes() == before
        assert str(backups[0]) in str(refused.value)
        assert "was not changed" in str(refused.value)
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [path.name, backups[0].name])  # no work copy left behind
    monkeypatch.undo()
    open_database(path).dispose()
    assert len(list(tmp_path.glob("*.before-upgrade-*"))) == 1


def test_a_leftover_rollback_journal_is_rolled_back(tmp_path):
    path = tmp_path / "db.sqlite"
    open_database(path).dispose()
    keep = tmp_path / "keep.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("BEGIN")
    conn.execute("UPDATE boardbook_info SET value = 'half written' WHERE key = 'application'")
    conn.execute("PRAGMA cache_spill=1")
    # a killed writer: copy the file and its hot journal as they are mid-transaction
    conn.execute("CREATE TABLE filler (x)")
    conn.executemany("INSERT INTO filler VALUES (?)", [(b"x" * 4000,) for _ in range(3000)])
    shutil.copyfile(path, keep)
    journal = Path(f"{path}-journal")
    if not journal.exists():
        pytest.skip("SQLite kept the transaction in memory")
    shutil.copyfile(journal, Path(f"{keep}-journal"))
    conn.execute("ROLLBACK")
    conn.close()
    engine = open_database(keep)
    with engine.connect() as c:
        assert c.exec_driver_sql(
            "SELECT value FROM boardbook_info WHERE key = 'application'").scalar() == "Boardbook"
    engine.dispose()
