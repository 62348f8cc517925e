from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain.scoring import MemberScore, fixed_digest, round_problems, summarise

levels = st.integers(min_value=1, max_value=5)


def test_summary_of_three_members():
    s = summarise([MemberScore("A", 4, 4), MemberScore("B", 3, 4), MemberScore("C", 4, 5)])
    assert (s.median_likelihood, s.median_consequence, s.median_score) == (4, 4, 16)
    assert s.range_text == "12–20" and s.bands == ("High", "Extreme")
    assert not s.divergent  # adjacent bands
    assert s.suggested() == (4, 4)


def test_more_than_one_band_apart_is_divergent():
    s = summarise([MemberScore("A", 1, 2), MemberScore("B", 3, 4)])  # Low vs High
    assert s.divergent and s.bands == ("Low", "High")


def test_no_scores():
    s = summarise([])
    assert s.range_text == "no scores yet" and s.suggested() is None and not s.divergent


@given(st.lists(st.tuples(levels, levels), min_size=1, max_size=12))
def test_median_lies_within_the_range(pairs):
    s = summarise([MemberScore(str(i), lik, con) for i, (lik, con) in enumerate(pairs)])
    assert s.lowest <= s.median_score <= s.highest
    lik, con = s.suggested()
    assert 1 <= lik <= 5 and 1 <= con <= 5


def test_round_needs_everything():
    problems = round_problems(title="", deadline=dt.date(2020, 1, 1), question="inherent",
                              risk_ids=[], member_ids=[], today=dt.date(2026, 1, 1))
    assert {p.field for p in problems} == {"title", "deadline", "question", "risks", "members"}


def test_digest_ignores_key_order_but_not_content():
    assert fixed_digest({"a": 1, "b": [1, 2]}) == fixed_digest({"b": [1, 2], "a": 1})
    assert fixed_digest({"a": 1}) != fixed_digest({"a": 2})
