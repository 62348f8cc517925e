"""Quorum: counts, required kinds, conflicted members, and the explanation given."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.quorum import Attendee, QuorumRule, assess

RULE = QuorumRule(5, ("lay member", "clinical member"))


def people(*kinds: str, voting: bool = True) -> list[Attendee]:
    return [Attendee(f"{k}-{n}", f"{k.title()} {n}", k, voting) for n, k in enumerate(kinds)]


def test_quorate_with_the_kinds_present():
    present = people("lay member", "clinical member", "clinical member", "executive",
                     "executive", "executive")
    result = assess(RULE, present)
    assert result.quorate
    assert result.counted == 6
    assert result.explanation == ("quorate: 6 of 5 needed; lay member present; "
                                  "clinical member present")


def test_inquorate_without_a_lay_member_says_so():
    present = people("clinical member", "clinical member", "executive", "executive",
                     "executive")
    result = assess(RULE, present)
    assert not result.quorate
    assert result.missing_kinds == ("lay member",)
    assert result.explanation == "inquorate: needs a lay member"


def test_inquorate_on_numbers_gives_the_count_and_what_is_missing():
    result = assess(RULE, people("clinical member", "executive", "executive"))
    assert not result.quorate
    assert result.explanation == "inquorate: 3 of 5 needed; needs a lay member"


def test_people_in_attendance_do_not_count():
    present = people("lay member", "clinical member", "executive", "executive") + people(
        "attendee", "attendee", voting=False)
    result = assess(RULE, present)
    assert not result.quorate
    assert result.counted == 4


def test_a_conflicted_member_does_not_count_for_the_item():
    present = people("lay member", "clinical member", "clinical member", "executive",
                     "executive")
    assert assess(RULE, present).quorate
    conflicted = {present[0].person}
    result = assess(RULE, present, conflicted)
    assert not result.quorate
    assert result.not_counted == ("Lay Member 0",)
    assert "needs a lay member" in result.explanation
    assert "not counted (conflicted): Lay Member 0" in result.explanation


def test_a_repeated_kind_needs_that_many():
    rule = QuorumRule(2, ("lay member", "lay member"))
    result = assess(rule, people("lay member", "executive"))
    assert not result.quorate
    assert result.explanation == "inquorate: needs 2 lay members (1 present)"
    assert result.missing_kinds == ("lay member",)
    assert assess(rule, people("lay member", "lay member")).quorate


def test_no_rule_is_always_quorate():
    result = assess(QuorumRule(0), [])
    assert result.quorate
    assert result.explanation.startswith("quorate: 0 voting members present")


@given(st.lists(st.tuples(st.sampled_from(["lay member", "clinical member", "executive"]),
                          st.booleans(), st.booleans()), max_size=12),
       st.integers(0, 8))
def test_quorum_follows_the_rule(specs, count):
    present = [Attendee(n, f"P{n}", kind, voting) for n, (kind, voting, _) in enumerate(specs)]
    conflicted = {n for n, (_, _, c) in enumerate(specs) if c}
    rule = QuorumRule(count, ("lay member",))
    result = assess(rule, present, conflicted)
    counting = [a for a in present if a.voting and a.person not in conflicted]
    assert result.counted == len(counting)
    has_lay = any(a.kind == "lay member" for a in counting)
    assert result.quorate == (len(counting) >= count and has_lay)
    assert result.explanation.startswith("quorate" if result.quorate else "inquorate")
    # withdrawing someone can never turn an inquorate item quorate
    if not result.quorate and present:
        assert not assess(rule, present, conflicted | {present[0].person}).quorate
