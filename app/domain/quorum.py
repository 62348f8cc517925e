"""Quorum: is enough of the body in the room to do business? Pure.

A body's standing orders set a number of voting members who must be present, and often kinds
of member among them ("including a lay member and a clinical member"). A member who declared an
interest and withdrew, or stayed but took no part, does not count towards the quorum for that
item. People in attendance do not vote and never count.

``assess`` gives a yes/no with the explanation a secretary would minute:
"quorate: 6 of 5 needed; lay member present; clinical member present" or
"inquorate: 4 of 5 needed; needs a lay member".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class QuorumRule:
    """A number of voting members, and kinds that must be among them (repeat a kind to need
    more than one: ("lay member", "lay member") needs two lay members)."""

    count: int
    required_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attendee:
    """Someone present for the item, with the kind of member they are and whether they vote."""

    person: Hashable
    name: str
    kind: str
    voting: bool


@dataclass(frozen=True)
class QuorumResult:
    quorate: bool
    counted: int  # voting members present and not conflicted
    needed: int
    missing_kinds: tuple[str, ...]  # one entry per missing member of a required kind
    not_counted: tuple[str, ...]  # names of voting members present but conflicted
    explanation: str


def _plural(kind: str, n: int) -> str:
    return f"a {kind}" if n == 1 else f"{n} {kind}s"


def _missing(required: Counter, present: Counter) -> list[tuple[str, int, int]]:
    """(kind, how many are needed, how many are there) for each kind short."""
    return [(k, n, present[k]) for k, n in required.items() if present[k] < n]


def _needs(kind: str, needed: int, there: int) -> str:
    return f"needs {_plural(kind, needed)}" + (f" ({there} present)" if there else "")


def _explain(quorate: bool, counted: int, needed: int, required: Counter,
             missing: list[tuple[str, int, int]], not_counted: list[str]) -> str:
    parts = []
    if needed or quorate:
        parts.append(f"{counted} of {needed} needed" if needed else f"{counted} voting members "
                     "present (no quorum number set)")
    if quorate:
        parts += [f"{k} present" for k in required]
    else:
        if counted >= needed and parts:
            parts.pop()  # the number is met: say only what is missing
        parts += [_needs(*m) for m in missing]
    if not_counted:
        parts.append(f"not counted (conflicted): {', '.join(not_counted)}")
    return ("quorate: " if quorate else "inquorate: ") + "; ".join(parts)


def assess(rule: QuorumRule, present: Iterable[Attendee],
           conflicted: Collection[Hashable] = ()) -> QuorumResult:
    """Whether those present make a quorum, leaving out the conflicted members."""
    voters = [a for a in present if a.voting]
    counting = [a for a in voters if a.person not in conflicted]
    not_counted = [a.name for a in voters if a.person in conflicted]
    required = Counter(rule.required_kinds)
    missing = _missing(required, Counter(a.kind for a in counting))
    quorate = len(counting) >= rule.count and not missing
    explanation = _explain(quorate, len(counting), rule.count, required, missing, not_counted)
    missing_kinds = tuple(k for k, n, there in missing for _ in range(n - there))
    return QuorumResult(quorate, len(counting), rule.count, missing_kinds, tuple(not_counted),
                        explanation)
