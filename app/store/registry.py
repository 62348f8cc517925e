"""Every aggregate's tables, imported once so the metadata is complete.

Alembic, the JSON exchange and the schema tests read ``metadata`` from here; add each new
aggregate module to the import list.
"""

from app.store import actions, audit, interests, meetings, organisation, papers, people, risks  # noqa: F401
from app.store.base import Base

metadata = Base.metadata
