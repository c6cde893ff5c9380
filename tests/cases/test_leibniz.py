"""The Leibniz coefficient against the published tables (damages_reference.md section 6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewdesk.cases.assessment import leibniz

R3, R5 = Decimal("0.03"), Decimal("0.05")


@pytest.mark.parametrize(
    ("years", "rate", "expected"),
    [
        # Exact values (12 dp) from the reference's 50-digit computation, then half-up to 4 dp.
        (1, R3, "0.9709"),  # 1 / 1.03 = 0.970873786408
        (10, R3, "8.5302"),  # 8.530202836776 (ASSESSMENT.md: 8.5302)
        (20, R3, "14.8775"),  # 14.877474860456 -> 14.8775 (half-up; truncation gives 14.8774)
        (49, R3, "25.5017"),  # 25.501656927218 (ASSESSMENT.md: 25.5017)
        (1, R5, "0.9524"),  # 1 / 1.05 = 0.952380952381 -> 0.9524 (not the truncated 0.9523)
        (10, R5, "7.7217"),  # 7.721734929185 (ASSESSMENT.md: 7.7217)
        (20, R5, "12.4622"),  # 12.462210342540
        (49, R5, "18.1687"),  # 18.168721733580
        (5, R5, "4.3295"),  # 4.329476670631 -> 4.3295 (the 4.3294 of one table is truncation)
        (40, R3, "23.1148"),  # 23.114771974206 -> 23.1148
    ],
)
def test_published_values(years: int, rate: Decimal, expected: str) -> None:
    value = leibniz(years, rate)
    assert value == Decimal(expected)
    assert str(value) == expected  # four decimals, always


def test_zero_years_is_zero() -> None:
    assert leibniz(0, R3) == 0
    assert str(leibniz(0, R5)) == "0.0000"


def test_two_years_by_hand() -> None:
    # 1/1.03 + 1/1.03^2 = 0.970873786 + 0.942595909 = 1.913469695 -> 1.9135
    assert leibniz(2, R3) == Decimal("1.9135")


def test_grows_with_years_and_stays_below_one_over_rate() -> None:
    values = [leibniz(n, R3) for n in range(0, 68)]
    assert values == sorted(values)
    assert values[-1] < 1 / R3  # the perpetuity 33.33...


@pytest.mark.parametrize("years", [-1, True, 1.5])
def test_refuses_bad_years(years: object) -> None:
    with pytest.raises(ValueError):
        leibniz(years, R3)  # type: ignore[arg-type]
