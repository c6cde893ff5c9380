"""A server database as one sealed file: pg_dump's custom format streamed through store/sealed.py
(nothing in clear reaches the disk), verified after writing, and read back with pg_restore.

The dump runs as the database's owner (or a superuser): row-level security hides rows from
every seat, the secretariat's included (a reviewer's unsubmitted draft), and a dump under it
would silently lack them. It is taken in one exported snapshot, whose audit head the sealed
file's metadata records; verifying decrypts every record, has pg_restore read the archive and
finds that head in the dumped trail.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from reviewdesk.errors import VaultError
from reviewdesk.store.backup import check_target
from reviewdesk.store.keys import new_vault_key
from reviewdesk.store.private_files import write_private
from reviewdesk.store.sealed import RECORD, Unsealed, seal, unseal

GENESIS = "0" * 64
KIND = "reviewdesk-server-dump"


@dataclass(frozen=True)
class DumpHead:
    """What a sealed dump is of: the database's vault id and schema, and its audit head."""

    vault_id: str
    revision: str
    seq: int
    head: str

    @classmethod
    def from_metadata(cls, path: Path, meta: Mapping[str, Any]) -> DumpHead:
        if meta.get("kind") != KIND:
            raise VaultError(f"{path}: not a ReviewDesk server backup",
                             ja=f"{path.name} はReviewDeskのサーバーのバックアップではありません")
        return cls(str(meta["vault_id"]), str(meta["revision"]), int(meta["seq"]), str(meta["head"]))


def client_tool(name: str) -> str:
    """pg_dump or pg_restore: Debian's newest (not on PATH), else the one on PATH. A newer
    client reads and writes what an older server has; the other way round it refuses."""
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if found:
        return str(found[-1])
    on_path = shutil.which(name)
    if on_path is None:
        raise VaultError(f"{name} is not installed (apt-get install postgresql-client)",
                         ja=f"{name} がインストールされていません（PostgreSQLのクライアント）")
    return on_path


def dsn(params: Mapping[str, Any], login: str | None) -> str:
    """libpq's connection string for the command-line tools; the password stays with libpq
    (PGPASSWORD, ~/.pgpass), never on a command line."""
    from psycopg.conninfo import make_conninfo

    values = {k: v for k, v in params.items() if k != "password"}
    if login:
        values["user"] = login
    return make_conninfo(**values)


def require_full_reader(conn: Any, where: str) -> None:
    """The login must read every row: the tables' owner, a superuser or a BYPASSRLS role."""
    row = conn.execute(
        "SELECT r.rolsuper OR r.rolbypassrls OR c.relowner = r.oid FROM pg_roles r, pg_class c "
        "WHERE r.rolname = current_user AND c.oid = to_regclass('audit_events')").fetchone()
    if row is None:
        raise VaultError(f"{where}: no ReviewDesk schema in this database",
                         ja="このデータベースにはReviewDeskの表がありません")
    if not row[0]:
        raise VaultError(
            f"{where}: a server backup reads every row, which row-level security hides from every "
            "member's login (reviewers' drafts included): connect as the database's owner "
            "(postgresql://OWNER@host/database) and name the acting member with --user",
            ja="サーバーのバックアップはすべての行を読むため、データベースの所有者として接続してください"
               "（URLに所有者のログイン名を指定し、操作する事務局の利用者は --user で指定します）")


def check_full_reader(vault: Any) -> None:
    with vault.connect_raw() as conn:
        require_full_reader(conn, vault.display_name)


def read_head(conn: Any) -> tuple[str, str, int, str]:
    """(vault id, schema revision, last event id, its hash) as this transaction sees them."""
    vault_id = conn.execute("SELECT value FROM settings WHERE key = 'server.vault_id'").fetchone()
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    last = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
    return ((vault_id[0] if vault_id else ""), (revision[0] if revision else ""),
            *((int(last[0]), str(last[1])) if last else (0, GENESIS)))


def dump(vault: Any, out: Path, env: Mapping[str, str] | None = None) -> DumpHead:
    """Writes the server vault's database, sealed, to out (owner-only; verified before it
    takes the name); returns what it holds."""
    import psycopg

    out = check_target(out)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    key = new_vault_key(env)
    conn = vault.connect_raw()
    try:
        require_full_reader(conn, vault.display_name)
        conn.rollback()
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        snapshot = conn.execute("SELECT pg_export_snapshot()").fetchone()[0]
        head = DumpHead(*read_head(conn))
        command = [client_tool("pg_dump"), "--format=custom", "--no-password", f"--snapshot={snapshot}",
                   f"--dbname={dsn(vault.params, vault.login)}"]
        with _Tool(command, "pg_dump", vault.display_name, stdout=True) as tool:
            write_private(partial, seal(tool.output(), key, {"kind": KIND, **asdict(head)}))
        verify(partial, head, env)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        partial.rename(out)
    finally:
        conn.close()
        partial.unlink(missing_ok=True)
    return head


