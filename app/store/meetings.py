"""Meetings, their agendas, the committees' agenda templates, attendance and minutes.

Papers and their files are in app.store.papers, interests and declarations in
app.store.interests, the action log in app.store.actions.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, UtcDateTime, Versioned
from app.store.people import Committee, Person


class Meeting(Versioned, Audited, Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    ends_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The day as the board knows it (Europe/London), kept for listing by date without
    # time-zone arithmetic in SQL; services keep it in step with starts_at.
    meeting_date: Mapped[dt.date] = mapped_column(Date, index=True)
    venue: Mapped[str] = mapped_column(String(300), default="")
    video_link: Mapped[str] = mapped_column(String(500), default="")
    # planned, agenda issued, held, minutes approved (app.domain.meetings.MEETING_STATUSES)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    # The resolution to exclude the public from Part 2 states its reason.
    part2_reason: Mapped[str] = mapped_column(Text, default="")
    # None: papers are due PAPERS_DUE_DAYS before the meeting.
    papers_due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    minutes_approved_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id"), nullable=True)
    minutes_corrections: Mapped[str] = mapped_column(Text, default="")

    committee: Mapped[Committee] = relationship()
    minutes_approved_at: Mapped[Meeting | None] = relationship(remote_side=[id])


class AgendaItem(Versioned, Audited, Base):
    """One line of the agenda. Numbers (6, 6.1 …) are derived from part, position and level."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order within the meeting, from 1
    level: Mapped[int] = mapped_column(Integer, default=0)  # 0 section/item, 1 sub-item
    part: Mapped[int] = mapped_column(Integer, default=1)  # 1 public, 2 public excluded
    title: Mapped[str] = mapped_column(String(300))
    # approval, decision, ratification, assurance, discussion, information, noting, or ""
    purpose: Mapped[str] = mapped_column(String(20), default="")
    presenter_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    minutes_allocated: Mapped[int] = mapped_column(Integer, default=0)
    standing: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship()
    presenter: Mapped[Person | None] = relationship()


class AgendaTemplate(Versioned, Audited, Base):
    """A body's usual agenda: the standing items its meetings open with."""

    __tablename__ = "agenda_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="Standing items")

    items: Mapped[list[TemplateItem]] = relationship(
        order_by="TemplateItem.position", cascade="all, delete-orphan")


class TemplateItem(Versioned, Audited, Base):
    __tablename__ = "template_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("agenda_template.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer, default=0)
    part: Mapped[int] = mapped_column(Integer, default=1)
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(20), default="")
    minutes_allocated: Mapped[int] = mapped_column(Integer, default=0)


class Attendance(Versioned, Audited, Base):
    """Who was there. Arrival and departure are recorded against items, as minutes do
    ("joined the meeting at item 6.3"), so quorum can be worked out item by item."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    # present, apologies, absent, in attendance (app.domain.meetings.ATTENDANCE_STATUSES)
    status: Mapped[str] = mapped_column(String(20))
    arrived_at_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id"), nullable=True)
    left_after_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id"), nullable=True)
    notes: Mapped[str] = mapped_column(String(300), default="")

    person: Mapped[Person] = relationship()


class MinuteEntry(Versioned, Audited, Base):
    """The minute of one agenda item: the discussion in brief and what was resolved."""

    __tablename__ = "minute_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), unique=True)
    discussion: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")

    agenda_item: Mapped[AgendaItem] = relationship()
