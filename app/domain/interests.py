"""Declarations and registers of interests. Pure.

The statutory guidance on conflicts of interest asks for a register of each member's interests
(financial, non-financial professional, non-financial personal, indirect), declarations at each
meeting, and the chair's ruling on how each is managed: the member withdraws from the item,
stays but takes no part in the decision, or participates (a minor interest). A member who
withdrew or took no part does not count towards the quorum for that item.

``possible_conflicts`` helps the secretary build the agenda: it flags an item whose title or
paper shares distinctive words (a provider's name, a practice, a service) with a member's
registered interest. It is a prompt for a human, not a ruling.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from app.domain.errors import Problem

INTEREST_KINDS = ("financial", "non-financial professional", "non-financial personal",
                  "indirect")
DECLARATION_ACTIONS = ("withdrew", "took no part in the decision", "participated")
NOT_COUNTED_FOR_QUORUM = frozenset({"withdrew", "took no part in the decision"})

# Changes to the register are to be declared within 28 days (statutory guidance).
DECLARE_WITHIN_DAYS = 28

# Words too common in NHS papers to suggest a conflict on their own.
COMMON_WORDS = frozenset("""
    about after also among and annual any approval approve are being board borough budget
    business care ccg ccgs chair clinical commissioning committee contract contracts council
    draft every final financial for from governance governing group health healthcare into
    its local london meeting member members national nhs not of office officer other
    over paper part patient patients plan plans policy primary proposal public quality report
    review services service south staff strategy that the their this trust under update with
    year years integrated operating development programme framework performance management
    system approach process support
""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'&-]*")


def counts_towards_quorum(action: str) -> bool:
    return action not in NOT_COUNTED_FOR_QUORUM


def is_current(from_date: dt.date | None, to_date: dt.date | None, on: dt.date) -> bool:
    """An interest is current on a day from its start (if known) to its end (if ended)."""
    return (from_date is None or from_date <= on) and (to_date is None or on <= to_date)


def declared_late(from_date: dt.date | None, declared_on: dt.date | None) -> bool:
    if from_date is None or declared_on is None:
        return False
    return (declared_on - from_date).days > DECLARE_WITHIN_DAYS


def _normalise(word: str) -> str:
    word = word.lower().strip("'&-").removesuffix("'s")
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]  # practices ~ practice, pharmacies stays close enough
    return word


def keywords(text: str) -> frozenset[str]:
    """Distinctive words of a text: long enough to mean something and not common in papers.

    Acronyms of three capitals or more (QIPP, SWL) count even when short.
    """
    found = set()
    for raw in _WORD.findall(text):
        word = _normalise(raw)
        acronym = raw.isupper() and len(raw) >= 3
        if (len(word) >= 4 or acronym) and word not in COMMON_WORDS:
            found.add(word)
    return frozenset(found)


@dataclass(frozen=True)
class RegisteredInterest:
    key: Hashable
    person: Hashable
    text: str  # description and the organisation concerned


@dataclass(frozen=True)
class PossibleConflict:
    interest: Hashable
    person: Hashable
    matched: tuple[str, ...]


def possible_conflicts(item_text: str, interests: Iterable[RegisteredInterest],
                       ignore: Iterable[str] = ()) -> list[PossibleConflict]:
    """Interests that share a distinctive word with an item's title or paper.

    ``ignore`` takes words that are everywhere in this body's papers (its own name).
    """
    item_words = keywords(item_text) - {_normalise(w) for w in ignore}
    found = []
    for interest in interests:
        matched = sorted(item_words & keywords(interest.text))
        if matched:
            found.append(PossibleConflict(interest.key, interest.person, tuple(matched)))
    return found


def interest_problems(*, kind: str, description: str, from_date: dt.date | None,
                      to_date: dt.date | None) -> list[Problem]:
    problems = []
    if kind not in INTEREST_KINDS:
        problems.append(Problem("kind", f"'{kind}' is not one of: {', '.join(INTEREST_KINDS)}"))
    if not description.strip():
        problems.append(Problem("description", "say what the interest is"))
    if from_date and to_date and to_date < from_date:
        problems.append(Problem("to_date", "the interest ends before it starts"))
    return problems


def declaration_problems(*, action: str, description: str, has_item: bool) -> list[Problem]:
    problems = []
    if action not in DECLARATION_ACTIONS:
        problems.append(Problem("action", f"'{action}' is not one of: "
                                          f"{', '.join(DECLARATION_ACTIONS)}"))
    if not description.strip():
        problems.append(Problem("description", "say what interest is declared"))
    if action in NOT_COUNTED_FOR_QUORUM and not has_item:
        problems.append(Problem("agenda_item", f"say which item the member {action} from"
                                if action == "withdrew" else
                                "say which item's decision the member took no part in"))
    return problems
