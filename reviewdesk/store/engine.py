"""Builds SQLAlchemy engines over SQLCipher files keyed with a raw 256-bit key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlcipher3 import dbapi2 as sqlcipher

from reviewdesk.errors import VaultError

SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"
# Every page read from disk must be decrypted and its HMAC checked, so a page cache that holds
# the working set matters more here than for plain SQLite (benchmarks: 1.47x -> ~1.05x).
PAGE_CACHE_KIB = 32 * 1024
# SQLCipher 4's page size, which every vault has (none sets cipher_page_size): the file is
# always a whole number of pages.
PAGE_SIZE = 4096
# What SQLCipher says when the first page's HMAC fails: the key is wrong (or it is no vault).
# A right key on a file cut short opens the first page and then finds the rest missing, which
# SQLite reports as SQLITE_CORRUPT (11) or an I/O error instead.
SQLITE_NOTADB = 26
SQLITE_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED


class WrongKeyError(VaultError):
    """The key does not open the file, or the file is not an encrypted vault."""


class VaultDamaged(VaultError):
    """The file is a vault the key opens (or was one), but part of it is missing or unreadable."""


def damaged(path: Path, what: str, *, ja: str) -> VaultDamaged:
    """The one wording of a damaged vault, in the CLI and (ja) in the desktop."""
    return VaultDamaged(f"{path}: the vault is damaged: {what}; nothing was changed; restore it "
                        "from a backup ('reviewdesk restore')",
                        ja=f"保管庫 {path.name} は破損しています（{ja}）。ファイルは変更していません。"
                           "バックアップから復元してください")


def key_pragma(key_hex: str) -> str:
    """The PRAGMA that unlocks a vault; key_hex holds the key and the file's salt."""
    return f"PRAGMA key = \"x'{key_hex}'\""


def connect(path: Path, key_hex: str, *, foreign_keys: bool = True, wal: bool = True) -> Any:
    """Opens and unlocks one DB-API connection; raises WrongKeyError before touching the file.

    wal=False leaves the journal mode as the file has it (for inspecting backups).
    """
    conn = sqlcipher.connect(str(path), check_same_thread=False, timeout=10)
    try:
        # Without this SQLCipher prints 'hmac check failed' on stderr for every wrong key.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(key_pragma(key_hex))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorcode", None)
        if code in SQLITE_BUSY_CODES:
            raise VaultError(f"{path}: the vault is busy in another process; try again in a moment",
                             ja="保管庫が別のプロセスで使用中です。しばらくしてからお試しください") from exc
        if code != SQLITE_NOTADB:
            raise damaged(path, f"the key opens it but its pages cannot be read ({exc}); part of "
                          "the file is missing or overwritten", ja="鍵は合っていますが、ファイルの一部が"
                          "欠けているか壊れていて読み取れません") from exc
        raise WrongKeyError(
            f"{path}: cannot open the vault: wrong key or passphrase, or not a ReviewDesk vault"
        ) from exc
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    # SQLAlchemy emits BEGIN itself (see make_engine), which makes DDL transactional.
    conn.isolation_level = None
    return conn


def make_engine(path: Path, key_hex: str, *, foreign_keys: bool = True) -> sa.Engine:
    """An engine whose connections are unlocked SQLCipher connections in WAL mode.

    Write transactions opened with execution option `immediate=True` start with
    BEGIN IMMEDIATE, so two writers never compute the audit chain from the same head.
    """
    engine = sa.create_engine(
        "sqlite://",
        module=sqlcipher,
        creator=lambda: connect(path, key_hex, foreign_keys=foreign_keys),
        poolclass=sa.pool.QueuePool,
        pool_size=4,
        max_overflow=8,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get("immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
