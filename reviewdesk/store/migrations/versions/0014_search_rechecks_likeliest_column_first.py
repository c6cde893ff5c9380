"""A server's search rechecks first the column a word is found in far more often than in the
others (`reviewdesk_search_order`, auth/server_security.py).

No table changes: the new revision makes seats refuse a server until its administrator has run
`reviewdesk server init`, which re-applies the server's rules and functions. A vault file has
nothing to do.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
