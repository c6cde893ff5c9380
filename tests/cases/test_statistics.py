"""The dashboard read model: counts by state, overdue reviews, findings, payouts, aggregates, times."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from reviewdesk.cases import review, statistics
from reviewdesk.cases.members import ContractTerms, add_contract
from reviewdesk.cases.statistics import DURATION_BUCKETS, aggregate_uses, dashboard
from reviewdesk.errors import PermissionDenied
from reviewdesk.store.models import Assessment, Case, Contract, Payment
from tests.cases.flow import TODAY, decide, intake, reviewed


def _set(world, case_id: int, **values) -> None:  # type: ignore[no-untyped-def]
    with world.vault.begin_write() as s:
        s.execute(sa.update(Case).where(Case.id == case_id).values(**values))


def _pay(world, case_id: int, contract_id: int, amount: int, counted: int, on: date) -> None:  # type: ignore[no-untyped-def]
    with world.vault.begin_write() as s:
        a = Assessment(case_id=case_id, version=1, status="approved", edition="test",
                       inputs_json="{}", result_json="{}", liability=amount, payout_total=amount,
                       computed_by=world["assessor"].user_id)
        s.add(a)
        s.flush()
        s.add(Payment(contract_id=contract_id, case_id=case_id, assessment_id=a.id,
                      kind="indemnity", amount=amount, counts_to_aggregate=counted,
                      recorded_on=on))


def test_empty_vault(world) -> None:  # type: ignore[no-untyped-def]
    d = dashboard(world.vault, world["chair"], today=TODAY)
    assert d.total_cases == 0 and d.open_cases == 0
    assert [s.count for s in d.by_state] == [0] * len(d.by_state)
    assert d.overdue_reviews == 0 and d.findings == () and d.payouts_total == 0
    assert d.decision_days_median is None and d.decisions_counted == 0
    assert len(d.months) == 12 and all(m.received == 0 for m in d.months)
    # The world's contract (2026, aggregate 30,000,000) is in force and unused.
    assert [(a.contract_no, a.limit, a.used) for a in d.aggregates] == [("C-2026-0001", 30_000_000, 0)]


def test_figures(world) -> None:  # type: ignore[no-untyped-def]
    received = [intake(world, received_on=date(2026, m, 5)) for m in (2, 5, 5)]
    closed = intake(world, received_on=date(2025, 12, 1))
    _set(world, closed, state="closed")
    # An overdue review: assigned long ago with a due date before TODAY.
    review.assign_reviewer(world.vault, world["secretary"], received[0], world["derm"].user_id,
                           today=date(2026, 6, 1))
    liable = reviewed(world)  # received 2026-05-12, found liable at a meeting on 2026-11-25
    decide(world, liable, "liable")
    _set(world, liable, decided_on=date(2026, 8, 10))  # 90 days after intake
    _set(world, received[1], decided_on=date(2026, 5, 15))  # 10 days
    _set(world, received[2], decided_on=date(2026, 11, 10))  # 189 days
    _set(world, closed, decided_on=date(2025, 1, 1))  # outside the year's window
    _pay(world, liable, world.contract_id, 4_000_000, 3_500_000, date(2026, 9, 1))
    _pay(world, liable, world.contract_id, 500_000, 0, date(2025, 9, 1))  # another year
    other = add_contract(world.vault, world["secretary"], world.member_id, "C-2026-0002",
                         ContractTerms(course="practitioner", per_claim_limit=1_000_000,
                                       period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                                       annual_aggregate=2_000_000))
    _pay(world, liable, other, 1_500_000, 1_500_000, date(2026, 10, 1))
    add_contract(world.vault, world["secretary"], world.member_id, "C-2024-0001",
                 ContractTerms(course="practitioner", per_claim_limit=1_000_000,
                               period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
                               annual_aggregate=3_000_000))

    d = dashboard(world.vault, world["auditor"], today=TODAY)
    assert d.total_cases == 5 and d.open_cases == 4
    states = {s.state: s.count for s in d.by_state}
    assert states["closed"] == 1 and sum(states.values()) == 5
    assert d.overdue_reviews == 1 and d.overdue_cases == 1
    assert [(f.outcome, f.count) for f in d.findings] == [("liable", 1)]
    assert d.findings_total == 1
    assert d.payouts_total == 5_500_000 and d.payouts_count == 1
    months = {m.month: m for m in d.months}
    assert months[2].received == 1 and months[5].received == 3  # 2 + the reviewed case
    assert months[11].findings == 1
    assert months[9].payouts == 4_000_000 and months[10].payouts == 1_500_000
    # Every contract year with an aggregate (ended ones too), the fullest first.
    assert [(a.contract_no, a.used, a.limit, a.in_force) for a in d.aggregates] == [
        ("C-2026-0002", 1_500_000, 2_000_000, True), ("C-2026-0001", 3_500_000, 30_000_000, True),
        ("C-2024-0001", 0, 3_000_000, False)]
    assert d.aggregates[0].remaining == 500_000 and d.aggregates[0].share == pytest.approx(0.75)
    assert d.aggregate_years == 3 and aggregate_uses(world.vault, world["auditor"], TODAY) == d.aggregates
    assert d.decisions_counted == 3 and d.decision_days_median == 90
    counts = {(b.first_day, b.last_day): b.count for b in d.decision_buckets}
    assert counts[(0, 30)] == 1 and counts[(61, 90)] == 1 and counts[(181, 365)] == 1
    assert len(d.decision_buckets) == len(DURATION_BUCKETS)


def test_median_of_an_even_count(world) -> None:  # type: ignore[no-untyped-def]
    for days_, received in ((10, date(2026, 1, 1)), (40, date(2026, 2, 1))):
        case_id = intake(world, received_on=received)
        _set(world, case_id, decided_on=date.fromordinal(received.toordinal() + days_))
    d = dashboard(world.vault, world["chair"], today=TODAY)
    assert d.decision_days_median == 25


@pytest.mark.parametrize("username", ["secretary", "chair", "assessor", "auditor"])
def test_board_roles_see_the_dashboard(world, username: str) -> None:  # type: ignore[no-untyped-def]
    assert dashboard(world.vault, world[username], today=TODAY).today == TODAY


@pytest.mark.parametrize("username", ["derm", "lawyer"])
def test_reviewers_are_refused(world, username: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        dashboard(world.vault, world[username], today=TODAY)


def test_the_dashboard_lists_the_fullest_contract_years_and_counts_them_all(world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for n, limit in enumerate((1_000_000, 4_000_000, 2_000_000), start=2):
        add_contract(world.vault, world["secretary"], world.member_id, f"C-2026-000{n}",
                     ContractTerms(course="practitioner", per_claim_limit=1_000_000,
                                   period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
                                   annual_aggregate=limit))
    case_id = reviewed(world)
    with world.vault.reading() as s:
        ids = {c.contract_no: c.id for c in s.scalars(sa.select(Contract))}
    for no in ("C-2026-0002", "C-2026-0003", "C-2026-0004"):
        _pay(world, case_id, ids[no], 500_000, 500_000, date(2026, 9, 1))
    monkeypatch.setattr(statistics, "AGGREGATES_SHOWN", 2)
    d = dashboard(world.vault, world["auditor"], today=TODAY)
    every = aggregate_uses(world.vault, world["auditor"], TODAY)
    assert [a.contract_no for a in every] == ["C-2026-0002", "C-2026-0004", "C-2026-0003", "C-2026-0001"]
    assert d.aggregates == every[:2] and d.aggregate_years == 4
    assert [a.share for a in every] == sorted((a.share for a in every), reverse=True)



def test_a_vault_that_may_miss_other_writers_reads_the_money_figures_each_time(world) -> None:  # type: ignore[no-untyped-def]
    """A file may be written by another process unannounced, an owner's connection hears no
    one: neither keeps the dashboard's payments (tests/server/test_dashboard_kept.py keeps)."""
    assert world.vault.hearing() is None
    seen: list[str] = []
    sa.event.listen(world.vault.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    for _ in range(2):
        dashboard(world.vault, world["secretary"], today=TODAY)
    assert sum("FROM payments" in s for s in seen) >= 2 * 2  # two statements each time
