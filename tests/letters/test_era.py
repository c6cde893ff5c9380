"""Western to Japanese era dates, exact at every era boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewdesk.letters.era import EraYear, clock, era_year, seireki, wareki, weekday


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 12, 31), "令和元年12月31日"),
        (dt.date(2020, 1, 1), "令和2年1月1日"),
        (dt.date(2026, 11, 21), "令和8年11月21日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(1926, 12, 24), "大正15年12月24日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
        (dt.date(1912, 7, 29), "明治45年7月29日"),
        (dt.date(1912, 7, 30), "大正元年7月30日"),
        (dt.date(1873, 1, 1), "明治6年1月1日"),
    ],
)
def test_wareki_at_era_boundaries(day: dt.date, expected: str) -> None:
    assert wareki(day) == expected


def test_era_year_counts_from_one_and_prints_gannen() -> None:
    assert era_year(dt.date(2019, 5, 1)) == EraYear("令和", 1)
    assert str(EraYear("令和", 1)) == "令和元年"
    assert str(EraYear("令和", 8)) == "令和8年"


def test_datetime_is_read_as_its_date() -> None:
    assert wareki(dt.datetime(2019, 5, 1, 0, 0)) == "令和元年5月1日"


def test_dates_before_the_gregorian_calendar_in_japan_are_refused() -> None:
    with pytest.raises(ValueError, match="Gregorian"):
        era_year(dt.date(1872, 12, 31))


def test_western_form_weekday_and_clock() -> None:
    assert seireki(dt.date(2026, 11, 21)) == "2026年11月21日"
    assert weekday(dt.date(2026, 11, 21)) == "土"
    assert clock(dt.time(9, 5)) == "9時05分"
