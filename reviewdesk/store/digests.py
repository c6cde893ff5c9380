"""Row digests: which tables the audit trail vouches for, and each row's canonical SHA-256.

Every write through `reviewdesk.auth.unit_of_work.write` records, in its last audit event, the
digest of each audited row it inserted, updated or deleted, read back from the database as
committed (`detail["rows"] = {"cases:12": "<sha256>", "votes:7": null, ...}`; null: deleted).
`reviewdesk check` recomputes every audited row and compares it with the last event naming it,
so a row edited with the vault key but without the application is found, even when the chain
itself is intact.

The digest is SHA-256 over canonical JSON of the row's mapped columns: keys sorted, UTF-8,
no spaces; NULL columns left out (so a nullable column added by a later migration changes no
digest); dates and times in ISO 8601; booleans as true/false; binary columns as
"sha256:<hex>" of their bytes. A migration that changes the content of audited rows must record
an audit event carrying their new digests, or `check` reports those rows.

A document's original bytes live in `document_chunks` (1 MiB slices; SQLCipher has no
incremental blob I/O). The chunks are not audited rows of their own: the document row's digest
carries them as its "content", "sha256:<hex>" of the chunks joined in order, exactly as when the
bytes were a column of the row. So a chunk edited, dropped, added or reordered outside the
application changes its document's digest and `check` reports the document, and the move of
the bytes into chunks (migration 0006) changed no digest.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from reviewdesk.store.models import Base


@dataclass(frozen=True)
class Audited:
    """How one table is vouched for: every column but `exclude`, every row but those whose
    `skip_key_prefix` marks them (for a string primary key)."""

    exclude: frozenset[str] = frozenset()
    skip_key_prefix: str | tuple[str, ...] | None = None
    chunked: Chunked | None = None


@dataclass(frozen=True)
class Chunked:
    """Bytes of a row kept as ordered chunks in another table, digested as one column."""

    column: str  # the name the bytes have in the digest
    table: str
    key: str  # the chunk table's column naming the row
    seq: str
    data: str


# The one list of audited tables, and why anything is left out.
AUDITED_TABLES: dict[str, Audited] = {
    # Cases and their documents (the masked copies and each masking act included).
    "cases": Audited(),
    "documents": Audited(chunked=Chunked("content", "document_chunks", "document_id", "seq", "data")),
    "document_maskings": Audited(),
    # Peer review.
    "assignments": Audited(),
    "opinions": Audited(),
    # Meetings: who sat, who stood aside, the findings with their per-element judgements, votes.
    "meetings": Audited(),
    "attendance": Audited(),
    "agenda_items": Audited(),
    "recusals": Audited(),
    "findings": Audited(),
    "votes": Audited(),
    # Money: assessments with their approvals, and the payments drawn from the aggregates.
    "assessments": Audited(),
    "payments": Audited(),
    # Letters as signed (the PDF's bytes enter as their SHA-256, beside the stored sha256).
    "letters": Audited(),
    # People and their roles. Failed logins and the lockout they cause change at every wrong
    # password, outside any audited act (a lockout itself is an audit event of its own).
    "users": Audited(exclude=frozenset({"failed_logins", "locked_until"})),
    "user_affiliations": Audited(),
    # Members and contracts (limits and riders decide payouts).
    "members": Audited(),
    "facilities": Audited(),
    "contracts": Audited(),
    "insured_doctors": Audited(),
    # The signer certificate, and the board settings letters print. A signer's (or the TSA's)
    # password kept in the vault stays out: its unsalted digest in the trail would be a fast
    # hash to guess.
    "signer_certificates": Audited(),
    "settings": Audited(skip_key_prefix=("signer_password:", "tsa_password:")),
}


def audited_tables() -> list[sa.Table]:
    """The audited tables the models define, in a stable order."""
    tables = Base.metadata.tables
    return [tables[name] for name in sorted(AUDITED_TABLES) if name in tables]


def _primary_key(table: sa.Table) -> sa.Column[Any]:
    (column,) = table.primary_key.columns  # every audited table has a one-column key
    return column


def row_key(table: str, pk: object) -> str:
    return f"{table}:{pk}"


def split_key(key: str) -> tuple[str, str]:
    table, _, pk = key.partition(":")
    return table, pk


def _canonical(value: Any) -> Any:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _skipped(table: str, pk: object) -> bool:
    prefix = AUDITED_TABLES[table].skip_key_prefix
    return prefix is not None and isinstance(pk, str) and pk.startswith(prefix)


def row_digest(table: sa.Table, row: Mapping[str, Any]) -> str:
    """The digest of one row as read from the database (see the module docstring)."""
    excluded = AUDITED_TABLES[table.name].exclude
    content = {name: _canonical(value) for name, value in row.items()
               if value is not None and name not in excluded}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunked_sha256(conn: sa.Connection, spec: Chunked, pk: object, *, per_read: int = 8) -> str:
    """SHA-256 hex of one row's chunks joined in order, read a few chunks at a time (one query
    for the usual document of one chunk; never more than per_read chunks in memory)."""
    chunks = Base.metadata.tables[spec.table]
    digest = hashlib.sha256()
    last: object = None
    while True:
        query = (sa.select(chunks.c[spec.seq], chunks.c[spec.data]).where(chunks.c[spec.key] == pk)
                 .order_by(chunks.c[spec.seq]).limit(per_read))
        if last is not None:
            query = query.where(chunks.c[spec.seq] > last)
        page = conn.execute(query).all()
        for seq, data in page:
            digest.update(data)
            last = seq
        if len(page) < per_read:
            return digest.hexdigest()


def _with_chunks(conn: sa.Connection, table: sa.Table, row: Mapping[str, Any]) -> Mapping[str, Any]:
    spec = AUDITED_TABLES[table.name].chunked
    if spec is None:
        return row
    pk = row[_primary_key(table).name]
    return {**row, spec.column: "sha256:" + chunked_sha256(conn, spec, pk)}


def _columns(table: sa.Table) -> list[sa.Column[Any]]:
    excluded = AUDITED_TABLES[table.name].exclude
    return [c for c in table.columns if c.name not in excluded]


def digests_of(conn: sa.Connection, table: sa.Table,
               pks: Iterable[object]) -> dict[str, str | None]:
    """The current digests of these rows of one table; None for a row no longer there."""
    wanted = [pk for pk in dict.fromkeys(pks) if not _skipped(table.name, pk)]
    pk_col = _primary_key(table)
    found: dict[object, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        if server_digested(conn, table):
            found.update((pk, digest) for pk, digest in conn.execute(
                sa.text(f"SELECT pk, digest FROM {server_function(table)}(CAST(:ids AS "
                        f"{_SQL_TYPES[type(pk_col.type)]}[]))"), {"ids": chunk}))
            continue
        for row in conn.execute(sa.select(*_columns(table)).where(pk_col.in_(chunk))).mappings():
            found[row[pk_col.name]] = row_digest(table, _with_chunks(conn, table, row))
    return {row_key(table.name, pk): found.get(pk) for pk in wanted}


# On a server the database computes a written row's digest itself (`server_function`, made by
# auth/server_security.py): a seat may lack the privilege to read some of the row's columns
# (the patient's identity, for most roles), yet vouches for the row it wrote. The same canonical
# JSON as `row_digest`, built in SQL; tests compare the two on every audited row.
_SQL_TYPES = {sa.Integer: "integer", sa.BigInteger: "bigint", sa.String: "text"}


def server_digested(conn: sa.Connection, table: sa.Table) -> bool:
    return conn.dialect.name == "postgresql" and AUDITED_TABLES[table.name].chunked is None


def server_function(table: sa.Table) -> str:
    return f"reviewdesk_digests_{table.name}"


def _sql_value(column: sa.Column[Any]) -> str:
    """The column's value in the canonical JSON (`_canonical`, then json.dumps), in SQL."""
    ref = f'"{column.table.name}"."{column.name}"'
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return f"CASE WHEN {ref} THEN 'true' ELSE 'false' END"
    if isinstance(kind, sa.Integer):  # BigInteger too
        return f"{ref}::text"
    if isinstance(kind, sa.String):  # Text too; to_json escapes as json.dumps does
        return f"to_json({ref})::text"
    if isinstance(kind, sa.LargeBinary):
        return f"'\"sha256:' || encode(sha256({ref}), 'hex') || '\"'"
    if isinstance(kind, sa.DateTime | sa.Time):
        moment = ref if isinstance(kind, sa.DateTime) else f"(date '2000-01-01' + {ref})"
        shape = "YYYY-MM-DD\"T\"HH24:MI:SS" if isinstance(kind, sa.DateTime) else "HH24:MI:SS"
        # isoformat() shows microseconds only when there are some.
        return (f"'\"' || to_char({moment}, '{shape}') || CASE WHEN "
                f"extract(microseconds FROM {moment})::bigint % 1000000 <> 0 "
                f"THEN to_char({moment}, '.US') ELSE '' END || '\"'")
    if isinstance(kind, sa.Date):
        return f"'\"' || to_char({ref}, 'YYYY-MM-DD') || '\"'"
    raise TypeError(f"{column.table.name}.{column.name}: no canonical SQL form for {kind!r}")


