"""Minutes per item, their approval at the next meeting, and the action log carried forward."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services.meetings import actions, agenda, meetings, minutes
from tests.services.meeting_setup import make_body, make_meeting


@pytest.fixture
def year(ctx):
    """Three governing body meetings and one audit committee, the first held."""
    with ctx.transaction() as s:
        gb = make_body(s)
        audit = make_body(s, name="Audit Committee", quorum=2, kinds=("lay member",))
        rows = [make_meeting(s, gb, when=dt.datetime(2012, m, d, 14), title=f"GB {m}")
                for m, d in ((7, 26), (9, 27), (11, 29))]
        audit_meeting = make_meeting(s, audit, when=dt.datetime(2012, 9, 6, 10), title="Audit")
        agenda.apply_template(s, meeting_id=rows[0].id)
        item = agenda.add_agenda_item(s, meeting_id=rows[0].id, title="QIPP plan",
                                      purpose="approval")
        for status in ("agenda issued", "held"):
            m = meetings.get_meeting(s, meeting_id=rows[0].id)
            meetings.set_meeting_status(s, meeting_id=m.id, status=status,
                                        expected_version=m.version)
    return {"gb": gb, "meetings": rows, "audit": audit_meeting, "item": item}


def test_minutes_per_item(ctx, year):
    first = year["meetings"][0]
    row = ctx.run(minutes.record_minute, agenda_item_id=year["item"].id,
                  discussion="The Chief Finance Officer presented the plan.",
                  outcome="Approved, subject to the risk share being agreed.")
    assert row.item_number == "5" and row.version == 1
    listed = ctx.run(minutes.list_minutes, meeting_id=first.id)
    assert [m.item_number for m in listed] == ["1", "2", "3", "4", "5"]
    assert listed[-1].outcome.startswith("Approved") and listed[0].id is None
    changed = ctx.run(minutes.record_minute, agenda_item_id=year["item"].id,
                      discussion=row.discussion, outcome="Approved.",
                      expected_version=row.version)
    assert changed.id == row.id and changed.outcome == "Approved."
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(minutes.record_minute, agenda_item_id=year["item"].id, discussion="",
                outcome="", expected_version=row.version)


def test_minutes_are_approved_at_a_later_meeting_of_the_same_body(ctx, year):
    first, second, _ = year["meetings"]
    with pytest.raises(ValidationError, match="same body"):
        ctx.run(minutes.approve_minutes, meeting_id=first.id, at_meeting_id=year["audit"].id)
    with pytest.raises(ValidationError, match="later meeting"):
        ctx.run(minutes.approve_minutes, meeting_id=second.id, at_meeting_id=first.id)
    with pytest.raises(ValidationError, match="'planned' can move to agenda issued"):
        ctx.run(minutes.approve_minutes, meeting_id=second.id,
                at_meeting_id=year["meetings"][2].id)
    approved = ctx.run(minutes.approve_minutes, meeting_id=first.id, at_meeting_id=second.id,
                       corrections="Item 5: 'risk share' for 'risk pool'.")
    assert approved.status == "minutes approved"
    assert approved.minutes_approved_at == "Governing Body, 27 Sep 2012"
    with pytest.raises(Conflict, match="is sealed: its minutes were approved on 27 Sep 2012"):
        ctx.run(minutes.record_minute, agenda_item_id=year["item"].id, discussion="",
                outcome="changed")
    with pytest.raises(Conflict, match="so its agenda cannot be changed"):
        ctx.run(agenda.add_agenda_item, meeting_id=first.id, title="Late addition")


def test_actions_are_carried_forward_until_closed(ctx, year):
    first, second, third = year["meetings"]
    owner = year["gb"].person["Chief Finance Officer"]
    kept = ctx.run(actions.create_action, meeting_id=first.id, agenda_item_id=year["item"].id,
                   description="Bring the QIPP risk share back", owner_id=owner,
                   due_on=dt.date(2012, 9, 27))
    closed = ctx.run(actions.create_action, meeting_id=first.id,
                     description="Circulate the ISOP draft", owner_id=owner,
                     due_on=dt.date(2012, 8, 31))
    assert kept.item_number == "5" and kept.committee == "Governing Body"
    ctx.run(actions.add_action_update, action_id=closed.id, text="Circulated 20 August",
            on=dt.date(2012, 8, 20))
    closed = ctx.run(actions.close_action, action_id=closed.id, expected_version=closed.version,
                     on=dt.date(2012, 9, 27), note="Closed at the September meeting")
    assert closed.status == "closed" and closed.updates == 2
    assert closed.latest_update == "Closed at the September meeting"

    at_second = ctx.run(actions.carried_forward, meeting_id=second.id)
    assert {a.id for a in at_second} == {kept.id, closed.id}  # closed on the day: reported
    at_third = ctx.run(actions.carried_forward, meeting_id=third.id)
    assert [a.id for a in at_third] == [kept.id]
    assert at_third[0].overdue  # due in September, still open in November
    assert ctx.run(actions.carried_forward, meeting_id=first.id) == []
    assert ctx.run(actions.carried_forward, meeting_id=year["audit"].id) == []


def test_action_filters_and_overdue(ctx, year):
    first = year["meetings"][0]
    cfo, co = year["gb"].person["Chief Finance Officer"], year["gb"].person["Chief Officer"]
    a = ctx.run(actions.create_action, meeting_id=first.id, description="A", owner_id=cfo,
                due_on=dt.date(2012, 8, 1))
    ctx.run(actions.create_action, meeting_id=first.id, description="B", owner_id=co,
            due_on=dt.date(2013, 1, 1))
    ctx.run(actions.create_action, meeting_id=year["audit"].id, description="C", owner_id=cfo)
    today = dt.date(2012, 10, 1)
    assert [r.description for r in ctx.run(actions.list_actions, today=today)] == ["A", "B", "C"]
    assert [r.description for r in ctx.run(actions.list_actions, owner_id=cfo, today=today)] == [
        "A", "C"]
    assert [r.id for r in ctx.run(actions.list_actions, overdue=True, today=today)] == [a.id]
    assert [r.description for r in ctx.run(
        actions.list_actions, committee_id=year["gb"].committee_id, today=today)] == ["A", "B"]
    with pytest.raises(ValidationError) as err:
        ctx.run(actions.update_action, action_id=a.id, expected_version=a.version,
                description="", owner_id=cfo, due_on=dt.date(2012, 1, 1), status="closed")
    assert {p.field for p in err.value.problems} == {"description", "due_on", "closed_on"}


def test_an_action_entered_in_error_can_be_deleted(ctx, year):
    first = year["meetings"][0]
    wrong = ctx.run(actions.create_action, meeting_id=first.id, description="Typo")
    ctx.run(actions.delete_action, action_id=wrong.id, expected_version=wrong.version)
    assert ctx.run(actions.list_actions, meeting_id=first.id) == []
    kept = ctx.run(actions.create_action, meeting_id=first.id, description="Real")
    ctx.run(actions.add_action_update, action_id=kept.id, text="Started")
    with pytest.raises(Conflict, match="close it rather than delete it"):
        ctx.run(actions.delete_action, action_id=kept.id, expected_version=None)
