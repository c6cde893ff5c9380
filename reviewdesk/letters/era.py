"""Japanese dates for letters: Western date to era (明治 to 令和) and the formats letters print."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

JST = dt.timezone(dt.timedelta(hours=9), "JST")  # Japan keeps no summer time; no tzdata needed

# First day of each era on the Gregorian calendar. 大正 and 昭和 began on the day the emperor
# died, 平成 and 令和 on the day after the change was proclaimed (1989-01-07 is still 昭和64年).
_ERAS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2019, 5, 1), "令和"),
    (dt.date(1989, 1, 8), "平成"),
    (dt.date(1926, 12, 25), "昭和"),
    (dt.date(1912, 7, 30), "大正"),
    (dt.date(1868, 1, 25), "明治"),
)

# Japan counted days on the lunisolar calendar until 明治5年12月2日; the next day was
# 1873-01-01 (明治6年1月1日). Earlier Gregorian dates have no truthful "明治N年M月D日" form.
GREGORIAN_ADOPTION = dt.date(1873, 1, 1)

_WEEKDAYS = "月火水木金土日"


class EraYear(NamedTuple):
    """An era name and the year within it (1 for the first, printed as 元年)."""

    era: str
    year: int

    def __str__(self) -> str:
        return f"{self.era}{'元' if self.year == 1 else self.year}年"


def era_year(day: dt.date) -> EraYear:
    """The era and era year of a Gregorian date from 1873-01-01 on."""
    if isinstance(day, dt.datetime):
        day = day.date()
    if day < GREGORIAN_ADOPTION:
        raise ValueError(f"{day.isoformat()} predates Japan's adoption of the Gregorian calendar")
    for start, name in _ERAS:
        if day >= start:
            return EraYear(name, day.year - start.year + 1)
    raise AssertionError("unreachable: 明治 covers every date after 1873")


def wareki(day: dt.date) -> str:
    """Era date as letters print it, e.g. 令和8年11月21日, 令和元年5月1日."""
    return f"{era_year(day)}{day.month}月{day.day}日"


def seireki(day: dt.date) -> str:
    """Western date in Japanese form, e.g. 2026年11月21日."""
    return f"{day.year}年{day.month}月{day.day}日"


def weekday(day: dt.date) -> str:
    """The one-character weekday, e.g. 土 for a Saturday."""
    return _WEEKDAYS[day.weekday()]


def clock(moment: dt.time | dt.datetime) -> str:
    """A time of day the way minutes write it, e.g. 14時05分."""
    return f"{moment.hour}時{moment.minute:02d}分"
