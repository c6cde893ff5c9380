"""The dashboard's read model: counts and sums over all cases, each from one GROUP BY query."""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases.due import awaited_clause, past_due_clause
from reviewdesk.cases.states import CaseState
from reviewdesk.store.changes import ChangeKind
from reviewdesk.store.models import Assignment, Case, Contract, Finding, Meeting, Member, Payment
from reviewdesk.store.vault import Vault

# Days from intake to decision, as (first day, last day or None for "and more").
DURATION_BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 30), (31, 60), (61, 90), (91, 120), (121, 180), (181, 365), (366, None))
DECISION_WINDOW_DAYS = 365  # the distribution covers decisions of the past year
AGGREGATES_SHOWN = 100  # the fullest contract years the dashboard lists; aggregate_uses has all


@dataclass(frozen=True)
class StateCount:
    state: str
    count: int


@dataclass(frozen=True)
class OutcomeCount:
    outcome: str  # liable, partly_liable, not_liable, deferred
    count: int


@dataclass(frozen=True)
class MonthFigures:
    month: int  # 1..12 of the dashboard's year
    received: int
    findings: int
    payouts: int  # yen paid (all payment kinds)


@dataclass(frozen=True)
class AggregateUse:
    """One contract year with an annual aggregate: what its payments drew from it."""

    contract_id: int
    contract_no: str
    member_name: str
    period_start: date
    period_end: date
    limit: int
    used: int
    in_force: bool  # the contract year includes the dashboard's day

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    @property
    def share(self) -> float:
        return self.used / self.limit if self.limit else 0.0


@dataclass(frozen=True)
class DurationBucket:
    first_day: int
    last_day: int | None
    count: int


@dataclass(frozen=True)
class Dashboard:
    today: date
    year: int
    total_cases: int
    open_cases: int
    by_state: tuple[StateCount, ...]  # every state, in lifecycle order, zeros included
    overdue_reviews: int  # assignments past due without an opinion
    overdue_cases: int  # the cases they belong to
    findings: tuple[OutcomeCount, ...]  # findings of meetings held this year
    payouts_total: int  # yen paid this year
    payouts_count: int  # cases with a payment this year
    months: tuple[MonthFigures, ...]  # 12 entries
    aggregates: tuple[AggregateUse, ...]  # the AGGREGATES_SHOWN fullest contract years
    aggregate_years: int  # every contract year with an annual aggregate
    decisions_counted: int  # decisions in the past DECISION_WINDOW_DAYS days
    decision_days_median: float | None
    decision_buckets: tuple[DurationBucket, ...]

    @property
    def findings_total(self) -> int:
        return sum(f.count for f in self.findings)


def dashboard(vault: Vault, actor: Actor, today: date | None = None) -> Dashboard:
    """Everything the dashboard shows, as of today, each figure from one grouped query."""
    today = today or date.today()
    year_start, year_end = date(today.year, 1, 1), date(today.year, 12, 31)
    money_key = (actor.user_id, today, AGGREGATES_SHOWN)
    kept = _kept_money(vault, money_key)
    hearing, generations = vault.hearing(), _money_generations(vault)  # before the snapshot
    with read(vault, actor, Action.VIEW_DASHBOARD) as session:
        # Independent groups of about a third of the work each (a server runs them at once,
        # on one snapshot); the money's is kept while nothing it reads has changed.
        work: list[Callable[[Session], Any]] = [
            lambda s: _cases_by_state_and_month(s, year_start, year_end),
            lambda s: (_overdue(s, today), _findings_by_outcome_and_month(s, year_start, year_end),
                       _decision_times(s, today))]
        if kept is None:
            work.append(lambda s: (_payments(s, year_start, year_end),
                                   _aggregates(s, today, AGGREGATES_SHOWN)))
        (counts, received), (overdue, (outcomes, found), decisions), *money = vault.alongside(session, work)
    if kept is None:
        kept = money[0]
        _keep_money(vault, money_key, hearing, generations, kept)
    payments, (aggregates, years) = kept
    by_state = tuple(StateCount(s.value, counts[s.value]) for s in CaseState)
    total = sum(counts.values())
    open_cases = total - counts[CaseState.CLOSED.value]
    findings = tuple(OutcomeCount(o, outcomes[o]) for o in sorted(outcomes))
    (payouts_total, payouts_count), paid = payments
    months = tuple(MonthFigures(m, received[m], found[m], paid.get(m, 0)) for m in range(1, 13))
    return Dashboard(today, today.year, total, open_cases, by_state, *overdue, findings, payouts_total,
                     payouts_count, months, aggregates, years, *decisions)


