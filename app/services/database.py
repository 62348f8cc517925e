"""What is in an open database at a glance: whose it is and how long its audit trail is."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.services import audit, organisation


@dataclass(frozen=True)
class DatabaseSummary:
    organisation: str | None  # None until the organisation is set up
    audit_events: int
    chain_head: str


def get_database_summary(session: Session) -> DatabaseSummary:
    name = (organisation.get_organisation(session).name if organisation.is_set_up(session)
            else None)
    return DatabaseSummary(name, audit.event_count(session), audit.chain_head(session))
