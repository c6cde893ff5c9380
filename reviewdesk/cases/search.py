"""Full-text search over case summaries, opinions and document text (FTS5 trigram + short path)."""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.store.models import Case, Document, Opinion

TRIGRAM = 3


def normalise(text: str) -> str:
    """NFKC folds full-width and half-width forms together; case is folded too."""
    return unicodedata.normalize("NFKC", text).casefold()


def case_text(session: Session, case_id: int) -> str:
    """What search sees of a case; the patient's name is left out (reviewers search too)."""
    case = session.get(Case, case_id)
    if case is None:
        return ""
    parts = [case.case_no, case.summary, case.patient_demand or "", case.patient_alias]
    parts += session.scalars(
        sa.select(Opinion.negligence_rationale + "\n" + Opinion.causation_rationale + "\n"
                  + Opinion.duty_to_explain_rationale + "\n" + Opinion.damage_rationale + "\n"
                  + Opinion.comments)
        .where(Opinion.case_id == case_id, Opinion.status == "submitted")
    ).all()
    parts += [t for t in session.scalars(
        sa.select(Document.text).where(Document.case_id == case_id)) if t]
    return normalise("\n".join(parts))


def index_case(session: Session, case_id: int) -> None:
    """Rewrites the case's row of the index in the caller's transaction."""
    conn = session.connection()
    conn.execute(sa.text("DELETE FROM case_search WHERE rowid = :id"), {"id": case_id})
    conn.execute(sa.text("INSERT INTO case_search(rowid, body) VALUES (:id, :body)"),
                 {"id": case_id, "body": case_text(session, case_id)})


def matching_ids_clause(query: str) -> sa.ColumnElement[bool]:
    """A WHERE clause over Case for a search query: every word must occur (AND)."""
    words = [w for w in normalise(query).split() if w]
    clauses: list[sa.ColumnElement[bool]] = []
    for word in words:
        if len(word) >= TRIGRAM:
            phrase = '"' + word.replace('"', '""') + '"'
            sub = sa.text(f"SELECT rowid FROM case_search WHERE case_search MATCH :q{len(clauses)}")
            clauses.append(Case.id.in_(sub.bindparams(**{f"q{len(clauses)}": phrase})))
        else:
            # Trigram cannot match one or two characters: scan the index text instead.
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            sub = sa.text(
                f"SELECT rowid FROM case_search WHERE body LIKE :l{len(clauses)} ESCAPE '\\'"
            )
            clauses.append(Case.id.in_(sub.bindparams(**{f"l{len(clauses)}": like})))
    return sa.and_(*clauses) if clauses else sa.true()