# The money figures (this year's payments, the contract years' aggregates) read only payments,
# contracts and members: a seat that hears every other seat's changes keeps them until one of
# those kinds changes (its own writes or a notice), instead of re-reading 38,000 payments and
# 10,000 contract years at each refresh.
_MONEY_KINDS = (ChangeKind.PAYMENTS, ChangeKind.MEMBERS)
_money: weakref.WeakKeyDictionary[Vault, tuple[object, tuple[int, ...], tuple[Any, ...], Any]] = \
    weakref.WeakKeyDictionary()
_money_lock = threading.Lock()


def _money_generations(vault: Vault) -> tuple[int, ...]:
    return tuple(vault.generations[k] for k in _MONEY_KINDS)


def _kept_money(vault: Vault, key: tuple[Any, ...]) -> Any:
    with _money_lock:
        kept = _money.get(vault)
    if kept is None:
        return None
    hearing, generations, kept_key, figures = kept
    fresh = (hearing is not None and hearing is vault.hearing() and generations == _money_generations(vault)
             and kept_key == key)
    return figures if fresh else None


def _keep_money(vault: Vault, key: tuple[Any, ...], hearing: object | None, generations: tuple[int, ...],
                figures: Any) -> None:
    if hearing is None:
        return
    with _money_lock:
        _money[vault] = (hearing, generations, key, figures)


def aggregate_uses(vault: Vault, actor: Actor, today: date | None = None) -> tuple[AggregateUse, ...]:
    """Every contract year with an annual aggregate, the fullest first (the dashboard lists
    the first AGGREGATES_SHOWN: the board has thousands)."""
    today = today or date.today()
    with read(vault, actor, Action.VIEW_DASHBOARD) as session:
        return _aggregates(session, today, None)[0]


def _month_of(column: sa.ColumnElement[date]) -> sa.ColumnElement[int]:
    return sa.cast(sa.extract("month", column), sa.Integer)


class _DaysBetween(FunctionElement[int]):
    """Whole days from the second date to the first, on either database."""

    type = sa.Integer()
    inherit_cache = True


