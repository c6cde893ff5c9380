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
import threading
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from reviewdesk.cases.access import lineage
from reviewdesk.cases.document_terms import RELEASED
from reviewdesk.cases.review_terms import OpinionStatus
from reviewdesk.store.models import Case, Document, Opinion
from reviewdesk.store.vault import Vault

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
    return normalise("\n".join(base)), opinions_text(session, case_id), normalise("\n".join(originals))


def opinions_text(session: Session, case_id: int) -> str:
    opinions = session.scalars(
        sa.select(Opinion.negligence_rationale + "\n" + Opinion.causation_rationale + "\n"
                  + Opinion.duty_to_explain_rationale + "\n" + Opinion.damage_rationale + "\n"
                  + Opinion.comments)
        .where(Opinion.case_id == case_id, Opinion.status == OpinionStatus.SUBMITTED.value)
    ).all()
    return normalise("\n".join(opinions))


_WORD_RUN = re.compile(r"\w+")


def grams(text: str) -> str:
    """The distinct characters and character pairs of the word runs, space-separated, for case_grams."""
    out: list[str] = []
    for run in _WORD_RUN.findall(text):
        out.extend(run)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return " ".join(dict.fromkeys(out))  # a gram once: the indexes ask only whether it occurs


def index_case(session: Session, case_id: int) -> None:
    """Rewrites the case's rows of both indexes in the caller's transaction."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        _index_on_server(session, case_id)
        return
    texts = dict(zip(COLUMNS, case_text(session, case_id), strict=True))
    for table in ("case_search", "case_grams"):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE rowid = :id"), {"id": case_id})
    insert = "(rowid, base, opinions, originals) VALUES (:id, :base, :opinions, :originals)"
    conn.execute(sa.text(f"INSERT INTO case_search{insert}"), {"id": case_id, **texts})
    conn.execute(sa.text(f"INSERT INTO case_grams{insert}"),
                 {"id": case_id, **{k: grams(v) for k, v in texts.items()}})


def _index_on_server(session: Session, case_id: int) -> None:
    """Upserts the case's index rows. A login that may not read originals (a reviewer
    submitting an opinion: the only index change such a login makes) sees neither the original
    documents nor every case of an appeal's lineage, so it rewrites the opinions column alone."""
    conn = session.connection()
    if conn.execute(sa.text("SELECT has_column_privilege('documents', 'text', 'SELECT')")).scalar():
        texts = dict(zip(COLUMNS, case_text(session, case_id), strict=True))
    else:
        texts = {"opinions": opinions_text(session, case_id)}
    # UPDATE, then INSERT if there was no row: an upsert (ON CONFLICT DO UPDATE) needs SELECT
    # on every column, and a reviewer may not read the opinions column it writes.
    updates = ", ".join(f"{c} = :{c}" for c in texts)
    columns = ", ".join(texts)
    values = ", ".join(f":{c}" for c in texts)
    for table, row in (("case_search", texts), ("case_grams", {k: grams(v) for k, v in texts.items()})):
        updated = conn.execute(sa.text(f"UPDATE {table} SET {updates} WHERE rowid = :id"),
                               {"id": case_id, **row})
        if not updated.rowcount:
            conn.execute(sa.text(f"INSERT INTO {table} (rowid, {columns}) VALUES (:id, {values})"),
                         {"id": case_id, **row})


