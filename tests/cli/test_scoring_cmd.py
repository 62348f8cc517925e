"""``scoring …`` and ``score`` as a user types them."""

from __future__ import annotations

import datetime as dt

import pytest

import main
from app.cli import parse
from app.exchange.scoring.pack import read_pack
from app.services import people
from app.services.context import AppContext
from tests.cli.helpers import bb
from tests.services.risk_setup import make_register, raise_risk


@pytest.fixture
def db(sqlite_path):
    ctx = AppContext.open(sqlite_path, actor="secretary")
    reg = ctx.run(make_register)
    raise_risk(ctx, reg, title="Financial targets not achieved", current=(3, 4))
    raise_risk(ctx, reg, title="Practices disengage", current=(2, 3))
    for name in ("Lay Member", "Clinical Chair", "Chief Nurse"):
        ctx.run(people.create_person, name=name, kind="lay member")
    ctx.close()
    return str(sqlite_path)




def _member_ids(db) -> str:
    ctx = AppContext.open(db)
    ids = [p.id for p in ctx.run(people.list_people) if p.name in ("Lay Member",
                                                                   "Clinical Chair",
                                                                   "Chief Nurse")]
    ctx.close()
    return ",".join(map(str, ids))


def test_a_round_from_open_to_report(db, capsys, tmp_path):
    deadline = (dt.date.today() + dt.timedelta(days=14)).isoformat()
    status, out, _ = bb(capsys, "--db", db, "scoring", "open", "--title", "Q3 scoring",
                        "--question", "current", "--deadline", deadline,
                        "--risks", "CR-001,CR-002", "--members", _member_ids(db))
    assert status == 0 and "opened round #1 'Q3 scoring': 2 risks, 3 members" in out
    status, out, _ = bb(capsys, "--db", db, "scoring", "export", "1", "--folder",
                        str(tmp_path / "packs"))
    paths = out.split()
    assert status == 0 and len(paths) == 3 and all(p.endswith(".bbscore") for p in paths)
    for n, path in enumerate(paths):
        pack = read_pack(path)
        pack.set_score("CR-001", 2 + n, 4, f"member {n}")
        pack.mark_returned()
        pack.save(path)
    status, out, _ = bb(capsys, "--db", db, "scoring", "import", "1", *paths)
    assert status == 0 and out.count("imported:") == 3
    status, out, _ = bb(capsys, "--db", db, "scoring", "import", "1", paths[0])
    assert "unchanged:" in out and "nothing changed" in out
    status, out, _ = bb(capsys, "--db", db, "scoring", "show", "1")
    cr1 = next(line for line in out.splitlines() if line.startswith("CR-001"))
    assert "8 12 16" in cr1 and "12" in cr1 and "8–16" in cr1
    status, out, _ = bb(capsys, "--db", db, "scoring", "adopt", "1", "CR-001")
    assert status == 0 and "CR-001: adopted 3 × 4 = 12 High" in out
    status, out, _ = bb(capsys, "--db", db, "scoring", "close", "1")
    assert status == 0 and "3 of 3 packs returned" in out
    status, out, _ = bb(capsys, "--db", db, "scoring", "list")
    assert "Q3 scoring" in out and "closed" in out and "3/3" in out
    status, _, err = bb(capsys, "--db", db, "scoring", "import", "1", paths[1])
    assert status == 2 and "refused" in err and "closed" in err
    pdf = tmp_path / "round.pdf"
    status, _, _ = bb(capsys, "--db", db, "scoring", "report", "1", str(pdf))
    assert status == 0 and pdf.read_bytes().startswith(b"%PDF")


def test_open_refuses_a_past_deadline(db, capsys):
    status, _, err = bb(capsys, "--db", db, "scoring", "open", "--title", "Late",
                        "--deadline", "2001-01-01", "--members", _member_ids(db))
    assert status == 2 and "deadline" in err


def test_score_needs_no_database_and_refuses_a_foreign_file(capsys, tmp_path, monkeypatch):
    bogus = tmp_path / "x.bbscore"
    bogus.write_text("{}", encoding="utf-8")
    monkeypatch.setattr("app.services.context.AppContext.open",
                        lambda *a, **k: pytest.fail("score opened a database"))
    args = parse(["score", str(bogus)])
    assert args.needs_db is False
    status = main.main(["score", str(bogus)])
    assert status == 2 and "is not a Boardbook scoring pack" in capsys.readouterr().err


def test_the_command_line_itself_never_opens_the_window(capsys, tmp_path):
    status, _, err = bb(capsys, "score", str(tmp_path / "x.bbscore"))
    assert status == 2 and "python main.py score" in err
