"""Worlds on a PostgreSQL server: one throwaway cluster per test process and one working
database in it. A template is a snapshot of that database's rows in a schema of its own; each
test starts from a template by putting its rows back (one round trip, with triggers off as the
superuser may: tens of milliseconds, where CREATE DATABASE … TEMPLATE took half a second).

Logins are the cluster's, shared by the process's tests: restoring a snapshot also gives its
users their logins back as the snapshot made them (an earlier test may have disabled one or
changed its password).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import psycopg

from reviewdesk.auth import server_security
from reviewdesk.auth.roles import Actor, Role
from reviewdesk.auth.server_admin import init_server
from reviewdesk.store.pg_cluster import Cluster
from reviewdesk.store.server import ServerVault
from tests.support.builders import PASSWORD, World, populate_world
from tests.support.templates import as_in_a_test

T = TypeVar("T")
WORK = "work"


class ServerWorlds:
    """The process's cluster, its working database and the templates' snapshots."""

    def __init__(self) -> None:
        Cluster.reap_orphans()
        self.cluster = Cluster().start()
        self._numbers = itertools.count(1)
        self._logins: dict[str, list[str]] = {}
        self.admin(f"CREATE DATABASE {WORK}")
        init_server(self.url(WORK), None, None)
        with self._owner() as conn:
            self.tables = [r[0] for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version' ORDER BY tablename").fetchall()]
            self.serials = conn.execute(
                "SELECT table_name, column_name, pg_get_serial_sequence(table_name, column_name) "
                "FROM information_schema.columns WHERE table_schema = 'public' "
                "AND pg_get_serial_sequence(table_name, column_name) IS NOT NULL").fetchall()
        self.blank = self._snapshot()

    def url(self, database: str, user: str | None = "postgres") -> str:
        url = self.cluster.url(database)
        return url if user == "postgres" else url.replace("postgres@", f"{user}@" if user else "")

    def cluster_params(self, database: str) -> dict[str, object]:
        return {"host": str(self.cluster.socket_dir), "port": self.cluster.port, "dbname": database}

    def admin(self, sql: str) -> None:
        with psycopg.connect(self.cluster.url(), autocommit=True) as conn:
            conn.execute(sql)

    def _owner(self) -> psycopg.Connection:
        return psycopg.connect(self.url(WORK), autocommit=True)

    def new_database(self) -> str:
        name = f"db{next(self._numbers)}"
        self.admin(f"CREATE DATABASE {name}")
        return name

    def drop(self, database: str) -> None:
        self.admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")

    def _snapshot(self) -> str:
        schema = f"tmpl{next(self._numbers)}"
        sql = [f"CREATE SCHEMA {schema}"]
        sql += [f'CREATE TABLE {schema}."{t}" AS TABLE public."{t}"' for t in self.tables]
        with self._owner() as conn:
            conn.execute(";".join(sql))
        return schema

    def _login_resets(self, schema: str) -> list[str]:
        """Statements giving the snapshot's users their logins as the snapshot made them
        (enabled, in their role's group, the world's password): an earlier test may have
        disabled one, changed its password or its role, and logins are the cluster's."""
        if schema not in self._logins:
            with self._owner() as conn:
                users = conn.execute(f"SELECT username, role, disabled FROM {schema}.users").fetchall()
                sql = []
                for username, role, disabled in users:
                    verifier = server_security._verifier(conn, username, PASSWORD)
                    sql.append(f"ALTER ROLE \"{username}\" {'NOLOGIN' if disabled else 'LOGIN'} "
                               f"{'CREATEROLE' if role == 'secretariat' else 'NOCREATEROLE'} "
                               f"PASSWORD '{verifier}'")
                    sql += [f'REVOKE "{server_security.group(r)}" FROM "{username}"' for r in Role]
                    sql.append(f'GRANT "{server_security.group(role)}" TO "{username}"')
            self._logins[schema] = sql
        return self._logins[schema]

    def restore(self, schema: str) -> None:
        """The working database's rows become the snapshot's; ids continue after them."""
        sql = ["BEGIN", *self._login_resets(schema),
               "SET LOCAL session_replication_role = replica"]  # no triggers, no FK checks
        sql += [f'DELETE FROM public."{t}"' for t in self.tables]
        sql += [f'INSERT INTO public."{t}" SELECT * FROM {schema}."{t}"' for t in self.tables]
        sql += [f"SELECT setval('{seq}', coalesce((SELECT max({column}) FROM public.\"{table}\"), 0) + 1, "
                "false)" for table, column, seq in self.serials]
        sql.append("COMMIT")
        with self._owner() as conn:
            conn.execute(";".join(sql))

    def template(self, stage: Callable[[World], T] = lambda world: None) -> ServerWorldTemplate[T]:
        self.restore(self.blank)
        with as_in_a_test():
            vault = ServerVault.open(self.url(WORK))
            try:
                world = populate_world(vault)
                made = stage(world)
            finally:
                vault.close()
        return ServerWorldTemplate(self, self._snapshot(), dict(world.actors), world.member_id,
                                   world.facility_id, world.contract_id, world.doctor_id, made)

    def remove(self) -> None:
        self.cluster.remove()


@dataclass(frozen=True)
class ServerWorldTemplate(Generic[T]):
    """A snapshot to start from; the same interface as templates.WorldTemplate."""

    worlds: ServerWorlds
    schema: str
    actors: dict[str, Actor]
    member_id: int
    facility_id: int
    contract_id: int
    doctor_id: int
    made: T

    def open_copy(self, _folder: Any = None) -> World:
        self.worlds.restore(self.schema)
        return World(ServerVault.open(self.worlds.url(WORK)), dict(self.actors), self.member_id,
                     self.facility_id, self.contract_id, self.doctor_id)

    @contextmanager
    def copy(self, _folder: Any = None) -> Iterator[World]:
        world = self.open_copy()
        try:
            yield world
        finally:
            world.vault.close()

    def load_into(self, world: World, _folder: Any = None) -> None:
        assert (dict(self.actors), self.member_id, self.facility_id, self.contract_id,
                self.doctor_id) == (world.actors, world.member_id, world.facility_id,
                                    world.contract_id, world.doctor_id)
        world.vault.close()
        self.worlds.restore(self.schema)
        world.vault = ServerVault.open(self.worlds.url(WORK))
