"""過失相殺 and 負担割合 as the board writes them: decimals, 割, %, full-width digits; Decimal only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reviewdesk.cases.outcomes import parse_patient_fault, parse_share
from reviewdesk.errors import InputError


@pytest.mark.parametrize(("text", "expected"), [
    ("0.1", Decimal("0.1")),
    ("０．１", Decimal("0.1")),
    ("１割", Decimal("0.1")),
    ("1割", Decimal("0.1")),
    ("1割5分", Decimal("0.15")),
    ("２割５分", Decimal("0.25")),
    ("10%", Decimal("0.1")),
    ("１０％", Decimal("0.1")),
    ("12.5%", Decimal("0.125")),
    ("100%", Decimal("1")),
    ("10割", Decimal("1")),
    ("0%", Decimal("0")),
    ("0", Decimal("0")),
    (" 0.3 ", Decimal("0.3")),
    ("0.60", Decimal("0.60")),
    (Decimal("0.2"), Decimal("0.2")),
    ("", None),
    (None, None),
])
def test_accepted_forms(text, expected) -> None:  # type: ignore[no-untyped-def]
    value = parse_patient_fault(text)
    assert value == expected
    assert value is None or type(value) is Decimal
    if expected is not None:
        assert str(value) == str(expected)  # exact, no binary rounding


@pytest.mark.parametrize(("text", "ja"), [
    ("abc", "過失相殺が数値ではありません"),
    ("1割割", "過失相殺が数値ではありません"),
    ("10", "過失相殺は0から1の間で入力してください"),
    ("1.5", "過失相殺は0から1の間で入力してください"),
    ("110%", "過失相殺は0から1の間で入力してください"),
    ("-0.1", "過失相殺は0から1の間で入力してください"),
    ("NaN", "過失相殺は0から1の間で入力してください"),
])
def test_a_bad_value_names_the_field(text: str, ja: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_patient_fault(text)
    assert caught.value.ja.startswith(ja)
    assert str(caught.value).startswith("patient_fault:")


def test_floats_are_refused() -> None:
    with pytest.raises(InputError):
        parse_patient_fault(0.1)  # type: ignore[arg-type]


def test_the_insured_share_reads_the_same_forms_and_keeps_its_name() -> None:
    assert parse_share("６割") == Decimal("0.6")
    with pytest.raises(InputError) as caught:
        parse_share("x")
    assert caught.value.ja.startswith("負担割合が数値ではありません")
