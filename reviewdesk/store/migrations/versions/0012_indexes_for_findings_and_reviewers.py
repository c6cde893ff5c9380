"""Indexes for the dashboard's findings and a reviewer's cases.

- On PostgreSQL, findings by meeting and outcome: the dashboard counts this year's findings by
  outcome and month from it alone, carrying the case id that row-level security asks about
  (21 -> 8 ms on 64,000 findings, where each meeting's findings lay on a thousand pages).
- On both databases, a reviewer's cases from its assignments (reviewer, status, case): every
  read of a reviewer filters by that set, and without the case id in an index SQLite looked up
  each of a busy reviewer's 28,133 assignment rows for it (43 -> 2 ms), up to three times a
  search.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index("ix_assignments_reviewer_cases", ["reviewer_id", "status", "case_id"],
                              unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_findings_meeting_outcome ON findings (meeting_id, outcome, case_id)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_findings_meeting_outcome")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_reviewer_cases")
