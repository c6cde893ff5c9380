"""The dashboard screen: who sees it, its figures and charts, refreshing, errors in plain words."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QPieSeries
from PySide6.QtCore import Qt

from reviewdesk.cases import statistics
from reviewdesk.cases.statistics import dashboard
from reviewdesk.errors import PermissionDenied
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui.dashboard.models import SHARE_ROLE, AggregateCol, AggregateTableModel
from reviewdesk.ui.dashboard.panel import DashboardPanel
from reviewdesk.ui.main_window import MainWindow
from tests.cases.flow import TODAY, decide, reviewed
from tests.ui.conftest import HeldTaskRunner, register


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, idle_ms=3_600_000)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("username", ["secretary", "chair", "assessor", "auditor"])
def test_board_roles_open_the_dashboard_once(qtbot, make_ctx, username: str) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx(username))
    window.actions["dashboard"].trigger()
    panel = window.workspace.currentWidget()
    assert isinstance(panel, DashboardPanel) and panel.data is not None
    count = window.workspace.count()
    window.case_list.setFocus()
    window.workspace.setCurrentIndex(0)
    assert window.show_dashboard() is panel and window.workspace.count() == count


@pytest.mark.parametrize("username", ["derm", "lawyer"])
def test_reviewers_have_no_dashboard(qtbot, make_ctx, username: str) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx(username))
    assert "dashboard" not in window.actions and window.show_dashboard() is None
    assert not any(isinstance(window.workspace.widget(i), DashboardPanel)
                   for i in range(window.workspace.count()))


def test_figures_and_charts(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        register(world, n)
    case_id = reviewed(world)
    decide(world, case_id, "not_liable")
    panel = DashboardPanel(make_ctx("chair"), today=TODAY)
    qtbot.addWidget(panel)
    d = panel.data
    assert d is not None and d.total_cases == 4
    assert panel.figures["open"].value.text() == "4 of 4"
    assert panel.figures["findings"].value.text() == "1"
    assert panel.as_of.text() == "as of 2026/11/20"
    # Cases by state: one bar per state, the counts summing to the cases.
    bars = panel.state_chart.chart().series()[0]
    assert isinstance(bars, QAbstractBarSeries)
    values = [bars.barSets()[0].at(i) for i in range(bars.barSets()[0].count())]
    assert len(values) == len(d.by_state) and sum(values) == 4
    pie = panel.outcome_chart.chart().series()[0]
    assert isinstance(pie, QPieSeries)
    assert [s.label() for s in pie.slices()] == ["Not liable 1"]
    assert panel.aggregate_model.rowCount() == 1
    assert panel.aggregate_model.index(0, AggregateCol.CONTRACT).data() == "C-2026-0001"
    for view in (panel.month_chart, panel.payout_chart, panel.aggregate_chart, panel.duration_chart):
        assert view.chart().series(), view.objectName()


def test_changes_refresh_a_visible_dashboard(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    panel = DashboardPanel(ctx, today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.data is not None and panel.data.total_cases == 0
    register(world, 0)
    with qtbot.waitSignal(panel.dashboard_loaded, timeout=1000):
        ctx.events.changes_applied.emit(Changes(frozenset({1}), frozenset(ChangeKind)))
    assert panel.data.total_cases == 1


def test_a_hidden_dashboard_reloads_when_shown(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    panel = DashboardPanel(ctx, today=TODAY)
    qtbot.addWidget(panel)
    register(world, 0)
    ctx.events.changes_applied.emit(Changes(frozenset({1}), frozenset(ChangeKind)))
    assert panel.data is not None and panel.data.total_cases == 0  # not read while hidden
    panel.show()
    assert panel.data.total_cases == 1


def test_a_failure_is_shown_in_plain_words(qtbot, make_ctx, world, prompts, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reviewdesk.ui.dashboard.panel as module

    def broken(*_args: object) -> None:
        raise PermissionDenied("no", ja="この操作の権限がありません")

    monkeypatch.setattr(module, "dashboard", broken)
    panel = DashboardPanel(make_ctx("secretary"), today=TODAY)
    qtbot.addWidget(panel)
    assert panel.data is None and panel.refresh_button.isEnabled()
    assert prompts.errors == ["no"]  # the English interface gives the plain message


def test_aggregate_model_passes_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    model = AggregateTableModel("ja")
    model.set_rows(dashboard(world.vault, world["auditor"], today=date(2026, 6, 1)).aggregates)
    qtmodeltester.check(model)
    assert model.index(0, AggregateCol.LIMIT).data() == "30,000,000円"
    assert model.index(0, AggregateCol.SHARE).data(SHARE_ROLE) == 0.0


def test_changes_during_a_read_refresh_the_dashboard_once_more(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    ctx.tasks = tasks = HeldTaskRunner()
    panel = DashboardPanel(ctx, today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    reads = len(tasks.jobs)  # the figures, and the letters to renew
    register(world, 0)
    for _ in range(5):
        ctx.events.changes_applied.emit(Changes(frozenset({1}), frozenset(ChangeKind)))
    assert len(tasks.jobs) == reads  # nothing more while the figures are out
    loaded: list[int] = []
    panel.dashboard_loaded.connect(lambda d: loaded.append(d.total_cases))
    while tasks.jobs:
        tasks.finish_next()
    assert loaded == [1, 1]  # the first read (let finish after the write), once more for all five
    assert panel.refresh_button.isEnabled()


def test_the_aggregate_table_lists_the_fullest_and_all_on_request(qtbot, make_ctx, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(statistics, "AGGREGATES_SHOWN", 0)
    ctx = make_ctx("secretary")
    panel = DashboardPanel(ctx, today=TODAY)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.aggregate_model.rowCount() == 0
    assert panel.all_aggregates_button.isVisible()
    assert panel.all_aggregates_button.text() == "Show all 1 contract years"
    qtbot.mouseClick(panel.all_aggregates_button, Qt.MouseButton.LeftButton)
    assert panel.aggregate_model.rowCount() == 1 and not panel.all_aggregates_button.isVisible()
    # A refresh keeps every contract year listed once they were asked for.
    panel.refresh()
    assert panel.aggregate_model.rowCount() == 1 and not panel.all_aggregates_button.isVisible()

