"""Japanese eras (和暦) and kanji numerals, just enough to write a birth date the ways records do."""

from __future__ import annotations

from datetime import date

# (first day, name, abbreviation). Meiji is dated from 1868-01-25 as the law later applied it.
ERAS: tuple[tuple[date, str, str], ...] = (
    (date(2019, 5, 1), "令和", "R"),
    (date(1989, 1, 8), "平成", "H"),
    (date(1926, 12, 25), "昭和", "S"),
    (date(1912, 7, 30), "大正", "T"),
    (date(1868, 1, 25), "明治", "M"),
)

_DIGITS = "〇一二三四五六七八九"


def era_of(day: date) -> tuple[str, str, int] | None:
    """(era name, abbreviation, year of the era) for a date, or None before Meiji."""
    for start, name, abbreviation in ERAS:
        if day >= start:
            return name, abbreviation, day.year - start.year + 1
    return None


def kanji_number(n: int) -> str:
    """1..99 as a record writes it in words: 三, 十, 十二, 六十, 三十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones or not head else "")


def kanji_digits(n: int) -> str:
    """A year digit by digit, as vertical text writes it: 1985 -> 一九八五."""
    return "".join(_DIGITS[int(d)] for d in str(n))
