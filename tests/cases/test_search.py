"""Full-text search: Japanese substrings of any length, width-folded, within what one may see."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases import queries, review, search
from reviewdesk.cases.access import search_scope
from reviewdesk.cases.queries import CaseFilter, SortKey, _page_ids, count_cases, list_cases, listed_count
from reviewdesk.cases.search import grams, normalise, server_matches
from reviewdesk.store.changes import ChangeKind, Changes
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
    """The plans of a search page give the same ids in the same order, pages included, on
    either database: looked up, read along the order (search.matching_ids_clause's dense), and
    on PostgreSQL from the matches found first (search.server_matches)."""
    world, *_ = cases
    actor = world["secretary"]
    for text in ("を", "生じ", "熱傷 瘢痕", "存在しない語"):
        f = CaseFilter(search=text)
        with read(world.vault, actor, Action.READ_ASSIGNED_CASES) as session:
            server = session.get_bind().dialect.name == "postgresql"
            plans = [{"dense": False}, {"dense": True}]
            if server:
                plans.append({"known": server_matches(world.vault, session, text, scope=search_scope(actor)).ids})
            pages = [[session.scalars(_page_ids(actor, f, sort, descending, offset, 2, nulls_as_sqlite=server,
                                                **plan)).all() for offset in (0, 2)] for plan in plans]
        assert all(p == pages[0] for p in pages), (text, pages)
    assert pages[0] == [[], []]


def test_a_servers_matches_serve_the_count_and_the_page_until_a_change_or_a_second(cases, monkeypatch) -> None:
    """On PostgreSQL a search by a reader of every case finds its matches once for the case
    list's count and its page; a change this seat makes or hears of, or a second gone by, and
    they are found again. A reviewer's are its own cases' matches, and an exact count (an
    export's) is another read. On the file, FTS5 answers each."""
    world, a, b, _c = cases
    secretary, derm = world["secretary"], world["derm"]
    reads: list[str] = []
    sa.event.listen(world.vault.engine, "before_cursor_execute",
                    lambda _c, _cur, statement, *_: reads.append(statement) if "array_agg(matches.rowid)" in statement else None)
    clock = [1000.0]
    monkeypatch.setattr(search.time, "monotonic", lambda: clock[0])
    f = CaseFilter(search="を生じ")

    def searched() -> tuple[int, set[int]]:
        return (count_cases(world.vault, secretary, f, capped=True),
                {r.id for r in list_cases(world.vault, secretary, f)})

    server = world.vault.is_server
    assert searched() == (2, {a, b}) and len(reads) == (1 if server else 0)
    d = flow.intake(world, summary="脂肪吸引後に硬結を生じた。")  # a write at this seat
    assert searched() == (3, {a, b, d}) and len(reads) == (2 if server else 0)
    world.vault.publish(Changes(frozenset({a}), frozenset({ChangeKind.DOCUMENTS})))  # heard from another seat
    assert searched() == (3, {a, b, d}) and len(reads) == (3 if server else 0)
    clock[0] += search.REUSE_SECONDS
    assert searched() == (3, {a, b, d}) and len(reads) == (4 if server else 0)
    assert (count_cases(world.vault, derm, f, capped=True), list_cases(world.vault, derm, f)) == (0, [])
    assert len(reads) == (5 if server else 0)
    two = CaseFilter(search="生じ")  # answered from the grams' index, kept all the same
    assert (count_cases(world.vault, secretary, two, capped=True),
            len(list_cases(world.vault, secretary, two))) == (3, 3)
    assert len(reads) == (6 if server else 0)
    assert count_cases(world.vault, secretary, two) == 3 and len(reads) == (7 if server else 0)
    search.forget_matches()  # what the benchmarks do before each search
    assert searched() == (3, {a, b, d}) and len(reads) == (8 if server else 0)


@pytest.mark.parametrize("who", ["secretary", "derm"])
@pytest.mark.parametrize("sort", [SortKey.NUMBER, SortKey.CLAIM_DATE, SortKey.DUE_DATE, SortKey.MEMBER])
def test_a_search_with_more_matches_than_the_server_sends_back_pages_the_same(cases, monkeypatch, sort,
                                                                              who) -> None:
    """Above search.COUNT_LIMIT matches the server sends back only how many: a page along an
    indexed order tests each case it reaches, any other order reads the matches in the query.
    The count and every page are those of a search whose ids came back, for a reader of every
    case and for a reviewer (assigned two of the three cases)."""
    world, a, _b, c = cases
    for case_id in (a, c):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id,
                               today=flow.TODAY)
    actor = world[who]

    def searched(f: CaseFilter) -> tuple[int, list[list[int]]]:
        return (count_cases(world.vault, actor, f),
                [[r.id for r in list_cases(world.vault, actor, f, sort=sort, offset=o, limit=1)] for o in range(3)])

    for text in ("を", "で", "生じ", "熱傷 瘢痕", "ヒアルロン酸", "存在しない語"):
        f = CaseFilter(search=text)
        expected = searched(f)
        for name, module, value in (("COUNT_LIMIT", search, 0), ("DENSE_KNOWN", queries, 0)):
            with monkeypatch.context() as m:  # no ids back; ids back, probed along the order
                m.setattr(module, name, value)
                search.forget_matches()
                found = searched(f)
            search.forget_matches()
            assert found == expected, (text, name)
    assert searched(CaseFilter(search="生じ"))[0] == (2 if who == "secretary" else 1)


@pytest.mark.parametrize("who", ["secretary", "derm"])
def test_the_case_lists_count_of_a_search_stops_past_the_limit(cases, monkeypatch, who) -> None:
    """capped=True (the case list): a search's count, alone or with other criteria, stops at
    search.COUNT_LIMIT + 1, "more"; an exact count, a count without a search and the pages are
    not cut, on either database."""
    world, a, b, c = cases
    d = flow.intake(world, summary="脂肪吸引後に硬結を生じた。")
    for case_id in (a, b, c, d):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id,
                               today=flow.TODAY)
    actor = world[who]
    monkeypatch.setattr(search, "COUNT_LIMIT", 1)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 1)
    many, one = CaseFilter(search="を"), CaseFilter(search="熱傷")  # in a, b and d; in a
    assert count_cases(world.vault, actor, many, capped=True) == 2  # more than 1
    assert count_cases(world.vault, actor, one, capped=True) == 1
    assert count_cases(world.vault, actor, CaseFilter(search="生じ た"), capped=True) == 2  # two words: b, d
    assert count_cases(world.vault, actor, many) == 3
    search.forget_matches()
    both = CaseFilter(search="生じ", states=("peer_review",))
    assert (count_cases(world.vault, actor, both, capped=True), count_cases(world.vault, actor, both)) == (2, 3)
    assert {r.id for r in list_cases(world.vault, actor, both)} == {a, b, d}
    assert count_cases(world.vault, actor, CaseFilter(), capped=True) == 4  # no search: exact
    assert listed_count(world.vault, actor, many) == (1, True)
    assert listed_count(world.vault, actor, CaseFilter()) == (4, False)
    assert {r.id for r in list_cases(world.vault, actor, many)} == {a, b, d}


