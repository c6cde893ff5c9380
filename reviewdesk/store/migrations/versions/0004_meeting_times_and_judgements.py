"""A meeting's start and end times; the finding's judgement on each legal element.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_ELEMENTS = ("negligence", "causation", "duty_to_explain", "damage")


def upgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("ends_at", sa.Time(), nullable=True))
    # Older findings keep NULL: their letters print no judgement rather than one guessed
    # from the outcome.
    with op.batch_alter_table("findings", schema=None) as batch_op:
        for element in _ELEMENTS:
            batch_op.add_column(sa.Column(f"{element}_judgement", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        for element in reversed(_ELEMENTS):
            batch_op.drop_column(f"{element}_judgement")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("ends_at")
        batch_op.drop_column("starts_at")