@compiles(_DaysBetween)
def _days_sqlite(element: _DaysBetween, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(_DaysBetween, "postgresql")
def _days_postgresql(element: _DaysBetween, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"({later} - {earlier})"


def _cases_by_state_and_month(session: Session, start: date, end: date) -> tuple[Counter[str], Counter[int]]:
    """Cases by state, and this year's intake by month. Two queries, each answered from an
    index: counting both in one pass over every case took three times as long on a server."""
    by_state = Counter({str(state): int(n) for state, n in session.execute(
        sa.select(Case.state, sa.func.count(Case.id)).group_by(Case.state))})
    received = Counter({int(m): int(n) for m, n in session.execute(
        sa.select(_month_of(Case.received_on), sa.func.count(Case.id))
        .where(Case.received_on.between(start, end)).group_by(_month_of(Case.received_on)))})
    return by_state, received


def _overdue(session: Session, today: date) -> tuple[int, int]:
    """Overdue assignments and their cases. The cases awaiting opinions are read once, as a
    set that the past-due assignments are matched against: probing each assignment's case
    instead took 33 ms on a server of 100,000 cases (12 ms so)."""
    awaited = (sa.select(Case.id).where(awaited_clause()).cte("awaited")
               .prefix_with("MATERIALIZED", dialect="postgresql"))
    reviews, cases = session.execute(
        sa.select(sa.func.count(), sa.func.count(sa.distinct(Assignment.case_id)))
        .join(awaited, awaited.c.id == Assignment.case_id)
        .where(past_due_clause(today))).one()
    return int(reviews), int(cases)


def _findings_by_outcome_and_month(session: Session, start: date, end: date
                                   ) -> tuple[Counter[str], Counter[int]]:
    """Findings of meetings held this year, by outcome and by month. Counted per meeting and
    outcome first, in the order of their index, then summed by month: grouping the ~14,000
    findings by month directly sorted them all (10 -> 6 ms on a server of 100,000 cases)."""
    held = sa.select(Meeting.id).where(Meeting.held_on.between(start, end))
    per_meeting = (sa.select(Finding.meeting_id, Finding.outcome, sa.func.count().label("n"))
                   .where(Finding.meeting_id.in_(held))
                   .group_by(Finding.meeting_id, Finding.outcome).subquery())
    by_outcome: Counter[str] = Counter()
    by_month: Counter[int] = Counter()
    for outcome, m, n in session.execute(
            sa.select(per_meeting.c.outcome, _month_of(Meeting.held_on), per_meeting.c.n)
            .join(Meeting, Meeting.id == per_meeting.c.meeting_id)):
        by_outcome[str(outcome)] += int(n)
        by_month[int(m)] += int(n)
    return by_outcome, by_month


def _payments(session: Session, start: date, end: date) -> tuple[tuple[int, int], dict[int, int]]:
    """This year's payments: (yen, cases paid), and yen by month."""
    total, cases = session.execute(
        sa.select(sa.func.coalesce(sa.func.sum(Payment.amount), 0),
                  sa.func.count(sa.distinct(Payment.case_id)))
        .where(Payment.recorded_on.between(start, end))).one()
    by_month = {int(m): int(yen or 0) for m, yen in session.execute(
        sa.select(_month_of(Payment.recorded_on), sa.func.sum(Payment.amount))
        .where(Payment.recorded_on.between(start, end))
        .group_by(_month_of(Payment.recorded_on)))}
    return (int(total), int(cases)), by_month


def _aggregates(session: Session, today: date, first: int | None) -> tuple[tuple[AggregateUse, ...], int]:
    """The `first` fullest contract years (all, with None), and how many there are."""
    used = (sa.select(Payment.contract_id, sa.func.sum(Payment.counts_to_aggregate).label("used"))
            .group_by(Payment.contract_id).subquery())
    drawn = sa.func.coalesce(used.c.used, 0)
    # AggregateUse.share's order, fullest first, by the database, so that only the rows shown
    # are built (ten thousand took the dashboard ~70 ms). A ratio of yen, not an amount.
    share = sa.case((Contract.annual_aggregate > 0, sa.cast(drawn, sa.Float) / Contract.annual_aggregate),
                    else_=0.0)
    # The years shown first, their members' names after: joining the names of all 10,000
    # before the limit took a quarter of the query. Their number comes along.
    top = (sa.select(Contract.id, Contract.contract_no, Contract.member_id, Contract.period_start,
                     Contract.period_end, Contract.annual_aggregate, drawn.label("drawn"),
                     share.label("share"), sa.func.count().over().label("years"))
           .outerjoin(used, used.c.contract_id == Contract.id)
           .where(Contract.annual_aggregate.is_not(None))
           .order_by(share.desc(), Contract.period_start.desc(), Contract.contract_no)
           .limit(None if first is None else max(first, 1)).subquery())  # one row, to count
    rows = session.execute(
        sa.select(top.c.id, top.c.contract_no, Member.name, top.c.period_start, top.c.period_end,
                  top.c.annual_aggregate, top.c.drawn, top.c.years)
        .join(Member, Member.id == top.c.member_id)
        .order_by(top.c.share.desc(), top.c.period_start.desc(), top.c.contract_no)).all()
    years = int(rows[0].years) if rows else 0
    return tuple(AggregateUse(cid, no, name, start, end, int(limit), int(u), start <= today <= end)
                 for cid, no, name, start, end, limit, u, _ in rows[:first]), years


def _decision_times(session: Session, today: date
                    ) -> tuple[int, float | None, tuple[DurationBucket, ...]]:
    days = _DaysBetween(Case.decided_on, Case.received_on)
    window = (Case.decided_on.is_not(None),
              Case.decided_on > today - timedelta(days=DECISION_WINDOW_DAYS),
              Case.decided_on <= today)
    # Days take a few hundred values: their counts come to Python, which buckets them and
    # finds the median without another pass.
    counts = sorted((int(d), int(n)) for d, n in session.execute(
        sa.select(days.label("days"), sa.func.count(Case.id)).where(*window)
        .group_by(sa.literal_column("days"))))
    tally = [0] * len(DURATION_BUCKETS)
    for d, n in counts:
        tally[next((i for i, (_, last) in enumerate(DURATION_BUCKETS) if last is not None and d <= last),
                   len(DURATION_BUCKETS) - 1)] += n
    buckets = tuple(DurationBucket(first, last, tally[i]) for i, (first, last) in enumerate(DURATION_BUCKETS))
    n = sum(count for _, count in counts)
    if n == 0:
        return 0, None, buckets
    middle = [_nth(counts, (n - 1) // 2), _nth(counts, n // 2)]
    return n, sum(middle) / 2, buckets


def _nth(counts: list[tuple[int, int]], index: int) -> int:
    """The index-th (from 0) of the values that counts (value, how many; sorted) describes."""
    for value, count in counts:
        if index < count:
            return value
        index -= count
    raise IndexError(index)
