"""Several seats at once: an opinion draft (the same reviewer at home and at the clinic) counts
its saves in `opinions.revision` (optimistic locking), and a meeting records the agenda item the
chair is presenting (`meetings.current_item_id`), which every member's presentation follows.

Both columns are NULL for every existing row: a NULL column is left out of a row's digest
(store/digests.py), so no digest the audit trail recorded changes and no event is due.

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
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("current_item_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("current_item_id")
    with op.batch_alter_table("opinions", schema=None) as batch_op:
        batch_op.drop_column("revision")
