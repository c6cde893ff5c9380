"""`reviewdesk server import`: a vault file moved onto a new, empty server database, everything
and its audit chain included, then verified by counts and a full `check`.

- The target is a database with no ReviewDesk rows (created with `createdb`, nothing else):
  import sets it up as `server init` does (migrations, roles, rules) but writes no first rows,
  since the trail it receives starts at the file's first event. A database `server init` has
  already set up holds its own trail and is refused, as is any database with rows.
- Every table is copied with its ids, in one transaction (all or nothing) over PostgreSQL's
  COPY, a few thousand rows at a time (documents' 1 MiB chunks a few at a time), as the
  database's owner and with the append-only triggers in effect: audit events are only
  inserted. As pg_restore loads, the foreign keys and plain indexes are made again after the
  rows (each key checked in one pass), still in that transaction. Then each table's sequence
  continues after its highest id. The file must not be open elsewhere meanwhile.
- The file's vault id becomes the server's (`server.vault_id`), written through the write path
  with its own audit event, so letters and anchors still name this vault and `check` finds the
  setting vouched for like any other row.
- Search: `case_search` is copied; the file's `case_grams` keeps no text (FTS5 contentless), so
  the server's gram rows are made from `case_search`'s, as indexing makes them.
- Every member gets a database login with a one-time password (auth/server_logins.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import SYSTEM
from reviewdesk.auth.server_admin import prepare_database
from reviewdesk.auth.server_logins import IssuedLogin, issue_logins, refuse_unsafe_names
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases.search import grams
from reviewdesk.errors import InputError, VaultError
from reviewdesk.letters.vault_check import VaultReport, check_vault
from reviewdesk.store.location import conninfo, is_server
from reviewdesk.store.models import Base, Setting, User
from reviewdesk.store.server import VAULT_ID_KEY, ServerVault
from reviewdesk.store.vault import Vault

ROWS_PER_READ = 5_000
CHUNKS_PER_READ = 4  # document_chunks rows are 1 MiB each
SEARCH, GRAMS = "case_search", "case_grams"
NOT_COPIED = frozenset({"alembic_version"})  # the target's own, written by its migrations
# (table, rows copied, rows in the table), or (what starts now, 0, None) for the other steps.
Progress = Callable[[str, int, int | None], None]


@dataclass
class ImportReport:
    vault_id: str
    counts: dict[str, int] = field(default_factory=dict)  # rows copied per table
    logins: list[IssuedLogin] = field(default_factory=list)
    check: VaultReport | None = None


def _no_progress(stage: str, done: int, total: int | None) -> None:
    return None


def import_vault(source: Path, url: str, *, env: Mapping[str, str] | None = None,
                 progress: Progress = _no_progress) -> ImportReport:
    """See the module docstring; url names the database's owner login."""
    if is_server(source):
        raise InputError("--vault: import takes a vault file; the server is --db",
                         ja="取り込む保管庫はファイルで指定してください（サーバーは --db）")
    with Vault.open(source, env) as vault:
        # Moved, not copied: what another process wrote after the snapshot would never reach
        # the server, so none may have the file open meanwhile.
        vault._lock.acquire(exclusive=True, what="close it there before moving it onto a server")
        target = empty_target(url)
        with vault.reading() as session:
            usernames = list(session.scalars(sa.select(User.username).order_by(User.id)))
        with target.connect_raw(autocommit=True) as conn:
            refuse_unsafe_names(conn, usernames)
        progress("setting the database up (migrations, roles, rules)", 0, None)
        prepare_database(url)
        report = ImportReport(vault.vault_id)
        report.counts = _copy(vault, target, progress)
    server = ServerVault.open(url)
    try:
        with write(server, SYSTEM, Action.ADMINISTER_BOARD) as uow:
            uow.session.add(Setting(key=VAULT_ID_KEY, value=report.vault_id))
            uow.audit("server.import", "setting", None,
                      detail={"vault_id": report.vault_id, "file": Path(source).name})
        progress("creating each member's login", 0, None)
        report.logins = issue_logins(server)
    finally:
        server.close()
    # A bulk load leaves no visibility map and stale statistics: autovacuum would catch up
    # during the board's first busy minutes (seats measured 3x slower then); do it now.
    progress("vacuuming and analysing the copy", 0, None)
    with target.connect_raw(autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
    progress("checking the copy: the chain, every row against it, the anchors", 0, None)
    server = ServerVault.open(url)  # reads the vault id it now has
    try:
        report.check = check_vault(server)
    finally:
        server.close()
    if not report.check.ok:
        found = "; ".join(report.check.lines("en", 3)[1:])
        raise VaultError(f"{target.display_name}: imported, but the check finds problems ({found}); "
                         "do not use the database (drop it and import again)",
                         ja=f"{target.display_name} に取り込みましたが、検査で問題が見つかりました。"
                            "このデータベースは使わず、削除してから取り込み直してください")
    return report


def empty_target(url: str) -> ServerVault:
    """The database at url, refused unless its owner is named and it holds no rows (`demo`
    asks before it spends minutes making what it would move there)."""
    params = conninfo(url)
    if not params.get("user"):
        raise VaultError("import connects as the database's owner: name that login in the URL "
                         "(postgresql://OWNER@host/database)",
                         ja="取り込みはデータベースの所有者として接続します。URLに所有者のログイン名を指定してください")
    target = ServerVault(url, params)  # not signed in: for the owner's own connections
    with target.connect_raw(autocommit=True) as conn:
        _require_empty(conn, target.display_name)
    return target


def _require_empty(conn: Any, where: str) -> None:
    tables = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")]
    if tables and "alembic_version" not in tables:
        raise VaultError(f"{where}: the database holds tables that are not ReviewDesk's "
                         f"({', '.join(tables[:5])}); import into a new, empty database",
                         ja=f"{where} にはReviewDesk以外の表があります。"
                            "新しい空のデータベースに取り込んでください")
    filled = [t for t in tables if t not in NOT_COPIED
              and conn.execute(f'SELECT EXISTS (SELECT 1 FROM "{t}")').fetchone()[0]]
    if filled:
        shown = ", ".join(filled[:5]) + (", …" if len(filled) > 5 else "")
        raise VaultError(
            f"{where}: the database is not empty (rows in {shown}); import moves a vault only into "
            "a new, empty database: create one (createdb) and import into it without running "
            "'server init' first (import sets the database up itself)",
            ja=f"{where} は空ではありません（{shown} にデータがあります）。取り込みは新しい空の"
               "データベースにのみ行えます。データベースを作成し、server init を実行せずに取り込んでください")


def _copy(source: Vault, target: ServerVault, progress: Progress) -> dict[str, int]:
    """Every table in one transaction of the target, from one snapshot of the file."""
    counts: dict[str, int] = {}
    with target.connect_raw() as conn, source.reading() as session:
        columns: dict[str, list[str]] = {}
        for table, column in conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
            columns.setdefault(table, []).append(column)
        models = [t.name for t in Base.metadata.sorted_tables if t.name in columns]
        order = [*models, SEARCH, GRAMS]
        unknown = sorted(set(columns) - set(order) - NOT_COPIED)
        if unknown:
            raise VaultError(f"tables {', '.join(unknown)} on the server have no copy rule",
                             ja="サーバーに取り込み方の分からない表があります")
        reading = session.connection()
        # The rows first, then each foreign key checked in one pass and each plain index built
        # once: faster than row by row (the search tables' GIN indexes above all), and in the
        # same transaction, so every key is checked before anything is committed.
        conn.execute("SET LOCAL maintenance_work_mem = '128MB'")
        rebuild = _drop_keys_and_indexes(conn)
        progress("copying every table in one transaction", 0, None)
        for table in order:
            counts[table] = _copy_table(conn, reading, table, columns[table], progress)
        progress("building indexes, checking references", 0, None)
        for statement in rebuild:
            conn.execute(statement)
        _continue_sequences(conn)
    return counts


def _copy_table(conn: Any, reading: sa.Connection, table: str, columns: list[str],
                progress: Progress) -> int:
    total = _count(reading, SEARCH if table == GRAMS else table)
    done = 0
    with conn.cursor() as cursor, cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in _rows(reading, table, columns):
            copy.write_row(row)
            done += 1
            if done % ROWS_PER_READ == 0 and done < total:
                progress(table, done, total)
    landed = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if not done == landed == total:
        raise VaultError(f"{table}: {total} rows in the file, {done} read, {landed} on the server; "
                         "nothing was imported",
                         ja=f"{table} の件数が一致しないため、取り込みを取り消しました")
    progress(table, done, total)
    return done


def _drop_keys_and_indexes(conn: Any) -> list[str]:
    """Drops the schema's foreign keys and non-unique indexes (no constraint rests on those);
    returns the statements that make them again, exactly as the migrations made them."""
    keys = conn.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace").fetchall()
    indexes = conn.execute(
        "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisunique "
        "AND NOT i.indisprimary").fetchall()
    for table, name, _definition in keys:
        conn.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    return ([definition for _name, definition in indexes]
            + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
               for table, name, definition in keys])


