"""``risks list|show|rescore|bands`` as a user types them: output, messages and exit codes."""

from __future__ import annotations

import pytest

from app.cli import parse
from app.services import audit, organisation
from app.services.context import AppContext
from app.services.demo import risks as demo_risks
from app.services.demo.load import add_people_and_bodies
from app.services.risks import register as risk_register
from tests.cli.helpers import bb


@pytest.fixture
def db(sqlite_path):
    """The demo's people and risk register (CR-001 … CR-006)."""
    ctx = AppContext.open(sqlite_path, actor="demo")
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {"scale": 0}
        add_people_and_bodies(s, ids)
        demo_risks.add_risk_register(s, ids)
    ctx.close()
    return str(sqlite_path)




def test_list_shows_the_register(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["ref", "title", "category"]
    assert [line.split()[0] for line in lines[2:8]] == [f"CR-00{n}" for n in range(1, 7)]
    assert "6 risk(s)" in out
    cr5 = next(line for line in lines if line.startswith("CR-005"))
    assert "4x4=16" in cr5 and "Extreme" in cr5 and "corporate" in cr5


def test_list_filters(db, capsys):
    _, out, _ = bb(capsys, "risks", "list", "--corporate", "--db", db)
    assert [line.split()[0] for line in out.splitlines()[2:-1]] == ["CR-005"]
    _, out, _ = bb(capsys, "--db", db, "risks", "list", "--band", "moderate")
    assert [line.split()[0] for line in out.splitlines()[2:-1]] == ["CR-004"]
    _, out, _ = bb(capsys, "--db", db, "risks", "list", "--category", "organisational")
    assert [line.split()[0] for line in out.splitlines()[2:-1]] == ["CR-003", "CR-005",
                                                                     "CR-006"]
    _, out, _ = bb(capsys, "--db", db, "risks", "list", "--overdue")
    assert "6 risk(s)" in out  # the demo's reviews were due in 2013
    _, out, _ = bb(capsys, "--db", db, "risks", "list", "--status", "closed")
    assert "0 risk(s)" in out


def test_unknown_band_or_category_is_a_clear_error(db, capsys):
    status, _, err = bb(capsys, "--db", db, "risks", "list", "--band", "Red")
    assert status == 2 and "there is no band called 'Red'" in err
    status, _, err = bb(capsys, "--db", db, "risks", "list", "--category", "Weather")
    assert status == 2 and "no risk category called 'Weather'" in err
    assert "Traceback" not in err


def test_show_a_risk(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "show", "cr-001")
    assert status == 0
    assert out.startswith("CR-001  Financial targets not achieved  [open]")
    assert "inherent:    4 x 5 = 20 (Extreme)" in out
    assert "current:     3 x 4 = 12 (High)" in out
    for heading in ("Objectives:", "Controls:", "Assurances:", "Gaps:", "Actions:",
                    "Score history:", "Escalations:"):
        assert heading in out
    assert "line 3: Internal audit review of budgetary control (positive)" in out
    status, _, err = bb(capsys, "--db", db, "risks", "show", "CR-999")
    assert status == 2 and "There is no risk with the reference CR-999" in err


def test_rescore_escalates_and_is_audited(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "--as", "Chief Finance Officer", "risks",
                        "rescore", "CR-001", "--likelihood", "4", "--consequence", "5",
                        "--rationale", "Month 2 forecast deteriorated", "--on", "2013-05-20")
    assert status == 0
    assert "CR-001: current score 12 -> 20 (Extreme)" in out
    assert "CR-001 was escalated to the corporate risk register" in out
    ctx = AppContext.open(db)
    try:
        row = ctx.run(risk_register.find_risk, reference="CR-001")
        assert (row.current_score, row.on_corporate_register) == (20, True)
        last = ctx.run(risk_register.score_history, risk_id=row.id)[-1]
        assert (last.scored_by, last.rationale) == ("Chief Finance Officer",
                                                    "Month 2 forecast deteriorated")
        assert ctx.run(audit.list_events, record_type="risk")[0].actor == \
            "Chief Finance Officer"
        assert ctx.run(audit.verify).ok
    finally:
        ctx.close()


def test_rescore_without_a_rationale_changes_nothing(db, capsys):
    status, _, err = bb(capsys, "--db", db, "risks", "rescore", "CR-001", "--likelihood", "1",
                        "--consequence", "1", "--rationale", " ")
    assert status == 2
    assert "nothing was changed" in err and "rationale" in err
    _, out, _ = bb(capsys, "--db", db, "risks", "show", "CR-001")
    assert "current:     3 x 4 = 12 (High)" in out


def test_rescore_refuses_levels_outside_one_to_five(db, capsys):
    with pytest.raises(SystemExit):
        parse(["--db", db, "risks", "rescore", "CR-001", "--likelihood", "6",
               "--consequence", "1", "--rationale", "x"])
    assert "invalid choice" in capsys.readouterr().err


def test_bands(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "bands")
    assert status == 0
    assert "Low       1-3     #92D050  Individuals and Team Managers" in out
    assert "Extreme   15-25   #FF0000  'Risk' Committee" in out
    assert "A current score of 15 or more escalates a risk" in out
    assert "5 Almost certain" in out


def test_risks_needs_an_action(capsys):
    with pytest.raises(SystemExit):
        parse(["risks"])
    assert "ACTION" in capsys.readouterr().err
