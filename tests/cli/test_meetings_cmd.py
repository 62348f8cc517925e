"""``meetings list|show|ics`` and ``actions list`` on the demo's year of meetings."""

from __future__ import annotations

import shutil

import icalendar
import pytest

from app.services.context import AppContext
from app.services.demo.load import load_demo
from app.services.meetings import meetings
from tests.cli.helpers import bb


@pytest.fixture(scope="module")
def db(sqlite_template, tmp_path_factory):
    """The whole demo, loaded once for these read-only commands."""
    path = tmp_path_factory.mktemp("meetings_cli") / "demo.sqlite"
    shutil.copy(sqlite_template, path)
    ctx = AppContext.open(path, actor="demo")
    ids = ctx.run(load_demo)
    ctx.close()
    return str(path), ids




def test_list_by_body_and_dates(db, capsys):
    path, ids = db
    gb = ids["Merton CCG Governing Body"]
    status, out, _ = bb(capsys, "--db", path, "meetings", "list", "--committee", str(gb),
                        "--from", "2012-09-01", "--to", "2012-12-31")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "when", "body", "title", "status"]
    assert len(lines) == 4
    assert "2012-09-27 14:00" in lines[2] and "Governing Body – September 2012" in lines[2]
    assert "minutes approved" in lines[2]


def test_show_the_september_meeting(db, capsys):
    path, ids = db
    meeting_id = ids["meeting:Merton CCG Governing Body:2012-09-27"]
    status, out, _ = bb(capsys, "--db", path, "meetings", "show", str(meeting_id))
    assert status == 0
    isop = next(line for line in out.splitlines() if "Integrated Strategy" in line)
    assert isop.split()[:2] == ["15:45", "6.8"]
    assert "For Approval" in isop and "Mark Needham" in isop and "ATTACHMENT 05 (late)" in isop
    assert "Quorum: quorate: 9 of 5 needed; lay member present; clinical member present" in out
    assert "item 9: quorate: 8 of 5 needed" in out
    assert "not counted (conflicted): GP Member, Nelson locality" in out
    assert "left after item 6.3" in out
    assert "Part 2: That members of the public be excluded" in out
    assert "Actions carried forward" in out


def test_ics_writes_a_calendar(db, capsys, tmp_path):
    path, ids = db
    target = tmp_path / "audit.ics"
    status, out, _ = bb(capsys, "--db", path, "meetings", "ics", str(target), "--committee",
                        str(ids["Audit Committee"]))
    assert status == 0 and out.strip() == f"Wrote 4 meetings to {target}"
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["summary"]) for e in events][0] == "Audit Committee – June 2012"


def test_actions_list_filters(db, capsys):
    path, ids = db
    status, out, _ = bb(capsys, "--db", path, "actions", "list", "--overdue")
    assert status == 0
    rows = out.splitlines()[2:]
    assert rows and all(r.rstrip().endswith("overdue") for r in rows)
    status, out, _ = bb(capsys, "--db", path, "actions", "list", "--owner",
                        str(ids["Mark Needham"]))
    assert all("Mark Needham" in r for r in out.splitlines()[2:])
    assert "closed 2012-10-03" in out


def test_an_unknown_meeting_is_a_clear_error(db, capsys):
    path, _ = db
    status, _, err = bb(capsys, "--db", path, "meetings", "show", "9999")
    assert status == 2 and err.strip() == "error: There is no meeting with id 9999."


def test_the_demo_year_is_in_order(db):
    path, _ = db
    ctx = AppContext.open(path)
    rows = ctx.run(meetings.list_meetings)
    ctx.close()
    assert len(rows) == 22
    assert rows[0].meeting_date.isoformat() >= "2012-04-01"
    assert rows[-1].meeting_date.isoformat() <= "2013-03-31"
