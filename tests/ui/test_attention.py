"""The secretariat's follow-up view: overdue opinions and cases whose physicians disagree."""

from __future__ import annotations

from datetime import date, timedelta

from reviewdesk.cases import review
from reviewdesk.ui.case_list.attention import FlaggedTableModel, OverdueTableModel
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.main_window import MainWindow
from tests.cases.flow import opinion, write
from tests.ui.conftest import register


def _disputed_case(world) -> int:  # type: ignore[no-untyped-def]
    case_id = register(world, 0, procedure="laser")
    for name in ("derm", "derm2"):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id)
    write(world, "derm", case_id, opinion(negligence="yes"))
    write(world, "derm2", case_id, opinion(finding="not_liable", negligence="no"))
    return case_id


def test_secretariat_sees_overdue_and_disputed_cases(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    late = register(world, 1)
    review.assign_reviewer(world.vault, world["secretary"], late, world["lawyer"].user_id,
                           today=date.today() - timedelta(days=60))
    disputed = _disputed_case(world)
    window = MainWindow(make_ctx("secretary"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    panel = window.attention
    assert panel is not None and window.workspace.indexOf(panel) == 1
    assert panel.overdue.rowCount() == 1 and panel.overdue.index(0, 1).data() == "弁護 士子"
    assert panel.flagged.rowCount() == 1 and panel.flagged.index(0, 4).data() == "Negligence"
    assert panel.flagged_label.text().endswith(": 1")
    panel.flagged_view.doubleClicked.emit(panel.flagged.index(0, 0))
    current = window.workspace.currentWidget()
    assert isinstance(current, CaseViewPanel) and current.case_id == disputed


def test_only_the_secretariat_has_the_follow_up_view(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    for name in ("chair", "auditor", "derm"):
        window = MainWindow(make_ctx(name), idle_ms=3_600_000)
        qtbot.addWidget(window)
        assert window.attention is None


def test_follow_up_models_pass_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    _disputed_case(world)
    flagged = FlaggedTableModel("en")
    flagged.set_rows(review.flagged_cases(world.vault, world["secretary"]))
    qtmodeltester.check(flagged)
    late = register(world, 2)
    review.assign_reviewer(world.vault, world["secretary"], late, world["lawyer"].user_id,
                           today=date.today() - timedelta(days=60))
    overdue = OverdueTableModel("en")
    overdue.set_rows(review.overdue_assignments(world.vault, world["secretary"]))
    qtmodeltester.check(overdue)
    assert overdue.rowCount() == 1
