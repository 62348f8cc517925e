"""Kills during a schema change, and damaged files.

Each kill runs ``python main.py --db COPY audit verify`` (or ``init``) in a subprocess, waits for
the schema change to begin (its work copy appears beside the file), and sends SIGKILL after a
delay spread over the change's measured duration. The file is then opened normally: it must
open (upgraded, or still as it was and upgraded now) with one backup at most, identical to the
original, and verify. The release fixtures are whatever tests/fixtures holds, so a new release
is covered without touching this file. ``BOARDBOOK_KILLS`` sets the kills per target (20).
"""

from __future__ import annotations

import filecmp
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from app.store.engine import WORK_MARK

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("boardbook-*.sqlite"))
KILLS = int(os.environ.get("BOARDBOOK_KILLS", "20"))
PARALLEL = 4
ENV = {**os.environ, "BOARDBOOK_NO_BOOTSTRAP": "1", "QT_QPA_PLATFORM": "offscreen"}

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _command(path: Path) -> list[str]:
    if path.exists():
        return [sys.executable, "main.py", "--db", str(path), "audit", "verify"]
    return [sys.executable, "main.py", "--db", str(path), "init", "Kill Test Trust"]


def _working(folder: Path) -> bool:
    return any(WORK_MARK in p.name for p in folder.iterdir())


def _run(path: Path, delay: float | None) -> tuple[bool, float]:
    """Run the command; with a delay, kill it that long after the schema change began.
    Returns (killed while the change was under way, how long the change was seen running)."""
    proc = subprocess.Popen(_command(path), cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while not _working(path.parent) and proc.poll() is None:
            time.sleep(0.002)
        began = time.monotonic()
        if delay is None:
            while _working(path.parent) and proc.poll() is None:
                time.sleep(0.002)
            seen = time.monotonic() - began
            assert proc.wait(600) == 0, "the command failed without a kill"
            return False, seen
        time.sleep(delay)
        during = _working(path.parent) and proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(120)
        # The change was under way at the kill if its work copy is still there.
        return during and _working(path.parent), 0.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _prepare(fixture: Path | None, folder: Path) -> Path:
    folder.mkdir(parents=True)
    target = folder / (fixture.name if fixture else "new.sqlite")
    if fixture is not None:
        shutil.copyfile(fixture, target)
    return target


def _no_second_backup(path: Path, fixture: Path | None) -> None:
    if fixture is not None:
        backups = list(path.parent.glob("*.before-upgrade-*"))
        assert len(backups) <= 1
        assert all(filecmp.cmp(b, fixture, shallow=False) for b in backups)


def _untouched(path: Path, fixture: Path | None) -> bool:
    """Still exactly as before the command: the original bytes (or, for init, no file)."""
    if fixture is None:
        return not path.exists()
    return filecmp.cmp(path, fixture, shallow=False)


def _opens_and_verifies(path: Path, fixture: Path | None) -> None:
    from app.services import audit
    from app.services.context import AppContext
    from app.services.integrity import check_integrity

    def backups() -> list[Path]:
        return list(path.parent.glob("*.before-upgrade-*"))

    _no_second_backup(path, fixture)
    ctx = AppContext.open(path)
    try:
        with ctx.transaction() as s:
            assert audit.verify_everything(s).ok
            assert check_integrity(s) == []
    finally:
        ctx.close()
    if fixture is not None:
        assert len(backups()) == 1
        assert filecmp.cmp(backups()[0], fixture, shallow=False)


def _kill_many(fixture: Path | None, tmp_path: Path) -> tuple[int, int]:
    _, duration = _run(_prepare(fixture, tmp_path / "measure"), None)
    duration = max(duration, 0.05)
    rng = random.Random(f"{fixture}")
    landed: list[Path] = []
    tries = untouched = 0
    with ThreadPoolExecutor(PARALLEL) as pool:
        for _round in range(8):
            missing = KILLS - len(landed)
            if missing <= 0:
                break
            jobs = []
            for i in range(missing):
                target = _prepare(fixture, tmp_path / f"kill{tries}")
                tries += 1
                # stratified: the kills cover the whole change, start to end
                delay = duration * (i + rng.random()) / missing
                jobs.append((target, pool.submit(_run, target, delay)))
            for target, job in jobs:
                during, _ = job.result()
                if during:
                    landed.append(target)
                if _untouched(target, fixture):
                    # Exactly the original: opening it is the upgrade the measuring run made
                    # (it only costs time), so a few are opened, every other one is compared.
                    untouched += 1
                    if untouched > 3:
                        _no_second_backup(target, fixture)
                        continue
                _opens_and_verifies(target, fixture)  # whether or not the kill landed
    assert len(landed) >= KILLS, f"only {len(landed)} of {tries} kills fell during the change"
    print(f"{fixture.name if fixture else 'init'}: {tries} kills, {len(landed)} during the "
          f"change ({duration:.2f} s), {untouched} left as they were, all held")
    return tries, len(landed)


def _revision(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_kills_during_upgrade_never_wedge_the_file(fixture, tmp_path):
    from app.store import schema

    if _revision(fixture) == schema.HEAD:
        pytest.skip("the release at the head revision: opening it upgrades nothing")
    _kill_many(fixture, tmp_path)


def test_kills_during_init_never_wedge_the_file(tmp_path):
    _kill_many(None, tmp_path)


# ------------------------------------------------------------------------ damaged files


def _damage_an_index(path: Path) -> None:
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pageno = conn.execute("SELECT pageno FROM dbstat WHERE name LIKE 'ix_%' AND pagetype = "
                          "'leaf' ORDER BY pageno LIMIT 1").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((pageno - 1) * page_size + 8)
        f.write(random.Random(7).randbytes(page_size - 16))


@pytest.fixture
def damaged(tmp_path):
    from app.store.engine import open_database

    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(FIXTURES[-1], path)
    open_database(path).dispose()  # at the current schema, so only the damage is refused
    _damage_an_index(path)
    return path


@pytest.mark.parametrize("command", [
    ["audit", "verify"], ["info"], ["pack", "1", "--out", "{dir}/pack.pdf"], ["risks", "list"],
])
def test_a_damaged_file_is_refused_before_any_command(damaged, command):
    args = [a.replace("{dir}", str(damaged.parent)) for a in command]
    before = damaged.read_bytes()
    done = subprocess.run([sys.executable, "main.py", "--db", str(damaged), *args], cwd=ROOT,
                          env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    assert "is damaged" in done.stderr and "integrity check" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert len(done.stderr.strip().splitlines()) == 1
    assert damaged.read_bytes() == before
    assert not (damaged.parent / "pack.pdf").exists()


def test_full_integrity_check_names_the_damage(damaged):
    from sqlalchemy import create_engine

    from app.store.engine import integrity_problems

    engine = create_engine(f"sqlite:///{damaged}")
    with engine.connect() as conn:
        assert integrity_problems(conn) != []
    engine.dispose()


def test_audit_verify_runs_the_full_check_on_a_file_too_big_for_the_quick_one(
        damaged, monkeypatch, capsys):
    from app import cli
    from app.store import engine

    monkeypatch.setattr(engine, "QUICK_CHECK_MAX_BYTES", 0)  # open skips the quick check
    assert cli.run(cli.parse(["--db", str(damaged), "audit", "verify"])) == 1
    assert "database file DAMAGED" in capsys.readouterr().err
