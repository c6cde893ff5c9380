"""Password hashing with argon2id."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# argon2id, RFC 9106 low-memory profile (t=3, 64 MiB, p=4): about 0.1 s a check here.
hasher = PasswordHasher()

MIN_PASSWORD_LENGTH = 8

# One hash of a random password per hasher configuration, made on first use (see spend_a_check).
_dummy_hashes: dict[tuple[int, int, int, int, int], str] = {}


def hash_password(password: str) -> str:
    return hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def spend_a_check(password: str) -> None:
    """Verifies password against a hash nobody's password matches, at the current parameters.

    A login for a user name that does not exist (or cannot log in) costs what a wrong password
    costs, so the time of a refusal does not tell which user names exist.
    """
    params = (hasher.time_cost, hasher.memory_cost, hasher.parallelism, hasher.hash_len,
              hasher.salt_len)
    dummy = _dummy_hashes.get(params)
    if dummy is None:
        dummy = _dummy_hashes.setdefault(params, hasher.hash(secrets.token_urlsafe(24)))
    verify_password(dummy, password)
