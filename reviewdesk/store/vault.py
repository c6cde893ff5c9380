"""Opening and creating vaults: key lookup, file checks, the process lock, migrations, sessions."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

import portalocker
import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker
from sqlcipher3 import dbapi2 as sqlcipher

from reviewdesk.errors import VaultError
from reviewdesk.store import schema
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.store.engine import (
    PAGE_SIZE,
    SQLITE_PLAIN_HEADER,
    VaultDamaged,
    WrongKeyError,
    connect,
    damaged,
    make_engine,
)
from reviewdesk.store.keys import VaultKey, existing_vault_key, forget_key, new_vault_key
from reviewdesk.store.location import is_server, refuse_network_filesystem

VAULT_SUFFIX = ".rdvault"
log = logging.getLogger(__name__)

T = TypeVar("T")


class AnchorHooks(Protocol):
    """Anchors the audit chain's head outside the vault (reviewdesk.letters.anchors installs
    the signing implementation; the store cannot sign and does not know the signer)."""

    def checkpoint(self, vault: Vault) -> object:
        """Called as the vault closes: a signed checkpoint of the head beside the vault."""

    def backup_written(self, vault: Vault, backup: Path, seq: int, head: str) -> object:
        """Called when a verified backup took its name; (seq, head) are the copy's own."""


def read_salt(path: Path) -> bytes:
    """The vault's salt and id: SQLCipher keeps it, unencrypted, in the first 16 bytes."""
    if not path.exists():
        raise VaultError(f"{path}: no vault there (create one with 'reviewdesk init')",
                         ja=f"{path.name} に保管庫がありません")
    if not path.is_file():
        raise VaultError(f"{path}: not a vault file", ja=f"{path.name} は保管庫のファイルではありません")
    with path.open("rb") as fh:
        head = fh.read(16)
    if head == SQLITE_PLAIN_HEADER:
        raise VaultError(f"{path}: not a ReviewDesk vault (an unencrypted SQLite database)",
                         ja=f"{path.name} はReviewDeskの保管庫ではありません（暗号化されていません）")
    size = path.stat().st_size
    if size == 0:
        raise damaged(path, "the file is empty (0 bytes)", ja="ファイルが空（0バイト）です")
    if size % PAGE_SIZE:
        # SQLCipher writes whole pages: a file cut short (or grown) by a partial write or copy.
        # Said before any key is tried, so a damaged file is never called a wrong key.
        raise damaged(path, f"its size ({size:,} bytes) is not a whole number of {PAGE_SIZE}-byte "
                      "pages: it was cut short or written incompletely",
                      ja=f"ファイルの大きさ {size:,} バイトが {PAGE_SIZE} バイト単位のページの整数倍でなく、"
                         "途中で切れています")
    return head


class _ProcessLock:
    """A lock shared while the vault is open, exclusive to migrate or replace it (portalocker).

    POSIX: flock on the vault file itself, independent of SQLite's own fcntl byte-range locks.
    Windows: its byte-range locks are mandatory (a shared one would stop SQLite writing) and an
    open handle stops the file being replaced by a restore, so there the lock is on
    "<vault>.lock" beside it; that file stays, as removing a lock file races with its users.
    """

    def __init__(self, path: Path) -> None:
        if os.name == "posix":
            self._file = open(path, "rb")  # noqa: SIM115 - held until release()
        else:
            self._file = open(path.with_name(path.name + ".lock"), "ab")  # noqa: SIM115
        self._held = False

    def acquire(self, exclusive: bool, what: str) -> None:
        # Changing shared to exclusive is never atomic (flock drops the old lock first too).
        if self._held:
            portalocker.unlock(self._file)
            self._held = False
        kind = portalocker.LockFlags.EXCLUSIVE if exclusive else portalocker.LockFlags.SHARED
        try:
            portalocker.lock(self._file, kind | portalocker.LockFlags.NON_BLOCKING)
        except portalocker.AlreadyLocked:
            raise VaultError(f"the vault is in use by another ReviewDesk process; {what}",
                             ja="この保管庫は別のReviewDeskのウィンドウまたはプロセスで使用中です") from None
        self._held = True

    def release(self) -> None:
        if not self._file.closed:
            self._file.close()  # closing drops the lock on every platform
            self._held = False


