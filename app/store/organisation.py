"""The organisation: one row, its name, logo and settings."""

from __future__ import annotations

from sqlalchemy import JSON, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Audited, Base, Versioned


class Organisation(Versioned, Audited, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_type: Mapped[str] = mapped_column(String(40), default="")
    # Organisation rules that differ between bodies (risk bands, escalation, quorum defaults).
    # Each feature reads its own key and falls back to the defaults in app.domain.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)


class BoardbookInfo(Base):
    """Marks a database as Boardbook's, so a foreign file is refused rather than migrated."""

    __tablename__ = "boardbook_info"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
