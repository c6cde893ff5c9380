"""Letters record their PAdES level (B-B, B-T, B-LT, B-LTA) and when maintenance last renewed
them.

Both columns are nullable and left NULL for the letters already in the vault: a signed letter
without a level was issued at B-B (the only level before this revision), and readers say so
(letters/maintenance.py). Writing "B-B" into every existing row would change each letter's row
digest and make `reviewdesk check` report them all (store/digests.py leaves NULL columns out),
so no row is touched and no audit event is needed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pades_level", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("maintained_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("letters", schema=None) as batch_op:
        batch_op.drop_column("maintained_at")
        batch_op.drop_column("pades_level")
