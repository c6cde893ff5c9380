"""Reviewers' due dates in business days: weekends, public holidays and the year-end closure."""

from __future__ import annotations

from datetime import date

import pytest

from reviewdesk.cases.business_days import (
    add_business_days,
    business_days_between,
    in_year_end_closure,
    is_business_day,
)


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 11, 20), True),    # a Friday
    (date(2026, 11, 21), False),   # Saturday
    (date(2026, 11, 22), False),   # Sunday
    (date(2026, 11, 23), False),   # 勤労感謝の日 (Monday)
    (date(2026, 5, 4), False),     # みどりの日
    (date(2026, 5, 6), False),     # 振替休日 for 憲法記念日 on a Sunday
    (date(2026, 12, 28), True),    # last working day of the year
    (date(2026, 12, 29), False),   # year-end closure, a Tuesday
    (date(2027, 1, 4), True),      # first working day of the new year
    (date(2027, 1, 11), False),    # 成人の日
])
def test_is_business_day(day: date, expected: bool) -> None:
    assert is_business_day(day) is expected


@pytest.mark.parametrize(("start", "days", "due"), [
    (date(2026, 11, 20), 1, date(2026, 11, 24)),   # over the weekend and 勤労感謝の日
    (date(2026, 11, 20), 10, date(2026, 12, 7)),
    (date(2026, 12, 24), 3, date(2027, 1, 4)),     # 25, 28, then nothing until 4 January
    (date(2026, 4, 30), 2, date(2026, 5, 7)),      # Golden Week: 5/1 is Friday, then 5/7
    (date(2026, 11, 21), 0, date(2026, 11, 24)),   # zero days from a Saturday: next business day
    (date(2026, 11, 20), 0, date(2026, 11, 20)),
])
def test_add_business_days(start: date, days: int, due: date) -> None:
    assert add_business_days(start, days) == due
    if days:
        assert business_days_between(start, due) == days


def test_year_end_closure_bounds() -> None:
    assert not in_year_end_closure(date(2026, 12, 28))
    assert in_year_end_closure(date(2026, 12, 31)) and in_year_end_closure(date(2027, 1, 3))
    assert not in_year_end_closure(date(2027, 1, 4))


def test_negative_days_refused() -> None:
    with pytest.raises(ValueError):
        add_business_days(date(2026, 1, 5), -1)
    assert business_days_between(date(2026, 1, 9), date(2026, 1, 5)) == 0
