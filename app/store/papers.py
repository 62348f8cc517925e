"""Papers with their cover sheets, and the files attached to them.

Files are stored once, content-addressed by SHA-256 (``Blob``), so the same PDF attached to two
papers, or re-attached unchanged, takes no more room. An ``Attachment`` names a file on a paper;
replacing it adds a new version and marks the old one superseded, so the record keeps the exact
version the body considered.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, UtcDateTime, Versioned
from app.store.meetings import AgendaItem


class Paper(Versioned, Audited, Base):
    """A paper on an agenda item, with the fields of its cover sheet
    (app.domain.papers.COVER_SHEET_FIELDS)."""

    __tablename__ = "paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(20), default="")
    report_author: Mapped[str] = mapped_column(String(300), default="")
    lead_director: Mapped[str] = mapped_column(String(300), default="")
    contact_details: Mapped[str] = mapped_column(Text, default="")
    executive_summary: Mapped[str] = mapped_column(Text, default="")
    key_sections: Mapped[str] = mapped_column(Text, default="")
    recommendations: Mapped[str] = mapped_column(Text, default="")
    previous_committees: Mapped[str] = mapped_column(Text, default="")
    financial_implications: Mapped[str] = mapped_column(Text, default="")
    # The sheet names the other bodies ("the Sutton and Merton Board or Joint PCT Boards").
    other_bodies: Mapped[str] = mapped_column(String(300), default="")
    other_bodies_implications: Mapped[str] = mapped_column(Text, default="")
    other_implications: Mapped[str] = mapped_column(Text, default="")
    equality_analysis: Mapped[str] = mapped_column(Text, default="")
    information_privacy: Mapped[str] = mapped_column(Text, default="")
    communication_plan: Mapped[str] = mapped_column(Text, default="")
    # The author's document version ("Working Draft v1.0"), not the row's version counter.
    paper_version: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(10), default="draft")  # draft, final
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    received_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    agenda_item: Mapped[AgendaItem] = relationship()


class Blob(Base):
    """The bytes of a file, stored once under their SHA-256. Never changed once written."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Versioned, Audited, Base):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    version_number: Mapped[int] = mapped_column(Integer, default=1)
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # Set when a newer version replaces this one; the old version stays in the history.
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"),
                                                       nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")

    blob: Mapped[Blob] = relationship()
    paper: Mapped[Paper] = relationship()

    @property
    def superseded(self) -> bool:
        return self.replaced_by_id is not None


class PaperRisk(Audited, Base):
    """A risk on the register or the board assurance framework that a paper bears on.
    Written once and removed, never edited, so it carries no version counter."""

    __tablename__ = "paper_risk"

    paper_id: Mapped[int] = mapped_column(ForeignKey("paper.id"), primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id"), primary_key=True, index=True)
