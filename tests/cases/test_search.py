"""Full-text search: Japanese substrings of any length, width-folded, within what one may see."""

from __future__ import annotations

import pytest

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases import review
from reviewdesk.cases.queries import CaseFilter, SortKey, _page_ids, count_cases, list_cases
from reviewdesk.cases.search import grams, normalise
from tests.cases import flow


def _three_cases(world) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    a = flow.intake(world, summary="レーザー脱毛で熱傷（Ⅱ度）を生じ瘢痕が残った。IPL併用。")
    b = flow.intake(world, summary="ヒアルロン酸注入後に皮膚壊死を生じた。", procedure="filler")
    c = flow.intake(world, summary="二重瞼の埋没法で左右差。", procedure="double_eyelid")
    return a, b, c


@pytest.fixture
def cases(staged):  # type: ignore[no-untyped-def]
    """The three cases, registered once per backend; each test searches its own copy."""
    with staged(_three_cases) as (world, made):
        yield (world, *made)


def _found(world, who: str, text: str) -> set[int]:  # type: ignore[no-untyped-def]
    return {r.id for r in list_cases(world.vault, world[who], CaseFilter(search=text))}


@pytest.mark.parametrize("query,expected", [
    ("熱傷", "a"), ("熱", "a"), ("瘢痕", "a"), ("ヒアルロン酸", "b"), ("壊死", "b"), ("左右差", "c"),
    ("を生じ", "ab"), ("ipl", "a"), ("ＩＰＬ", "a"), ("ﾋｱﾙﾛﾝ", "b"), ("熱傷 瘢痕", "a"),
    ("熱傷 壊死", ""), ("存在しない語", ""),
])
def test_substring_queries_of_any_length(cases, query: str, expected: str) -> None:
    world, a, b, c = cases
    ids = {"a": a, "b": b, "c": c}
    assert _found(world, "secretary", query) == {ids[k] for k in expected}


def test_search_respects_visibility(cases) -> None:
    world, a, _b, _c = cases
    assert _found(world, "derm", "熱傷") == set()  # not assigned to derm
    assert _found(world, "auditor", "熱傷") == {a}


def test_a_reviewers_count_and_pages_keep_to_its_cases(cases) -> None:
    """The count comes from the indexes and the reviewer's assignments (no case read); both
    plans of a page agree with it, on either database."""
    world, a, _b, c = cases
    for case_id in (a, c):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id,
                               today=flow.TODAY)
    derm = world["derm"]
    for text, expected in (("で", {a, c}), ("生じ", {a}), ("ヒアルロン酸", set()), ("熱傷 瘢痕", {a})):
        f = CaseFilter(search=text)
        assert count_cases(world.vault, derm, f) == len(expected)
        assert _found(world, "derm", text) == expected
        with read(world.vault, derm, Action.READ_ASSIGNED_CASES) as session:
            nulls = session.get_bind().dialect.name != "sqlite"
            pages = [session.scalars(_page_ids(derm, f, SortKey.NUMBER, True, 0, 10, dense=dense,
                                               nulls_as_sqlite=nulls)).all() for dense in (False, True)]
        assert pages[0] == pages[1] and set(pages[0]) == expected


def test_patient_names_are_not_searchable(cases) -> None:
    world, *_ = cases
    assert _found(world, "secretary", "山田") == set()


@pytest.mark.parametrize("sort", [SortKey.NUMBER, SortKey.STATE, SortKey.PROCEDURE, SortKey.CLAIM_DATE])
@pytest.mark.parametrize("descending", [True, False])
def test_a_page_read_along_the_order_is_the_page_looked_up(cases, sort: SortKey, descending: bool) -> None:
    """The two plans of a search page (search.matching_ids_clause's dense) give the same ids
    in the same order, pages included, on either database."""
    world, *_ = cases
    actor = world["secretary"]
    for text in ("を", "生じ", "熱傷 瘢痕", "存在しない語"):
        f = CaseFilter(search=text)
        with read(world.vault, actor, Action.READ_ASSIGNED_CASES) as session:
            nulls = session.get_bind().dialect.name != "sqlite"
            pages = [[session.scalars(_page_ids(actor, f, sort, descending, offset, 2, dense=dense,
                                                nulls_as_sqlite=nulls)).all() for offset in (0, 2)]
                     for dense in (False, True)]
        assert pages[0] == pages[1]
    assert pages[0] == [[], []]


def test_grams_and_normalisation() -> None:
    assert grams("熱傷を") == "熱 傷 を 熱傷 傷を"
    assert grams("熱傷を熱傷") == "熱 傷 を 熱傷 傷を を熱"  # each gram once
    assert normalise("ＡＢＣ１２３ｱｲｳ") == "abc123アイウ"
