"""Indexes for a busy reviewer's landing view and the dashboard at 100,000 cases.

- A reviewer's assignments in the landing view's order (both databases): a page walks them
  instead of sorting every one of a busy reviewer's 28,000.
- On PostgreSQL, each of the dashboard's counts answered from an index alone (an index-only
  scan), carrying the columns row-level security asks about (a case's id): cases by state,
  this year's intake by month, what payments drew from each contract's aggregate, and decision
  times; overdue assignments from an index on their status and due date. Each was a pass over
  the table's rows (the dashboard's SQL, 155 -> 110 ms on 100,000 cases).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SERVER_INDEXES = {
    "ix_cases_state_id": "cases (state, id)",
    "ix_cases_received_on": "cases (received_on, id)",
    "ix_cases_decided_on_received_on": "cases (decided_on, received_on, id)",
    "ix_assignments_overdue": "assignments (status, due_on, case_id, reviewer_id)",
    "ix_payments_contract_aggregate": "payments (contract_id, counts_to_aggregate, case_id)",
}


def upgrade() -> None:
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index("ix_assignments_reviewer_list", ["reviewer_id", "status", "due_on", "id"],
                              unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for name, columns in SERVER_INDEXES.items():
            op.execute(f"CREATE INDEX {name} ON {columns}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in SERVER_INDEXES:
            op.execute(f"DROP INDEX {name}")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_reviewer_list")
