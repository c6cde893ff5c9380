"""Optimistic locking for what two seats can edit at once: an opinion draft (the same reviewer
at home and at the clinic) counts its saves in `opinions.revision`.

The column is NULL for every existing row (read as 0): a NULL column is left out of a row's
digest (store/digests.py), so no digest the audit trail recorded changes and no event is due.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("opinions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("opinions", schema=None) as batch_op:
        batch_op.drop_column("revision")