def sql_digest(table: sa.Table) -> str:
    """`row_digest` of the table's current row, as a SQL expression over the table's columns."""
    parts = [f"CASE WHEN \"{table.name}\".\"{c.name}\" IS NOT NULL "
             f"THEN '\"{c.name}\":' || {_sql_value(c)} END"
             for c in sorted(_columns(table), key=lambda c: c.name)]
    return f"encode(sha256(convert_to('{{' || concat_ws(',', {', '.join(parts)}) || '}}', 'UTF8')), 'hex')"


def _pages(conn: sa.Connection, table: sa.Table, size: int = 200) -> Iterator[Mapping[str, Any]]:
    """Rows a page at a time: their chunks are read on the same connection in between, which
    a streaming cursor would not survive."""
    pk_col = _primary_key(table)
    last: object = None
    while True:
        query = sa.select(*_columns(table)).order_by(pk_col).limit(size)
        if last is not None:
            query = query.where(pk_col > last)
        page = conn.execute(query).mappings().all()
        yield from page
        if len(page) < size:
            return
        last = page[-1][pk_col.name]


def all_digests(conn: sa.Connection, table: sa.Table) -> Iterator[tuple[str, str]]:
    """(key, digest) of every audited row of one table, in key order."""
    pk_col = _primary_key(table)
    if AUDITED_TABLES[table.name].chunked is not None:
        rows: Iterable[Mapping[str, Any]] = _pages(conn, table)
    else:
        rows = conn.execute(sa.select(*_columns(table)).order_by(pk_col)
                            .execution_options(yield_per=2000)).mappings()
    for row in rows:
        pk = row[pk_col.name]
        if not _skipped(table.name, pk):
            yield row_key(table.name, pk), row_digest(table, _with_chunks(conn, table, row))


