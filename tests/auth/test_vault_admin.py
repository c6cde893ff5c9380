"""Backup and restore as a service: the secretariat only, and the backup is in the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.auth.vault_admin import backup_vault, restore_vault
from reviewdesk.errors import PermissionDenied
from reviewdesk.store.models import AuditEvent

# Backups and restores of a vault file (a server backs up with pg_dump).
pytestmark = pytest.mark.file_vault


def test_only_the_secretariat_backs_up_or_restores(world, tmp_path: Path) -> None:
    for role in ("chair", "auditor", "derm", "lawyer", "assessor"):
        with pytest.raises(PermissionDenied):
            backup_vault(world.vault, world[role], tmp_path / f"{role}.rdvault")
        with pytest.raises(PermissionDenied):
            restore_vault(world[role], tmp_path / "none.rdvault", tmp_path / "target.rdvault")
    assert sorted(p.name for p in tmp_path.glob("*.rdvault")) == [world.vault.path.name]


def test_a_backup_is_audited_and_restorable(world, tmp_path: Path, monkeypatch) -> None:
    out = backup_vault(world.vault, world["secretary"], tmp_path / "copy.rdvault")
    with world.vault.reading() as session:
        last = session.execute(sa.select(AuditEvent.action, AuditEvent.username)
                               .order_by(AuditEvent.id.desc()).limit(1)).one()
    assert tuple(last) == ("vault.backup", "secretary")
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    restored = restore_vault(world["secretary"], out, tmp_path / "restored.rdvault")
    assert restored.exists()
