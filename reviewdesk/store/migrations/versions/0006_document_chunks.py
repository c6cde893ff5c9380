"""Document bytes in chunks: `document_chunks` holds each original as ordered 1 MiB slices, so a
200 MB file is written and read a slice at a time; `documents.content` goes.

The bytes move one document at a time (never the whole vault's documents in memory). No audit
event is needed: a document row's digest carries its bytes as "sha256:<hex>" of the chunks
joined (store/digests.py), the same value the content column gave, so every digest the trail
recorded still holds.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHUNK_BYTES = 1024 * 1024  # a frozen copy of models.CHUNK_BYTES as of this revision
ROWS_PER_INSERT = 16


def upgrade() -> None:
    op.create_table(
        "document_chunks",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_chunks_document_id_documents")),
        sa.PrimaryKeyConstraint("document_id", "seq", name=op.f("pk_document_chunks")),
    )
    conn = op.get_bind()
    ids = conn.execute(sa.text("SELECT id FROM documents ORDER BY id")).scalars().all()
    insert = sa.text("INSERT INTO document_chunks(document_id, seq, data) VALUES (:d, :s, :b)")
    for doc_id in ids:
        content = conn.execute(sa.text("SELECT content FROM documents WHERE id = :id"),
                               {"id": doc_id}).scalar_one()
        view = memoryview(content or b"")
        rows: list[dict[str, object]] = []
        for seq, offset in enumerate(range(0, len(view), CHUNK_BYTES)):
            rows.append({"d": doc_id, "s": seq, "b": bytes(view[offset:offset + CHUNK_BYTES])})
            if len(rows) == ROWS_PER_INSERT:
                conn.execute(insert, rows)
                rows = []
        if rows:
            conn.execute(insert, rows)
        del view, content, rows
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_column("content")


def downgrade() -> None:
    """The bytes back into documents.content, a document at a time (each whole in memory once)."""
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content", sa.LargeBinary(), nullable=True))
    conn = op.get_bind()
    for doc_id in conn.execute(sa.text("SELECT id FROM documents ORDER BY id")).scalars().all():
        parts = conn.execute(sa.text("SELECT data FROM document_chunks WHERE document_id = :id "
                                     "ORDER BY seq"), {"id": doc_id}).scalars().all()
        conn.execute(sa.text("UPDATE documents SET content = :c WHERE id = :id"),
                     {"c": b"".join(parts), "id": doc_id})
    op.drop_table("document_chunks")
