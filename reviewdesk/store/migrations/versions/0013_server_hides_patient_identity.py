"""The server hides the patient's identity and the trail's details from seats that may not read
them (auth/server_security.py), and computes the digests of the rows a seat writes.

No table changes: the new revision makes seats refuse a server until its administrator has run
`reviewdesk server init`, which re-applies the server's rules (column privileges on the
patient's identity, the original file names and the audit details; `reviewdesk_case_events`;
the `reviewdesk_digests_<table>` functions; `reviewdesk_search` told whose cases a reviewer's
search keeps to, so it stops past the list's limit for reviewers too). A vault file has
nothing to do.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
