"""The risk register as plain values: rows, a risk with its details, the register report's data.

The services read them (``app.services.risks.register``, ``.detail``, ``.settings`` and
``.report``, which hand them on under the same names); the register report
(``app.reports.register``), the register export and the board pack read only these frozen
dataclasses, so they run without a database. They sit below both layers so that neither
imports the other. Scores are likelihood × consequence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain import risk as rules


@dataclass(frozen=True)
class RiskRow:
    """One risk as the register shows it; scores are likelihood × consequence."""

    id: int
    reference: str
    title: str
    cause: str
    event: str
    effect: str
    category_id: int
    category: str
    appetite: str  # the board's appetite for the category: Avoid … Mature
    tolerance: int
    owner_id: int | None
    owner: str
    committee_id: int | None
    committee: str
    status: str
    raised_on: dt.date
    closed_on: dt.date | None
    closed_reason: str
    consequence_domain: str
    inherent_likelihood: int
    inherent_consequence: int
    inherent_score: int
    inherent_band: str
    current_likelihood: int
    current_consequence: int
    current_score: int
    current_band: str
    current_colour: str
    target_likelihood: int | None
    target_consequence: int | None
    target_score: int | None
    target_band: str
    target_date: dt.date | None
    above_appetite: bool
    target_above_appetite: bool
    on_corporate_register: bool
    score_at_last_review: int | None
    movement: str  # up, down, same, new (never reviewed)
    review_frequency_months: int
    last_reviewed_on: dt.date | None
    next_review_on: dt.date | None
    review_overdue: bool
    open_actions: int
    overdue_actions: int
    version: int


@dataclass(frozen=True)
class ScoreRow:
    id: int
    risk_id: int
    kind: str
    likelihood: int
    consequence: int
    score: int
    band: str
    consequence_domain: str
    scored_on: dt.date
    scored_by: str
    rationale: str
    source: str


@dataclass(frozen=True)
class EscalationRow:
    id: int
    risk_id: int
    reference: str
    title: str
    direction: str  # escalated, de-escalated
    occurred_on: dt.date
    score: int
    recorded_by: str
    reason: str


@dataclass(frozen=True)
class ObjectiveRow:
    id: int
    code: str
    title: str
    description: str
    risks: int  # principal risks linked to it
    version: int


@dataclass(frozen=True)
class ControlRow:
    id: int
    risk_id: int
    description: str
    control_type: str
    effectiveness: str
    version: int


@dataclass(frozen=True)
class AssuranceRow:
    id: int
    risk_id: int
    control_id: int | None
    description: str
    source: str
    line_of_defence: int  # 1 management, 2 oversight, 3 independent
    line_name: str
    positive: bool
    received_on: dt.date | None
    version: int


@dataclass(frozen=True)
class GapRow:
    id: int
    risk_id: int
    kind: str  # control, assurance
    description: str
    version: int


@dataclass(frozen=True)
class ActionRow:
    id: int
    risk_id: int
    risk_reference: str
    gap_id: int | None
    description: str
    owner_id: int | None
    owner: str
    due_on: dt.date | None
    status: str
    completed_on: dt.date | None
    overdue: bool
    version: int


@dataclass(frozen=True)
class RiskDetail:
    risk: RiskRow
    controls: tuple[ControlRow, ...]
    assurances: tuple[AssuranceRow, ...]
    gaps: tuple[GapRow, ...]
    actions: tuple[ActionRow, ...]
    history: tuple[ScoreRow, ...]  # every scoring of every kind, oldest first
    escalations: tuple[EscalationRow, ...]
    objectives: tuple[ObjectiveRow, ...]  # the strategic objectives it threatens (BAF)

    def assurances_on_line(self, line: int) -> tuple[AssuranceRow, ...]:
        return tuple(a for a in self.assurances if a.line_of_defence == line)

    def gaps_in(self, kind: str) -> tuple[GapRow, ...]:
        return tuple(g for g in self.gaps if g.kind == kind)


@dataclass(frozen=True)
class RegisterReportData:
    details: tuple[RiskDetail, ...]
    title: str
    organisation: str
    corporate_only: bool
    band_scheme: rules.BandScheme
    heat_map_counts_current: list[list[int]]
    heat_map_counts_target: list[list[int]]
    generated_at: dt.datetime
    audit_head: str

    def report_options(self) -> dict:
        """The keyword arguments of ``build_register_report`` (all but the details)."""
        return {name: getattr(self, name) for name in (
            "title", "organisation", "corporate_only", "band_scheme", "heat_map_counts_current",
            "heat_map_counts_target", "generated_at", "audit_head")}
