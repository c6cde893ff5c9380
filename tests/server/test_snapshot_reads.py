"""A screen's independent reads run at once on a server (`Vault.alongside`), all on the snapshot
of the session that started them: a write committed meanwhile is seen by none of them."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from reviewdesk.store.models import Case
from tests.cases import flow


def _count(session: sa.orm.Session) -> int:
    return int(session.scalar(sa.select(sa.func.count(Case.id))) or 0)


def test_side_reads_take_the_snapshot_of_the_session_and_run_on_other_connections(server_world) -> None:  # type: ignore[no-untyped-def]
    flow.intake(server_world)
    vault = server_world.vault
    threads: list[str] = []

    def count_where(session: sa.orm.Session) -> int:
        threads.append(threading.current_thread().name)
        return _count(session)

    with vault.reading() as session:
        before = _count(session)  # the transaction's snapshot is taken here
        flow.intake(server_world)  # committed by another connection afterwards
        assert vault.alongside(session, [count_where, count_where, count_where]) == [before] * 3
    with vault.reading() as session:
        assert vault.alongside(session, [_count, _count]) == [before + 1] * 2
    assert threads[0] == threading.current_thread().name
    assert all(name.startswith("reviewdesk-reads") for name in threads[1:])


def test_a_failing_side_read_fails_the_whole_and_the_others_still_finish(server_world) -> None:  # type: ignore[no-untyped-def]
    finished: list[int] = []

    def fails(_session: sa.orm.Session) -> int:
        raise LookupError("side read failed")

    def counts(session: sa.orm.Session) -> int:
        finished.append(_count(session))
        return finished[-1]

    with server_world.vault.reading() as session, pytest.raises(LookupError):
        server_world.vault.alongside(session, [counts, fails, counts])
    assert len(finished) == 2
