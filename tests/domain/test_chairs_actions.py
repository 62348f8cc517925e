from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import chairs_actions as ca
from app.domain.decisions import Vote, override_needed, override_problems, vote_problems

LAY = ca.Consultee("Lay Member for Governance", "lay member")
AO = ca.Consultee("Chief Officer", "executive", is_accountable_officer=True)


def facts(**changes):
    base = dict(decision="Agree the ISOP for submission", urgency_reason="Deadline 28 September",
                taken_on=dt.date(2012, 9, 27), taker_role="chair", chair_unavailable_reason="",
                consultees=(LAY, AO))
    return ca.TakingFacts(**{**base, **changes})


def fields(problems):
    return {p.field for p in problems}


@pytest.mark.parametrize("current,new", [(c, n) for c, ns in ca.TRANSITIONS.items() for n in ns])
def test_every_allowed_transition_is_allowed(current, new):
    assert ca.transition_problems(current, new) == []


@given(st.sampled_from(ca.STATUSES), st.sampled_from(ca.STATUSES))
def test_every_other_transition_is_refused_with_a_reason(current, new):
    problems = ca.transition_problems(current, new)
    assert (problems == []) == (new in ca.TRANSITIONS[current])
    if problems:
        assert f"cannot become {new}" in problems[0].reason


def test_ratified_and_not_ratified_are_final():
    assert ca.TRANSITIONS[ca.RATIFIED] == () and ca.TRANSITIONS[ca.NOT_RATIFIED] == ()


def test_a_proper_chairs_action_has_no_problems():
    assert ca.taking_problems(facts()) == []


def test_what_standing_orders_require():
    assert fields(ca.taking_problems(facts(urgency_reason=" "))) == {"urgency_reason"}
    assert fields(ca.taking_problems(facts(taker_role="member"))) == {"taken_by"}
    assert fields(ca.taking_problems(facts(taker_role="vice chair"))) == {
        "chair_unavailable_reason"}
    assert ca.taking_problems(facts(taker_role="vice chair",
                                    chair_unavailable_reason="Chair conflicted")) == []
    assert fields(ca.taking_problems(facts(consultees=(AO,)))) == {"consulted"}
    assert fields(ca.taking_problems(facts(consultees=()))) == {"consulted"}
    assert ca.taking_problems(facts(consultees=(AO,)), require_lay_member=False) == []
    assert fields(ca.taking_problems(facts(taker_conflicted=True))) == {"taken_by"}


def test_days_awaiting_ratification():
    today = dt.date(2012, 10, 27)
    assert ca.days_awaiting(dt.date(2012, 9, 27), ca.TAKEN, today) == 30
    assert ca.days_awaiting(dt.date(2012, 9, 27), ca.RATIFIED, today) is None


def test_votes_and_overrides():
    assert Vote("count", 7, 2, 1).carried() is True
    assert Vote("by name", by_name={"A": "for", "B": "against", "C": "against"}).carried() is False
    assert Vote().carried() is None
    assert fields(vote_problems(Vote("by name", by_name={"A": "maybe"}))) == {"vote"}
    problems = vote_problems(Vote("by name", by_name={"Stranger": "for"}), eligible={"A"})
    assert "not a voting member present" in problems[0].reason
    reasons = override_needed(quorate=False, conflicted_voters=["GP Member"])
    assert len(reasons) == 2
    assert fields(override_problems(reasons, "")) == {"override_reason"}
    assert override_problems(reasons, "Urgent; ratify at next meeting") == []
    assert override_needed(quorate=True, conflicted_voters=[]) == []
