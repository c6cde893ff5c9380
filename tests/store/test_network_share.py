"""A vault file on a network share is refused with a pointer to server mode: SQLite's WAL needs
every process on one host, and a second machine writing the same file would corrupt it."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import VaultError
from reviewdesk.store import location
from reviewdesk.store.vault import Vault
from tests.support.builders import PASSPHRASE_ENV


@pytest.mark.parametrize("kind", ["nfs", "nfs4", "cifs", "smb3", "fuse.sshfs", "9p"])
def test_a_vault_on_a_network_file_system_is_neither_created_nor_opened(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    existing = tmp_path / "board.rdvault"
    Vault.create(existing, env=PASSPHRASE_ENV).close()
    monkeypatch.setattr(location, "mount_type", lambda _path: kind)
    for attempt in (lambda: Vault.create(tmp_path / "new.rdvault", env=PASSPHRASE_ENV),
                    lambda: Vault.open(existing, env=PASSPHRASE_ENV)):
        with pytest.raises(VaultError) as refused:
            attempt()
        assert kind in str(refused.value) and "server import" in str(refused.value)
        assert "サーバーモード" in refused.value.ja
    assert not (tmp_path / "new.rdvault").exists()


def test_the_mount_holding_a_path_is_read_from_the_mount_table(tmp_path: Path) -> None:
    kind = location.mount_type(tmp_path)
    assert kind is not None and kind not in location.NETWORK_FILESYSTEMS  # the tests' own disk
    location.refuse_network_filesystem(tmp_path / "x.rdvault")  # a local disk passes
