"""Online encrypted backups (same key), verified after writing, and restoring them."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from reviewdesk.errors import InputError, VaultError
from reviewdesk.store import schema
from reviewdesk.store.engine import connect
from reviewdesk.store.keys import VaultKey, existing_vault_key
from reviewdesk.store.vault import Vault, _ProcessLock, _sidecars, read_salt

PAGES_PER_STEP = 4096  # 16 MiB of 4 KiB pages between progress reports
Progress = Callable[[int, int], None]  # (pages copied, pages in all)


def _verify_copy(path: Path, key: VaultKey) -> tuple[str, tuple[int, str]]:
    """Opens a copy with the key, checks every page; returns its schema revision and the
    (id, hash) of its last audit event."""
    conn = connect(path, key.pragma_hex)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise VaultError(f"{path}: integrity check failed: {result[0][0]}",
                             ja=f"{path.name} の整合性検査で問題が見つかりました")
        revision = schema.current_revision(conn)
        last = conn.execute("SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
    except sqlcipher.DatabaseError as exc:
        raise VaultError(f"{path}: the copy cannot be read ({exc})",
                         ja=f"複製 {path.name} を読み取れません") from exc
    finally:
        conn.close()
    if revision is None:
        raise VaultError(f"{path}: not a ReviewDesk vault",
                         ja=f"{path.name} はReviewDeskの保管庫ではありません")
    return revision, ((int(last[0]), str(last[1])) if last else (0, "0" * 64))


def check_target(out: Path) -> Path:
    """The path a backup may take: nothing there yet, in an existing folder."""
    out = Path(out)
    if out.exists():
        raise InputError(f"{out}: a file is already there; choose another name",
                         ja=f"{out.name} はすでにあります。別の名前を選んでください")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder", ja=f"フォルダ {out.parent} がありません")
    return out


def backup(vault: Vault, out: Path, progress: Progress | None = None) -> Path:
    """Writes an encrypted copy of the open vault to out, verified before it takes the name.

    Without progress the pages are copied in one step, from one consistent snapshot. With it,
    they are copied PAGES_PER_STEP at a time through SQLite's online backup API, reporting
    (copied, total) after each step; a write to the vault meanwhile makes SQLite start the
    copy again, so the copy is still one consistent state. Verification follows the copying;
    then the vault's anchor hooks, if installed, write the copy's signed manifest beside it.
    """
    out = check_target(out)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        _copy_pages(vault, partial, progress)
        _revision, (seq, head) = _verify_copy(partial, vault.key)
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        partial.rename(out)
    finally:
        for leftover in (partial, *_sidecars(partial)):
            leftover.unlink(missing_ok=True)
    if vault.anchors is not None:
        vault.anchors.backup_written(vault, out, seq, head)
    return out


def _copy_pages(vault: Vault, target_path: Path, progress: Progress | None) -> None:
    # The target is keyed with the vault's key and salt, so SQLCipher re-encrypts each page
    # exactly as the vault has it; nothing is ever written in clear.
    target = connect(target_path, vault.key.pragma_hex, wal=False)
    try:
        with vault.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None

            def report(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total)

            raw.backup(target, pages=-1 if progress is None else PAGES_PER_STEP, progress=report)
    finally:
        target.close()


def restore(backup_file: Path, target: Path, *, force: bool = False) -> Path:
    """Puts a verified backup in place of target; an existing vault needs force."""
    backup_file, target = Path(backup_file), Path(target)
    salt = read_salt(backup_file)
    key = existing_vault_key(salt)
    revision = _check_backup(backup_file, key)
    schema.check_compatible(revision, backup_file, empty_ok=False)
    if target.exists() and not force:
        raise InputError(f"{target}: a vault is already there; add --force to replace it",
                         ja=f"{target.name} には保管庫がすでにあります")
    if not target.parent.is_dir():
        raise InputError(f"{target.parent}: no such folder", ja=f"フォルダ {target.parent} がありません")
    staging = target.with_name(target.name + ".restoring")
    staging.unlink(missing_ok=True)
    lock = _ProcessLock(target) if target.exists() else None
    try:
        if lock:
            lock.acquire(exclusive=True, what="close it before restoring over it")
        os.close(os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        shutil.copyfile(backup_file, staging)
        _verify_copy(staging, key)
        with staging.open("rb+") as fh:
            os.fsync(fh.fileno())
        for sidecar in _sidecars(target):  # a stale WAL would be replayed onto the restored file
            sidecar.unlink(missing_ok=True)
        staging.replace(target)
    finally:
        if lock:
            lock.release()
        for leftover in (staging, *_sidecars(staging)):
            leftover.unlink(missing_ok=True)
    return target


def _check_backup(path: Path, key: VaultKey) -> str | None:
    conn = connect(path, key.pragma_hex, wal=False)  # inspect only: the backup stays as it is
    try:
        return schema.current_revision(conn)
    except sqlcipher.DatabaseError as exc:
        raise VaultError(f"{path}: the backup is damaged ({exc}); nothing was restored",
                         ja=f"バックアップ {path.name} は破損しています。何も復元していません") from exc
    finally:
        conn.close()
