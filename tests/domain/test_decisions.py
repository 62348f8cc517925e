"""Votes that add up: counts within those present, outcomes that follow from the vote under the
body's rule, ties and the casting vote, and no decision before the meeting is held."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.decisions import (
    CARRIED_OUTCOMES,
    LOST_OUTCOMES,
    MAJORITY_RULES,
    Vote,
    VotingRule,
    count_problems,
    held_problems,
    outcome_mismatch,
    override_needed,
    vote_result,
    voting_rule_problems,
)

counts = st.integers(min_value=0, max_value=30)
rules = st.builds(VotingRule, st.sampled_from(MAJORITY_RULES), st.booleans())


@given(counts, counts, counts, counts)
def test_a_count_is_refused_exactly_when_it_exceeds_those_who_may_vote(yes, no, abstain,
                                                                        eligible):
    problems = count_problems(Vote("count", yes, no, abstain), eligible=eligible)
    assert bool(problems) == (yes + no + abstain > eligible)
    if problems:
        assert f"make {yes + no + abstain} votes" in problems[0].reason
        assert f"only {eligible} voting members" in problems[0].reason


def test_twenty_for_with_eleven_present_names_the_numbers():
    (problem,) = count_problems(Vote("count", 20, 0, 0), eligible=11)
    assert problem.field == "vote"
    assert problem.reason.startswith("20 for, 0 against and 0 abstaining make 20 votes, but "
                                     "only 11 voting members were present")


@given(counts, counts)
def test_simple_majority_carries_on_more_for_than_against(yes, no):
    result = vote_result(Vote("count", yes, no, 0), VotingRule(), eligible=60)
    assert result == ("carried" if yes > no else "tied" if yes == no else "lost")


@given(counts, counts, counts, rules)
def test_outcome_follows_the_vote_or_is_named(yes, no, abstain, rule):
    vote = Vote("count", yes, no, abstain)
    eligible = yes + no + abstain
    result = vote_result(vote, rule, eligible=eligible)
    for outcome in CARRIED_OUTCOMES | LOST_OUTCOMES | {"deferred", "noted"}:
        mismatch = outcome_mismatch(vote, outcome, rule, eligible=eligible)
        if outcome in CARRIED_OUTCOMES:
            expected = result != "carried" and not (result == "tied" and rule.casting_vote)
        elif outcome in LOST_OUTCOMES:
            expected = result == "carried"
        else:
            expected = False  # a deferral or noting says nothing about the motion
        assert bool(mismatch) == expected, (outcome, result, mismatch)
        if mismatch:
            assert f"{yes}–{no}" in mismatch and f"'{outcome}'" in mismatch


@given(st.integers(min_value=0, max_value=20), st.booleans())
def test_a_tie_is_lost_unless_the_chair_has_a_casting_vote(n, casting):
    rule = VotingRule("simple", casting)
    tie = Vote("count", n, n, 0)
    assert bool(outcome_mismatch(tie, "approved", rule, eligible=2 * n)) == (not casting)
    assert outcome_mismatch(tie, "rejected", rule, eligible=2 * n) == ""


def test_lost_two_to_seven_recorded_as_approved_needs_an_override():
    mismatch = outcome_mismatch(Vote("count", 2, 7, 0), "approved", VotingRule(), eligible=11)
    assert mismatch == ("the vote was lost 2–7 (the rule: a simple majority of votes cast) but "
                        "the outcome recorded is 'approved'")
    assert override_needed(quorate=True, conflicted_voters=[], vote_mismatch=mismatch) == [
        mismatch]
    assert "; " not in mismatch  # reasons are stored "; "-joined


def test_two_thirds_and_absolute_majorities():
    two_thirds = VotingRule("two thirds")
    assert vote_result(Vote("count", 6, 3, 0), two_thirds, eligible=9) == "carried"
    assert vote_result(Vote("count", 5, 3, 0), two_thirds, eligible=9) == "lost"
    absolute = VotingRule("absolute")
    assert vote_result(Vote("count", 5, 1, 4), absolute, eligible=11) == "lost"  # 5 of 11
    assert vote_result(Vote("count", 6, 1, 4), absolute, eligible=11) == "carried"
    assert vote_result(Vote(), absolute, eligible=11) is None
    assert voting_rule_problems(VotingRule("unanimous"))[0].field == "majority"


def test_by_name_votes_count_too():
    vote = Vote("by name", by_name={"A": "for", "B": "against", "C": "against"})
    assert outcome_mismatch(vote, "approved", VotingRule(), eligible=3).startswith(
        "the vote was lost 1–2")


TODAY = dt.date(2012, 10, 1)


@given(st.sampled_from(("planned", "agenda issued", "held", "minutes approved")),
       st.integers(min_value=-30, max_value=30), st.booleans(), st.sampled_from(("", "Urgent")))
def test_no_decision_before_the_meeting_is_held_unless_in_advance(status, offset, in_advance,
                                                                  reason):
    day = TODAY + dt.timedelta(days=offset)
    problems = held_problems(status=status, meeting_date=day, today=TODAY,
                             in_advance=in_advance, in_advance_reason=reason)
    not_held = status in ("planned", "agenda issued") or day > TODAY
    assert bool(problems) == (not_held and not (in_advance and reason))
    if problems and not in_advance:
        assert "has not been held yet" in problems[0].reason
    if problems and in_advance:
        assert problems[0].field == "in_advance_reason"
