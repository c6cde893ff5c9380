"""`reviewdesk demo --vault postgresql://…`: the demo straight onto a new, empty database.

On a cluster of its own: the demo's members get logins, and logins are the cluster's, so they
must not meet test_transfer's import of the same names on the worker's shared cluster.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from reviewdesk.auth.audit import verify_chain
from reviewdesk.auth.users import authenticate
from reviewdesk.cases.queries import count_cases
from reviewdesk.cli import main
from reviewdesk.demo.people import DEMO_PASSWORD
from reviewdesk.store.pg_cluster import Cluster
from reviewdesk.store.server import ServerVault


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    cluster = Cluster().start()
    try:
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE board")
        yield cluster
    finally:
        cluster.remove()


def test_the_demo_goes_onto_a_server_and_each_member_signs_in_with_the_demo_password(cluster, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--vault", cluster.url("board"), "--cases", "3", "--no-gui"]) == 0
    out = capsys.readouterr().out
    assert "3 cases" in out and "postgres@" not in out.split("\n")[0].split(":")[0]
    seat_url = cluster.url("board").replace("postgres@", "")
    assert f"members connect to {seat_url} with their own login" in out
    assert not list(Path(cluster.folder).glob("**/*.rdvault"))
    seat = ServerVault.open(cluster.url("board").replace("postgres@", ""))
    try:
        derm = authenticate(seat, "derm1", DEMO_PASSWORD)  # its own login, the demo password
        assert seat.login == "derm1"
        assert count_cases(seat, derm) <= 3  # its assigned cases only
    finally:
        seat.close()
    seat = ServerVault.open(cluster.url("board").replace("postgres@", ""))
    try:
        secretary = authenticate(seat, "secretariat1", DEMO_PASSWORD)
        assert count_cases(seat, secretary) == 3
        with seat.reading() as session:
            assert verify_chain(session).intact
    finally:
        seat.close()


def test_the_demo_refuses_a_database_that_holds_rows(cluster, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["demo", "--vault", cluster.url("board"), "--cases", "1", "--no-gui"]) == 0
    capsys.readouterr()
    assert main(["demo", "--vault", cluster.url("board"), "--cases", "1", "--no-gui"]) == 2
    assert "the database is not empty" in capsys.readouterr().err
