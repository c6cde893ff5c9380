"""The identifier forms and the matcher: width, spacing, line breaks, separators and eras."""

from __future__ import annotations

from datetime import date

import pytest

from reviewdesk.cases.masking import IDENTIFIER_LABELS, IdentifierKind, PatientIdentity, identifier_variants
from reviewdesk.cases.masking.era import era_of, kanji_number
from reviewdesk.cases.masking.matching import find_occurrences, needles_for
from tests.cases.masking.fixtures import PATIENT


def test_every_kind_has_a_label_in_both_languages() -> None:
    assert set(IDENTIFIER_LABELS) == set(IdentifierKind)
    assert IDENTIFIER_LABELS[IdentifierKind.NAME] == ("氏名", "Name")


def test_variants_cover_the_written_forms() -> None:
    variants = identifier_variants(PATIENT)
    by_kind = {kind: {text for k, text in variants if k is kind} for kind in IdentifierKind}
    assert {"田中 花子", "田中\u3000花子", "田中花子", "田中", "花子"} <= by_kind[IdentifierKind.NAME]
    assert {"タナカ ハナコ", "タナカハナコ", "たなか はなこ", "たなかはなこ"} <= by_kind[IdentifierKind.KANA]
    assert {"1985年3月4日", "1985年03月04日", "昭和60年3月4日", "S60.3.4", "1985/03/04", "1985/3/4",
            "1985-03-04", "1985.3.4", "19850304", "昭和六十年三月四日"} <= by_kind[IdentifierKind.BIRTH_DATE]
    assert {"03-1234-5678", "0312345678", "+81312345678"} <= by_kind[IdentifierKind.PHONE]
    assert {"東京都千代田区霞が関1-2-3", "千代田区霞が関1-2-3", "千代田区霞が関1丁目2番3号"} <= by_kind[IdentifierKind.ADDRESS]
    assert {"KR-20240117", "KR20240117"} <= by_kind[IdentifierKind.CLINIC_PATIENT_ID]
    assert len(variants) == len(set(variants))


def test_only_the_name_is_required() -> None:
    assert {k for k, _ in identifier_variants(PatientIdentity("山田 太郎"))} == {IdentifierKind.NAME}


@pytest.mark.parametrize(("day", "expected"), [
    (date(1985, 3, 4), ("昭和", "S", 60)),
    (date(1989, 1, 7), ("昭和", "S", 64)),
    (date(1989, 1, 8), ("平成", "H", 1)),
    (date(2019, 4, 30), ("平成", "H", 31)),
    (date(2019, 5, 1), ("令和", "R", 1)),
    (date(1926, 12, 24), ("大正", "T", 15)),
    (date(1926, 12, 25), ("昭和", "S", 1)),
])
def test_era_boundaries(day: date, expected: tuple[str, str, int]) -> None:
    assert era_of(day) == expected


def test_first_year_of_an_era_is_gannen() -> None:
    texts = {t for _, t in identifier_variants(PatientIdentity("山田 太郎", birth_date=date(1989, 5, 1)))}
    assert {"平成元年5月1日", "平成1年5月1日", "H1.5.1", "H01.05.01", "平成元年五月一日"} <= texts


@pytest.mark.parametrize(("n", "words"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (31, "三十一"), (60, "六十")])
def test_kanji_numbers(n: int, words: str) -> None:
    assert kanji_number(n) == words


@pytest.mark.parametrize(("text", "found"), [
    ("患者 田中花子 様", "田中花子"),
    ("患者 田中　花子 様", "田中　花子"),
    ("患者 田中\r\n花子 様", "田中\r\n花子"),
    ("ﾀﾅｶ ﾊﾅｺ", "ﾀﾅｶ ﾊﾅｺ"),
    ("ﾀﾅｶ･ﾊﾅｺ", "ﾀﾅｶ･ﾊﾅｺ"),
    ("たなか はなこ", "たなか はなこ"),
    ("生年月日 昭和６０年３月４日生", "昭和６０年３月４日"),
    ("生年月日 昭和 60 年 3 月 4 日", "昭和 60 年 3 月 4 日"),
    ("S60.3.4生", "S60.3.4"),
    ("DOB 1985/03/04.", "1985/03/04"),
    ("19850304", "19850304"),
    ("電話 (03)1234-5678 まで", "03)1234-5678"),
    ("電話 ０３－１２３４－５６７８", "０３－１２３４－５６７８"),
    ("電話 03 1234 5678", "03 1234 5678"),
    ("電話 03ー1234ー5678", "03ー1234ー5678"),
    ("+81 3-1234-5678", "+81 3-1234-5678"),
    ("住所 東京都千代田区霞ヶ関１−２−３", "東京都千代田区霞ヶ関１−２−３"),
    ("住所 千代田区\n霞が関1丁目2番3号", "千代田区\n霞が関1丁目2番3号"),
    ("保険 8765-4321", "8765-4321"),
    ("ID: kr-20240117", "kr-20240117"),
])
def test_found_exactly_where_written(text: str, found: str) -> None:
    occurrences = find_occurrences(text, needles_for(PATIENT))
    assert [text[o.start:o.end] for o in occurrences] == [found]


@pytest.mark.parametrize("text", [
    "912345678-03-1234-56789",  # the phone number inside longer numbers
    "別患者 1987654321",  # the insurance number inside a longer one
    "1985/03/041",
    "山田太郎 昭和61年3月4日",
])
def test_not_found_inside_something_else(text: str) -> None:
    assert find_occurrences(text, needles_for(PATIENT)) == []


def test_overlapping_variants_keep_the_longest() -> None:
    text = "田中 花子（タナカ・ハナコ）、田中先生"
    found = [(o.kind, text[o.start:o.end]) for o in find_occurrences(text, needles_for(PATIENT))]
    assert found == [(IdentifierKind.NAME, "田中 花子"), (IdentifierKind.KANA, "タナカ・ハナコ"),
                     (IdentifierKind.NAME, "田中")]
