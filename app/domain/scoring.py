"""Scoring rounds: members score risks independently; the round shows where they differ.

Pure rules: the round's lifecycle, the summary of the members' scores for one risk (median,
range, divergence), and the fixed-content digest that proves a returned pack is the one that
was sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
from dataclasses import dataclass

from app.domain.errors import Problem
from app.domain.risk import DEFAULT_SCHEME, LEVELS, BandScheme, band_for

OPEN, CLOSED = "open", "closed"
QUESTIONS = ("current", "target")


@dataclass(frozen=True)
class MemberScore:
    member: str
    likelihood: int
    consequence: int
    comment: str = ""

    @property
    def score(self) -> int:
        return self.likelihood * self.consequence


@dataclass(frozen=True)
class RiskSummary:
    scores: tuple[MemberScore, ...]
    median_likelihood: float | None
    median_consequence: float | None
    median_score: float | None
    lowest: int | None
    highest: int | None
    bands: tuple[str, ...]  # distinct bands in order of the scheme
    divergent: bool

    @property
    def count(self) -> int:
        return len(self.scores)

    @property
    def range_text(self) -> str:
        if self.lowest is None:
            return "no scores yet"
        return f"{self.lowest}–{self.highest}" if self.lowest != self.highest else str(self.lowest)

    def suggested(self) -> tuple[int, int] | None:
        """A consensus to propose: the medians, rounded half up to whole levels."""
        if self.median_likelihood is None:
            return None
        return (int(self.median_likelihood + 0.5), int(self.median_consequence + 0.5))


def _band_index(value: int, scheme: BandScheme) -> int:
    band = band_for(value, scheme)
    return [b.name for b in scheme.bands].index(band.name)


def summarise(scores: list[MemberScore], scheme: BandScheme = DEFAULT_SCHEME) -> RiskSummary:
    """Median, range and divergence. Divergent: members more than one band apart."""
    if not scores:
        return RiskSummary((), None, None, None, None, None, (), False)
    values = [s.score for s in scores]
    indexes = sorted({_band_index(v, scheme) for v in values})
    names = tuple(scheme.bands[i].name for i in indexes)
    return RiskSummary(
        scores=tuple(scores),
        median_likelihood=statistics.median(s.likelihood for s in scores),
        median_consequence=statistics.median(s.consequence for s in scores),
        median_score=statistics.median(values),
        lowest=min(values), highest=max(values), bands=names,
        divergent=indexes[-1] - indexes[0] > 1)


def score_problems(likelihood, consequence, row: int | None = None) -> list[Problem]:
    problems = []
    if likelihood not in LEVELS:
        problems.append(Problem("likelihood", f"{likelihood!r} is not 1 to 5", row))
    if consequence not in LEVELS:
        problems.append(Problem("consequence", f"{consequence!r} is not 1 to 5", row))
    return problems


def round_problems(*, title: str, deadline: dt.date | None, question: str, risk_ids: list,
                   member_ids: list, today: dt.date) -> list[Problem]:
    problems = []
    if not title.strip():
        problems.append(Problem("title", "give the round a title"))
    if question not in QUESTIONS:
        problems.append(Problem("question", f"score the {' or '.join(QUESTIONS)} position"))
    if deadline is None or deadline < today:
        problems.append(Problem("deadline", "set a deadline that is not in the past"))
    if not risk_ids:
        problems.append(Problem("risks", "choose at least one risk"))
    if not member_ids:
        problems.append(Problem("members", "choose at least one member"))
    return problems


def fixed_digest(fixed: dict) -> str:
    """SHA-256 of a pack's fixed content (round, member, risks) in canonical JSON."""
    text = json.dumps(fixed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
