"""Indexes a busy server showed were missing.

- A meeting's findings by agenda item (both databases): the agenda read each item's finding
  with a scan of every finding.
- The case list's order on PostgreSQL: an index per sortable column in the order the list asks
  for (`col DESC NULLS LAST, id DESC`; walked backwards it is `col ASC NULLS FIRST, id ASC`).
  SQLite sorts NULLs as the smallest value and walks its plain indexes either way; PostgreSQL
  sorts them as the largest, so queries.py spells the SQLite order out on a server, and no plain
  index matches it: the first page of 100,000 cases was a full sort.
- Assignments by case and reviewer on PostgreSQL, covering what row-level security asks of each
  case a reviewer reads (auth/server_security.py): with it the planner probes the index for a
  page of cases instead of hashing all of a busy reviewer's assignments first.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# queries._INDEXED_SORTS: the columns a page of the list is read along.
COLUMNS = ("case_no", "state", "procedure", "outcome", "claim_date")


def upgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_agenda_item_id"), ["agenda_item_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for column in COLUMNS:
            op.execute(f"CREATE INDEX ix_cases_list_{column} ON cases ({column} DESC NULLS LAST, id DESC)")
        op.execute("CREATE INDEX ix_assignments_case_reviewer ON assignments (case_id, reviewer_id, status)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_assignments_case_reviewer")
        for column in COLUMNS:
            op.execute(f"DROP INDEX ix_cases_list_{column}")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_findings_agenda_item_id"))
