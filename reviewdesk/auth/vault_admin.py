"""Backing up and restoring as a user of the vault: the secretariat only, and audited."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import write
from reviewdesk.store.backup import Progress, backup, check_target, restore
from reviewdesk.store.server_dump import check_full_reader, dump
from reviewdesk.store.vault import Vault


def backup_vault(vault: Vault, actor: Actor, out: Path, progress: Progress | None = None) -> Path:
    """An encrypted, verified copy of the vault; the audit trail records who made it.

    The event is written before the copy is made, so the copy holds it and the copy's signed
    manifest (letters/anchors.py) anchors the trail up to and including it. On a server the
    copy is a sealed pg_dump (store/server_dump.py), which only the database's owner can make:
    another login is refused before anything is recorded."""
    require(actor, Action.BACKUP)
    out = check_target(out)
    if vault.is_server:
        check_full_reader(vault)
    with write(vault, actor, Action.BACKUP) as uow:
        session = uow.session
        audit.record(session, actor, "vault.backup", "vault", None, detail={"file": out.name})
    if vault.is_server:
        dump(vault, out)
        return out
    return backup(vault, out, progress)


def restore_vault(actor: Actor, backup_file: Path, target: Path, *, force: bool = False) -> Path:
    """Puts a verified backup at target (never the open vault: the caller makes sure)."""
    require(actor, Action.BACKUP)
    return restore(backup_file, target, force=force)