def verify(path: Path, expected: DumpHead | None = None, env: Mapping[str, str] | None = None) -> DumpHead:
    """Decrypts every record, has pg_restore read the archive, and finds the recorded audit
    head in the dumped trail."""
    with unseal(path, env) as sealed:
        head = DumpHead.from_metadata(path, sealed.metadata)
        if expected is not None and head != expected:
            raise VaultError(f"{path}: the backup's metadata differs from what was dumped",
                             ja=f"バックアップ {path.name} の内容が作成時と一致しません")
        command = [client_tool("pg_restore"), "--data-only", "--table=audit_events", "--file=-"]
        with _Tool(command, "pg_restore", path.name, stdin=sealed, stdout=True) as tool:
            found = _last_event(tool.lines())
    if found != (head.seq, head.head):
        raise VaultError(f"{path}: the dumped audit trail ends at event {found[0]}, not at "
                         f"{head.seq} as recorded",
                         ja=f"バックアップ {path.name} の監査記録が作成時と一致しません")
    return head


def load(sealed: Unsealed, params: Mapping[str, Any], login: str, where: str) -> None:
    """pg_restore into the (empty) database, in one transaction: all of it or nothing. Owners
    and privileges are left out: the restoring login owns what it creates, and `server init`
    grants afterwards."""
    command = [client_tool("pg_restore"), "--no-owner", "--no-acl", "--single-transaction",
               "--exit-on-error", "--no-password", f"--dbname={dsn(params, login)}"]
    with _Tool(command, "pg_restore", where, stdin=sealed) as tool:
        tool.wait()


def _last_event(lines: Iterator[str]) -> tuple[int, str]:
    """The highest event id and its hash in pg_restore's COPY text of audit_events."""
    columns: list[str] = []
    best = (0, GENESIS)
    for line in lines:
        if not columns:
            if line.startswith("COPY ") and "audit_events" in line:
                columns = [c.strip() for c in line[line.index("(") + 1:line.index(")")].split(",")]
                at_id, at_hash = columns.index("id"), columns.index("hash")
            continue
        if line.rstrip("\n") == "\\.":
            columns = []
            continue
        fields = line.rstrip("\n").split("\t")
        if int(fields[at_id]) > best[0]:
            best = (int(fields[at_id]), fields[at_hash])
    return best


class _Tool:
    """A PostgreSQL client program with its stdin fed from decrypted records (on a thread, so
    its output is read meanwhile) and its stderr kept in memory for the message."""

    def __init__(self, command: list[str], name: str, where: str, *, stdin: Unsealed | None = None,
                 stdout: bool = False) -> None:
        self.name, self.where = name, where
        self._proc = subprocess.Popen(command, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                                      stdout=subprocess.PIPE if stdout else subprocess.DEVNULL,
                                      stderr=subprocess.PIPE)
        self._errors = bytearray()
        self._failure: BaseException | None = None
        self._threads = [threading.Thread(target=self._read_errors, daemon=True)]
        if stdin is not None:
            self._threads.append(threading.Thread(target=self._feed, args=(stdin,), daemon=True))
        for thread in self._threads:
            thread.start()

    def _read_errors(self) -> None:
        assert self._proc.stderr is not None
        for line in self._proc.stderr:
            if len(self._errors) < 8192:
                self._errors += line

    def _feed(self, sealed: Unsealed) -> None:
        # Every record is decrypted, and so authenticated, even after the tool stops reading.
        pipe: IO[bytes] | None = self._proc.stdin
        try:
            for chunk in sealed.chunks():
                if pipe is not None:
                    try:
                        pipe.write(chunk)
                    except BrokenPipeError:
                        pipe = None
        except BaseException as exc:
            self._failure = exc
            self._proc.kill()
        finally:
            if pipe is not None:
                with contextlib.suppress(BrokenPipeError):
                    pipe.close()

    def output(self) -> Iterator[bytes]:
        assert self._proc.stdout is not None
        while chunk := self._proc.stdout.read(RECORD):
            yield chunk

    def lines(self) -> Iterator[str]:
        assert self._proc.stdout is not None
        for raw in self._proc.stdout:
            yield raw.decode("utf-8")

    def wait(self) -> None:
        code = self._proc.wait()
        for thread in self._threads:
            thread.join()
        if self._failure is not None:
            raise self._failure
        if code != 0:
            detail = " ".join(self._errors.decode("utf-8", "replace").split())[:600]
            raise VaultError(f"{self.where}: {self.name} failed ({detail or f'exit status {code}'})",
                             ja=f"{self.where}: {self.name} が失敗しました")

    def __enter__(self) -> _Tool:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is not None:
            self._proc.kill()
            self._proc.wait()
            for thread in self._threads:
                thread.join(timeout=5)
            return
        self.wait()
