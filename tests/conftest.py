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


@pytest.fixture(scope="session")
def server_worlds():  # type: ignore[no-untyped-def]
    """This test process's throwaway PostgreSQL cluster (tests/support/server_worlds.py)."""
    from tests.support.server_worlds import ServerWorlds

    worlds = ServerWorlds()
    yield worlds
    worlds.remove()


@pytest.fixture(scope="session")
def server_world_template(server_worlds):  # type: ignore[no-untyped-def]
    return server_worlds.template()


# The service and store tests that take `world` run on both backends: the encrypted file and
# the server. The GUI and command-line tests stay on files (the server's own GUI and CLI tests
# name the server), and so do tests of what only a file has (marked `file_vault`): its pages,
# its process lock, its checkpoint beside it, its copy as a backup.
BACKENDS = ("file", "server")
BOTH_BACKENDS_UNDER = ("auth", "cases", "store", "integrity", "letters")
# .ci/run's clock-shifted pass sets this to "file": a shifted clock tests date logic, which is
# the same on both backends (dates come from Python, never from the server), and running every
# service test on both once more would strain the 10-minute budget. tests/server runs in both.
ENABLED_BACKENDS = tuple(os.environ.get("REVIEWDESK_TEST_BACKENDS", ",".join(BACKENDS)).split(","))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "file_vault: the test is about the vault file itself")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" not in metafunc.fixturenames:
        return
    folder = Path(str(metafunc.definition.fspath)).relative_to(Path(__file__).parent).parts[0]
    both = folder in BOTH_BACKENDS_UNDER and not metafunc.definition.get_closest_marker("file_vault")
    metafunc.parametrize("backend", tuple(b for b in BACKENDS if b in ENABLED_BACKENDS) if both else ("file",))


@pytest.fixture
def world(backend, request, tmp_path):  # type: ignore[no-untyped-def]
    """A vault with a member, contract, doctor and one user per role (see tests/support): this
    test's own copy of the session's template, a file in tmp_path or a server database."""
    name = "world_template" if backend == "file" else "server_world_template"
    with request.getfixturevalue(name).copy(tmp_path) as w:
        yield w


@pytest.fixture(scope="session")
def _staged_templates() -> dict[object, object]:
    return {}


@pytest.fixture
def staged(backend, request, tmp_path_factory, tmp_path, _staged_templates):  # type: ignore[no-untyped-def]
    """`staged(stage)`: a context manager giving (world, what stage made) on this test's backend,
    from a template staged once per test process and backend (tests/support/templates.py)."""
    from contextlib import contextmanager

    from tests.support.templates import build_world_template

    @contextmanager
    def copy(stage):  # type: ignore[no-untyped-def]
        key = (backend, stage.__module__, stage.__qualname__)
        if key not in _staged_templates:
            _staged_templates[key] = (
                build_world_template(tmp_path_factory.mktemp(stage.__name__), stage) if backend == "file"
                else request.getfixturevalue("server_worlds").template(stage))
        template = _staged_templates[key]
        with template.copy(tmp_path) as world:
            yield world, template.made

    return copy
