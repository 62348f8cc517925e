"""Chair's actions: urgent decisions taken between meetings, and their road to ratification.

Typical standing orders: the chair (or the vice chair when the chair is conflicted or absent),
together with the accountable officer and after consulting at least one other member (often a
lay member), may take a decision that cannot wait; it is reported to the next meeting of the
body for ratification. Pure rules: no database, no Qt.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from app.domain.errors import Problem

DRAFT, TAKEN, REPORTED, RATIFIED, NOT_RATIFIED, WITHDRAWN = (
    "draft", "taken", "reported", "ratified", "not ratified", "withdrawn")
STATUSES = (DRAFT, TAKEN, REPORTED, RATIFIED, NOT_RATIFIED, WITHDRAWN)

# status -> the statuses it may move to. Ratification is final either way: the record stays.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (TAKEN, WITHDRAWN),
    TAKEN: (REPORTED,),
    REPORTED: (RATIFIED, NOT_RATIFIED, TAKEN),  # back to taken if the item is deferred
    RATIFIED: (),
    NOT_RATIFIED: (),
    WITHDRAWN: (),
}

AWAITING = (TAKEN, REPORTED)
TAKER_ROLES = ("chair", "vice chair")


def transition_problems(current: str, new: str) -> list[Problem]:
    if new not in STATUSES:
        return [Problem("status", f"'{new}' is not a chair's action status")]
    if new not in TRANSITIONS.get(current, ()):
        allowed = ", ".join(TRANSITIONS.get(current, ())) or "nothing (it is final)"
        return [Problem("status", f"a chair's action that is {current} cannot become {new}; "
                                  f"it can become: {allowed}")]
    return []


@dataclass(frozen=True)
class Consultee:
    name: str
    kind: str  # person kind: lay member, executive, …
    is_accountable_officer: bool = False


@dataclass(frozen=True)
class TakingFacts:
    """What the record says about how the decision was taken."""

    decision: str
    urgency_reason: str
    taken_on: dt.date | None
    taker_role: str  # the taker's role on the body: chair or vice chair
    chair_unavailable_reason: str  # needed when the vice chair acts
    consultees: tuple[Consultee, ...]
    taker_conflicted: bool = False
    # The taker's interest in the matter, in words ("GP partner in a bidding practice"): from
    # the register, a declaration on the paper's item, or the action's own conflicts entries.
    taker_interest: str = ""
    vice_chair: str = ""  # the body's vice chair on the day, offered when the chair is conflicted


def taking_problems(facts: TakingFacts, *, require_lay_member: bool = True,
                    require_accountable_officer: bool = True) -> list[Problem]:
    """Why this chair's action could not be recorded as taken under standing orders."""
    problems = []
    if not facts.decision.strip():
        problems.append(Problem("decision", "say what was decided"))
    if not facts.urgency_reason.strip():
        problems.append(Problem("urgency_reason",
                                "say why the decision could not wait for the next meeting"))
    if facts.taken_on is None:
        problems.append(Problem("taken_on", "give the date the decision was taken"))
    if facts.taker_role not in TAKER_ROLES:
        problems.append(Problem("taken_by", "a chair's action is taken by the chair of the body, "
                                            "or its vice chair"))
    if facts.taker_role == "vice chair" and not facts.chair_unavailable_reason.strip():
        problems.append(Problem("chair_unavailable_reason", "say why the chair did not act "
                                                            "(conflicted or absent)"))
    if facts.taker_conflicted or facts.taker_interest.strip():
        problems.append(Problem("taken_by", _conflicted_words(facts)))
    problems += _consultation_problems(facts.consultees, require_lay_member,
                                       require_accountable_officer)
    return problems


def _conflicted_words(facts: TakingFacts) -> str:
    what = f" ({facts.taker_interest.strip()})" if facts.taker_interest.strip() else ""
    if facts.taker_role == "vice chair":
        return (f"the vice chair has a registered interest in the matter{what}: the body "
                "should decide it at a meeting")
    who = (f"the vice chair, {facts.vice_chair}, may take it" if facts.vice_chair
           else "the vice chair may take it, but the body has no vice chair on that day")
    return f"the chair has a registered interest in the matter{what}: {who}"


def entries_naming(conflicts: str, name: str) -> list[str]:
    """The entries (lines, or parts between semicolons) of a chair's action's conflicts that
    begin with the person's name: "Chair: partner in a bidding practice" names Chair;
    "None beyond the GP members' general interest" names no one."""
    if not name.strip():
        return []
    starts = re.compile(rf"\s*{re.escape(name.strip())}(?![\w'’])", re.IGNORECASE)
    entries = [e.strip() for line in conflicts.splitlines() for e in line.split(";")]
    return [e for e in entries if e and starts.match(e)]


def _consultation_problems(consultees, require_lay_member, require_ao) -> list[Problem]:
    if not consultees:
        return [Problem("consulted", "record who was consulted: at least one other member")]
    problems = []
    if require_lay_member and not any(c.kind == "lay member" for c in consultees):
        problems.append(Problem("consulted", "standing orders ask for a lay member to be "
                                             "consulted"))
    if require_ao and not any(c.is_accountable_officer for c in consultees):
        problems.append(Problem("consulted", "standing orders ask for the accountable officer "
                                             "to act with the chair"))
    return problems


def days_awaiting(taken_on: dt.date | None, status: str, today: dt.date) -> int | None:
    """How long a taken action has waited for ratification; None once it is settled."""
    if status not in AWAITING or taken_on is None:
        return None
    return (today - taken_on).days


def ratification_item_title(title: str, taken_on: dt.date) -> str:
    return f"Chair's action for ratification: {title} (taken {taken_on:%d %B %Y})"
