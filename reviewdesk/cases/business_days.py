"""Business days of the association's office: no weekends, public holidays or year-end closure."""

from __future__ import annotations

from datetime import date, timedelta

import jpholiday


def in_year_end_closure(day: date) -> bool:
    """The association's office is closed from 29 December to 3 January (年末年始休業).

    These days are not public holidays (only 1 January is), but nothing is done on them, so a
    reviewer's deadline never counts them.
    """
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_business_day(day: date) -> bool:
    return (day.weekday() < 5 and not jpholiday.is_holiday(day)
            and not in_year_end_closure(day))


def add_business_days(start: date, days: int) -> date:
    """The date `days` business days after `start` (start itself is not counted).

    With days == 0 the answer is start if it is a business day, else the next business day.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_business_day(day):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_business_day(day):
            counted += 1
    return day


def business_days_between(start: date, end: date) -> int:
    """Business days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
