"""A seat that hears every other seat keeps the dashboard's money figures (payments, contract
years) until a change to payments or contracts reaches it; everything else is read each time."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from reviewdesk.cases import assessing
from reviewdesk.cases.statistics import dashboard
from reviewdesk.store.changes import ChangeKind
from tests.cases import flow


@contextmanager
def _statements(vault) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(vault.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(vault.engine, "before_cursor_execute", record)


def _reads_payments(vault, actor) -> tuple[bool, object]:  # type: ignore[no-untyped-def]
    with _statements(vault) as seen:
        figures = dashboard(vault, actor, today=flow.HELD_ON)
    return any("FROM payments" in s for s in seen), figures


def _heard(vault, kind: ChangeKind, before: int) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 10
    while vault.generations[kind] == before:
        assert time.monotonic() < deadline, f"no {kind} notice heard"
        time.sleep(0.02)


def test_money_figures_are_kept_until_a_payment_reaches_the_seat(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.liable(server_world)
    vault, auditor = seats.seat("auditor")
    vault.subscribe(lambda changes: None)  # the seat hears the others, as the desktop does
    assert _reads_payments(vault, auditor)[0]
    read_again, first = _reads_payments(vault, auditor)
    assert not read_again and first.payouts_total == 0
    # Other kinds of change are read as ever, the money still kept.
    cases = vault.generations[ChangeKind.CASES]
    flow.intake(server_world)
    _heard(vault, ChangeKind.CASES, cases)
    read_again, second = _reads_payments(vault, auditor)
    assert not read_again and second.total_cases == first.total_cases + 1
    # Another seat's payment: read again once its notice arrives.
    committee, assessor = seats.seat("assessor")
    approver_vault, approver = seats.seat("assessor2")
    assessment = assessing.compute_assessment(committee, assessor, case_id, flow.INPUTS)
    payments = vault.generations[ChangeKind.PAYMENTS]
    assessing.approve_assessment(approver_vault, approver, assessment, today=flow.HELD_ON)
    _heard(vault, ChangeKind.PAYMENTS, payments)
    read_again, third = _reads_payments(vault, auditor)
    assert read_again and third.payouts_total > 0 and third.payouts_count == 1


def test_a_seat_that_does_not_hear_the_others_reads_the_money_each_time(server_world, seats) -> None:  # type: ignore[no-untyped-def]
    vault, auditor = seats.seat("auditor")  # no subscriber: no listener
    assert vault.hearing() is None
    assert _reads_payments(vault, auditor)[0]
    assert _reads_payments(vault, auditor)[0]
