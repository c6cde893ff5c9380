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

# Backends that would keep the key in plain text (or nowhere): never used silently.
INSECURE_BACKENDS = frozenset({
    "keyrings.alt.file.PlaintextKeyring",
    "keyrings.alt.file.EncryptedKeyring",
    "keyring.backends.fail.Keyring",
    "keyring.backends.null.Keyring",
})

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


def _backend_names() -> list[str]:
    backend = keyring.get_keyring()
    inner = getattr(backend, "backends", None)  # ChainerBackend delegates to several
    backends = list(inner) if inner else [backend]
    return [f"{type(b).__module__}.{type(b).__name__}" for b in backends]


def secure_keyring_available() -> bool:
    names = _backend_names()
    return bool(names) and not any(name in INSECURE_BACKENDS for name in names)


def _require_secure_keyring() -> None:
    insecure = [n for n in _backend_names() if n in INSECURE_BACKENDS]
    if insecure:
        raise KeyUnavailable(
            f"the OS keyring is not usable here (backend {insecure[0]} keeps no secret safely); "
            "set REVIEWDESK_PASSPHRASE to the vault's passphrase (see README, "
            "'Keys and passphrases')"
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
