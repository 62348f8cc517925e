"""Rules for recording a decision: the vote, quorum and conflicts, and when an override is needed.

A decision on an inquorate meeting, or with a conflicted member voting, is not refused outright
(the minutes must show what happened) but needs an explicit override with a reason, which the
decision trail shows to the audit committee. Pure rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.errors import Problem

VOTE_METHODS = ("none", "count", "by name")
VOTE_CHOICES = ("for", "against", "abstain")


@dataclass(frozen=True)
class Vote:
    method: str = "none"  # no vote taken, counted, or recorded by name
    for_count: int = 0
    against_count: int = 0
    abstain_count: int = 0
    by_name: dict[str, str] = field(default_factory=dict)  # person name -> for/against/abstain

    def totals(self) -> tuple[int, int, int]:
        if self.method == "by name":
            values = list(self.by_name.values())
            return values.count("for"), values.count("against"), values.count("abstain")
        return self.for_count, self.against_count, self.abstain_count

    def carried(self) -> bool | None:
        if self.method == "none":
            return None
        yes, no, _ = self.totals()
        return yes > no


def vote_problems(vote: Vote, *, eligible: set[str] | None = None) -> list[Problem]:
    problems = []
    if vote.method not in VOTE_METHODS:
        return [Problem("vote", f"'{vote.method}' is not one of: {', '.join(VOTE_METHODS)}")]
    if vote.method == "count" and min(vote.for_count, vote.against_count, vote.abstain_count) < 0:
        problems.append(Problem("vote", "vote counts cannot be negative"))
    if vote.method == "by name":
        if not vote.by_name:
            problems.append(Problem("vote", "record how each member voted"))
        for name, choice in vote.by_name.items():
            if choice not in VOTE_CHOICES:
                problems.append(Problem("vote", f"{name}: '{choice}' is not for, against or "
                                                "abstain"))
            if eligible is not None and name not in eligible:
                problems.append(Problem("vote", f"{name} was not a voting member present"))
    return problems


def override_needed(*, quorate: bool, conflicted_voters: list[str]) -> list[str]:
    """Reasons this decision needs an explicit override; empty when it does not."""
    reasons = []
    if not quorate:
        reasons.append("the meeting was not quorate for this item")
    for name in conflicted_voters:
        reasons.append(f"{name} voted despite a declared interest")
    return reasons


def override_problems(reasons: list[str], override_reason: str) -> list[Problem]:
    if reasons and not override_reason.strip():
        return [Problem("override_reason", "this decision needs an override with a reason: "
                                           + "; ".join(reasons))]
    return []
