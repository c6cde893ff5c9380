"""Whatever is typed or pasted into a search box gets an answer, never a database error."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewdesk.cases.archive import count_archive, list_archive
from reviewdesk.cases.queries import CaseFilter, count_cases, list_cases
from reviewdesk.errors import InputError, ReviewDeskError
from tests.cases import flow


def _one_case(world) -> int:  # type: ignore[no-untyped-def]
    return flow.intake(world, summary="レーザー脱毛で熱傷を生じた。IPL併用。")


@pytest.fixture
def searched(staged):  # type: ignore[no-untyped-def]
    with staged(_one_case) as (world, made):
        yield world, made


@pytest.mark.parametrize("text", ["熱傷\x00", "\x00", "熱\x00傷", "\x1b[31m熱傷", "熱傷\u202e",
                                  "熱傷\n", "\t熱傷\r\n", "\x7f\x9b", "\ud800熱傷", '"熱傷', "熱傷*",
                                  "NEAR(熱傷)", "熱傷 OR", "{base} : 熱傷", "^熱傷", "熱傷:"])
def test_odd_characters_are_searched_around_not_an_error(searched, text: str) -> None:
    world, case_id = searched
    for who in ("secretary", "auditor"):
        rows = list_cases(world.vault, world[who], CaseFilter(search=text))
        assert count_cases(world.vault, world[who], CaseFilter(search=text)) == len(rows)
    found = {r.id for r in list_cases(world.vault, world["secretary"], CaseFilter(search="熱傷\x00"))}
    assert found == {case_id}  # the NUL was a space between words, and 熱傷 was found


def test_a_search_longer_than_its_limit_is_refused_in_japanese(searched) -> None:
    world, _ = searched
    with pytest.raises(InputError) as exc:
        list_cases(world.vault, world["secretary"], CaseFilter(search="熱" * 501))
    assert exc.value.ja == "検索語は500文字以内で入力してください（現在501文字）"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40) | st.binary(max_size=30).map(lambda b: b.decode("latin-1")))
def test_any_text_as_a_search_never_raises_anything_but_a_reviewdesk_error(searched, text: str) -> None:
    world, _ = searched
    for who in ("secretary", "derm"):
        try:
            list_cases(world.vault, world[who], CaseFilter(search=text))
            count_cases(world.vault, world[who], CaseFilter(search=text))
            list_archive(world.vault, world[who], CaseFilter(search=text))
            count_archive(world.vault, world[who], CaseFilter(search=text))
        except ReviewDeskError:
            pass
