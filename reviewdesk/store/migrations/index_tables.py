"""The search indexes' tables as the migrations create them, on either database.

SQLite: FTS5 virtual tables (`case_search` with the trigram tokenizer, `case_grams` holding
each character and character pair as a token). PostgreSQL: plain tables with the same columns
and `rowid` = cases.id, searched by pg_trgm (a GIN trigram index per column: substrings of three
characters or more) and by a GIN index over each column's grams as an array (one and two
characters, which trigrams cannot find). Both take the same INSERT and DELETE statements.

Frozen with the migrations that call it: a later change of shape gets a new function here.
"""

from __future__ import annotations

from alembic import op

TABLES = ("case_search", "case_grams")


def is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def create(columns: tuple[str, ...], tables: tuple[str, ...] = TABLES) -> None:
    if not is_postgresql():
        for table in tables:
            if table == "case_search":
                op.execute(f"CREATE VIRTUAL TABLE case_search USING fts5({', '.join(columns)}, "
                           "tokenize='trigram')")
            else:
                op.execute(f"CREATE VIRTUAL TABLE case_grams USING fts5({', '.join(columns)}, "
                           "content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')")
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table in tables:
        body = ", ".join(f"{c} text NOT NULL DEFAULT ''" for c in columns)
        op.execute(f"CREATE TABLE {table} (rowid integer PRIMARY KEY, {body})")
        for c in columns:
            expr = f"{c} gin_trgm_ops" if table == "case_search" else f"(string_to_array({c}, ' '))"
            op.execute(f"CREATE INDEX ix_{table}_{c} ON {table} USING gin ({expr})")


def drop(tables: tuple[str, ...] = TABLES) -> None:
    for table in tables:
        op.execute(f"DROP TABLE {table}")  # PostgreSQL drops the table's indexes with it


def rename(table: str, new_name: str, columns: tuple[str, ...]) -> None:
    """Renames an index table; on PostgreSQL its indexes go (the old table is only read once)."""
    op.execute(f"ALTER TABLE {table} RENAME TO {new_name}")
    if is_postgresql():
        for c in columns:
            op.execute(f"DROP INDEX ix_{table}_{c}")
