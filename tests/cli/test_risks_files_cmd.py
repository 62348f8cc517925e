"""``risks import|export|report`` as a user types them: files written, problems listed with
their rows, exit status 2 and nothing written when anything is wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from app.services import organisation
from app.services.context import AppContext
from app.services.demo import risks as demo_risks
from app.services.demo.load import add_people_and_bodies
from app.services.risks import settings as risk_settings
from tests.cli.helpers import bb

ROOT = Path(__file__).resolve().parents[2]


def _open(path) -> AppContext:
    return AppContext.open(path, actor="demo")


@pytest.fixture
def db(sqlite_path):
    """The demo's people and risk register (CR-001 … CR-006)."""
    ctx = _open(sqlite_path)
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {"scale": 0}
        add_people_and_bodies(s, ids)
        demo_risks.add_risk_register(s, ids)
    ctx.close()
    return str(sqlite_path)


@pytest.fixture
def empty(sqlite_template, tmp_path):
    """The same people, categories and objectives, and no risks."""
    path = tmp_path / "empty.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = _open(path)
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        add_people_and_bodies(s, {"scale": 0})
        for name, level, _ in demo_risks.CATEGORIES:
            risk_settings.create_category(s, name=name, appetite_level=level)
        for code, title in demo_risks.OBJECTIVES:
            risk_settings.create_objective(s, code=code, title=title)
    ctx.close()
    return str(path)




def _references(db: str, capsys) -> list[str]:
    _, out, _ = bb(capsys, "--db", db, "risks", "list", "--status", "all")
    return [line.split()[0] for line in out.splitlines()[2:-1]]


def test_export_then_import_into_an_empty_register(db, empty, tmp_path, capsys):
    path = tmp_path / "register.xlsx"
    status, out, _ = bb(capsys, "--db", db, "risks", "export", path)
    assert status == 0 and "6 risk(s) written" in out
    status, out, _ = bb(capsys, "--db", empty, "risks", "import", path)
    assert status == 0
    assert "Reference" in out and "-> reference" in out  # the mapping found
    assert "'Score history' sheet will be replayed" in out
    assert "6 risk(s) imported: CR-001, CR-002" in out
    assert _references(empty, capsys) == [f"CR-00{n}" for n in range(1, 7)]


def test_export_corporate_as_csv(db, tmp_path, capsys):
    path = tmp_path / "corporate.csv"
    status, out, _ = bb(capsys, "--db", db, "risks", "export", path, "--corporate")
    assert status == 0 and "1 risk(s)" in out
    assert path.read_text(encoding="utf-8-sig").splitlines()[1].startswith("CR-005,")


def test_problems_are_listed_by_row_and_nothing_is_written(empty, tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Team risk register"])
    ws.append(["Ref", "Title", "Category", "Owner", "Likelihood", "Impact", "Score"])
    ws.append(["T-1", "Fine", "Financial", "Chief Finance Officer", 2, 2, 4])
    ws.append(["T-2", "Too likely", "Financial", "", 6, 2, ""])
    ws.append(["T-3", "Wrong score", "Financial", "Nobody Known", 3, 3, 12])
    book.save(path)
    status, out, err = bb(capsys, "--db", empty, "risks", "import", path)
    assert status == 2
    assert "Likelihood" in out and "-> current_likelihood" in out
    assert "row 4, Likelihood: must be 1 to 5, not 6" in err
    assert "row 5, Owner: unknown owner 'Nobody Known'" in err
    assert "row 5, Score: 12 is not Likelihood × Impact (3 × 3 = 9)" in err
    assert _references(empty, capsys) == []


def test_dry_run_and_map_and_skip_existing(db, empty, tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_text("Code,Headline,Kind,Chance,Severity Rating\n"
                    "CR-001,Held already,Financial,2,2\nX-9,New one,Financial,3,3\n",
                    encoding="utf-8")
    argv = ["--db", db, "risks", "import", path, "--map", "Chance=current_likelihood",
            "--map", "Severity Rating=current_consequence", "--map", "Kind=category"]
    status, _, err = bb(capsys, *argv, "--dry-run")
    assert status == 2 and "row 2, Code: CR-001 is already in the register" in err
    status, out, _ = bb(capsys, *argv, "--dry-run", "--skip-existing")
    assert status == 0 and "1 risk(s) would be imported (dry run" in out
    assert "Skipped, already in the register: CR-001" in out
    assert "X-9" not in _references(db, capsys)
    status, out, _ = bb(capsys, *argv, "--skip-existing")
    assert status == 0 and "X-9" in _references(db, capsys)


def test_unknown_field_in_map_is_refused(empty, tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("Ref,Title,Category,L,C\nA,B,Financial,1,1\n", encoding="utf-8")
    status, _, err = bb(capsys, "--db", empty, "risks", "import", path, "--map", "L=chance")
    assert status == 2 and "'chance' is not a field" in err


def test_report_writes_a_pdf(db, tmp_path, capsys):
    path = tmp_path / "corporate.pdf"
    status, out, _ = bb(capsys, "--db", db, "risks", "report", path, "--corporate")
    assert status == 0 and "Corporate risk register: 1 risk(s)" in out
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "CR-005" in text and "CR-001" not in text
    status, _, err = bb(capsys, "--db", db, "risks", "report", tmp_path / "r.txt")
    assert status == 2 and "the report is a PDF" in err


def test_through_main_py(db, tmp_path):
    """The real command line, in its own process, as a script would run it."""
    env = {**os.environ, "BOARDBOOK_NO_BOOTSTRAP": "1"}
    out = tmp_path / "register.csv"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", db, "risks",
                           "export", str(out)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8-sig").startswith("Reference,Title,")
    again = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", db, "risks",
                            "import", str(out)], capture_output=True, text=True, env=env,
                           cwd=ROOT, timeout=120)
    assert again.returncode == 2
    assert "row 2, Reference: CR-001 is already in the register" in again.stderr