def test_a_reviewers_search_stops_past_the_limit_among_its_own_cases(cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The server stops a reviewer's one-word search too, counting the reviewer's cases only:
    other cases that match must not fill the count (reviewdesk_search's reader)."""
    world, *_ = cases  # a and b are found by the word, and first in the indexes
    mine = [flow.intake(world, summary="熱傷を生じた。") for _ in range(2)]
    for case_id in mine:
        review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id,
                               today=flow.TODAY)
    monkeypatch.setattr(search, "COUNT_LIMIT", 1)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 1)
    many = CaseFilter(search="を")
    assert listed_count(world.vault, world["derm"], many) == (1, True)  # both of its own: more than 1
    assert {r.id for r in list_cases(world.vault, world["derm"], many)} == set(mine)
    monkeypatch.setattr(search, "COUNT_LIMIT", 2)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 2)
    search.forget_matches()
    assert listed_count(world.vault, world["derm"], many) == (2, False)


def test_grams_and_normalisation() -> None:
    assert grams("熱傷を") == "熱 傷 を 熱傷 傷を"
    assert grams("熱傷を熱傷") == "熱 傷 を 熱傷 傷を を熱"  # each gram once
    assert normalise("ＡＢＣ１２３ｱｲｳ") == "abc123アイウ"
