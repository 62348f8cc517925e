"""``decisions list|show|trail`` and ``chairs-actions list`` on the demo."""

from __future__ import annotations

import shutil

import openpyxl
import pytest
from pypdf import PdfReader

from app.services.context import AppContext
from app.services.demo.load import load_demo
from tests.cli.helpers import bb


@pytest.fixture(scope="module")
def db(sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("decisions_cli") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="demo")
    ids = ctx.run(load_demo)
    ctx.close()
    return str(path), ids




def test_list_and_filters(db, capsys):
    path, ids = db
    status, out, _ = bb(capsys, "--db", path, "decisions", "list", "--committee",
                        str(ids["Merton CCG Governing Body"]), "--from", "2012-09-27",
                        "--to", "2012-09-27")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "decided", "body"]
    assert any(" 6.8 " in line and "approved" in line for line in lines)
    assert all("2012-09-27" in line for line in lines[2:])
    _, out, _ = bb(capsys, "--db", path, "decisions", "list", "--overridden")
    assert "Remuneration Committee" in out and "override" in out and "6.8" not in out


def test_show_prints_the_chain(db, capsys):
    path, ids = db
    status, out, _ = bb(capsys, "--db", path, "decisions", "show", str(ids["decision:isop"]))
    assert status == 0
    assert "item 6.8 Integrated Strategy & Operating Plan (ISOP)" in out
    assert "agreed to Chair's Action on the full document" in out
    assert f"Delegated: chair's action #{ids['chairs_action:isop']}" in out
    assert "Audit events:" in out and "create decision" in out
    status, _, err = bb(capsys, "--db", path, "decisions", "show", "9999")
    assert status != 0 and "no decision with id 9999" in err


def test_chairs_actions_list_and_pending(db, capsys):
    path, ids = db
    _, out, _ = bb(capsys, "--db", path, "chairs-actions", "list")
    assert "ratified" in out and "29 Nov 2012 item 6" in out
    _, out, _ = bb(capsys, "--db", path, "chairs-actions", "list", "--pending")
    lines = out.splitlines()[2:]
    assert len(lines) == 1 and "Operating plan 2013/14" in lines[0] and "taken" in lines[0]


def test_trail_to_pdf_and_xlsx(db, capsys, tmp_path):
    path, _ = db
    pdf = tmp_path / "trail.pdf"
    status, out, _ = bb(capsys, "--db", path, "decisions", "trail", str(pdf), "--from",
                        "2012-09-01", "--to", "2012-12-31")
    assert status == 0 and "verify passed" in out
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Decision trail" in text and "Remuneration" not in text.split("Summary")[1][:400]
    xlsx = tmp_path / "trail.xlsx"
    assert bb(capsys, "--db", path, "decisions", "trail", str(xlsx))[0] == 0
    assert openpyxl.load_workbook(xlsx)["Chair's actions"].max_row == 3
    status, _, err = bb(capsys, "--db", path, "decisions", "trail", str(tmp_path / "t.doc"))
    assert status != 0 and ".pdf or a .xlsx" in err


def test_chairs_actions_list_by_date_and_body(db, capsys):
    path, ids = db
    _, out, _ = bb(capsys, "--db", path, "chairs-actions", "list", "--from", "2013-01-01")
    lines = out.splitlines()[2:]
    assert len(lines) == 1 and "Operating plan 2013/14" in lines[0]
    _, out, _ = bb(capsys, "--db", path, "chairs-actions", "list", "--to", "2012-12-31",
                   "--committee", str(ids["Merton CCG Governing Body"]))
    lines = out.splitlines()[2:]
    assert len(lines) == 1 and "Integrated Strategy" in lines[0]


def test_trail_by_kind(db, capsys, tmp_path):
    path, _ = db
    xlsx = tmp_path / "only-chairs-actions.xlsx"
    status, out, _ = bb(capsys, "--db", path, "decisions", "trail", str(xlsx), "--kind",
                        "chair's action")
    assert status == 0 and out.startswith("Wrote 2 entries")
    status, out, _ = bb(capsys, "--db", path, "decisions", "trail", str(xlsx), "--kind",
                        "written resolution")
    assert status == 0 and out.startswith("Wrote 0 entries")
    with pytest.raises(SystemExit) as exit_:
        bb(capsys, "--db", path, "decisions", "trail", str(xlsx), "--kind", "minute")
    assert exit_.value.code != 0 and "invalid choice: 'minute'" in capsys.readouterr().err
