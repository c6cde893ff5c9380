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
    PlaintextKeyring.__qualname__ = "PlaintextKeyring"
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


# The allow-list: backends known to encrypt at rest, by exact class --------------------------

def _backend(module: str, qualname: str, base: type = keyring.backend.KeyringBackend) -> type:
    """A fake backend class that claims to live at module.qualname, keeping what it is given."""

    def get_password(self, service, username):  # type: ignore[no-untyped-def]
        return self.stored.get((service, username))

    def set_password(self, service, username, password):  # type: ignore[no-untyped-def]
        self.stored[(service, username)] = password

    def delete_password(self, service, username):  # type: ignore[no-untyped-def]
        self.stored.pop((service, username), None)

    cls = type(qualname.rsplit(".", 1)[-1], (base,), {
        "priority": 1, "stored": {}, "get_password": get_password, "set_password": set_password,
        "delete_password": delete_password, "__module__": module, "__qualname__": qualname})
    return cls


@pytest.mark.parametrize("name", [
    "keyring.backends.SecretService.Keyring", "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.macOS.Keyring", "keyring.backends.Windows.WinVaultKeyring",
])
def test_the_encrypting_backends_keep_the_key(tmp_path: Path, name: str) -> None:
    module, qualname = name.rsplit(".", 1)
    backend = _backend(module, qualname)()
    keyring.set_keyring(backend)
    with Vault.create(tmp_path / "k.rdvault", env={}) as vault:
        assert backend.stored == {(KEYRING_SERVICE, vault.vault_id): vault.key.key.hex()}


@pytest.mark.parametrize("make", [
    # keyrings.alt's plaintext file under a name that sounds safe, in a module that sounds safe
    lambda: _backend("keyring.backends.SecretService", "SecureKeyring",
                     _backend("keyrings.alt.file", "PlaintextKeyring")),
    # a subclass of a trusted backend is not the trusted backend
    lambda: _backend("mypackage.backends", "Keyring", _backend("keyring.backends.SecretService", "Keyring")),
    lambda: _backend("keyrings.alt.file", "EncryptedKeyring"),
    lambda: _backend("keyring.backends.SecretService", "Keyring.Inner"),
    lambda: _backend("keyrings.cryptfile.cryptfile", "CryptFileKeyring"),
])
def test_any_other_backend_is_refused_not_used(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    backend = make()()
    keyring.set_keyring(backend)
    with pytest.raises(KeyUnavailable, match="REVIEWDESK_PASSPHRASE") as exc:
        Vault.create(tmp_path / "k.rdvault", env={})
    assert f"{type(backend).__module__}.{type(backend).__qualname__}" in str(exc.value)
    assert backend.stored == {}
    assert list(tmp_path.iterdir()) == []


def test_a_chainer_is_judged_by_every_backend_it_chains(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends.chainer import ChainerBackend

    secret = _backend("keyring.backends.SecretService", "Keyring")()
    plain = _backend("keyrings.alt.file", "PlaintextKeyring")()
    keyring.set_keyring(ChainerBackend())
    monkeypatch.setattr(ChainerBackend, "backends", [secret, plain])
    with pytest.raises(KeyUnavailable, match=r"keyrings\.alt\.file\.PlaintextKeyring"):
        Vault.create(tmp_path / "k.rdvault", env={})
    assert secret.stored == {} and plain.stored == {}
    monkeypatch.setattr(ChainerBackend, "backends", [secret])
    with Vault.create(tmp_path / "k.rdvault", env={}) as vault:
        assert (KEYRING_SERVICE, vault.vault_id) in secret.stored


def test_only_the_real_chainer_is_resolved(tmp_path: Path) -> None:
    """A plaintext backend claiming to chain a trusted one is judged as itself."""
    fake = _backend("keyrings.alt.file", "PlaintextKeyring")()
    fake.backends = [_backend("keyring.backends.SecretService", "Keyring")()]
    keyring.set_keyring(fake)
    with pytest.raises(KeyUnavailable, match=r"keyrings\.alt\.file\.PlaintextKeyring"):
        Vault.create(tmp_path / "k.rdvault", env={})


def test_a_backend_that_fails_to_load_is_a_clear_message(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """PYTHON_KEYRING_BACKEND naming keyrings.alt's EncryptedKeyring where that library (or
    pycryptodome under it) is missing: keyring raises what the import raised."""
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.EncryptedKeyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    with pytest.raises(KeyUnavailable, match=r"failed to load.*REVIEWDESK_PASSPHRASE"):
        Vault.create(tmp_path / "k.rdvault", env={})
    assert list(tmp_path.iterdir()) == []
    from reviewdesk.store.keys import secure_keyring_available

    assert secure_keyring_available() is False  # the signer's password goes to the vault


def test_the_installed_command_explains_a_backend_that_fails_to_load(tmp_path: Path) -> None:
    import os
    import subprocess

    from tests.conftest import reviewdesk_command

    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyrings.alt.file.EncryptedKeyring")
    env.pop("REVIEWDESK_PASSPHRASE", None)
    password = tmp_path / "pw.txt"
    password.write_text("admin-password\n", encoding="utf-8")
    proc = subprocess.run([*reviewdesk_command(), "init", "--vault", str(tmp_path / "v.rdvault"),
                           "--admin-name", "admin", "--admin-password-file", str(password)],
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "REVIEWDESK_PASSPHRASE" in proc.stderr and "keyrings" in proc.stderr
    assert not (tmp_path / "v.rdvault").exists()
