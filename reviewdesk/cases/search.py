"""Full-text search over case summaries, opinions and document text.

Two FTS5 indexes, one row per case (rowid = cases.id): `case_search` with the trigram
tokenizer answers words of three characters or more, including Japanese substrings;
`case_grams` holds every character and character pair as a token, for the one- and
two-character words trigram cannot match (熱傷, 腫脹, 皮). Each has two columns: `base`, the
case's own text and documents, and `opinions`, the submitted opinions. Reviewers search
`base` only: blind review means a search must not reveal what another reviewer wrote.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.cases.access import lineage
from reviewdesk.cases.review_terms import OpinionStatus
from reviewdesk.store.models import Case, Document, Opinion

TRIGRAM = 3


def normalise(text: str) -> str:
    """NFKC folds full-width and half-width forms together; case is folded too."""
    return unicodedata.normalize("NFKC", text).casefold()


def case_text(session: Session, case_id: int) -> tuple[str, str]:
    """(base, opinions) as search sees them; the patient's name is left out of both."""
    case = session.get(Case, case_id)
    if case is None:
        return "", ""
    base = [case.case_no, case.summary, case.patient_demand or "", case.patient_alias]
    # An appeal's documents include its original's, carried over by reference (pickers).
    base += [t for t in session.scalars(
        sa.select(Document.text).where(Document.case_id.in_(lineage(session, case_id)))) if t]
    opinions = session.scalars(
        sa.select(Opinion.negligence_rationale + "\n" + Opinion.causation_rationale + "\n"
                  + Opinion.duty_to_explain_rationale + "\n" + Opinion.damage_rationale + "\n"
                  + Opinion.comments)
        .where(Opinion.case_id == case_id, Opinion.status == OpinionStatus.SUBMITTED.value)
    ).all()
    return normalise("\n".join(base)), normalise("\n".join(opinions))


_WORD_RUN = re.compile(r"\w+")


def grams(text: str) -> str:
    """The characters and character pairs of each word run, space-separated, for case_grams."""
    out: list[str] = []
    for run in _WORD_RUN.findall(text):
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return " ".join(out)


def index_case(session: Session, case_id: int) -> None:
    """Rewrites the case's rows of both indexes in the caller's transaction."""
    conn = session.connection()
    base, opinions = case_text(session, case_id)
    for table in ("case_search", "case_grams"):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE rowid = :id"), {"id": case_id})
    conn.execute(sa.text("INSERT INTO case_search(rowid, base, opinions) VALUES (:id, :b, :o)"),
                 {"id": case_id, "b": base, "o": opinions})
    conn.execute(sa.text("INSERT INTO case_grams(rowid, base, opinions) VALUES (:id, :b, :o)"),
                 {"id": case_id, "b": grams(base), "o": grams(opinions)})


def _word_queries(query: str, base_only: bool) -> list[tuple[str, dict[str, str]]]:
    """One rowid subquery per word of the query (every word must occur)."""
    scope = "{base} : " if base_only else ""
    out: list[tuple[str, dict[str, str]]] = []
    for n, word in enumerate(w for w in normalise(query).split() if w):
        if len(word) >= TRIGRAM:
            phrase = scope + '"' + word.replace('"', '""') + '"'
            out.append((f"SELECT rowid FROM case_search WHERE case_search MATCH :w{n}", {f"w{n}": phrase}))
        elif _WORD_RUN.fullmatch(word):
            # Trigram cannot match one or two characters; the gram index holds them as tokens.
            out.append((f"SELECT rowid FROM case_grams WHERE case_grams MATCH :w{n}",
                        {f"w{n}": f'{scope}"{word}"'}))
        else:
            # Short punctuation such as "A-": rare, so a scan of the indexed text is fine.
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            text = "base" if base_only else "base || ' ' || opinions"
            out.append((f"SELECT rowid FROM case_search WHERE {text} LIKE :w{n} ESCAPE '\\'",
                        {f"w{n}": like}))
    return out


def matching_ids_clause(query: str, *, base_only: bool, dense: bool = False) -> sa.ColumnElement[bool]:
    """A WHERE clause over Case for a search query: every word must occur (AND).

    dense=True hides the id from the planner's rowid lookups, so SQLite walks the ORDER BY
    index and probes the matches instead: far faster when thousands of cases match.
    """
    parts = _word_queries(query, base_only)
    if not parts:
        return sa.true()
    sql = " INTERSECT ".join(q for q, _ in parts)
    params = {k: v for _, p in parts for k, v in p.items()}
    column = (Case.id + 0) if dense else Case.id
    return column.in_(sa.text(sql).bindparams(**params))


def count_matches(session: Session, query: str, *, base_only: bool) -> int:
    """How many cases match, from the indexes alone (cases are never deleted)."""
    parts = _word_queries(query, base_only)
    if not parts:
        return 0
    sql = " INTERSECT ".join(q for q, _ in parts)
    params = {k: v for _, p in parts for k, v in p.items()}
    return int(session.execute(sa.text(f"SELECT count(*) FROM ({sql})"), params).scalar() or 0)
