"""Finds a vault's key: a random key in the OS keyring, or one derived from a passphrase."""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import keyring
from argon2.low_level import Type, hash_secret_raw
from keyring.errors import KeyringError

from reviewdesk.errors import VaultError

KEYRING_SERVICE = "ReviewDesk"
PASSPHRASE_ENV = "REVIEWDESK_PASSPHRASE"

# The backends that keep a secret encrypted at rest, by exact class (module and qualified name):
# the Secret Service (GNOME Keyring, KeePassXC; directly or through libsecret), KWallet, the
# macOS Keychain and the Windows Credential Locker. Anything else is refused, a subclass or a
# look-alike of one of these too (a PlaintextKeyring under another name is still plain text).
ENCRYPTING_BACKENDS = frozenset({
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.Windows.WinVaultKeyring",
})
# keyring's default when several backends are viable: it stores in the first that takes the
# secret, so every backend it chains must be one of the above.
CHAINER_BACKEND = "keyring.backends.chainer.ChainerBackend"
NO_KEYRING = frozenset({"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"})

# RFC 9106's low-memory profile: about 0.1 s here, memory-hard enough for a desktop.
# A passphrase vault records no parameters, so these are fixed for good; a change would
# need a new key-format version that tries both.
KDF_TIME_COST = 3
KDF_MEMORY_KIB = 64 * 1024
KDF_PARALLELISM = 4

HOW_TO_PROVIDE_A_KEY = (
    "no usable OS keyring holds this vault's key; set REVIEWDESK_PASSPHRASE to the vault's "
    "passphrase (see README, 'Keys and passphrases')"
)


class KeyUnavailable(VaultError):
    """No key could be found for the vault."""


@dataclass(frozen=True)
class VaultKey:
    """The 32-byte SQLCipher key and the vault's 16-byte salt (its first 16 bytes on disk)."""

    key: bytes
    salt: bytes
    source: str  # "keyring" or "passphrase"

    @property
    def pragma_hex(self) -> str:
        # SQLCipher's raw key with an explicit salt: the salt becomes the file's header.
        return self.key.hex() + self.salt.hex()

    @property
    def vault_id(self) -> str:
        return self.salt.hex()


@functools.lru_cache(maxsize=8)  # reopening (unlock, backup, tests) need not pay the KDF again
def derive_key(passphrase: str, salt: bytes) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost=KDF_TIME_COST, memory_cost=KDF_MEMORY_KIB,
        parallelism=KDF_PARALLELISM, hash_len=32, type=Type.ID,
    )


def backend_name(backend: object) -> str:
    """The exact class of a keyring backend: module and qualified name."""
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _backend_names() -> list[str]:
    """The backends that would keep the key (a chainer's chained ones); refused with a
    clear KeyUnavailable when none can be loaded (PYTHON_KEYRING_BACKEND naming a backend
    whose library is missing, such as keyrings.alt's EncryptedKeyring without pycryptodome)."""
    try:
        backend = keyring.get_keyring()
        if backend_name(backend) == CHAINER_BACKEND:
            return [backend_name(b) for b in backend.backends]  # type: ignore[attr-defined]
    except Exception as exc:  # keyring raises whatever the backend's import or probe raised
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise KeyUnavailable(
            f"the OS keyring cannot be used here (its backend failed to load: {detail}); "
            "set REVIEWDESK_PASSPHRASE to the vault's passphrase (see README, "
            "'Keys and passphrases')") from exc
    return [backend_name(backend)]


def secure_keyring_available() -> bool:
    try:
        names = _backend_names()
    except KeyUnavailable:
        return False
    return bool(names) and all(name in ENCRYPTING_BACKENDS for name in names)


def _require_secure_keyring() -> None:
    names = _backend_names()
    refused = [n for n in names if n not in ENCRYPTING_BACKENDS] or (["no backend"] if not names else [])
    if refused:
        why = ("there is no OS keyring" if refused[0] in NO_KEYRING | {"no backend"}
               else "it is not one known to keep secrets encrypted")
        raise KeyUnavailable(
            f"the OS keyring is not usable here (backend {refused[0]}: {why}); set "
            "REVIEWDESK_PASSPHRASE to the vault's passphrase (see README, 'Keys and passphrases')"
        )


def new_vault_key(env: Mapping[str, str] | None = None) -> VaultKey:
    """A key for a new vault: from the passphrase if one is set, else random in the keyring."""
    env = os.environ if env is None else env
    salt = secrets.token_bytes(16)
    passphrase = env.get(PASSPHRASE_ENV)
    if passphrase:
        return VaultKey(derive_key(passphrase, salt), salt, "passphrase")
    _require_secure_keyring()
    key = VaultKey(secrets.token_bytes(32), salt, "keyring")
    try:
        keyring.set_password(KEYRING_SERVICE, key.vault_id, key.key.hex())
        stored = keyring.get_password(KEYRING_SERVICE, key.vault_id)
    except KeyringError as exc:
        raise KeyUnavailable(f"the OS keyring refused the key ({exc}); " + HOW_TO_PROVIDE_A_KEY) from exc
    if stored != key.key.hex():
        raise KeyUnavailable("the OS keyring did not keep the key; " + HOW_TO_PROVIDE_A_KEY)
    return key


def existing_vault_key(salt: bytes, env: Mapping[str, str] | None = None) -> VaultKey:
    """The key of an existing vault whose salt (first 16 bytes of the file) is given."""
    env = os.environ if env is None else env
    passphrase = env.get(PASSPHRASE_ENV)
    if passphrase:
        return VaultKey(derive_key(passphrase, salt), salt, "passphrase")
    _require_secure_keyring()
    try:
        stored = keyring.get_password(KEYRING_SERVICE, salt.hex())
    except KeyringError as exc:
        raise KeyUnavailable(f"the OS keyring failed ({exc}); " + HOW_TO_PROVIDE_A_KEY) from exc
    if stored is None:
        raise KeyUnavailable(HOW_TO_PROVIDE_A_KEY)
    return VaultKey(bytes.fromhex(stored), salt, "keyring")


def forget_key(vault_id: str) -> None:
    """Removes a keyring key (used when creating a vault failed half-way)."""
    with contextlib.suppress(KeyringError):
        keyring.delete_password(KEYRING_SERVICE, vault_id)
