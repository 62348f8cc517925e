"""What the code knows of the schema's history, without importing Alembic.

Opening a database compares its revision with these, so the common case (already at head)
costs one query and no Alembic import. tests/store/test_migrations.py keeps them equal to the
revisions under db/migrations/versions.
"""

# Oldest first; the last one is the head. Add each new revision here.
KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_foundation",
    "0002_risks",
    "0003_meetings",
    "0004_decisions",
    "0005_packs",
    "0006_scoring",
    "0007_corrections",
)
HEAD = KNOWN_REVISIONS[-1]
APPLICATION = "Boardbook"
