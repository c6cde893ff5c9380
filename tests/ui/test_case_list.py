"""The case list: lazy pages, sorting by the query, filters, search, saved filters, models."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from reviewdesk.cases.queries import CaseFilter, CaseRow, SortKey
from reviewdesk.store.models import Assignment
from reviewdesk.ui.case_list.model import PAGE_SIZE, CaseCol, CaseQuery, CaseTableModel
from reviewdesk.ui.case_list.panel import CaseListPanel
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.support.templates import WorldTemplate, build_world_template
from tests.ui.conftest import HeldTaskRunner, register

MANY = 2 * PAGE_SIZE + 37


@pytest.fixture(scope="module")
def many_cases_template(tmp_path_factory: pytest.TempPathFactory) -> WorldTemplate[list[int]]:
    """MANY cases registered one at a time, once for the module rather than once a test."""
    return build_world_template(tmp_path_factory.mktemp("many_cases"),
                                lambda world: [register(world, n) for n in range(MANY)])


@pytest.fixture
def many_cases(many_cases_template, world, tmp_path) -> list[int]:  # type: ignore[no-untyped-def]
    """The world's vault becomes this test's copy of the module's MANY cases."""
    many_cases_template.load_into(world, tmp_path / "many_cases")
    return many_cases_template.made


def _panel(qtbot, ctx) -> CaseListPanel:  # type: ignore[no-untyped-def]
    panel = CaseListPanel(ctx)
    qtbot.addWidget(panel)
    return panel


def test_pages_load_when_the_view_asks_for_their_rows(qtbot, make_ctx, many_cases) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    model = panel.model
    assert model.total == MANY and model.rowCount() == MANY  # the scroll bar is true at once
    assert panel.count_label.text() == f"{MANY} cases"
    assert model.is_loaded(0) and not model.is_loaded(MANY - 1)
    last = model.index(MANY - 1, 0)
    assert model.data(last) == "…"  # asked for, not yet here
    qtbot.waitUntil(lambda: model.is_loaded(MANY - 1), timeout=3000)
    assert not model.is_loaded(PAGE_SIZE)  # the middle page was never asked for
    assert model.data(last) == model.row_at(MANY - 1).number
    for row in range(0, MANY, PAGE_SIZE):
        model.ensure_loaded(row)
    qtbot.waitUntil(lambda: all(model.is_loaded(r) for r in range(MANY)), timeout=3000)
    numbers = [model.row_at(i).number for i in range(MANY)]
    assert numbers == sorted(numbers, reverse=True)
    assert len(set(numbers)) == MANY