Scope = tuple[str, ...]
"""The index columns a reader may search, a subset of COLUMNS (queries.search_scope decides)."""


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _word_queries(query: str, scope: Scope, dialect: str, max_rows: int | None = None,
                  reader: int | None = None) -> list[tuple[str, dict[str, Any]]]:
    """One rowid subquery per word of the query (every word must occur), in the SQL of the
    database holding the indexes (store/migrations/index_tables.py). PostgreSQL: max_rows (a
    query of one word), the subquery stops after that many; reader, whose cases (a reviewer)."""
    if not scope:
        return []
    out: list[tuple[str, dict[str, Any]]] = []
    words = [w for w in normalise(query).split() if w]
    for n, word in enumerate(words):
        key = f"w{n}"
        if dialect == "postgresql":
            out.append(_server_word_query(word, key, scope, max_rows if len(words) == 1 else None, reader))
        elif len(word) >= TRIGRAM:
            prefix = "" if set(scope) == set(COLUMNS) else "{" + " ".join(scope) + "} : "
            phrase = prefix + '"' + word.replace('"', '""') + '"'
            out.append((f"SELECT rowid FROM case_search WHERE case_search MATCH :{key}", {key: phrase}))
        elif _WORD_RUN.fullmatch(word):
            # Trigram cannot match one or two characters; the gram index holds them as tokens.
            prefix = "" if set(scope) == set(COLUMNS) else "{" + " ".join(scope) + "} : "
            out.append((f"SELECT rowid FROM case_grams WHERE case_grams MATCH :{key}",
                        {key: f'{prefix}"{word}"'}))
        else:
            # Short punctuation such as "A-": rare, so a scan of the indexed text is fine.
            text = " || ' ' || ".join(scope)
            out.append((f"SELECT rowid FROM case_search WHERE {text} LIKE :{key} ESCAPE '\\'",
                        {key: _like(word)}))
    return out


def _server_word_query(word: str, key: str, scope: Scope, max_rows: int | None,
                       reader: int | None) -> tuple[str, dict[str, Any]]:
    """On PostgreSQL the indexes are read through reviewdesk_search (auth/server_security.py),
    which keeps the GIN indexes usable under row-level security and applies the same rules.
    pg_trgm answers LIKE '%word%' for three characters or more (and scans for short
    punctuation); one or two characters of a word run are found in the grams' arrays."""
    columns = "ARRAY[" + ", ".join(f"'{c}'" for c in scope if c in COLUMNS) + "]"
    if len(word) >= TRIGRAM or not _WORD_RUN.fullmatch(word):
        table, value = "case_search", _like(word)
    else:
        table, value = "case_grams", word
    args, params = f"'{table}', CAST(:{key} AS text), {columns}", {key: value}
    for name, value in (("max_rows", max_rows), ("reader", reader)):
        if value is not None:
            args = f"{args}, {name} => CAST(:{key}_{name} AS integer)"
            params = {**params, f"{key}_{name}": value}
    return f"SELECT m.rowid FROM reviewdesk_search({args}) AS m(rowid)", params


class _MatchingIds(sa.sql.expression.ColumnElement[bool]):
    """`column IN (the ids of the cases matching every word)`, compiled for the database at hand."""

    type = sa.Boolean()
    inherit_cache = False

    def __init__(self, query: str, scope: Scope, dense: bool, within: sa.Select[tuple[int]] | None,
                 known: Sequence[int] | None) -> None:
        self.query, self.scope, self.dense, self.within, self.known = query, scope, dense, within, known


@compiles(_MatchingIds)
def _compile_matching_ids(element: _MatchingIds, compiler: Any, **kw: Any) -> str:
    column = compiler.process(Case.__table__.c.id, **kw)
    if element.known is not None:
        # One array. dense: a walk along the ORDER BY index probes it as a hashed set
        # ("IS TRUE" keeps the planner from looking the ids up instead: for 4,792 ids it did,
        # 23-32 ms a page against 3.4); otherwise a handful are looked up one by one.
        # The ids are written into the statement as one array constant: psycopg would dump a
        # list parameter element by element in Python (~7 ms for 5,324 ids), and a text
        # parameter cast in SQL is not a constant the planner can see (a page took 0.7-0.9 s).
        known = "'{" + ",".join(str(int(i)) for i in element.known) + "}'::integer[]"
        probe = f"{column} = ANY({known})"
        return f"({probe}) IS TRUE" if element.dense else probe
    if element.dense and compiler.dialect.name == "postgresql":
        return _compile_per_row(element, column, compiler, **kw)
    parts = _word_queries(element.query, element.scope, compiler.dialect.name)
    sql = " INTERSECT ".join(q for q, _ in parts)
    params = {k: v for _, p in parts for k, v in p.items()}
    subquery = compiler.process(sa.text(sql).bindparams(**params), **kw)
    if not element.dense:
        if element.within is not None:
            # The reader's few cases and the matches, intersected first: the cases looked up
            # are those of the page's candidates, not all of the reader's or all the matches.
            subquery = f"{compiler.process(element.within, **kw)} INTERSECT {subquery}"
        return f"{column} IN ({subquery})"
    # "+ 0" hides the id from SQLite's rowid lookups, so it walks the ORDER BY index instead.
    return f"({column} + 0) IN ({subquery})"


