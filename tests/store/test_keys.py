"""Keys: random in the OS keyring, or derived from REVIEWDESK_PASSPHRASE; insecure keyrings refused."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import keyring
import pytest

from reviewdesk.store.keys import KEYRING_SERVICE, KeyUnavailable
from reviewdesk.store.vault import Vault


def test_a_new_vault_keeps_a_random_key_in_the_keyring(tmp_path: Path, memory_keyring) -> None:
    path = tmp_path / "k.rdvault"
    with Vault.create(path, env={}) as vault:
        assert vault.key.source == "keyring"
        stored = memory_keyring.get_password(KEYRING_SERVICE, vault.vault_id)
        assert stored is not None and bytes.fromhex(stored) == vault.key.key
    assert path.read_bytes()[:16].hex() == vault.vault_id  # the id is readable without the key
    with Vault.open(path, env={}) as again:
        assert again.key.source == "keyring"


def test_without_keyring_or_passphrase_it_says_how_to_provide_one(tmp_path: Path) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    with pytest.raises(KeyUnavailable, match="REVIEWDESK_PASSPHRASE"):
        Vault.create(tmp_path / "k.rdvault", env={})
    assert not (tmp_path / "k.rdvault").exists()


def test_a_plaintext_keyring_is_refused_not_used(tmp_path: Path) -> None:
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        """Stands in for keyrings.alt.file.PlaintextKeyring (same module path and name)."""

        priority = 1  # type: ignore[assignment]
        stored: ClassVar[dict[tuple[str, str], str]] = {}

        def get_password(self, service, username):  # type: ignore[no-untyped-def]
            return self.stored.get((service, username))

        def set_password(self, service, username, password):  # type: ignore[no-untyped-def]
            self.stored[(service, username)] = password

        def delete_password(self, service, username):  # type: ignore[no-untyped-def]
            self.stored.pop((service, username), None)

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    keyring.set_keyring(PlaintextKeyring())
    with pytest.raises(KeyUnavailable, match=r"keyrings\.alt\.file\.PlaintextKeyring"):
        Vault.create(tmp_path / "k.rdvault", env={})
    assert PlaintextKeyring.stored == {}


def test_a_keyring_vault_missing_its_key_explains(tmp_path: Path, memory_keyring) -> None:
    path = tmp_path / "k.rdvault"
    Vault.create(path, env={}).close()
    memory_keyring.store.clear()
    with pytest.raises(KeyUnavailable, match="REVIEWDESK_PASSPHRASE"):
        Vault.open(path, env={})
