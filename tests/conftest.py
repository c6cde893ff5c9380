"""Shared fixtures: offscreen Qt, an in-memory keyring, throwaway vault folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


def reviewdesk_command() -> list[str]:
    """The installed `reviewdesk` console script, beside the interpreter running the tests.

    Every CLI test that starts a real process uses this, so the suite runs from any checkout
    and any virtual environment, not only `<repo>/.venv`.
    """
    script = Path(sys.executable).with_name("reviewdesk")
    assert script.is_file(), f"{script}: the package is not installed in this environment"
    return [str(script)]


class MemoryKeyring(KeyringBackend):
    """A keyring that forgets everything when the test ends; never the real OS keyring."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        try:
            del self.store[(service, username)]
        except KeyError as exc:
            raise PasswordDeleteError("not found") from exc


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """Every test gets a fresh in-memory keyring and no passphrase or password from the shell."""
    for name in ("REVIEWDESK_PASSPHRASE", "REVIEWDESK_PASSWORD", "REVIEWDESK_HOME"):
        monkeypatch.delenv(name, raising=False)
    from reviewdesk.store import keys

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    # Trusted like an OS keyring that encrypts (it keeps nothing on disk at all).
    monkeypatch.setattr(keys, "ENCRYPTING_BACKENDS", keys.ENCRYPTING_BACKENDS | {keys.backend_name(backend)})
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its real cost takes 0.1 s a hash; tests hash hundreds of passwords."""
    from argon2 import PasswordHasher

    from reviewdesk.auth import passwords

    monkeypatch.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session")
def world_template(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The world, built once per test process (see tests/support/templates.py)."""
    from tests.support.templates import build_world_template

    return build_world_template(tmp_path_factory.mktemp("world"))


@pytest.fixture
def world(world_template, tmp_path):  # type: ignore[no-untyped-def]
    """A vault with a member, contract, doctor and one user per role (see tests/support):
    this test's own copy of the session's template, in tmp_path."""
    with world_template.copy(tmp_path) as w:
        yield w
