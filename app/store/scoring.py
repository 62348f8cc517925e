"""Offline scoring rounds: members score risks on their own, from a pack file.

A ``ScoringRound`` asks its members to score the current or the target position of a set of
risks (``RoundRisk``, with the reference and title as they were when the round opened). Each
``RoundMember`` gets one pack (``pack_id``, a random UUID) whose fixed content is proved by
``fixed_digest``; the scores they return are ``MemberScoreRecord`` rows. Adopting the consensus
for a risk rescores it (a ``RiskScore`` history row) and is recorded as a
``ConsensusAdoption``. Rules are in ``app.domain.scoring``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, UtcDateTime, Versioned
from app.store.people import Person
from app.store.risks import Risk, RiskScore


class ScoringRound(Versioned, Audited, Base):
    __tablename__ = "scoring_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    question: Mapped[str] = mapped_column(String(10))  # current, target
    deadline: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)  # open, closed
    opened_by: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)

    risks: Mapped[list[RoundRisk]] = relationship(back_populates="round",
                                                  order_by="RoundRisk.position")
    members: Mapped[list[RoundMember]] = relationship(back_populates="round",
                                                      order_by="RoundMember.id")


class RoundRisk(Versioned, Audited, Base):
    """A risk put to the round, with its reference and title as they were then, and what the
    round did about it (``outcome``: "", "adopted", "for discussion")."""

    __tablename__ = "scoring_round_risk"
    __table_args__ = (UniqueConstraint("round_id", "risk_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("scoring_round.id"), index=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    reference: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    outcome: Mapped[str] = mapped_column(String(20), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    round: Mapped[ScoringRound] = relationship(back_populates="risks")
    risk: Mapped[Risk] = relationship()


class RoundMember(Versioned, Audited, Base):
    __tablename__ = "scoring_round_member"
    __table_args__ = (UniqueConstraint("round_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("scoring_round.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    pack_id: Mapped[str] = mapped_column(String(36), unique=True)
    fixed_digest: Mapped[str] = mapped_column(String(64), default="")
    exported_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_imported_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_import_digest: Mapped[str] = mapped_column(String(64), default="")
    returned_late: Mapped[bool] = mapped_column(default=False)

    round: Mapped[ScoringRound] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()
    scores: Mapped[list[MemberScoreRecord]] = relationship(back_populates="member",
                                                           order_by="MemberScoreRecord.id")


class MemberScoreRecord(Versioned, Audited, Base):
    """One member's score for one risk, as their pack last returned it."""

    __tablename__ = "scoring_member_score"
    __table_args__ = (UniqueConstraint("member_id", "risk_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("scoring_round_member.id"), index=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    likelihood: Mapped[int] = mapped_column(Integer)
    consequence: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    scored_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)

    member: Mapped[RoundMember] = relationship(back_populates="scores")


class ConsensusAdoption(Audited, Base):
    """The round's consensus for a risk, recorded in the risk's score history. Written once."""

    __tablename__ = "scoring_adoption"
    __table_args__ = (UniqueConstraint("round_id", "risk_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("scoring_round.id"), index=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), index=True)
    risk_score_id: Mapped[int] = mapped_column(ForeignKey("risk_score.id"))
    adopted_by: Mapped[str] = mapped_column(String(200))
    adopted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    risk_score: Mapped[RiskScore] = relationship()
