"""``interests list|add|end`` as a user types them: output, messages and exit codes."""

from __future__ import annotations

import datetime as dt

import pytest

from app.cli import parse
from app.services import interests, organisation, people
from app.services.context import AppContext
from app.services.demo.load import add_people_and_bodies
from tests.cli.helpers import bb


@pytest.fixture
def db(sqlite_path):
    """The demo's people, with two entries on the register (one ended)."""
    ctx = AppContext.open(sqlite_path, actor="demo")
    with ctx.transaction() as s:
        organisation.set_up_organisation(s, name="NHS Merton Clinical Commissioning Group")
        ids: dict = {}
        add_people_and_bodies(s, ids)
        interests.add_interest(s, person_id=ids["Clinical Chair"], kind="financial",
                               description="GP partner in a Merton member practice",
                               organisation="member practice", from_date=dt.date(2009, 4, 1),
                               declared_on=dt.date(2009, 4, 20), management="Declared at "
                                                                            "each meeting")
        interests.add_interest(s, person_id=ids["Registered Nurse Member"],
                               kind="non-financial professional",
                               description="Matron at Epsom and St Helier",
                               from_date=dt.date(2005, 9, 1), to_date=dt.date(2012, 3, 31),
                               declared_on=dt.date(2012, 4, 2))
    ctx.close()
    return str(sqlite_path)




def person_id(db, name: str) -> int:
    ctx = AppContext.open(db, actor="test")
    try:
        return next(p.id for p in ctx.run(people.list_people) if p.name == name)
    finally:
        ctx.close()


def register_of(db) -> list:
    ctx = AppContext.open(db, actor="test")
    try:
        return ctx.run(interests.list_interests)
    finally:
        ctx.close()


def test_list_shows_the_register(db, capsys):
    status, out, _ = bb(capsys, "--db", db, "interests", "list")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["id", "person", "kind"]
    chair = next(line for line in lines if "Clinical Chair" in line)
    assert "GP partner in a Merton member practice" in chair and "2009-04-01" in chair
    assert "(late)" not in chair  # declared within 28 days
    nurse = next(line for line in lines if "Registered Nurse Member" in line)
    assert "2012-03-31" in nurse and "2012-04-02 (late)" in nurse
    assert out.rstrip().endswith("2 interest(s)")


def test_list_for_a_person_and_current_on_a_day(db, capsys):
    nurse = person_id(db, "Registered Nurse Member")
    _, out, _ = bb(capsys, "--db", db, "interests", "list", "--person", str(nurse))
    assert "Matron" in out and "Clinical Chair" not in out
    _, out, _ = bb(capsys, "interests", "list", "--on", "2012-06-01", "--db", db)
    assert "Clinical Chair" in out and "Matron" not in out
    assert "1 interest(s) current on 2012-06-01" in out
    _, out, _ = bb(capsys, "--db", db, "interests", "list", "--on", "2011-06-01")
    assert "Matron" in out and "2 interest(s)" in out


def test_add_then_end(db, capsys):
    cfo = person_id(db, "Chief Finance Officer")
    status, out, err = bb(capsys, "--db", db, "interests", "add", str(cfo),
                          "--kind", "non-financial professional",
                          "--description", "Treasurer of HFMA London",
                          "--organisation", "HFMA", "--from", "2012-05-01",
                          "--management", "Declared at each meeting")
    assert status == 0, err
    assert "Chief Finance Officer's register" in out
    assert "declared late" in out  # declared today, years after it began
    added = next(r for r in register_of(db) if r.person == "Chief Finance Officer")
    assert (added.kind, added.organisation, added.from_date, added.management) == (
        "non-financial professional", "HFMA", dt.date(2012, 5, 1), "Declared at each meeting")
    assert added.declared_on == dt.date.today()

    status, out, _ = bb(capsys, "--db", db, "interests", "end", str(added.id),
                        "--on", "2013-03-31")
    assert status == 0 and f"Ended interest {added.id}" in out and "2013-03-31" in out
    ended = next(r for r in register_of(db) if r.id == added.id)
    assert ended.to_date == dt.date(2013, 3, 31) and not ended.current


def test_errors_exit_2_with_the_message(db, capsys):
    cfo = person_id(db, "Chief Finance Officer")
    status, out, err = bb(capsys, "--db", db, "interests", "add", str(cfo),
                          "--kind", "financial", "--description", "  ")
    assert status == 2 and "nothing was changed" in err and "say what the interest is" in err
    assert len(register_of(db)) == 2

    status, _, err = bb(capsys, "--db", db, "interests", "add", "9999", "--kind", "financial",
                        "--description", "Shares")
    assert status == 2 and err.startswith("error:") and "9999" in err

    status, _, err = bb(capsys, "--db", db, "interests", "end", "9999")
    assert status == 2 and "There is no interest with id 9999" in err

    chair = next(r for r in register_of(db) if r.person == "Clinical Chair")
    status, _, err = bb(capsys, "--db", db, "interests", "end", str(chair.id),
                        "--on", "2001-01-01")
    assert status == 2 and "the interest ends before it starts" in err
    assert next(r for r in register_of(db) if r.id == chair.id).to_date is None


def test_bad_kind_is_refused_by_the_parser(db, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse(["--db", db, "interests", "add", "1", "--kind", "monetary",
               "--description", "x"])
    assert exit_.value.code == 2
    assert "invalid choice: 'monetary'" in capsys.readouterr().err
