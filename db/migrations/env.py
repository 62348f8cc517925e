"""Alembic environment: always run from code with a connection handed in (app.store.migrate)."""

from alembic import context

from app.store.registry import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("Run migrations through Boardbook (it opens and upgrades databases itself).")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
