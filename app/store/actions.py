"""The action log: actions raised at meetings and the updates reported on them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, Versioned
from app.store.meetings import AgendaItem, Meeting
from app.store.people import Person


class ActionItem(Versioned, Audited, Base):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"),
                                                       nullable=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True,
                                                 index=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open, in progress, closed
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    owner: Mapped[Person | None] = relationship()
    updates: Mapped[list[ActionUpdate]] = relationship(
        order_by="(ActionUpdate.on, ActionUpdate.id)", back_populates="action")


class ActionUpdate(Versioned, Audited, Base):
    """Progress reported on an action, at a meeting or between meetings."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action_item.id"), index=True)
    on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)

    action: Mapped[ActionItem] = relationship(back_populates="updates")