@dataclass
class RowTracker:
    """Listens to one session: the audited rows its flushes and bulk statements touched.

    ORM flushes name their objects; a bulk UPDATE or DELETE has its rows selected by its WHERE
    clause just before it runs; a bulk INSERT names its keys, or else every row above the
    table's highest key at that moment counts as written.
    """

    session: Session
    touched: dict[str, set[object]] = field(default_factory=dict)
    inserted_above: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        event.listen(self.session, "after_flush", self._after_flush)
        event.listen(self.session, "do_orm_execute", self._on_execute)

    def close(self) -> None:
        event.remove(self.session, "after_flush", self._after_flush)
        event.remove(self.session, "do_orm_execute", self._on_execute)

    def _add(self, table: str, pk: object) -> None:
        if pk is not None:
            self.touched.setdefault(table, set()).add(pk)

    def _after_flush(self, session: Session, _context: Any) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if not isinstance(obj, Base) or obj.__table__.name not in AUDITED_TABLES:
                continue
            table = obj.__table__
            self._add(table.name, getattr(obj, _primary_key(table).key, None))

    def _on_execute(self, state: ORMExecuteState) -> None:
        if not (state.is_insert or state.is_update or state.is_delete):
            return
        table = getattr(state.statement, "table", None)
        if not isinstance(table, sa.Table) or table.name not in AUDITED_TABLES:
            return
        pk_col = _primary_key(table)
        conn = state.session.connection()
        params = state.parameters
        rows = params if isinstance(params, list) else [params] if params else []
        if rows and all(isinstance(r, Mapping) and pk_col.key in r for r in rows):
            for r in rows:
                self._add(table.name, r[pk_col.key])
            if not state.is_insert:
                return
        if state.is_insert:
            if not rows or not all(isinstance(r, Mapping) and pk_col.key in r for r in rows):
                high = conn.execute(sa.select(sa.func.max(pk_col))).scalar()
                self.inserted_above.setdefault(table.name, high if high is not None else 0)
            return
        where = state.statement.whereclause  # type: ignore[attr-defined]
        query = sa.select(pk_col)
        if where is not None:
            query = query.where(where)
        for (pk,) in conn.execute(query):
            self._add(table.name, pk)

    def digests(self, conn: sa.Connection) -> dict[str, str | None]:
        """The digests of every row touched so far, as the database now holds them."""
        tables = Base.metadata.tables
        out: dict[str, str | None] = {}
        for name, above in self.inserted_above.items():
            pk_col = _primary_key(tables[name])
            for (pk,) in conn.execute(sa.select(pk_col).where(pk_col > above)):
                self._add(name, pk)
        for name in sorted(self.touched):
            out.update(digests_of(conn, tables[name], self.touched[name]))
        return out
