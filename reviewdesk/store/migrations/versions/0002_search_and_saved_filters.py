"""Full-text search over cases (FTS5 trigram), saved case-list filters, reopening closed cases.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from reviewdesk.store.migrations import index_tables

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("criteria_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_saved_filters_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_filters")),
    )
    with op.batch_alter_table("saved_filters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_saved_filters_user_id"), ["user_id"], unique=False)
    # One row per case (rowid = cases.id), NFKC-normalised by reviewdesk.cases.search: `base`
    # holds the case's own text and documents, `opinions` the submitted opinions, which blind
    # reviewers must not search. Trigram finds Japanese substrings of three characters or more.
    index_tables.create(("base", "opinions"), ("case_search",))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state_before_close", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("state_before_close")
    index_tables.drop(("case_search",))
    with op.batch_alter_table("saved_filters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_filters_user_id"))
    op.drop_table("saved_filters")
