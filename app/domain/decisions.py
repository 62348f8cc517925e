"""Rules for recording a decision: the vote, quorum and conflicts, and when an override is needed.

A decision on an inquorate meeting, or with a conflicted member voting, is not refused outright
(the minutes must show what happened) but needs an explicit override with a reason, which the
decision trail shows to the audit committee. So does an outcome that does not follow from the
vote under the body's voting rule (``VotingRule``: the majority needed, and whether the chair
has a casting vote). A counted vote with more votes than voting members present for the item is
refused outright, and so is a decision on a meeting not yet held unless it is recorded as in
advance with a reason. Pure rules.
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


def override_needed(*, quorate: bool, conflicted_voters: list[str],
                    vote_mismatch: str = "") -> list[str]:
    """Reasons this decision needs an explicit override; empty when it does not."""
    reasons = []
    if not quorate:
        reasons.append("the meeting was not quorate for this item")
    for name in conflicted_voters:
        reasons.append(f"{name} voted despite a declared interest")
    if vote_mismatch:
        reasons.append(vote_mismatch)
    return reasons


def override_problems(reasons: list[str], override_reason: str) -> list[Problem]:
    if reasons and not override_reason.strip():
        return [Problem("override_reason", "this decision needs an override with a reason: "
                                           + "; ".join(reasons))]
    return []


# ------------------------------------------------------------------ votes that add up

# How many votes a motion needs: "simple" (more for than against, of votes cast),
# "two thirds" (at least two thirds of the votes cast are for) or "absolute" (more than half of
# the voting members present for the item). Standing orders say which; simple is the default.
MAJORITY_RULES = ("simple", "two thirds", "absolute")
DEFAULT_MAJORITY = "simple"
DEFAULT_CASTING_VOTE = False  # a tie is lost unless standing orders give the chair a casting vote

# Outcomes that say the motion carried, and those that say it fell.
CARRIED_OUTCOMES = frozenset({"approved", "approved with amendments", "ratified"})
LOST_OUTCOMES = frozenset({"rejected", "not ratified"})


@dataclass(frozen=True)
class VotingRule:
    majority: str = DEFAULT_MAJORITY
    casting_vote: bool = DEFAULT_CASTING_VOTE

    def words(self) -> str:
        need = {"simple": "a simple majority of votes cast",
                "two thirds": "two thirds of votes cast",
                "absolute": "a majority of the voting members present"}[self.majority]
        return need + (", the chair having a casting vote" if self.casting_vote else "")


def voting_rule_problems(rule: VotingRule) -> list[Problem]:
    if rule.majority not in MAJORITY_RULES:
        return [Problem("majority", f"'{rule.majority}' is not one of: "
                                    f"{', '.join(MAJORITY_RULES)}")]
    return []


def count_problems(vote: Vote, *, eligible: int) -> list[Problem]:
    """A counted vote cannot have more votes than voting members present for the item, with
    those who withdrew or took no part left out."""
    if vote.method != "count":
        return []
    yes, no, abstain = vote.totals()
    total = yes + no + abstain
    if total <= eligible:
        return []
    return [Problem("vote", f"{yes} for, {no} against and {abstain} abstaining make {total} "
                            f"votes, but only {eligible} voting members were present for this "
                            "item (conflicted members not counted)")]


def vote_result(vote: Vote, rule: VotingRule, *, eligible: int) -> str | None:
    """"carried", "lost", "tied" (equal votes, for the chair's casting vote) or None when no
    vote was taken."""
    if vote.method == "none":
        return None
    yes, no, _ = vote.totals()
    if rule.majority == "two thirds":
        carried = yes > 0 and 3 * yes >= 2 * (yes + no)
    elif rule.majority == "absolute":
        carried = 2 * yes > eligible
    else:
        carried = yes > no
    if carried:
        return "carried"
    return "tied" if yes == no and rule.majority == "simple" else "lost"


def outcome_mismatch(vote: Vote, outcome: str, rule: VotingRule, *, eligible: int) -> str:
    """Why the outcome does not follow from the vote under the body's rule; "" when it does.

    A tie is lost, unless the chair has a casting vote: then either outcome can follow."""
    result = vote_result(vote, rule, eligible=eligible)
    if result is None or (result == "tied" and rule.casting_vote):
        return ""
    carried = result == "carried"
    if (outcome in CARRIED_OUTCOMES and carried) or (outcome in LOST_OUTCOMES and not carried):
        return ""
    if outcome not in CARRIED_OUTCOMES | LOST_OUTCOMES:
        return ""
    yes, no, _ = vote.totals()
    how = "tied" if result == "tied" else ("carried" if carried else "lost")
    return (f"the vote was {how} {yes}–{no} (the rule: {rule.words()}) but the outcome "
            f"recorded is '{outcome}'")


def held_problems(*, status: str, meeting_date, today, in_advance: bool,
                  in_advance_reason: str) -> list[Problem]:
    """No decision on a meeting before it is held, unless recorded as in advance with a
    reason (a written resolution agreed before the meeting, say)."""
    if status not in ("planned", "agenda issued") and meeting_date <= today:
        return []
    if in_advance and in_advance_reason.strip():
        return []
    why = (f"its status is '{status}'" if status in ("planned", "agenda issued")
           else f"it meets on {meeting_date:%d %b %Y}")
    if in_advance:
        return [Problem("in_advance_reason", "say why the decision is recorded in advance of "
                                             "the meeting")]
    return [Problem("meeting", f"the meeting has not been held yet ({why}): record the "
                               "decision as in advance, with a reason, or wait until it is held")]
