"""Agenda rules: numbering, order, timings, attachment numbers, purposes and outcomes. Pure.

An agenda is a flat list of items in order. Each item has a *level*: 0 starts a section (it is
numbered 1, 2, … 6) and 1 is a sub-item of the section above it (6.1, 6.2 … 6.8). Part 1 (in
public) always comes before Part 2 (public excluded); the numbering runs on through Part 2 so
every item in a meeting has its own number. A sub-item with no section above it in its part
(the first item of Part 2, say) starts a section of its own, so numbers never dangle.

Items are described to these functions as ``Slot`` values in their stored order; the store
keeps a ``position`` per item and the services hand slots over sorted by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from app.domain.errors import Problem

PARTS = (1, 2)
LEVELS = (0, 1)  # 0: a numbered section or item (6); 1: a sub-item (6.1)

PURPOSES = ("approval", "decision", "ratification", "assurance", "discussion", "information",
            "noting")
PURPOSE_LABELS = {p: f"For {p.capitalize()}" for p in PURPOSES}

OUTCOMES = ("approved", "approved with amendments", "rejected", "ratified", "not ratified",
            "assured", "partially assured", "not assured", "discussed", "noted", "deferred")

# What the body can record depends on what it was asked to do: a paper for information can
# only be noted, a paper for approval can be approved, amended, rejected or put off.
ALLOWED_OUTCOMES: dict[str, tuple[str, ...]] = {
    "approval": ("approved", "approved with amendments", "rejected", "deferred"),
    "decision": ("approved", "approved with amendments", "rejected", "deferred"),
    "ratification": ("ratified", "not ratified", "deferred"),
    "assurance": ("assured", "partially assured", "not assured", "noted", "deferred"),
    "discussion": ("discussed", "noted", "deferred"),
    "information": ("noted",),
    "noting": ("noted",),
}

# Standing items that open most agendas, used when a body has no template of its own:
# (title, purpose, minutes allocated).
STANDING_ITEMS = (
    ("Welcome and apologies for absence", "information", 5),
    ("Declarations of interest", "noting", 5),
    ("Minutes of the last meeting", "approval", 5),
    ("Matters arising and action log", "discussion", 10),
)


@dataclass(frozen=True)
class Slot:
    """One agenda item as the numbering sees it. ``key`` is whatever identifies the item."""

    key: Hashable
    part: int = 1
    level: int = 0
    minutes: int = 0
    has_paper: bool = False


# ------------------------------------------------------------------------------- purposes


def purpose_label(purpose: str) -> str:
    return PURPOSE_LABELS.get(purpose, purpose.capitalize() if purpose else "")


def purpose_from_text(text: str) -> str | None:
    """The purpose in words as a cover sheet writes it ("For Approval") → "approval"."""
    words = text.lower().replace("/", " ").replace(",", " ").split()
    for word in words:
        for purpose in PURPOSES:
            if word.startswith(purpose[:6]):
                return purpose
    return None


def allowed_outcomes(purpose: str) -> tuple[str, ...]:
    return ALLOWED_OUTCOMES.get(purpose, OUTCOMES)


def outcome_problems(purpose: str, outcome: str) -> list[Problem]:
    if outcome not in OUTCOMES:
        return [Problem("outcome", f"'{outcome}' is not one of: {', '.join(OUTCOMES)}")]
    if outcome not in allowed_outcomes(purpose):
        allowed = ", ".join(allowed_outcomes(purpose))
        return [Problem("outcome", f"an item {purpose_label(purpose).lower()} can only be "
                                   f"recorded as: {allowed}")]
    return []


def item_problems(*, title: str, purpose: str, part: int, level: int,
                  minutes: int) -> list[Problem]:
    problems = []
    if not title.strip():
        problems.append(Problem("title", "an agenda item needs a title"))
    if purpose and purpose not in PURPOSES:
        problems.append(Problem("purpose", f"'{purpose}' is not one of: {', '.join(PURPOSES)}"))
    if part not in PARTS:
        problems.append(Problem("part", "an item is in Part 1 (public) or Part 2 (private)"))
    if level not in LEVELS:
        problems.append(Problem("level", "an item is a section (0) or a sub-item (1)"))
    if minutes < 0:
        problems.append(Problem("minutes_allocated", "time allocated cannot be negative"))
    return problems


# ------------------------------------------------------------------------- order and numbers


def in_agenda_order(slots: Iterable[Slot]) -> list[Slot]:
    """Part 1 before Part 2, keeping the stored order within each part (a stable sort)."""
    return sorted(slots, key=lambda s: s.part)


def numbers(slots: Iterable[Slot]) -> dict[Hashable, str]:
    """Each item's number: sections 1..n, sub-items 6.1, 6.2 … within their section."""
    result: dict[Hashable, str] = {}
    section = sub = 0
    part = None
    for slot in in_agenda_order(slots):
        starts_section = slot.level == 0 or section == 0 or slot.part != part
        if starts_section:
            section, sub = section + 1, 0
            result[slot.key] = str(section)
        else:
            sub += 1
            result[slot.key] = f"{section}.{sub}"
        part = slot.part
    return result


