"""A refused login costs one password check whoever is refused: the time tells no user names.

No timing is asserted here (the suite runs on loaded machines); the checks are counted instead.
The figures are in benchmarks/login.py (`python -m benchmarks.login`).
"""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from reviewdesk.auth import passwords
from reviewdesk.auth.users import LoginFailed, authenticate, set_disabled


class CountingHasher(PasswordHasher):
    """The suite's cheap hasher, counting the hashes it verifies."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified.append(hash if isinstance(hash, str) else hash.decode())
        return super().verify(hash, password)


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingHasher:
    hasher = CountingHasher()
    monkeypatch.setattr(passwords, "hasher", hasher)
    return hasher


def _refused(world, username: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The hashes verified while username was refused with a wrong password."""
    hasher: CountingHasher = passwords.hasher  # type: ignore[assignment]
    hasher.verified.clear()
    with pytest.raises(LoginFailed):
        authenticate(world.vault, username, "not the password")
    return list(hasher.verified)


def test_an_unknown_user_name_costs_a_password_check(world, counting: CountingHasher) -> None:  # type: ignore[no-untyped-def]
    assert len(_refused(world, "derm")) == 1  # a wrong password: one check, of derm's hash
    unknown = _refused(world, "nobody-by-this-name")
    assert len(unknown) == 1 and unknown[0].startswith("$argon2id$")
    assert _refused(world, "somebody-else") == unknown  # one dummy hash, made once
    assert f"m={counting.memory_cost},t={counting.time_cost}" in unknown[0]  # the current cost


def test_a_disabled_user_costs_a_password_check_too(world, counting: CountingHasher) -> None:  # type: ignore[no-untyped-def]
    set_disabled(world.vault, world["secretary"], "derm", True)
    assert len(_refused(world, "derm")) == 1
