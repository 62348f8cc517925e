"""Decisions recorded against agenda items, and chair's actions taken between meetings.

A ``Decision`` keeps, beside the resolution, what the audit committee asks of it later and
what may have changed since: the quorum and its explanation at that moment, the declared
interests on the item with what each member did, the vote, the override (and why it was
needed), and the paper version and attachment SHA-256s the body considered. These are
snapshots (JSON text), so later edits of attendance or papers never rewrite the trail.

``ChairsAction`` is an urgent decision taken by the chair (or vice chair) between meetings;
``ChairsActionConsultee`` records who was consulted and when. A chair's action is ratified by
a ``Decision`` on its ratification item (``Decision.chairs_action_id``).
Rules: app.domain.decisions and app.domain.chairs_actions; services keep these rows consistent.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.actions import ActionItem
from app.store.base import Audited, Base, Versioned
from app.store.meetings import AgendaItem, Meeting
from app.store.people import Committee, Person
from app.store.risks import Risk, RiskScore


class ChairsAction(Versioned, Audited, Base):
    __tablename__ = "chairs_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    decision_text: Mapped[str] = mapped_column(Text, default="")
    urgency_reason: Mapped[str] = mapped_column(Text, default="")
    # The power used and the standing-order clause ("SO 3.2 urgent decisions"), or the body's
    # resolution delegating it (the Merton form: "agree to Chair's Action on the document").
    power: Mapped[str] = mapped_column(Text, default="")
    standing_order_clause: Mapped[str] = mapped_column(String(200), default="")
    # The decision that delegated it, when the body agreed to chair's action beforehand. A plain
    # id, not a foreign key: decision and chair's action refer to each other, and a cycle of
    # foreign keys cannot be created on SQLite without rebuilding a table.
    authorised_by_decision_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True,
                                                    index=True)
    taker_role: Mapped[str] = mapped_column(String(20), default="")  # chair, vice chair
    chair_unavailable_reason: Mapped[str] = mapped_column(Text, default="")
    taken_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    # app.domain.chairs_actions.STATUSES
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    paper_id: Mapped[int | None] = mapped_column(ForeignKey("paper.id"), nullable=True)
    conflicts: Mapped[str] = mapped_column(Text, default="")
    ratification_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"),
                                                                nullable=True, index=True)
    ratification_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"),
                                                             nullable=True)
    ratified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    # What happens if the body does not ratify (e.g. "the submission is withdrawn").
    if_not_ratified: Mapped[str] = mapped_column(Text, default="")

    committee: Mapped[Committee] = relationship()
    taken_by: Mapped[Person | None] = relationship()
    ratification_meeting: Mapped[Meeting | None] = relationship()
    ratification_item: Mapped[AgendaItem | None] = relationship()
    consultees: Mapped[list[ChairsActionConsultee]] = relationship(
        order_by="(ChairsActionConsultee.consulted_on, ChairsActionConsultee.id)",
        back_populates="chairs_action", cascade="all, delete-orphan")


class ChairsActionConsultee(Versioned, Audited, Base):
    __tablename__ = "chairs_action_consultee"

    id: Mapped[int] = mapped_column(primary_key=True)
    chairs_action_id: Mapped[int] = mapped_column(ForeignKey("chairs_action.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    consulted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    chairs_action: Mapped[ChairsAction] = relationship(back_populates="consultees")
    person: Mapped[Person] = relationship()


class Decision(Versioned, Audited, Base):
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), index=True)
    # Denormalised from the item so the trail filters by body and date without joins.
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    resolution: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(30), index=True)  # app.domain.agenda.OUTCOMES
    rationale: Mapped[str] = mapped_column(Text, default="")
    vote_method: Mapped[str] = mapped_column(String(10), default="none")
    votes_for: Mapped[int] = mapped_column(Integer, default=0)
    votes_against: Mapped[int] = mapped_column(Integer, default=0)
    votes_abstain: Mapped[int] = mapped_column(Integer, default=0)
    votes_by_name: Mapped[str] = mapped_column(Text, default="{}")  # JSON {name: choice}
    quorate: Mapped[bool] = mapped_column(Boolean, default=True)
    quorum_explanation: Mapped[str] = mapped_column(Text, default="")
    # JSON [{person_id, person, description, action, chair_ruling}] at the moment of decision
    conflicts: Mapped[str] = mapped_column(Text, default="[]")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    override_needed_because: Mapped[str] = mapped_column(Text, default="")  # "; "-joined
    paper_id: Mapped[int | None] = mapped_column(ForeignKey("paper.id"), nullable=True)
    paper_version: Mapped[str] = mapped_column(String(60), default="")  # author's version
    paper_row_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # JSON [{attachment_id, name, version_number, sha256}]: the exact files considered
    attachments: Mapped[str] = mapped_column(Text, default="[]")
    decided_on: Mapped[dt.date] = mapped_column(Date, index=True)
    chairs_action_id: Mapped[int | None] = mapped_column(ForeignKey("chairs_action.id"),
                                                         nullable=True, index=True)
    # A decision is corrected (with a reason) or withdrawn, never deleted: it is a record.
    status: Mapped[str] = mapped_column(String(12), default="recorded")  # recorded, withdrawn
    correction_note: Mapped[str] = mapped_column(Text, default="")

    agenda_item: Mapped[AgendaItem] = relationship()
    meeting: Mapped[Meeting] = relationship()
    chairs_action: Mapped[ChairsAction | None] = relationship(
        foreign_keys=[chairs_action_id])
    risks: Mapped[list[DecisionRisk]] = relationship(order_by="DecisionRisk.id",
                                                     back_populates="decision")
    actions: Mapped[list[DecisionAction]] = relationship(order_by="DecisionAction.id",
                                                         back_populates="decision")


class DecisionRisk(Audited, Base):
    """A risk whose score the decision changed, with the history row it wrote. Written once."""

    __tablename__ = "decision_risk"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    risk_score_id: Mapped[int | None] = mapped_column(ForeignKey("risk_score.id"),
                                                      nullable=True)

    decision: Mapped[Decision] = relationship(back_populates="risks")
    risk: Mapped[Risk] = relationship()
    risk_score: Mapped[RiskScore | None] = relationship()


class DecisionAction(Audited, Base):
    """An action the decision raised on the action log. Written once."""

    __tablename__ = "decision_action"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id"), index=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_item.id"), index=True)

    decision: Mapped[Decision] = relationship(back_populates="actions")
    action_item: Mapped[ActionItem] = relationship()