def parse_number(number: str) -> tuple[int, ...]:
    """ "6.8" → (6, 8): for sorting and checking numbers."""
    return tuple(int(n) for n in number.split("."))


def attachment_label(n: int) -> str:
    return f"ATTACHMENT {n:02d}"


def attachment_numbers(slots: Iterable[Slot]) -> dict[Hashable, str]:
    """Papers are numbered in agenda order: the third item with a paper is ATTACHMENT 03."""
    with_papers = [s for s in in_agenda_order(slots) if s.has_paper]
    return {s.key: attachment_label(n) for n, s in enumerate(with_papers, start=1)}


def start_times(start: dt.datetime, slots: Iterable[Slot]) -> dict[Hashable, dt.datetime]:
    """When each item is due to start: the meeting's start plus the time given to those before."""
    result = {}
    at = start
    for slot in in_agenda_order(slots):
        result[slot.key] = at
        at += dt.timedelta(minutes=slot.minutes)
    return result


def total_minutes(slots: Iterable[Slot]) -> int:
    return sum(s.minutes for s in slots)


# ---------------------------------------------------------------- moving, inserting, removing


def _part_range(order: Sequence[Slot], part: int) -> tuple[int, int]:
    indexes = [i for i, s in enumerate(order) if s.part == part]
    if not indexes:
        first = sum(1 for s in order if s.part < part)
        return first, first
    return indexes[0], indexes[-1] + 1


def insert(slots: Iterable[Slot], slot: Slot, at: int | None = None) -> list[Slot]:
    """Put a new item at index ``at`` of the agenda (the end of its part if None or outside it).

    An item cannot land among the other part's items: it is kept within its own part.
    """
    order = in_agenda_order(slots)
    first, end = _part_range(order, slot.part)
    index = end if at is None else min(max(at, first), end)
    return order[:index] + [slot] + order[index:]


def remove(slots: Iterable[Slot], key: Hashable) -> list[Slot]:
    order = in_agenda_order(slots)
    if not any(s.key == key for s in order):
        raise KeyError(key)
    return [s for s in order if s.key != key]


def move(slots: Iterable[Slot], key: Hashable, to: int, level: int | None = None) -> list[Slot]:
    """Move an item to index ``to`` of the agenda, within its part; optionally change its level."""
    order = in_agenda_order(slots)
    moving = next((s for s in order if s.key == key), None)
    if moving is None:
        raise KeyError(key)
    if level is not None:
        moving = replace(moving, level=level)
    rest = [s for s in order if s.key != key]
    return insert(rest, moving, to)


def set_part(slots: Iterable[Slot], key: Hashable, part: int) -> list[Slot]:
    """Move an item to the other part: it goes to the end of Part 1 or the start of Part 2."""
    order = in_agenda_order(slots)
    moving = next((s for s in order if s.key == key), None)
    if moving is None:
        raise KeyError(key)
    rest = [s for s in order if s.key != key]
    first, end = _part_range(rest, part)
    return insert(rest, replace(moving, part=part), end if part == 1 else first)
