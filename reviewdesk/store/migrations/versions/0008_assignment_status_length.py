"""assignments.status holds "withdrawn_conflict" (18 characters): the column grows to 32.

SQLite never enforced the declared length, so no vault file held a wrong value; PostgreSQL
does, and refused a reviewer's conflict declaration. No row changes, so no digest does.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # a file would rebuild the table for nothing
        op.alter_column("assignments", "status", type_=sa.String(length=32),
                        existing_type=sa.String(length=16), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("assignments", "status", type_=sa.String(length=16),
                        existing_type=sa.String(length=32), existing_nullable=False)
