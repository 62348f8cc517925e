"""Interests: currency, quorum effect of actions, keyword flags, validation."""

from __future__ import annotations

import datetime as dt

from app.domain import interests
from app.domain.interests import RegisteredInterest


def test_current_between_its_dates():
    start, end = dt.date(2012, 4, 1), dt.date(2012, 12, 31)
    assert interests.is_current(start, end, dt.date(2012, 9, 27))
    assert not interests.is_current(start, end, dt.date(2013, 1, 1))
    assert not interests.is_current(start, None, dt.date(2012, 3, 31))
    assert interests.is_current(None, None, dt.date(2000, 1, 1))


def test_withdrawing_or_taking_no_part_does_not_count_for_quorum():
    assert not interests.counts_towards_quorum("withdrew")
    assert not interests.counts_towards_quorum("took no part in the decision")
    assert interests.counts_towards_quorum("participated")


def test_declared_late_after_28_days():
    assert not interests.declared_late(dt.date(2012, 4, 1), dt.date(2012, 4, 29))
    assert interests.declared_late(dt.date(2012, 4, 1), dt.date(2012, 4, 30))
    assert not interests.declared_late(None, dt.date(2012, 4, 30))


def test_keywords_leave_out_common_words_and_keep_acronyms():
    words = interests.keywords("Integrated Strategy & Operating Plan (ISOP) for Merton CCG")
    assert "isop" in words
    assert "merton" in words  # the organisation's own name is ignored by the caller
    assert "plan" not in words and "ccg" not in words and "for" not in words


def test_an_item_touching_a_registered_interest_is_flagged():
    register = [
        RegisteredInterest(1, "gp", "Partner in the Nelson Medical Practice"),
        RegisteredInterest(2, "lay", "Trustee of Age UK Merton"),
        RegisteredInterest(3, "nurse", "Employed by St George's Healthcare NHS Trust"),
    ]
    hits = interests.possible_conflicts(
        "Local enhanced services for member practices: Nelson locality", register)
    assert [(h.interest, h.matched) for h in hits] == [(1, ("nelson", "practice"))]
    assert interests.possible_conflicts("Month 5 finance report", register) == []


def test_ignored_words_do_not_flag():
    register = [RegisteredInterest(1, "lay", "Trustee of Age UK Merton")]
    assert interests.possible_conflicts("Merton estates review", register, ignore=["Merton"]) == []
    assert interests.possible_conflicts("Merton estates review", register)


def test_validation_names_the_fields():
    problems = interests.interest_problems(kind="shares", description="", from_date=dt.date(
        2012, 5, 1), to_date=dt.date(2012, 4, 1))
    assert {p.field for p in problems} == {"kind", "description", "to_date"}
    problems = interests.declaration_problems(action="withdrew", description="GP partner",
                                              has_item=False)
    assert [p.field for p in problems] == ["agenda_item"]
    assert interests.declaration_problems(action="participated", description="x",
                                          has_item=False) == []
