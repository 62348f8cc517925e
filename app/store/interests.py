"""The register of interests and the declarations made at meetings."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, Versioned
from app.store.meetings import AgendaItem, Meeting
from app.store.people import Person


class Interest(Versioned, Audited, Base):
    """One entry in a person's register of interests."""

    __tablename__ = "interest"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # financial, non-financial professional, non-financial personal, indirect
    kind: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    organisation: Mapped[str] = mapped_column(String(300), default="")
    from_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    to_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    declared_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # How the interest is managed ("withdraws from items on the federation's contracts").
    management: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship()


class Declaration(Versioned, Audited, Base):
    """An interest declared at a meeting, for an item or for the meeting as a whole."""

    __tablename__ = "declaration"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"),
                                                       nullable=True, index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    interest_id: Mapped[int | None] = mapped_column(ForeignKey("interest.id"), nullable=True)
    description: Mapped[str] = mapped_column(Text)
    # withdrew, took no part in the decision, participated
    action: Mapped[str] = mapped_column(String(40))
    chair_ruling: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    person: Mapped[Person] = relationship()
    interest: Mapped[Interest | None] = relationship()
