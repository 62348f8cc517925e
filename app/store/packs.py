"""Issued board packs: which pack went to whom, when, and exactly what it held.

Every issue of a pack (full for members, public for the website) is kept with its version
number per meeting and kind, who issued it, the audit chain head printed on its front page and
the SHA-256 of the file. The PDF itself is kept, content-addressed, in the ``blob`` table the
papers' files use, so the audit committee can see exactly what the body was sent and anyone
can check that a file in hand is the one issued.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.store.base import Audited, Base, UtcDateTime
from app.store.meetings import Meeting
from app.store.papers import Blob


class IssuedPack(Audited, Base):
    """One issue of a board pack. Written once, never changed."""

    __tablename__ = "issued_pack"
    __table_args__ = (UniqueConstraint("meeting_id", "kind", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # full, public
    number: Mapped[int] = mapped_column(Integer)  # 1, then 2 for a supplement or reissue
    issued_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    issued_by: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    page_count: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300))
    audit_head: Mapped[str] = mapped_column(String(64))

    meeting: Mapped[Meeting] = relationship()
    blob: Mapped[Blob] = relationship()
