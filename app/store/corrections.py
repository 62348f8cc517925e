"""Corrections to sealed records: what changed in a meeting's record after its minutes were
approved, why, at whose request, and at which later meeting the body noted it.

A meeting's record is sealed once its minutes are approved (app.services.meetings.sealing);
from then on a change is a ``Correction``, kept beside the change itself so the record shows
"corrected on … because …" and the body's next meeting can note it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, UtcDateTime, Versioned
from app.store.meetings import Meeting


class Correction(Versioned, Audited, Base):
    __tablename__ = "correction"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The sealed meeting whose record was corrected (for a chair's action, the meeting that
    # ratified it).
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    record_type: Mapped[str] = mapped_column(String(60), index=True)  # the table's name
    record_id: Mapped[int] = mapped_column(Integer, index=True)
    fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [before, after]}
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))
    made_by: Mapped[str] = mapped_column(String(200))
    made_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    noted_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"),
                                                            nullable=True, index=True)

    meeting: Mapped[Meeting] = relationship(foreign_keys=[meeting_id])
    noted_at_meeting: Mapped[Meeting | None] = relationship(foreign_keys=[noted_at_meeting_id])