def test_a_search_found_in_more_cases_than_the_list_counts_lists_that_many_and_says_so(
        qtbot, make_ctx, many_cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A search's count stops past search.COUNT_LIMIT (lowered here to 300 of the MANY cases,
    each of which mentions 瘢痕): the list holds the first 300, in order, and says there are
    more; cleared, the list counts every case again."""
    from reviewdesk.cases import queries, search

    monkeypatch.setattr(search, "COUNT_LIMIT", 300)
    monkeypatch.setattr(queries, "COUNT_LIMIT", 300)
    panel = _panel(qtbot, make_ctx("secretary"))
    model = panel.model
    panel.search_edit.setText("瘢痕")
    qtbot.waitUntil(lambda: model.more, timeout=3000)
    assert model.total == model.rowCount() == 300
    assert panel.count_label.text() == "More than 300 cases (the first 300 listed)"
    assert "narrow" in panel.count_label.toolTip()
    model.ensure_loaded(299)
    qtbot.waitUntil(lambda: model.is_loaded(299), timeout=3000)
    numbers = [model.row_at(i).number for i in range(300)]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 300
    panel.search_edit.clear()
    qtbot.waitUntil(lambda: model.total == MANY, timeout=3000)
    assert not model.more and panel.count_label.text() == f"{MANY} cases"
    assert panel.count_label.toolTip() == ""


def test_the_page_cache_is_bounded(qtbot, make_ctx, many_cases, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(CaseTableModel, "MAX_PAGES", 2)
    model = _panel(qtbot, make_ctx("secretary")).model
    for row in (PAGE_SIZE, 2 * PAGE_SIZE):
        model.ensure_loaded(row)
        qtbot.waitUntil(lambda row=row: model.is_loaded(row), timeout=3000)
    assert not model.is_loaded(0) and model.is_loaded(PAGE_SIZE) and model.is_loaded(2 * PAGE_SIZE)


def test_scrolling_to_the_bottom_loads_the_last_page(qtbot, make_ctx, many_cases) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.view.scrollToBottom()
    qtbot.waitUntil(lambda: panel.model.is_loaded(MANY - 1), timeout=3000)


def test_header_click_sorts_through_the_query(qtbot, make_ctx, many_cases) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    panel.view.sortByColumn(CaseCol.CLAIM_DATE, Qt.SortOrder.AscendingOrder)
    assert panel.model.query.sort is SortKey.CLAIM_DATE and not panel.model.query.descending
    dates = [panel.model.row_at(i).claim_date for i in range(PAGE_SIZE)]
    assert dates == sorted(dates)
    assert dates[0] == date(2026, 4, 1)


def test_filters_and_debounced_search(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    register(world, 0, summary="鼻の形についての申出")
    pigment = register(world, 1, summary="レーザー照射後の色素沈着")
    panel = _panel(qtbot, make_ctx("secretary"))
    assert panel.model.total == 2
    panel.search_edit.setText("色素沈着")
    assert panel.model.total == 2  # not yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: panel.model.total == 1, timeout=2000)
    assert panel.model.row_at(0).id == pigment
    panel.search_edit.clear()
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=2000)
    panel.year_combo.setCurrentIndex(panel.year_combo.findData(2025))
    assert panel.model.total == 0
    panel.year_combo.setCurrentIndex(panel.year_combo.findData(2026))
    assert panel.model.total == 2
    panel.state_combo.setCurrentIndex(panel.state_combo.findData("withdrawn"))
    assert panel.model.total == 0


def test_saved_filters_round_trip(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    register(world, 0)
    panel = _panel(qtbot, make_ctx("secretary"))
    panel.state_combo.setCurrentIndex(panel.state_combo.findData("coverage_check"))
    panel.course_combo.setCurrentIndex(panel.course_combo.findData("facility"))
    prompts.text_answers.append("受理審査の開設者コース")
    qtbot.mouseClick(panel.save_filter_button, Qt.MouseButton.LeftButton)
    assert panel.saved_combo.findText("受理審査の開設者コース") > 0

    panel.set_criteria(CaseFilter())
    assert panel.state_combo.currentData() == ""
    index = panel.saved_combo.findText("受理審査の開設者コース")
    panel.saved_combo.setCurrentIndex(index)
    panel.saved_combo.activated.emit(index)
    assert panel.state_combo.currentData() == "coverage_check"
    assert panel.course_combo.currentData() == "facility"
    assert panel.model.query.criteria.states == ("coverage_check",)

    prompts.confirm_answers.append(True)
    qtbot.mouseClick(panel.delete_filter_button, Qt.MouseButton.LeftButton)
    assert panel.saved_combo.findText("受理審査の開設者コース") == -1
    assert prompts.errors == []


def test_saved_filters_are_per_user(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    mine = _panel(qtbot, make_ctx("secretary"))
    prompts.text_answers.append("mine")
    qtbot.mouseClick(mine.save_filter_button, Qt.MouseButton.LeftButton)
    theirs = _panel(qtbot, make_ctx("chair"))
    assert theirs.saved_combo.findText("mine") == -1


def test_reviewer_sees_only_assigned_cases(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    ids = [register(world, n) for n in range(5)]
    with world.vault.begin_write() as session:
        for case_id in ids[:2]:
            session.add(Assignment(case_id=case_id, reviewer_id=world["derm"].user_id,
                                   assigned_by=world["secretary"].user_id,
                                   assigned_on=date(2026, 5, 2), due_on=date(2026, 5, 20),
                                   status="assigned"))
    panel = _panel(qtbot, make_ctx("derm"))
    assert panel.model.total == 2
    assert {panel.model.row_at(i).id for i in range(2)} == set(ids[:2])
    # Reviewers get the pseudonym, never the patient's name.
    assert all(panel.model.row_at(i).patient.startswith("患者") for i in range(2))
    assert not panel.reviewer_combo.isVisibleTo(panel)
    other = _panel(qtbot, make_ctx("derm2"))
    assert other.model.total == 0


def _row(n: int, **kw) -> CaseRow:  # type: ignore[no-untyped-def]
    values = dict(id=n, number=f"2026-{n:05d}", state="peer_review", member="会員", procedure="laser",
                  outcome=None, claim_date=date(2026, 4, 1), due_date=date(2026, 5, 1),
                  amount=1_234_567, course="facility", patient="患者ABC")
    values.update(kw)
    return CaseRow(**values)


def _static_model(rows: list[CaseRow], today: date) -> CaseTableModel:
    model = CaseTableModel(InlineTaskRunner(),
                           lambda q, offset, limit: rows[offset:offset + limit],
                           lambda q: (len(rows), False), lang="ja", today=today)
    model.set_query(CaseQuery(CaseFilter(), SortKey.NUMBER, True))
    return model


def test_case_model_passes_the_model_tester(qtmodeltester, qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = [_row(n, amount=None if n % 2 else 1000 * n) for n in range(1, PAGE_SIZE + 20)]
    model = _static_model(rows, date(2026, 5, 10))
    assert model.rowCount() == len(rows)
    qtmodeltester.check(model)  # with the second page still to come
    model.ensure_loaded(len(rows) - 1)
    qtbot.waitUntil(lambda: model.is_loaded(len(rows) - 1), timeout=2000)
    qtmodeltester.check(model)


def test_amounts_dates_labels_and_overdue(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = _static_model([_row(1), _row(2, due_date=date(2026, 6, 1)),
                           _row(3, state="decided", outcome="liable")], date(2026, 5, 10))
    text = lambda r, c: model.index(r, c).data()  # noqa: E731
    assert text(0, CaseCol.AMOUNT) == "1,234,567円"
    assert text(0, CaseCol.STATE) == "査読"
    assert text(0, CaseCol.PROCEDURE) == "レーザー"
    assert text(2, CaseCol.OUTCOME) == "有責"
    assert text(0, CaseCol.CLAIM_DATE) == "2026/04/01"
    assert model.is_overdue(model.row_at(0))
    assert not model.is_overdue(model.row_at(1))  # not due yet
    assert not model.is_overdue(model.row_at(2))  # decided: the due date no longer matters
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_list_loads_through_real_worker_threads(qtbot, world, prompts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.context import AppContext, UiSettings
    from reviewdesk.ui.tasks import QtTaskRunner

    ids = [register(world, n) for n in range(5)]
    runner = QtTaskRunner()
    ctx = AppContext(world.vault, world["secretary"], runner, prompts,
                     UiSettings(tmp_path / "threads.ini"), "en")
    panel = CaseListPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.model.total == 5, timeout=5000)
    assert {panel.model.row_at(i).id for i in range(panel.model.rowCount())} == set(ids)
    panel.search_edit.setText(panel.model.row_at(0).number)
    qtbot.waitUntil(lambda: panel.model.total == 1, timeout=5000)
    assert not panel.busy.isVisibleTo(panel)
    assert runner.wait(5000)
    assert prompts.errors == []


def test_changes_during_a_read_ask_for_one_more_read_not_one_each() -> None:
    tasks, counts = HeldTaskRunner(), []
    model = CaseTableModel(tasks, lambda q, offset, limit: [],
                           lambda q: (counts.append(q) or len(counts), False), lang="ja")
    model.set_query(CaseQuery(CaseFilter(), SortKey.NUMBER, True))
    for _ in range(5):  # the board commits five times while the first read is out
        model.refresh_for_changes()
    assert len(tasks.jobs) == 1
    tasks.finish_next()
    assert model.total == 1 and len(tasks.jobs) == 1  # one more, for all five
    tasks.finish_next()
    assert model.total == 2 and tasks.jobs == []
    model.refresh_for_changes()  # nothing in flight: reads at once
    assert len(tasks.jobs) == 1
    model.set_query(CaseQuery(CaseFilter(search="瘢痕"), SortKey.NUMBER, True))  # a new query never waits
    assert len(tasks.jobs) == 2
