"""The risk register and the board assurance framework (BAF).

A ``Risk`` carries its inherent, current and target likelihood × consequence; every change of a
score is kept as a ``RiskScore`` (who, when, why, from what source) and every crossing of the
escalation threshold as a ``RiskEscalation``. Controls, assurances on them, gaps and actions
hang off the risk; ``RiskObjective`` links principal risks to the BAF's strategic objectives.
Rules (levels, bands, statuses) are in ``app.domain.risk``; services keep these rows consistent.

History rows (scores, escalations, objective links) are audited but not versioned: they are
written once and never edited.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, Versioned
from app.store.people import Committee, Person


class RiskCategory(Versioned, Audited, Base):
    """A kind of risk (financial, clinical/quality, …) with the board's appetite for it."""

    __tablename__ = "risk_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    appetite_level: Mapped[int] = mapped_column(Integer, default=2)  # 0 Avoid .. 5 Mature
    tolerance: Mapped[int] = mapped_column(Integer, default=9)  # highest acceptable score


class StrategicObjective(Versioned, Audited, Base):
    """An objective of the organisation in the board assurance framework."""

    __tablename__ = "strategic_objective"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")


class Risk(Versioned, Audited, Base):
    __tablename__ = "risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    cause: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[str] = mapped_column(Text, default="")
    effect: Mapped[str] = mapped_column(Text, default="")
    category_id: Mapped[int] = mapped_column(ForeignKey("risk_category.id"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True,
                                                 nullable=True)
    committee_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"), index=True,
                                                     nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[dt.date] = mapped_column(Date)
    # The domain the consequence was judged in (app.domain.risk_descriptors.DOMAIN_KEYS).
    consequence_domain: Mapped[str] = mapped_column(String(20), default="")
    inherent_likelihood: Mapped[int] = mapped_column(Integer)
    inherent_consequence: Mapped[int] = mapped_column(Integer)
    current_likelihood: Mapped[int] = mapped_column(Integer)
    current_consequence: Mapped[int] = mapped_column(Integer)
    target_likelihood: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_consequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    review_frequency_months: Mapped[int] = mapped_column(Integer, default=3)
    next_review_on: Mapped[dt.date | None] = mapped_column(Date, index=True, nullable=True)
    last_reviewed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The current score as the last review left it: the register's movement arrow compares
    # today's current score with it.
    score_at_last_review: Mapped[int | None] = mapped_column(Integer, nullable=True)
    on_corporate_register: Mapped[bool] = mapped_column(Boolean, default=False, index=True)

    category: Mapped[RiskCategory] = relationship()
    owner: Mapped[Person | None] = relationship()
    committee: Mapped[Committee | None] = relationship()
    scores: Mapped[list[RiskScore]] = relationship(back_populates="risk",
                                                   order_by="(RiskScore.scored_on, RiskScore.id)")
    escalations: Mapped[list[RiskEscalation]] = relationship(
        back_populates="risk", order_by="(RiskEscalation.occurred_on, RiskEscalation.id)")
    controls: Mapped[list[Control]] = relationship(back_populates="risk", order_by="Control.id")
    assurances: Mapped[list[Assurance]] = relationship(back_populates="risk",
                                                       order_by="Assurance.id")
    gaps: Mapped[list[Gap]] = relationship(back_populates="risk", order_by="Gap.id")
    actions: Mapped[list[RiskAction]] = relationship(back_populates="risk",
                                                     order_by="RiskAction.id")
    objective_links: Mapped[list[RiskObjective]] = relationship(back_populates="risk")


class RiskObjective(Audited, Base):
    """A principal risk to a strategic objective (the BAF's links)."""

    __tablename__ = "risk_objective"

    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), primary_key=True)
    objective_id: Mapped[int] = mapped_column(ForeignKey("strategic_objective.id"),
                                              primary_key=True, index=True)

    risk: Mapped[Risk] = relationship(back_populates="objective_links")
    objective: Mapped[StrategicObjective] = relationship()


class RiskScore(Audited, Base):
    """One scoring of a risk: the levels, who judged them, when, why, and on what occasion."""

    __tablename__ = "risk_score"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # inherent, current, target
    likelihood: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[int] = mapped_column(Integer)
    consequence_domain: Mapped[str] = mapped_column(String(20), default="")
    scored_on: Mapped[dt.date] = mapped_column(Date, index=True)
    scored_by: Mapped[str] = mapped_column(String(200))
    rationale: Mapped[str] = mapped_column(Text)
    # The occasion: "raised", "review", "decision #12", "scoring round 3", "import"
    source: Mapped[str] = mapped_column(String(200), default="")

    risk: Mapped[Risk] = relationship(back_populates="scores")


class RiskEscalation(Audited, Base):
    """A risk going onto (escalated) or coming off (de-escalated) the corporate register."""

    __tablename__ = "risk_escalation"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    direction: Mapped[str] = mapped_column(String(15), index=True)  # escalated, de-escalated
    occurred_on: Mapped[dt.date] = mapped_column(Date, index=True)
    score: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")

    risk: Mapped[Risk] = relationship(back_populates="escalations")


class Control(Versioned, Audited, Base):
    __tablename__ = "risk_control"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    control_type: Mapped[str] = mapped_column(String(15))  # preventive, detective, …
    effectiveness: Mapped[str] = mapped_column(String(25))  # effective, partially effective, …

    risk: Mapped[Risk] = relationship(back_populates="controls")


class Assurance(Versioned, Audited, Base):
    """Evidence that controls work, by line of defence (1 management, 2 oversight,
    3 independent), positive or negative."""

    __tablename__ = "risk_assurance"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    control_id: Mapped[int | None] = mapped_column(ForeignKey("risk_control.id"), nullable=True)
    description: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200), default="")
    line_of_defence: Mapped[int] = mapped_column(Integer)
    positive: Mapped[bool] = mapped_column(Boolean, default=True)
    received_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    risk: Mapped[Risk] = relationship(back_populates="assurances")


class Gap(Versioned, Audited, Base):
    """A gap in control or in assurance."""

    __tablename__ = "risk_gap"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # control, assurance
    description: Mapped[str] = mapped_column(Text)

    risk: Mapped[Risk] = relationship(back_populates="gaps")


class RiskAction(Versioned, Audited, Base):
    """An action to reduce a risk or close a gap."""

    __tablename__ = "risk_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    gap_id: Mapped[int | None] = mapped_column(ForeignKey("risk_gap.id"), nullable=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True,
                                                 nullable=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, index=True, nullable=True)
    status: Mapped[str] = mapped_column(String(15), default="open", index=True)
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    risk: Mapped[Risk] = relationship(back_populates="actions")
    owner: Mapped[Person | None] = relationship()
