"""Agenda numbering, renumbering, timings and attachment numbers, with property tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from app.domain import agenda
from app.domain.agenda import Slot

slots_strategy = st.lists(
    st.tuples(st.sampled_from([1, 2]), st.sampled_from([0, 1]), st.integers(0, 60),
              st.booleans()),
    max_size=25,
).map(lambda specs: [Slot(n, part, level, minutes, paper)
                     for n, (part, level, minutes, paper) in enumerate(specs)])


def assert_well_numbered(slots: list[Slot]) -> None:
    """Sections run 1..n without gaps; sub-items run .1, .2 … within their section; every
    number is unique; Part 1 numbers come before Part 2 numbers."""
    numbers = agenda.numbers(slots)
    ordered = [numbers[s.key] for s in agenda.in_agenda_order(slots)]
    assert len(set(ordered)) == len(ordered) == len(slots)
    section, sub = 0, 0
    for number in ordered:
        parts = agenda.parse_number(number)
        if len(parts) == 1:
            assert parts[0] == section + 1
            section, sub = parts[0], 0
        else:
            assert parts == (section, sub + 1)
            sub += 1
    assert [agenda.parse_number(n) for n in ordered] == sorted(
        agenda.parse_number(n) for n in ordered)


def test_merton_style_numbering():
    slots = [Slot(k, level=0) for k in "abcde"] + [Slot("strategy", level=0)] + [
        Slot(f"6.{n}", level=1) for n in range(1, 9)] + [Slot("aob", level=0)]
    numbers = agenda.numbers(slots)
    assert [numbers[k] for k in "abcde"] == ["1", "2", "3", "4", "5"]
    assert numbers["strategy"] == "6"
    assert numbers["6.8"] == "6.8"
    assert numbers["aob"] == "7"


def test_part_2_items_come_after_part_1_and_start_a_section():
    slots = [Slot("p2", part=2, level=1), Slot("a", level=0), Slot("a1", level=1)]
    numbers = agenda.numbers(slots)
    assert numbers == {"a": "1", "a1": "1.1", "p2": "2"}


def test_a_sub_item_with_nothing_above_it_starts_a_section():
    assert agenda.numbers([Slot("x", level=1), Slot("y", level=1)]) == {"x": "1", "y": "1.1"}


def test_start_times_add_up_the_time_allocated():
    start = dt.datetime(2012, 9, 27, 14, 0)
    slots = [Slot("a", minutes=5), Slot("p2", part=2, minutes=15), Slot("b", minutes=20)]
    times = agenda.start_times(start, slots)
    assert times["a"] == start
    assert times["b"] == start + dt.timedelta(minutes=5)
    assert times["p2"] == start + dt.timedelta(minutes=25)


def test_attachments_numbered_in_agenda_order():
    slots = [Slot("p2", part=2, has_paper=True), Slot("a"), Slot("b", has_paper=True),
             Slot("c", has_paper=True)]
    assert agenda.attachment_numbers(slots) == {
        "b": "ATTACHMENT 01", "c": "ATTACHMENT 02", "p2": "ATTACHMENT 03"}


def test_purposes_and_outcomes():
    assert agenda.purpose_from_text("For Approval") == "approval"
    assert agenda.purpose_from_text("For information and noting") == "information"
    assert agenda.purpose_from_text("Ratification") == "ratification"
    assert agenda.purpose_from_text("whatever") is None
    assert agenda.purpose_label("approval") == "For Approval"
    assert agenda.outcome_problems("approval", "approved with amendments") == []
    assert agenda.outcome_problems("information", "approved")
    assert agenda.outcome_problems("ratification", "ratified") == []
    assert agenda.outcome_problems("approval", "made up")
    for purpose in agenda.PURPOSES:
        assert agenda.allowed_outcomes(purpose)
        assert set(agenda.allowed_outcomes(purpose)) <= set(agenda.OUTCOMES)


def test_item_problems_name_each_field():
    problems = agenda.item_problems(title=" ", purpose="vote", part=3, level=2, minutes=-1)
    assert {p.field for p in problems} == {"title", "purpose", "part", "level",
                                           "minutes_allocated"}


@given(slots_strategy)
def test_numbering_is_always_well_formed(slots):
    assert_well_numbered(slots)


@given(slots_strategy, st.data())
def test_moving_keeps_every_item_and_the_numbering_whole(slots, data):
    if not slots:
        return
    key = data.draw(st.sampled_from([s.key for s in slots]))
    to = data.draw(st.integers(-3, len(slots) + 3))
    level = data.draw(st.sampled_from([None, 0, 1]))
    moved = agenda.move(slots, key, to, level)
    assert sorted(s.key for s in moved) == sorted(s.key for s in slots)
    assert moved == agenda.in_agenda_order(moved)  # Part 1 still before Part 2
    mover = next(s for s in moved if s.key == key)
    original = next(s for s in slots if s.key == key)
    assert mover.part == original.part
    assert mover.level == (original.level if level is None else level)
    same_part = [i for i, s in enumerate(moved) if s.part == mover.part]
    assert moved.index(mover) == min(max(to, same_part[0]), same_part[-1])
    assert_well_numbered(moved)


@given(slots_strategy, st.data())
def test_moving_an_item_keeps_the_others_in_their_order(slots, data):
    if not slots:
        return
    key = data.draw(st.sampled_from([s.key for s in slots]))
    moved = agenda.move(slots, key, data.draw(st.integers(0, len(slots))))
    before = [s.key for s in agenda.in_agenda_order(slots) if s.key != key]
    assert [s.key for s in moved if s.key != key] == before


@given(slots_strategy, st.data())
def test_inserting_then_removing_gives_back_the_same_numbers(slots, data):
    new = Slot("new", data.draw(st.sampled_from([1, 2])), data.draw(st.sampled_from([0, 1])))
    inserted = agenda.insert(slots, new, data.draw(st.none() | st.integers(-2, 30)))
    assert len(inserted) == len(slots) + 1
    assert_well_numbered(inserted)
    removed = agenda.remove(inserted, "new")
    assert agenda.numbers(removed) == agenda.numbers(slots)


@given(slots_strategy, st.data())
def test_removing_renumbers_without_gaps(slots, data):
    if not slots:
        return
    key = data.draw(st.sampled_from([s.key for s in slots]))
    removed = agenda.remove(slots, key)
    assert key not in agenda.numbers(removed)
    assert_well_numbered(removed)


@given(slots_strategy, st.data())
def test_changing_part_moves_to_the_boundary(slots, data):
    if not slots:
        return
    key = data.draw(st.sampled_from([s.key for s in slots]))
    part = data.draw(st.sampled_from([1, 2]))
    changed = agenda.set_part(slots, key, part)
    mover = next(s for s in changed if s.key == key)
    assert mover.part == part
    index = changed.index(mover)
    if part == 1:
        assert all(s.part == 2 for s in changed[index + 1:])
    else:
        assert all(s.part == 1 for s in changed[:index])
    assert_well_numbered(changed)


@given(slots_strategy)
def test_timings_run_on_and_attachments_count_papers(slots):
    start = dt.datetime(2012, 9, 27, 14, 0)
    times = agenda.start_times(start, slots)
    ordered = agenda.in_agenda_order(slots)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert times[b.key] - times[a.key] == dt.timedelta(minutes=a.minutes)
    labels = agenda.attachment_numbers(slots)
    assert len(labels) == sum(s.has_paper for s in slots)
    expected = [agenda.attachment_label(n) for n in range(1, len(labels) + 1)]
    assert [labels[s.key] for s in ordered if s.has_paper] == expected
