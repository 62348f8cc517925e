"""People, the bodies they sit on (committees) and their memberships."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, Versioned


class Person(Versioned, Audited, Base):
    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    # executive, lay member, clinical member, officer, attendee (app.domain.people.PERSON_KINDS)
    kind: Mapped[str] = mapped_column(String(30))
    retired_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Committee(Versioned, Audited, Base):
    __tablename__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(40), default="")
    # governing body, committee, sub-committee, joint committee (app.domain.people.COMMITTEE_KINDS)
    kind: Mapped[str] = mapped_column(String(30))
    reports_to_id: Mapped[int | None] = mapped_column(ForeignKey("committee.id"), nullable=True)
    terms_of_reference: Mapped[str] = mapped_column(Text, default="")
    # Quorum rule: a number of voting members plus any kinds that must be present.
    quorum_count: Mapped[int] = mapped_column(default=0)
    quorum_kinds: Mapped[str] = mapped_column(String(200), default="")
    retired_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    reports_to: Mapped[Committee | None] = relationship(remote_side=[id])


class Membership(Versioned, Audited, Base):
    __tablename__ = "membership"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    # chair, vice chair, member, in attendance (app.domain.people.MEMBERSHIP_ROLES)
    role: Mapped[str] = mapped_column(String(30))
    voting: Mapped[bool] = mapped_column(Boolean, default=True)
    from_date: Mapped[dt.date] = mapped_column(Date)
    to_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    person: Mapped[Person] = relationship()
    committee: Mapped[Committee] = relationship()
