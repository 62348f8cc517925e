"""Chair's actions through the services: drafting, taking under standing orders, the automatic
ratification item on the next meeting, ratification by decision, and every refused move."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.errors import Conflict, ValidationError
from app.services.decisions import chairs_actions, decisions
from app.services.decisions.chairs_actions import NewConsultee
from app.services.meetings import agenda, attendance, meetings, ratification
from tests.services.decision_setup import hold, make_setup, next_meeting

TAKEN_ON = dt.date(2012, 9, 28)
TODAY = dt.date(2012, 10, 8)


@pytest.fixture
def st(ctx):
    with ctx.transaction() as s:
        return make_setup(s)


def everyone_present(ctx, meeting_id):
    with ctx.transaction() as s:
        for row in attendance.members_expected(s, meeting_id=meeting_id):
            attendance.record_attendance(s, meeting_id=meeting_id, person_id=row.person_id,
                                         status=row.status)


def held(ctx, meeting_id):
    """The ratification meeting takes place: decisions are recorded once it is held."""
    with ctx.transaction() as s:
        hold(s, meeting_id)


def draft(ctx, st, taker="Chair", consulted=("Lay Member", "Chief Officer"), **fields):
    values = dict(committee_id=st.body.committee_id, title="ISOP final document",
                  decision_text="Approved the final ISOP for the evidence upload",
                  urgency_reason="The evidence upload closes on 28 September 2012",
                  power="Chair's Action agreed by the Governing Body", taken_on=TAKEN_ON,
                  taken_by_id=st.body.person[taker], paper_id=st.paper_id,
                  consultees=[NewConsultee(st.body.person[n], TAKEN_ON) for n in consulted])
    values.update(fields)
    return ctx.run(chairs_actions.create_chairs_action, **values)


def take(ctx, ca, **kwargs):
    return ctx.run(chairs_actions.take_chairs_action, chairs_action_id=ca.id,
                   expected_version=ca.version, today=TODAY, **kwargs)


def test_taking_puts_a_ratification_item_on_the_next_meeting(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
        later = next_meeting(s, st.body, dt.datetime(2013, 1, 31, 14, 0))
    ca = draft(ctx, st)
    assert ca.status == "draft" and ca.problems == () and ca.next_statuses == ("taken",
                                                                               "withdrawn")
    taken = take(ctx, ca)
    assert (taken.status, taken.taker_role, taken.ratification_meeting_id) == (
        "reported", "chair", nov.id)
    assert taken.ratification_meeting == "Governing Body, 29 Nov 2012"
    item = ctx.run(agenda.get_agenda_item, item_id=taken.ratification_item_id)
    assert item.purpose == "ratification" and item.meeting_id != later.id
    assert item.title == ("Chair's action for ratification: ISOP final document (taken 28 "
                          "September 2012)")
    titles = [i.title for i in ctx.run(agenda.list_agenda, meeting_id=nov.id)]
    # Before any other business, numbered with the business.
    assert titles[-2:] == [item.title, "Any other business"]
    assert taken.ratification_item_number == item.number == str(len(titles) - 1)
    assert taken.days_awaiting == 10


def test_with_no_meeting_it_waits_and_is_placed_when_one_is_planned(ctx, st):
    ca = take(ctx, draft(ctx, st))
    assert ca.status == "taken" and ca.ratification_item_id is None
    pending = ctx.run(chairs_actions.list_chairs_actions, pending_only=True, today=TODAY)
    assert [(r.id, r.days_awaiting) for r in pending] == [(ca.id, 10)]
    with pytest.raises(Conflict, match="on no agenda yet"):
        ctx.run(chairs_actions.ratify_chairs_action, chairs_action_id=ca.id,
                outcome="ratified", resolution="Ratified")
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)  # planning the meeting places the waiting action on it
    placed = ctx.run(chairs_actions.get_chairs_action, chairs_action_id=ca.id)
    assert (placed.status, placed.ratification_meeting_id) == ("reported", nov.id)
    titles = [i.title for i in ctx.run(agenda.list_agenda, meeting_id=nov.id)]
    assert any(t.startswith("Chair's action for ratification") for t in titles)
    again = ctx.run(ratification.place_pending_ratifications,
                    committee_id=st.body.committee_id)
    assert again == []


def test_a_meeting_already_held_is_not_the_next_meeting(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
        for status in ("agenda issued", "held"):
            row = meetings.get_meeting(s, meeting_id=nov.id)
            meetings.set_meeting_status(s, meeting_id=nov.id, status=status,
                                        expected_version=row.version)
    assert take(ctx, draft(ctx, st)).status == "taken"


def test_ratified_by_a_decision_on_the_item(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
    everyone_present(ctx, nov.id)
    ca = take(ctx, draft(ctx, st))
    held(ctx, nov.id)
    d = ctx.run(decisions.record_decision, agenda_item_id=ca.ratification_item_id,
                outcome="ratified", resolution="Ratified the Chair's action")
    done = ctx.run(chairs_actions.get_chairs_action, chairs_action_id=ca.id, today=TODAY)
    assert (done.status, done.ratified_on, done.ratification_decision_id) == (
        "ratified", dt.date(2012, 11, 29), d.id)
    assert done.days_awaiting is None and d.chairs_action_id == ca.id
    # Ratification is final: neither again, nor withdrawn, nor its outcome corrected.
    with pytest.raises(ValidationError, match="ratified cannot become ratified"):
        ctx.run(chairs_actions.ratify_chairs_action, chairs_action_id=ca.id,
                outcome="ratified", resolution="Again")
    with pytest.raises(Conflict, match="cannot be withdrawn"):
        ctx.run(decisions.withdraw_decision, decision_id=d.id, expected_version=None,
                reason="mistake")
    with pytest.raises(Conflict, match="ratification is final"):
        ctx.run(decisions.correct_decision, decision_id=d.id, expected_version=None,
                reason="mistake", outcome="not ratified")
    assert ctx.run(chairs_actions.list_chairs_actions, pending_only=True) == []


def test_not_ratified(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
    everyone_present(ctx, nov.id)
    ca = take(ctx, draft(ctx, st, if_not_ratified="The submission is withdrawn"))
    held(ctx, nov.id)
    ctx.run(chairs_actions.ratify_chairs_action, chairs_action_id=ca.id,
            outcome="not ratified", resolution="Not ratified: the body wants the full plan")
    done = ctx.run(chairs_actions.get_chairs_action, chairs_action_id=ca.id)
    assert done.status == "not ratified" and done.if_not_ratified == "The submission is " \
        "withdrawn"
    assert done.outcome_note == "Not ratified: the body wants the full plan"


def test_deferred_goes_back_to_taken_and_on_to_the_meeting_after(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
        jan = next_meeting(s, st.body, dt.datetime(2013, 1, 31, 14, 0))
    everyone_present(ctx, nov.id)
    ca = take(ctx, draft(ctx, st))
    held(ctx, nov.id)
    ctx.run(chairs_actions.ratify_chairs_action, chairs_action_id=ca.id, outcome="deferred",
            resolution="Deferred: the paper was not circulated")
    moved = ctx.run(chairs_actions.get_chairs_action, chairs_action_id=ca.id)
    assert (moved.status, moved.ratification_meeting_id) == ("reported", jan.id)
    assert moved.ratification_item_id is not None


def test_standing_orders_refuse_a_wrong_taking(ctx, st):
    ca = draft(ctx, st, taker="GP Member", consulted=("Second Lay Member",),
               urgency_reason="")
    assert {p.field for p in ca.problems} == {"urgency_reason", "taken_by", "consulted"}
    with pytest.raises(ValidationError) as err:
        take(ctx, ca)
    assert "chair of the body, or its vice chair" in str(err.value)
    assert "accountable officer" in str(err.value)
    assert ctx.run(chairs_actions.get_chairs_action, chairs_action_id=ca.id).status == "draft"


def test_the_vice_chair_says_why_the_chair_did_not_act(ctx, st):
    ca = draft(ctx, st, taker="Lay Member", consulted=("Second Lay Member", "Chief Officer"))
    with pytest.raises(ValidationError, match="say why the chair did not act"):
        take(ctx, ca)
    ca = ctx.run(chairs_actions.update_chairs_action, chairs_action_id=ca.id,
                 expected_version=ca.version, chair_unavailable_reason="The Chair's practice "
                 "is a bidder")
    assert take(ctx, ca).taker_role == "vice chair"


def test_future_date_and_unknown_fields_are_refused(ctx, st):
    with pytest.raises(ValidationError, match="cannot be dated in the future"):
        take(ctx, draft(ctx, st, taken_on=dt.date(2012, 12, 1)))
    with pytest.raises(ValidationError, match="is not a field"):
        draft(ctx, st, colour="red")


def test_refused_transitions(ctx, st):
    ca = take(ctx, draft(ctx, st))
    with pytest.raises(Conflict, match="only a draft can be edited"):
        ctx.run(chairs_actions.update_chairs_action, chairs_action_id=ca.id,
                expected_version=ca.version, title="changed")
    with pytest.raises(ValidationError, match="taken cannot become taken"):
        take(ctx, ca)
    with pytest.raises(ValidationError, match="taken cannot become withdrawn"):
        ctx.run(chairs_actions.withdraw_chairs_action, chairs_action_id=ca.id,
                expected_version=ca.version, reason="changed our minds")
    other = draft(ctx, st, title="Second")
    with pytest.raises(ValidationError, match="say why"):
        ctx.run(chairs_actions.withdraw_chairs_action, chairs_action_id=other.id,
                expected_version=other.version, reason="")
    gone = ctx.run(chairs_actions.withdraw_chairs_action, chairs_action_id=other.id,
                   expected_version=other.version, reason="No longer urgent")
    assert gone.status == "withdrawn" and gone.next_statuses == ()
    with pytest.raises(ValidationError, match="withdrawn cannot become taken"):
        take(ctx, gone)
    with pytest.raises(Conflict, match="changed by someone else"):
        ctx.run(chairs_actions.update_chairs_action, chairs_action_id=other.id,
                expected_version=other.version, title="x")


def test_linking_an_existing_ratification_item(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
        item = agenda.add_agenda_item(s, meeting_id=nov.id, title="Ratification of Chair's "
                                      "Action: ISOP", purpose="ratification")
        finance = [i for i in agenda.list_agenda(s, meeting_id=nov.id)
                   if i.title == "Finance report"][0]
    ca = draft(ctx, st)
    with pytest.raises(ValidationError, match="purpose must be ratification"):
        take(ctx, ca, ratification_item_id=finance.id)
    linked = take(ctx, ca, ratification_item_id=item.id)
    assert (linked.status, linked.ratification_item_id) == ("reported", item.id)
    titles = [i.title for i in ctx.run(agenda.list_agenda, meeting_id=nov.id)]
    assert sum("Chair's action for ratification" in t for t in titles) == 0