def _compile_per_row(element: _MatchingIds, column: str, compiler: Any, **kw: Any) -> str:
    """PostgreSQL: each case's index row is read and its text tested as a walk along the ORDER
    BY index reaches it. A scalar subquery, which PostgreSQL can neither join nor hash, so a
    page of a word found in most cases reads a few hundred rows (~3 ms on 100,000 cases), never
    every match. LIKE on the text finds what the grams' index finds for one or two characters
    of a word run: the grams are taken from that text."""
    words, params = [], {}
    for n, word in enumerate(w for w in normalise(element.query).split() if w):
        key = f"r{n}"
        params[key] = _like(word)
        words.append("(" + " OR ".join(f"s.{c} LIKE :{key}" for c in element.scope if c in COLUMNS) + ")")
    sql = f"COALESCE((SELECT {' AND '.join(words)} FROM case_search s WHERE s.rowid = {column}), false)"
    return str(compiler.process(sa.text(sql).bindparams(**params), **kw))


def matching_ids_clause(query: str, *, scope: Scope, dense: bool = False,
                        within: sa.Select[tuple[int]] | None = None,
                        known: Sequence[int] | None = None) -> sa.ColumnElement[bool]:
    """A WHERE clause over Case for a search query: every word must occur (AND).

    dense=True reads a page along the ORDER BY index, testing each case it reaches, instead of
    looking each match up and sorting them all: far faster when thousands of cases match,
    slower when a handful do. SQLite probes the matches FTS5 found; PostgreSQL reads each
    case's index row (server_matches sends no ids back above COUNT_LIMIT). `within`: the ids
    of the cases the reader sees when that is not all (access.assigned_case_ids); the lookups
    then start from those that match. `known`: the matches already found (server_matches), on
    PostgreSQL.
    """
    if not scope or not normalise(query).split():
        return sa.true() if not normalise(query).split() else sa.false()
    return _MatchingIds(query, scope, dense, within, known)


def count_matches(session: Session, query: str, *, scope: Scope,
                  within: sa.Select[tuple[int]] | None = None, capped: bool = False) -> int:
    """How many cases match, from the indexes alone (cases are never deleted); `within`, the ids
    of the cases the reader sees when that is not all (access.assigned_case_ids). capped=True:
    COUNT_LIMIT + 1 at most, for "more than COUNT_LIMIT"."""
    matches = _matches(session.get_bind().dialect.name, query, scope, within, capped)
    if matches is None:
        return 0
    return int(session.scalar(sa.select(sa.func.count()).select_from(matches)) or 0)


COUNT_LIMIT = 10_000
"""A search's count in the case list stops past this many matches: the list shows the first
10,000 and says there are more (a narrower search finds the rest). Counting every match of a
word found in most cases is a pass over all of them (因果関係, in 73,116 of 100,000 cases: ~200
ms on a server, where pg_trgm rechecks each candidate's text); the first 10,001 cost a fraction
of that, and no one reads ten thousand rows of a list. queries.count_cases counts exactly
unless asked otherwise."""


