"""Several seats on one server: every seat hears of every other seat's changes, concurrent
writers never fork the audit chain, and case numbers never collide."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import UnauditedWrite, write
from reviewdesk.cases import review
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.store.models import Case, Setting
from reviewdesk.store.server import CHANNEL, NOTICE_BATCH_SECONDS, decode_changes, encode_changes
from tests.cases import flow

WAIT = 30  # seconds a notice may take on a loaded machine before the test gives up


def test_a_change_at_one_seat_reaches_the_other_seats_subscribers(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    secretary_vault, _ = seats.seat("secretary")
    chair_vault, _ = seats.seat("chair")
    heard: list[Changes] = []
    arrived = threading.Event()

    def listener(changes: Changes) -> None:
        heard.append(changes)
        arrived.set()

    chair_vault.subscribe(listener)
    own: list[Changes] = []
    secretary_vault.subscribe(own.append)
    case_id = flow.intake(server_world.__class__(secretary_vault, server_world.actors,
                                                 server_world.member_id, server_world.facility_id,
                                                 server_world.contract_id, server_world.doctor_id))
    assert arrived.wait(WAIT), "the chair's seat never heard of the new case"
    assert heard[0].touches_case(case_id) and heard[0].touches(ChangeKind.CASES)
    # The writing seat hears its own change once, from its own write, not again from the server.
    arrived.clear()
    review.assign_reviewer(secretary_vault, server_world["secretary"], case_id,
                           server_world["derm"].user_id, today=flow.TODAY)
    assert arrived.wait(WAIT)
    assert len(own) == 2 and heard[-1].touches(ChangeKind.ASSIGNMENTS)


def test_a_rolled_back_write_is_never_announced(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    chair_vault, _ = seats.seat("chair")
    heard: list[Changes] = []
    chair_vault.subscribe(heard.append)
    with pytest.raises(UnauditedWrite), write(server_world.vault, server_world["secretary"],
                                              Action.ADMINISTER_BOARD) as uow:
        uow.session.add(Setting(key="board.name", value="unaudited"))
    marker = threading.Event()
    chair_vault.subscribe(lambda _c: marker.set())
    flow.intake(server_world)  # a write that commits: its notice follows any earlier one
    assert marker.wait(WAIT)
    assert len(heard) == 1


def test_notices_heard_together_are_told_as_one(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    secretary_vault, _ = seats.seat("secretary")
    chair_vault, _ = seats.seat("chair")
    heard: list[Changes] = []
    arrived = threading.Event()
    chair_vault.subscribe(lambda changes: (heard.append(changes), arrived.set()))
    # Three other seats' commits delivered at once (one transaction's notices arrive together).
    with secretary_vault.engine.begin() as conn:
        for case_id, kind in ((1, ChangeKind.CASES), (2, ChangeKind.OPINIONS), (3, ChangeKind.CASES)):
            conn.execute(sa.text("SELECT pg_notify(:c, :p)"), {
                "c": CHANNEL, "p": encode_changes(f"seat-{case_id}", Changes(frozenset({case_id}),
                                                                               frozenset({kind})))})
    assert arrived.wait(WAIT)
    time.sleep(2 * NOTICE_BATCH_SECONDS)  # nothing more follows
    assert heard == [Changes(frozenset({1, 2, 3}), frozenset({ChangeKind.CASES, ChangeKind.OPINIONS}))]


def test_concurrent_writers_at_many_seats_never_fork_the_chain(server_world) -> None:  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(max_workers=6) as pool:
        ids = list(pool.map(lambda n: flow.intake(server_world, patient_name=f"患者 {n}"), range(18)))
    assert len(set(ids)) == 18
    with server_world.vault.reading() as session:
        numbers = session.scalars(Case.__table__.select().with_only_columns(Case.case_no)).all()
        assert len(set(numbers)) == 18
        report = audit.verify_chain(session)
    assert report.intact, report.reason


def test_a_bulk_change_too_large_to_name_its_cases_widens_to_every_case() -> None:
    changes = Changes(frozenset(range(1, 5000)), frozenset({ChangeKind.CASES}))
    seat, decoded, everything = decode_changes(encode_changes("seat-a", changes))
    assert (seat, everything) == ("seat-a", True)
    assert decoded.widened().touches_case(123_456)
    small = Changes(frozenset({7}), frozenset({ChangeKind.OPINIONS}))
    assert decode_changes(encode_changes("b", small))[1:] == (small, False)
