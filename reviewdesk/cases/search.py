"""Full-text search over case summaries, opinions and document text.

Two FTS5 indexes, one row per case (rowid = cases.id): `case_search` with the trigram
tokenizer answers words of three characters or more, including Japanese substrings;
`case_grams` holds every character and character pair as a token, for the one- and
two-character words trigram cannot match (熱傷, 腫脹, 皮). Each has three columns, and what a
reader may search is a choice of them (`Scope`):

- `base`: the case's own text and its released documents as reviewers see them (the masked
  copy's text); everyone who sees the case may search it;
- `opinions`: the submitted opinions, which blind reviewers must not search;
- `originals`: the unmasked text of every document, for those who may read originals.
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.cases.access import lineage
from reviewdesk.cases.document_terms import RELEASED
from reviewdesk.cases.review_terms import OpinionStatus
from reviewdesk.store.models import Case, Document, Opinion

TRIGRAM = 3
COLUMNS = ("base", "opinions", "originals")


def normalise(text: str) -> str:
    """NFKC folds full-width and half-width forms together; case is folded too."""
    return unicodedata.normalize("NFKC", text).casefold()


def case_text(session: Session, case_id: int) -> tuple[str, str, str]:
    """(base, opinions, originals) as search sees them; the patient's name is left out of the
    case's own fields (documents may still carry it: only `originals` holds their unmasked text)."""
    case = session.get(Case, case_id)
    if case is None:
        return "", "", ""
    base = [case.case_no, case.summary, case.patient_demand or "", case.patient_alias]
    # An appeal's documents include its original's, carried over by reference.
    docs = session.execute(sa.select(Document.text, Document.masked_text, Document.masking)
                           .where(Document.case_id.in_(lineage(session, case_id)))
                           .order_by(Document.id)).all()
    base += [d.masked_text for d in docs if d.masking in RELEASED and d.masked_text]
    originals = [d.text for d in docs if d.text]
    opinions = session.scalars(
        sa.select(Opinion.negligence_rationale + "\n" + Opinion.causation_rationale + "\n"
                  + Opinion.duty_to_explain_rationale + "\n" + Opinion.damage_rationale + "\n"
                  + Opinion.comments)
        .where(Opinion.case_id == case_id, Opinion.status == OpinionStatus.SUBMITTED.value)
    ).all()
    return (normalise("\n".join(base)), normalise("\n".join(opinions)),
            normalise("\n".join(originals)))


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
    texts = dict(zip(COLUMNS, case_text(session, case_id), strict=True))
    for table in ("case_search", "case_grams"):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE rowid = :id"), {"id": case_id})
    insert = "(rowid, base, opinions, originals) VALUES (:id, :base, :opinions, :originals)"
    conn.execute(sa.text(f"INSERT INTO case_search{insert}"), {"id": case_id, **texts})
    conn.execute(sa.text(f"INSERT INTO case_grams{insert}"),
                 {"id": case_id, **{k: grams(v) for k, v in texts.items()}})


Scope = tuple[str, ...]
"""The index columns a reader may search, a subset of COLUMNS (queries.search_scope decides)."""


def _word_queries(query: str, scope: Scope) -> list[tuple[str, dict[str, str]]]:
    """One rowid subquery per word of the query (every word must occur)."""
    if not scope:
        return []
    prefix = "" if set(scope) == set(COLUMNS) else "{" + " ".join(scope) + "} : "
    out: list[tuple[str, dict[str, str]]] = []
    for n, word in enumerate(w for w in normalise(query).split() if w):
        if len(word) >= TRIGRAM:
            phrase = prefix + '"' + word.replace('"', '""') + '"'
            out.append((f"SELECT rowid FROM case_search WHERE case_search MATCH :w{n}", {f"w{n}": phrase}))
        elif _WORD_RUN.fullmatch(word):
            # Trigram cannot match one or two characters; the gram index holds them as tokens.
            out.append((f"SELECT rowid FROM case_grams WHERE case_grams MATCH :w{n}",
                        {f"w{n}": f'{prefix}"{word}"'}))
        else:
            # Short punctuation such as "A-": rare, so a scan of the indexed text is fine.
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            text = " || ' ' || ".join(scope)
            out.append((f"SELECT rowid FROM case_search WHERE {text} LIKE :w{n} ESCAPE '\\'",
                        {f"w{n}": like}))
    return out


def matching_ids_clause(query: str, *, scope: Scope, dense: bool = False) -> sa.ColumnElement[bool]:
    """A WHERE clause over Case for a search query: every word must occur (AND).

    dense=True hides the id from the planner's rowid lookups, so SQLite walks the ORDER BY
    index and probes the matches instead: far faster when thousands of cases match.
    """
    parts = _word_queries(query, scope)
    if not parts:
        return sa.true() if not normalise(query).split() else sa.false()
    sql = " INTERSECT ".join(q for q, _ in parts)
    params = {k: v for _, p in parts for k, v in p.items()}
    column = (Case.id + 0) if dense else Case.id
    return column.in_(sa.text(sql).bindparams(**params))


def count_matches(session: Session, query: str, *, scope: Scope) -> int:
    """How many cases match, from the indexes alone (cases are never deleted)."""
    parts = _word_queries(query, scope)
    if not parts:
        return 0
    sql = " INTERSECT ".join(q for q, _ in parts)
    params = {k: v for _, p in parts for k, v in p.items()}
    return int(session.execute(sa.text(f"SELECT count(*) FROM ({sql})"), params).scalar() or 0)