def _matches(dialect: str, query: str, scope: Scope, within: sa.Select[tuple[int]] | None,
             capped: bool, reader: int | None = None) -> sa.Subquery | None:
    """The ids of the matches `within` the reader's cases, COUNT_LIMIT + 1 at most if capped, as
    a subquery (column `rowid`); None when nothing can match. `reader`: whose cases `within`
    holds, for the server's search to keep to them (and so stop a one-word search itself)."""
    keeps_to_reader = within is None or reader is not None
    parts = _word_queries(query, scope, dialect, COUNT_LIMIT + 1 if capped and keeps_to_reader else None,
                          reader if within is not None else None)
    if not parts:
        return None
    sql = " INTERSECT ".join(q for q, _ in parts)
    params = {k: v for _, p in parts for k, v in p.items()}
    words = sa.text(sql).bindparams(**params).columns(sa.column("rowid", sa.Integer)).subquery("words")
    matches = sa.select(words.c.rowid)
    if within is not None and not (dialect == "postgresql" and reader is not None):
        # "+ 0": SQLite would look each id up in FTS5 (seconds for thousands). The server's
        # search keeps to the reader's cases itself when told whose they are.
        matches = matches.where((words.c.rowid + 0).in_(within))
    if capped:
        matches = matches.limit(COUNT_LIMIT + 1)
    return matches.subquery("matches")


# PostgreSQL: a search's matches, kept for a moment -------------------------------------------

REUSE_SECONDS = 1.0
"""How long a seat reuses the matches it found (unless it hears of a change first): the case
list asks for a search's count, then for its first page, within a few milliseconds."""

@dataclass(frozen=True)
class ServerMatches:
    count: int  # COUNT_LIMIT + 1 at most when capped
    # None above COUNT_LIMIT: only their number comes back, and a page along an indexed order
    # tests each case it reaches (matching_ids_clause's dense). On 100,000 cases sending 73,116
    # ids back cost the page ~90 ms, the walk ~3 ms; at 5,324 matches the ids ~6 ms, the walk ~25.
    ids: list[int] | None


@dataclass(frozen=True)
class _Found:
    generation: int
    at: float
    matches: ServerMatches

    def fresh(self, generation: int, now: float) -> bool:
        return self.generation == generation and now - self.at < REUSE_SECONDS


_found: WeakKeyDictionary[Vault, dict[tuple[str, Scope, int | None, bool], _Found]] = WeakKeyDictionary()
_found_lock = threading.Lock()


def server_matches(vault: Vault, session: Session, query: str, *, scope: Scope,
                   within: sa.Select[tuple[int]] | None = None, reader: int | None = None,
                   capped: bool = False) -> ServerMatches:
    """How many cases match `query` (capped: COUNT_LIMIT + 1 at most), and which when they are
    no more than COUNT_LIMIT, on PostgreSQL; `within`, the ids of the cases the reader sees when
    that is not all (access.assigned_case_ids), and `reader`, whose they are (each reader's are
    kept apart).

    Found once for the count and the page: finding them is what a search costs. Reused for
    REUSE_SECONDS at most, and never once this seat has published a change, its own or one it
    heard of from another seat (Vault.generation).
    """
    matches = _matches("postgresql", query, scope, within, capped, reader)
    if matches is None:
        return ServerMatches(0, [])
    key, now = (" ".join(normalise(query).split()), scope, reader, capped), time.monotonic()
    generation = vault.generation  # read first: a change published meanwhile outdates this read
    with _found_lock:
        kept = _found.get(vault, {}).get(key)
    if kept is not None and kept.fresh(generation, now):
        return kept.matches
    n = sa.func.count()
    count, ids = session.execute(
        sa.select(n, sa.case((n <= COUNT_LIMIT, sa.func.array_agg(matches.c.rowid))))
        .select_from(matches)).one()
    result = ServerMatches(int(count), None if count > COUNT_LIMIT else list(ids or ()))
    with _found_lock:
        entries = {k: f for k, f in _found.get(vault, {}).items() if f.fresh(generation, now)}
        entries[key] = _Found(generation, now, result)
        _found[vault] = entries
    return result


def forget_matches() -> None:
    """Drops every kept set of matches: a benchmark times each search as a new one."""
    with _found_lock:
        _found.clear()
