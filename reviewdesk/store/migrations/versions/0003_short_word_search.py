"""A gram index for one- and two-character search words, filled from the existing text index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

from reviewdesk.store.migrations import index_tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copy of reviewdesk.cases.search.grams as of this revision: a migration must not
# change meaning when the application's code moves on.
_WORD_RUN = re.compile(r"\w+")


def _grams(text: str) -> str:
    out: list[str] = []
    for run in _WORD_RUN.findall(text):
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return " ".join(out)


def upgrade() -> None:
    index_tables.create(("base", "opinions"), ("case_grams",))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT rowid, base, opinions FROM case_search")).all()
    insert = sa.text("INSERT INTO case_grams(rowid, base, opinions) VALUES (:rowid, :base, :opinions)")
    for start in range(0, len(rows), 5000):
        conn.execute(insert, [{"rowid": r[0], "base": _grams(r[1]), "opinions": _grams(r[2])}
                              for r in rows[start:start + 5000]])


def downgrade() -> None:
    index_tables.drop(("case_grams",))
