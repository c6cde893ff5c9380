"""Server-mode fixtures: a world on its own database of this process's cluster, and seats that
connect to it with the members' own logins (SCRAM), as the desktop does."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from reviewdesk.auth.users import authenticate
from reviewdesk.store.server import ServerVault
from tests.support.builders import PASSWORD, World


@pytest.fixture
def server_world(server_world_template) -> Iterator[World]:  # type: ignore[no-untyped-def]
    """The world on a server database, opened by the database's owner."""
    with server_world_template.copy() as world:
        yield world


class Seats:
    """Opens seats (vaults signed in as a member) and raw member connections (psql's view)."""

    def __init__(self, worlds, world: World) -> None:  # type: ignore[no-untyped-def]
        self.worlds = worlds
        self.database = world.vault.params["dbname"]
        self._open: list[ServerVault] = []

    def url(self, user: str | None = None) -> str:
        return self.worlds.url(self.database, user)

    def seat(self, username: str, password: str = PASSWORD) -> tuple[ServerVault, object]:
        vault = ServerVault.open(self.url(None))
        self._open.append(vault)
        return vault, authenticate(vault, username, password)

    def psql(self, username: str, password: str = PASSWORD) -> psycopg.Connection:
        params = dict(self.worlds.cluster_params(self.database))
        return psycopg.connect(**params, user=username, password=password, autocommit=True)

    def close(self) -> None:
        for vault in self._open:
            vault.close()


@pytest.fixture
def seats(server_worlds, server_world) -> Iterator[Seats]:  # type: ignore[no-untyped-def]
    s = Seats(server_worlds, server_world)
    yield s
    s.close()
