"""Document masking: masked copies, the record of each masking act, notices to reviewers; the
patient's further identifiers; the search indexes split the original documents' text off.

Every document already in the vault starts as not yet masked: reviewers stop seeing it until the
secretariat masks it or marks it free of personal data. That is the point of the change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

from reviewdesk.store.migrations import index_tables

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Frozen copies of reviewdesk.cases.search.normalise and grams as of this revision.
_WORD_RUN = re.compile(r"\w+")


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _grams(text: str) -> str:
    out: list[str] = []
    for run in _WORD_RUN.findall(text):
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return " ".join(out)


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("patient_address", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("patient_phone", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("patient_insurance_no", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("clinic_patient_id", sa.String(length=40), nullable=True))
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("masking", sa.String(length=20), nullable=False,
                                      server_default="pending"))
        batch_op.add_column(sa.Column("masked_content", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("masked_mime_type", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("masked_text", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("masked_size", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("masked_sha256", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("masked_by", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("masked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("released_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_documents_masked_by_users"), "users",
                                    ["masked_by"], ["id"])
    op.create_table(
        "document_maskings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("boxes", sa.Text(), nullable=False),
        sa.Column("spans", sa.Text(), nullable=False),
        sa.Column("pages", sa.Text(), nullable=False),
        sa.Column("box_count", sa.Integer(), nullable=False),
        sa.Column("masked_by", sa.Integer(), nullable=True),
        sa.Column("masked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_maskings_document_id_documents")),
        sa.ForeignKeyConstraint(["masked_by"], ["users.id"],
                                name=op.f("fk_document_maskings_masked_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_maskings")),
    )
    with op.batch_alter_table("document_maskings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_maskings_document_id"), ["document_id"])
    op.create_table(
        "document_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_document_notices_document_id_documents")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_document_notices_case_id_cases")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_document_notices_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_notices")),
    )
    with op.batch_alter_table("document_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_notices_document_id"), ["document_id"])
        batch_op.create_index(batch_op.f("ix_document_notices_case_id"), ["case_id"])
        batch_op.create_index(batch_op.f("ix_document_notices_user_id"), ["user_id"])
    _split_search_indexes()


def _split_search_indexes() -> None:
    """`base` now holds what every reader of the case may search (the case's own text and its
    released documents' masked text); `originals` the unmasked documents' text, searched only by
    those who may read originals. No document is released yet, so base is the case text alone."""
    conn = op.get_bind()
    opinions = dict(conn.execute(sa.text("SELECT rowid, opinions FROM case_search")).all())
    cases = conn.execute(sa.text(
        "SELECT id, case_no, summary, patient_demand, patient_alias, appeal_of_id FROM cases")).all()
    appeal_of = {c.id: c.appeal_of_id for c in cases}
    texts: dict[int, list[str]] = {}
    for case_id, text in conn.execute(sa.text(
            "SELECT case_id, text FROM documents WHERE text IS NOT NULL ORDER BY id")):
        texts.setdefault(case_id, []).append(text)
    index_tables.rename("case_search", "case_search_old", ("base", "opinions"))
    index_tables.drop(("case_grams",))
    index_tables.create(("base", "opinions", "originals"))
    rows = []
    for c in cases:
        lineage, current = [], c.id
        while current is not None and current not in lineage:
            lineage.append(current)
            current = appeal_of.get(current)
        base = _normalise("\n".join([c.case_no, c.summary, c.patient_demand or "", c.patient_alias]))
        originals = _normalise("\n".join(t for case_id in lineage for t in texts.get(case_id, [])))
        rows.append({"id": c.id, "b": base, "o": opinions.get(c.id, ""), "r": originals})
    # Index rows of no case (none in a vault the application made) are carried over as they were.
    rows += [{"id": rowid, "b": base, "o": opinions_text, "r": ""} for rowid, base, opinions_text in
             conn.execute(sa.text("SELECT rowid, base, opinions FROM case_search_old")).all()
             if rowid not in appeal_of]
    op.execute("DROP TABLE case_search_old")
    for start in range(0, len(rows), 5000):
        chunk = rows[start:start + 5000]
        conn.execute(sa.text("INSERT INTO case_search(rowid, base, opinions, originals) "
                             "VALUES (:id, :b, :o, :r)"), chunk)
        conn.execute(sa.text("INSERT INTO case_grams(rowid, base, opinions, originals) "
                             "VALUES (:id, :b, :o, :r)"),
                     [{"id": r["id"], "b": _grams(r["b"]), "o": _grams(r["o"]), "r": _grams(r["r"])}
                      for r in chunk])


def downgrade() -> None:
    """Back to one index over every document's text (what 0004 searched) and documents without
    masking; the masked copies and their record are dropped (the originals are untouched)."""
    conn = op.get_bind()
    indexed = {r.rowid: r for r in conn.execute(sa.text(
        "SELECT rowid, base, opinions, originals FROM case_search")).all()}
    cases = conn.execute(sa.text(
        "SELECT id, case_no, summary, patient_demand, patient_alias FROM cases")).all()
    index_tables.drop()
    index_tables.create(("base", "opinions"))
    old = []
    for c in cases:  # 0004's base: the case's own text, then every document's text
        row = indexed.get(c.id)
        own = _normalise("\n".join([c.case_no, c.summary, c.patient_demand or "", c.patient_alias]))
        documents = row.originals if row is not None and row.originals else ""
        old.append({"id": c.id, "b": "\n".join(t for t in (own, documents) if t),
                    "o": row.opinions if row is not None else ""})
    for start in range(0, len(old), 5000):
        chunk = old[start:start + 5000]
        conn.execute(sa.text("INSERT INTO case_search(rowid, base, opinions) VALUES (:id, :b, :o)"), chunk)
        conn.execute(sa.text("INSERT INTO case_grams(rowid, base, opinions) VALUES (:id, :b, :o)"),
                     [{"id": r["id"], "b": _grams(r["b"]), "o": _grams(r["o"])} for r in chunk])
    op.drop_table("document_notices")
    op.drop_table("document_maskings")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_documents_masked_by_users"), type_="foreignkey")
        for column in ("released_at", "masked_at", "masked_by", "masked_sha256", "masked_size",
                       "masked_text", "masked_mime_type", "masked_content", "masking"):
            batch_op.drop_column(column)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        for column in ("clinic_patient_id", "patient_insurance_no", "patient_phone", "patient_address"):
            batch_op.drop_column(column)
