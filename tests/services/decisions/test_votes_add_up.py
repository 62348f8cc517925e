"""Decisions that add up, through the services: counts within the voting members present for
the item, outcomes that follow from the vote under the body's rule (or an override), no decision
before the meeting is held unless in advance, a conflicted chair refused a chair's action, and
actions raised at an item in its decision's trail."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.decisions import Vote
from app.domain.errors import ValidationError
from app.services import interests
from app.services.decisions import chairs_actions, decisions, voting_rules
from app.services.decisions import trail as decision_trail
from app.services.decisions.chairs_actions import NewConsultee
from app.services.decisions.trail import TrailFilter
from app.services.meetings import actions, agenda
from tests.services.decision_setup import make_setup, next_meeting

TAKEN_ON = dt.date(2012, 9, 28)
TODAY = dt.date(2012, 10, 8)


@pytest.fixture
def st(ctx):
    with ctx.transaction() as s:
        return make_setup(s)


def record(ctx, st, **kwargs):
    values = dict(agenda_item_id=st.item_id, resolution="The ISOP is approved",
                  outcome="approved")
    values.update(kwargs)
    return ctx.run(decisions.record_decision, **values)


def withdraws(ctx, st, name="GP Member"):
    ctx.run(interests.declare_interest, meeting_id=st.meeting_id, person_id=st.body.person[name],
            description="Partner in a bidding practice", action="withdrew",
            agenda_item_id=st.item_id, chair_ruling="To leave the room")


# ------------------------------------------------------------------------------- counts


def test_more_votes_than_voting_members_present_is_refused(ctx, st):
    with pytest.raises(ValidationError) as err:
        record(ctx, st, vote=Vote("count", 20, 0, 0))
    assert err.value.for_field("vote") == [
        "20 for, 0 against and 0 abstaining make 20 votes, but only 6 voting members were "
        "present for this item (conflicted members not counted)"]
    assert ctx.run(decisions.list_decisions) == []
    assert record(ctx, st, vote=Vote("count", 4, 1, 1)).vote.totals() == (4, 1, 1)


def test_members_who_withdrew_are_not_counted(ctx, st):
    withdraws(ctx, st)
    with pytest.raises(ValidationError, match="make 6 votes, but only 5 voting members"):
        record(ctx, st, vote=Vote("count", 5, 1, 0))
    assert record(ctx, st, vote=Vote("count", 4, 1, 0)).carried


# ------------------------------------------------------------------------------ outcomes


def test_a_lost_vote_recorded_as_approved_needs_an_override(ctx, st):
    lost = Vote("count", 2, 4, 0)
    why = ("the vote was lost 2–4 (the rule: a simple majority of votes cast) but the outcome "
           "recorded is 'approved'")
    assert ctx.run(decisions.override_needed_for, agenda_item_id=st.item_id, vote=lost,
                   outcome="approved") == [why]
    with pytest.raises(ValidationError) as err:
        record(ctx, st, vote=lost)
    assert err.value.for_field("override_reason") == [
        "this decision needs an override with a reason: " + why]
    assert record(ctx, st, vote=lost, outcome="rejected").outcome == "rejected"
    d = record(ctx, st, vote=lost, override_reason="Minuted as approved on the chair's ruling")
    assert d.overridden and d.override_reasons == (why,)


def test_a_tie_is_lost_unless_the_body_gives_the_chair_a_casting_vote(ctx, st):
    tie = Vote("count", 3, 3, 0)
    with pytest.raises(ValidationError, match="the vote was tied 3–3"):
        record(ctx, st, vote=tie)
    rule = ctx.run(voting_rules.set_voting_rule, committee_id=st.body.committee_id,
                   majority="simple", casting_vote=True)
    assert rule.casting_vote
    assert ctx.run(voting_rules.voting_rule_for, committee_id=st.body.committee_id) == rule
    assert not ctx.run(voting_rules.voting_rule_for).casting_vote  # the organisation's default
    assert not record(ctx, st, vote=tie).overridden


def test_a_two_thirds_rule_from_the_organisations_settings(ctx, st):
    ctx.run(voting_rules.set_voting_rule, majority="two thirds", casting_vote=False)
    with pytest.raises(ValidationError, match=r"lost 3–2 \(the rule: two thirds of votes cast"):
        record(ctx, st, vote=Vote("count", 3, 2, 0))
    assert record(ctx, st, vote=Vote("count", 4, 2, 0)).carried
    with pytest.raises(ValidationError, match="'unanimous' is not one of"):
        ctx.run(voting_rules.set_voting_rule, majority="unanimous", casting_vote=False)


def test_a_correction_to_an_outcome_the_vote_does_not_give_needs_an_override(ctx, st):
    d = record(ctx, st, vote=Vote("count", 2, 4, 0), outcome="rejected")
    with pytest.raises(ValidationError, match="needs an override with a reason: the vote was "
                                              "lost 2–4"):
        ctx.run(decisions.correct_decision, decision_id=d.id, expected_version=d.version,
                reason="Minutes say approved", outcome="approved")
    fixed = ctx.run(decisions.correct_decision, decision_id=d.id, expected_version=d.version,
                    reason="Minutes say approved", outcome="approved",
                    override_reason="The chair ruled the amended motion carried")
    assert fixed.outcome == "approved" and fixed.overridden
    assert fixed.override_reasons[-1].startswith("the vote was lost 2–4")


# ----------------------------------------------------------------------- meeting not held


def test_no_decision_on_a_meeting_not_yet_held_unless_in_advance(ctx, st):
    with ctx.transaction() as s:
        nov = next_meeting(s, st.body)
    item = next(i for i in ctx.run(agenda.list_agenda, meeting_id=nov.id)
                if i.title == "Finance report")
    values = dict(agenda_item_id=item.id, outcome="noted", resolution="Noted", today=TODAY)
    with pytest.raises(ValidationError) as err:
        record(ctx, st, **values)
    assert err.value.for_field("meeting") == [
        "the meeting has not been held yet (its status is 'planned'): record the decision as "
        "in advance, with a reason, or wait until it is held"]
    with pytest.raises(ValidationError, match="say why the decision is recorded in advance"):
        record(ctx, st, in_advance=True, **values)
    d = record(ctx, st, in_advance=True, in_advance_reason="Agreed by email before the meeting",
               override_reason="Members not yet recorded", **values)
    assert "recorded in advance of the meeting, before it was held" in d.override_reasons
    assert d.override_reason.endswith("In advance: Agreed by email before the meeting")
    assert d.overridden


# -------------------------------------------------------------------- chair's actions


def draft(ctx, st, taker="Chair", **fields):
    values = dict(committee_id=st.body.committee_id, title="ISOP final document",
                  decision_text="Approved the final ISOP for the evidence upload",
                  urgency_reason="The evidence upload closes on 28 September 2012",
                  taken_on=TAKEN_ON, taken_by_id=st.body.person[taker], paper_id=st.paper_id,
                  consultees=[NewConsultee(st.body.person[n], TAKEN_ON)
                              for n in ("Second Lay Member", "Chief Officer")])
    values.update(fields)
    return ctx.run(chairs_actions.create_chairs_action, **values)


def take(ctx, ca):
    return ctx.run(chairs_actions.take_chairs_action, chairs_action_id=ca.id,
                   expected_version=ca.version, today=TODAY)


def test_a_chair_with_an_interest_declared_on_the_papers_item_is_offered_the_vice_chair(ctx,
                                                                                       st):
    registered = ctx.run(interests.add_interest, person_id=st.body.person["Chair"],
                         kind="financial", description="Partner in a practice bidding for the "
                         "ISOP's community contracts", from_date=dt.date(2010, 1, 1))
    ctx.run(interests.declare_interest, meeting_id=st.meeting_id,
            person_id=st.body.person["Chair"], description="As registered", action="withdrew",
            agenda_item_id=st.item_id, interest_id=registered.id)
    ca = draft(ctx, st)
    assert [p.reason for p in ca.problems] == [
        "the chair has a registered interest in the matter (Partner in a practice bidding for "
        "the ISOP's community contracts): the vice chair, Lay Member, may take it"]
    with pytest.raises(ValidationError, match="the vice chair, Lay Member, may take it"):
        take(ctx, ca)
    ca = draft(ctx, st, taker="Lay Member", chair_unavailable_reason="The chair is conflicted")
    assert take(ctx, ca).status == "taken"


def test_the_actions_own_conflicts_naming_the_chair_refuse_it(ctx, st):
    ca = draft(ctx, st, conflicts="Chair: a partner in a bidding practice")
    with pytest.raises(ValidationError, match=r"the chair has a registered interest in the "
                                              r"matter \(Chair: a partner"):
        take(ctx, ca)
    ok = draft(ctx, st, conflicts="None beyond the GP members' general interest")
    assert take(ctx, ok).status == "taken"


def test_conflicts_are_filled_from_the_register_when_taken(ctx, st):
    co = st.body.person["Chief Officer"]
    ctx.run(interests.add_interest, person_id=co, kind="non-financial professional",
            description="Adviser to the ISOP programme board", from_date=dt.date(2011, 1, 1))
    ctx.run(interests.declare_interest, meeting_id=st.meeting_id,
            person_id=st.body.person["Second Lay Member"], description="Trustee of a charity "
            "the plan funds", action="participated", agenda_item_id=st.item_id)
    taken = take(ctx, draft(ctx, st, conflicts="Noted by the secretary"))
    lines = taken.conflicts.splitlines()
    assert lines[0] == "Noted by the secretary"
    assert ("Register of interests: Second Lay Member, Trustee of a charity the plan funds — "
            "declared on the paper's item (participated)") in lines
    assert any(line.startswith("Register of interests: Chief Officer, Adviser to the ISOP "
                               "programme board — may touch the matter (shared words: isop")
               for line in lines)


# -------------------------------------------------------------------------------- trail


def test_actions_raised_at_the_item_are_in_its_decisions_trail(ctx, st):
    owner = st.body.person["Chief Officer"]
    for text in ("Circulate the final ISOP", "Brief the practices"):
        ctx.run(actions.create_action, meeting_id=st.meeting_id, description=text,
                owner_id=owner, agenda_item_id=st.item_id)
    d = record(ctx, st)
    entry = next(e for e in ctx.run(decision_trail.trail_entries) if e.id == d.id)
    assert entry.action_count == 2
    chain = ctx.run(decision_trail.trail_chain, kind="decision", id=d.id)
    assert [a.description for a in chain.actions] == ["Circulate the final ISOP",
                                                      "Brief the practices"]


def test_the_trail_and_chairs_actions_filter_by_kind_date_and_body(ctx, st):
    d = record(ctx, st)
    ca = take(ctx, draft(ctx, st))
    shown = lambda **kw: [(e.kind, e.id) for e in ctx.run(  # noqa: E731
        decision_trail.trail_entries, filters=TrailFilter(**kw))]
    assert shown(kinds=("decision",)) == [("decision", d.id)]
    assert shown(kinds=("chair's action",)) == [("chair's action", ca.id)]
    assert shown(kinds=("written resolution",)) == []
    assert shown(kinds=("decision", "chair's action"), date_from=TAKEN_ON) == [
        ("chair's action", ca.id)]
    with pytest.raises(ValidationError, match="'minute' is not one of"):
        shown(kinds=("minute",))
    listed = lambda **kw: [r.id for r in ctx.run(  # noqa: E731
        chairs_actions.list_chairs_actions, **kw)]
    assert listed(date_from=TAKEN_ON, date_to=TAKEN_ON) == [ca.id]
    assert listed(date_to=dt.date(2012, 9, 27)) == []
    assert listed(committee_id=st.body.committee_id + 99) == []