class Vault:
    """An open vault. Services get sessions from it; one session per user action.

    This class is the encrypted file; `store/server.py`'s ServerVault, the same interface on a
    PostgreSQL server. `Vault.open` takes either a path or a `postgresql://` URL.
    """

    is_server = False

    def __init__(self, path: Path, key: VaultKey, lock: _ProcessLock) -> None:
        self.path = path
        self.key = key
        self._lock = lock
        self.engine = make_engine(path, key.pragma_hex)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._listeners: list[Callable[[Changes], None]] = []
        self.generation = 0  # Changes published so far: what a seat keeps of a read compares it
        self.generations: Counter[ChangeKind] = Counter()  # the same, by kind of change
        self.anchors: AnchorHooks | None = None  # set by the application layer that opened it

    @property
    def vault_id(self) -> str:
        return self.key.vault_id

    @property
    def display_name(self) -> str:
        """What window titles and messages call it: the file's name, or database@host."""
        return self.path.name

    # Sessions -----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work (a consistent snapshot; never committed)."""
        with self._sessions() as session:
            yield session
            session.rollback()

    def hearing(self) -> object | None:
        """What identifies this vault's unbroken hearing of every other writer's changes (a
        read kept until a change reaches it stays valid while this is the same), or None when
        other writers may go unheard: another process may write the same file unannounced."""
        return None

    def alongside(self, session: Session, work: Sequence[Callable[[Session], T]]) -> list[T]:
        """Independent reads of one screen on the snapshot of `session` (a `reading()` one),
        their results in order. A file runs them one after another; a server at once."""
        return [read(session) for read in work]

    @contextmanager
    def begin_write(self) -> Iterator[Session]:
        """BEGIN IMMEDIATE, committed when the block ends without error.

        For `reviewdesk.auth.unit_of_work` only: services write through `write(...)` there,
        which checks the permission, insists on an audit event and announces the changes.
        """
        with self.engine.connect() as conn:
            conn.execution_options(immediate=True)
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session

    # Change notices -----------------------------------------------------------------------

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """Calls listener with the Changes of every write committed through this vault, on the
        thread that committed it."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[Changes], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def announce(self, session: Session, changes: Changes) -> None:
        """Called in a write's transaction before it commits; a file has no other seats to tell."""

    def publish(self, changes: Changes) -> None:
        self.generation += 1
        self.generations.update(changes.kinds)
        for listener in tuple(self._listeners):
            listener(changes)

    def integrity_problems(self, limit: int = 20) -> list[str]:
        """Every page read and its HMAC and structure checked; empty when the file is sound."""
        with self.engine.connect() as conn:
            try:
                rows = conn.exec_driver_sql(f"PRAGMA integrity_check({int(limit)})").all()
            except sa.exc.DatabaseError as exc:  # a page whose HMAC fails stops the check
                return [str(exc.orig)]
        if rows == [("ok",)]:
            return []
        # One row may hold several findings on separate lines, under a "*** in database" title.
        lines = [line for r in rows for line in str(r[0]).splitlines()]
        return [line for line in lines if line and not line.startswith("***")]

    def close(self) -> None:
        anchors, self.anchors = self.anchors, None
        if anchors is not None:
            try:
                anchors.checkpoint(self)
            except Exception as exc:  # a checkpoint must never keep a vault from closing
                log.warning("no checkpoint written at close: %s", type(exc).__name__)
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str, env: Mapping[str, str] | None = None) -> Vault:
        """Opens an existing vault, upgrading its schema if it is older than this application;
        a `postgresql://` URL opens a server vault (store/server.py).

        Every failure (wrong key, not a vault, newer schema, in use) leaves the file as it was.
        """
        if is_server(path):
            from reviewdesk.store.server import ServerVault

            return ServerVault.open(str(path), env)
        path = Path(path)
        salt = read_salt(path)
        refuse_network_filesystem(path)
        key = existing_vault_key(salt, env)
        return cls._open_with_key(path, key)

    @classmethod
    def _open_with_key(cls, path: Path, key: VaultKey) -> Vault:
        lock = _ProcessLock(path)
        try:
            lock.acquire(exclusive=False, what="it is being upgraded or restored")
            revision = _probe_revision(path, key)
            schema.check_compatible(revision, path, empty_ok=False)
            if revision != schema.head_revision():
                lock.acquire(exclusive=True, what="close it there so its schema can be upgraded")
                _migrate(path, key)
                lock.acquire(exclusive=False, what="it is being upgraded or restored")
            return cls(path, key, lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def create(cls, path: Path | str, env: Mapping[str, str] | None = None,
               *, target: str = "head") -> Vault:
        """Creates a new, empty vault at path with a new key (keyring or passphrase)."""
        path = Path(path)
        if path.exists():
            raise VaultError(f"{path}: a file is already there; choose another path",
                             ja=f"{path.name} はすでにあります。別の場所か名前を選んでください")
        if not path.parent.is_dir():
            raise VaultError(f"{path.parent}: no such folder", ja=f"フォルダ {path.parent} がありません")
        refuse_network_filesystem(path)
        key = new_vault_key(env)
        try:
            # Owner-only from the first byte: encrypted or not, nobody else needs to read it.
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            raw = connect(path, key.pragma_hex)  # writes the encrypted file with our salt
            raw.close()
            _migrate(path, key, target=target)
            lock = _ProcessLock(path)
            lock.acquire(exclusive=False, what="it is being upgraded or restored")
            return cls(path, key, lock)
        except BaseException:
            for leftover in (path, *_sidecars(path)):
                leftover.unlink(missing_ok=True)
            if key.source == "keyring":
                forget_key(key.vault_id)
            raise


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def _probe_revision(path: Path, key: VaultKey) -> str | None:
    # A bare connection: a wrong key is reported before SQLAlchemy or WAL touch anything.
    conn = connect(path, key.pragma_hex, wal=False)
    try:
        return schema.current_revision(conn)
    except sqlcipher.DatabaseError as exc:
        raise VaultError(f"{path}: the vault is damaged ({exc}); restore it from a backup",
                         ja="保管庫が破損しています。バックアップから復元してください") from exc
    finally:
        conn.close()


def _migrate(path: Path, key: VaultKey, target: str = "head") -> None:
    engine = make_engine(path, key.pragma_hex, foreign_keys=False)
    try:
        schema.upgrade(engine, target)
    finally:
        engine.dispose()


__all__ = ["VAULT_SUFFIX", "Vault", "VaultDamaged", "WrongKeyError", "read_salt"]
