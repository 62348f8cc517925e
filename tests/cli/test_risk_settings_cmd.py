"""``risks categories|category-add|objectives|objective-add`` and ``risks bands --threshold``:
output, what is stored, and errors that exit 2 with the service's message."""

from __future__ import annotations

import pytest

from app.domain.risk import DEFAULT_SCHEME
from app.services import organisation
from app.services.context import AppContext
from app.services.demo import risks as demo_risks
from app.services.demo.load import add_people_and_bodies
from app.services.risks import settings as risk_settings
from tests.cli.helpers import bb


@pytest.fixture
def db(sqlite_path):
    """The demo's people and risk register, with its seven categories and four objectives."""
    ctx = AppContext.open(sqlite_path, actor="demo")
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {"scale": 0}
        add_people_and_bodies(s, ids)
        demo_risks.add_risk_register(s, ids)
    ctx.close()
    return str(sqlite_path)




def stored(db, service, **kwargs):
    ctx = AppContext.open(db, actor="test")
    try:
        return ctx.run(service, **kwargs)
    finally:
        ctx.close()


def test_categories_lists_appetite_and_tolerance(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "categories")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["category", "appetite", "tolerance", "risks", "description"]
    financial = next(line for line in lines if line.startswith("Financial"))
    assert financial.split()[1:5] == ["2", "Cautious", "9", "1"]
    assert "7 categories" in out


def test_category_add_takes_the_appetite_by_name_or_number(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "category-add", "Estates",
                        "--appetite", "open")
    assert status == 0 and "appetite 3 Open, tolerance 12" in out
    status, out, _ = bb(capsys, "risks", "category-add", "Digital", "--appetite", "4",
                        "--tolerance", "15", "--description", "IT and data", "--db", db)
    assert status == 0 and "appetite 4 Seek, tolerance 15" in out
    rows = {c.name: c for c in stored(db, risk_settings.list_categories)}
    assert (rows["Estates"].appetite_level, rows["Estates"].tolerance) == (3, 12)
    assert (rows["Digital"].tolerance, rows["Digital"].description) == (15, "IT and data")


@pytest.mark.parametrize(("argv", "message"), [
    (["Estates", "--appetite", "bold"], "'bold' is not an appetite level"),
    (["Estates", "--appetite", "9"], "'9' is not an appetite level"),
    (["financial", "--appetite", "cautious"], "there is already a category called 'financial'"),
    (["Estates", "--appetite", "avoid", "--tolerance", "30"],
     "the tolerance must be a score from 1 to 25"),
])
def test_category_add_errors_exit_2(db, capsys, argv, message):
    status, _, err = bb(capsys, "--db", db, "risks", "category-add", *argv)
    assert status == 2 and message in err
    assert len(stored(db, risk_settings.list_categories)) == 7


def test_objectives_and_objective_add(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "objectives")
    assert status == 0 and "4 objective(s)" in out
    so1 = next(line for line in out.splitlines() if line.startswith("SO1"))
    assert "clinically led" in so1 and so1.split()[-1] == "4"  # four principal risks
    status, out, _ = bb(capsys, "--db", db, "risks", "objective-add", "SO5",
                        "Safe and sustainable estates", "--description", "2013/14 strategy")
    assert status == 0 and "Added objective SO5: Safe and sustainable estates" in out
    _, out, _ = bb(capsys, "--db", db, "risks", "objectives")
    assert "SO5" in out and "5 objective(s)" in out
    status, _, err = bb(capsys, "--db", db, "risks", "objective-add", "SO5", "Again")
    assert status == 2 and "the code SO5 is already used" in err
    status, _, err = bb(capsys, "--db", db, "risks", "objective-add", "SO6", " ")
    assert status == 2 and "an objective needs a title" in err
    assert len(stored(db, risk_settings.list_objectives)) == 5


def test_bands_threshold_changes_only_the_threshold(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "risks", "bands", "--threshold", "12")
    assert status == 0
    assert "Escalation threshold set to 12." in out and "A current score of 12 or more" in out
    scheme = stored(db, risk_settings.get_band_scheme)
    assert scheme.escalation_threshold == 12 and scheme.bands == DEFAULT_SCHEME.bands
    status, _, err = bb(capsys, "--db", db, "risks", "bands", "--threshold", "30")
    assert status == 2 and "the escalation threshold must be a score from 1 to 25" in err
    assert stored(db, risk_settings.get_band_scheme).escalation_threshold == 12
    _, out, _ = bb(capsys, "--db", db, "risks", "bands")
    assert "A current score of 12 or more" in out
