"""Agenda items: live numbering and timings, moves, parts, templates, removal."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services.meetings import agenda, papers
from app.services.meetings.agenda import StandingItem
from tests.services.meeting_setup import make_body, make_meeting


@pytest.fixture
def meeting(ctx):
    with ctx.transaction() as s:
        body = make_body(s)
        row = make_meeting(s, body)
        agenda.apply_template(s, meeting_id=row.id)
        agenda.add_agenda_item(s, meeting_id=row.id, title="Strategy and planning")
        for title in ("Chief Officer's report", "Finance report", "ISOP"):
            agenda.add_agenda_item(s, meeting_id=row.id, title=title, level=1,
                                   purpose="approval", minutes_allocated=20,
                                   presenter_id=body.person["Chief Officer"])
        agenda.add_agenda_item(s, meeting_id=row.id, title="Any other business",
                               minutes_allocated=5)
    return row


def numbered(rows) -> list[tuple[str, str]]:
    return [(r.number, r.title) for r in rows]


def test_items_are_numbered_and_timed(ctx, meeting):
    rows = ctx.run(agenda.list_agenda, meeting_id=meeting.id)
    assert numbered(rows) == [
        ("1", "Welcome and apologies for absence"), ("2", "Declarations of interest"),
        ("3", "Minutes of the last meeting"), ("4", "Matters arising and action log"),
        ("5", "Strategy and planning"), ("5.1", "Chief Officer's report"),
        ("5.2", "Finance report"), ("5.3", "ISOP"), ("6", "Any other business")]
    assert [r.starts_at.strftime("%H:%M") for r in rows] == [
        "14:00", "14:05", "14:10", "14:15", "14:25", "14:25", "14:45", "15:05", "15:25"]
    assert rows[0].standing and not rows[4].standing
    assert rows[5].presenter == "Chief Officer" and rows[5].purpose_label == "For Approval"


def test_moving_renumbers_at_once(ctx, meeting):
    rows = ctx.run(agenda.list_agenda, meeting_id=meeting.id)
    isop = next(r for r in rows if r.title == "ISOP")
    rows = ctx.run(agenda.move_agenda_item, item_id=isop.id, to=5)
    assert numbered(rows)[4:8] == [("5", "Strategy and planning"), ("5.1", "ISOP"),
                                   ("5.2", "Chief Officer's report"), ("5.3", "Finance report")]
    rows = ctx.run(agenda.move_agenda_item, item_id=isop.id, to=7, level=0)
    assert numbered(rows)[-2:] == [("6", "ISOP"), ("7", "Any other business")]
    assert [r.position for r in rows] == list(range(1, 10))


def test_part_2_items_follow_part_1(ctx, meeting):
    row = ctx.run(agenda.add_agenda_item, meeting_id=meeting.id, title="Contract award",
                  part=2, purpose="decision", at=0)
    rows = ctx.run(agenda.list_agenda, meeting_id=meeting.id)
    assert numbered(rows)[-1] == ("7", "Contract award")
    isop = next(r for r in rows if r.title == "ISOP")
    rows = ctx.run(agenda.set_item_part, item_id=isop.id, part=2,
                   expected_version=isop.version)
    assert numbered(rows)[-3:] == [("6", "Any other business"), ("7", "ISOP"),
                                   ("8", "Contract award")]
    assert [r.part for r in rows][-2:] == [2, 2] and row.part == 2


def test_removing_renumbers_and_refuses_an_item_with_a_paper(ctx, meeting):
    rows = ctx.run(agenda.list_agenda, meeting_id=meeting.id)
    finance = next(r for r in rows if r.title == "Finance report")
    ctx.run(papers.create_paper, agenda_item_id=finance.id, title="Month 5 finance report")
    finance = ctx.run(agenda.get_agenda_item, item_id=finance.id)
    with pytest.raises(Conflict, match="has a paper"):
        ctx.run(agenda.remove_agenda_item, item_id=finance.id,
                expected_version=finance.version)
    co = next(r for r in rows if r.title == "Chief Officer's report")
    rows = ctx.run(agenda.remove_agenda_item, item_id=co.id, expected_version=co.version)
    assert numbered(rows)[5:7] == [("5.1", "Finance report"), ("5.2", "ISOP")]
    assert rows[5].attachment_number == "ATTACHMENT 01"


def test_template_of_standing_items(ctx, meeting):
    committee_id = meeting.committee_id
    assert len(ctx.run(agenda.get_agenda_template, committee_id=committee_id)) == 4
    items = [StandingItem("Welcome and apologies for absence", "information", 5),
             StandingItem("Declarations of interest", "noting", 5),
             StandingItem("Questions from the public", "discussion", 15)]
    ctx.run(agenda.save_agenda_template, committee_id=committee_id, items=items)
    assert ctx.run(agenda.get_agenda_template, committee_id=committee_id) == items
    rows = ctx.run(agenda.apply_template, meeting_id=meeting.id)  # adds only what is missing
    assert numbered(rows)[0] == ("1", "Questions from the public")
    assert len(rows) == 10
    with pytest.raises(ValidationError) as err:
        ctx.run(agenda.save_agenda_template, committee_id=committee_id,
                items=[StandingItem("", "vote")])
    assert {(p.field, p.row) for p in err.value.problems} == {("title", 1), ("purpose", 1)}


def test_new_meeting_gets_the_standing_items(ctx):
    with ctx.transaction() as s:
        row = make_meeting(s, make_body(s), when=dt.datetime(2012, 11, 29, 14))
    rows = ctx.run(agenda.apply_template, meeting_id=row.id)
    assert numbered(rows) == [("1", "Welcome and apologies for absence"),
                              ("2", "Declarations of interest"),
                              ("3", "Minutes of the last meeting"),
                              ("4", "Matters arising and action log")]
    assert ctx.run(agenda.apply_template, meeting_id=row.id) == rows


def test_bad_items_are_refused(ctx, meeting):
    with pytest.raises(ValidationError) as err:
        ctx.run(agenda.add_agenda_item, meeting_id=meeting.id, title="", purpose="vote",
                part=3, minutes_allocated=-5)
    assert {p.field for p in err.value.problems} == {"title", "purpose", "part",
                                                     "minutes_allocated"}
