"""Every aggregate's tables, imported once so the metadata is complete.

Alembic, the JSON exchange and the schema tests read ``metadata`` from here; add each new
aggregate module to the import list.
"""

from app.store import (  # noqa: F401
    actions,
    audit,
    corrections,
    decisions,
    interests,
    meetings,
    organisation,
    packs,
    papers,
    people,
    risks,
    scoring,
)
from app.store.base import Base

metadata = Base.metadata