def _count(reading: sa.Connection, table: str) -> int:
    return int(reading.execute(sa.text(f'SELECT count(*) FROM "{table}"')).scalar() or 0)


def _rows(reading: sa.Connection, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """The file's rows in key order, as the models read them (dates, booleans, bytes typed)."""
    if table in (SEARCH, GRAMS):
        names = [c for c in columns if c != "rowid"]
        if columns[0] != "rowid":
            raise VaultError(f"{table}: unexpected columns on the server",
                             ja=f"{table} の列が想定と異なります")
        query: Any = sa.text(f"SELECT rowid, {', '.join(names)} FROM {SEARCH} ORDER BY rowid")
        shape: Callable[[Any], tuple[Any, ...]] = (
            (lambda r: (r[0], *(grams(v or "") for v in r[1:]))) if table == GRAMS else tuple)
    else:
        model = Base.metadata.tables[table]
        missing = [c for c in columns if c not in model.c]
        if missing:
            raise VaultError(f"{table}: columns {', '.join(missing)} on the server are not in this "
                             "ReviewDesk's models", ja=f"{table} の列が想定と異なります")
        query = sa.select(*(model.c[c] for c in columns)).order_by(*model.primary_key.columns)
        shape = tuple
    per = CHUNKS_PER_READ if table == "document_chunks" else ROWS_PER_READ
    for row in reading.execute(query.execution_options(yield_per=per)):
        yield shape(row)


def _continue_sequences(conn: Any) -> None:
    """Each serial id's sequence after the highest id copied (ids came from the file)."""
    serials = conn.execute(
        "SELECT table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) "
        "FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL").fetchall()
    for table, column, sequence in serials:
        conn.execute(f'SELECT setval(%s, coalesce((SELECT max("{column}") FROM "{table}"), 0) + 1, false)',
                     (sequence,))
