"""Alembic environment: runs on the connection the vault hands over, in batch mode for SQLite."""

from __future__ import annotations

from alembic import context

from reviewdesk.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
