"""The reviewer's landing view: their assignments, earliest due first, overdue highlighted."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from reviewdesk.cases import review
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui.case_list import assignments
from reviewdesk.ui.case_list.assignments import MyAssignmentsPanel, MyAssignmentTableModel
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.main_window import MainWindow
from tests.ui.conftest import register


def test_reviewer_lands_on_their_assignments_with_overdue_highlighted(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    first, second, other = register(world, 0), register(world, 1), register(world, 2)
    long_ago = date.today() - timedelta(days=60)
    review.assign_reviewer(world.vault, world["secretary"], first, world["derm"].user_id,
                           today=long_ago)
    review.assign_reviewer(world.vault, world["secretary"], second, world["derm"].user_id)
    review.assign_reviewer(world.vault, world["secretary"], other, world["derm2"].user_id)

    window = MainWindow(make_ctx("derm"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    assert window.workspace.currentWidget() is window.assignments
    assert window.workspace.tabText(0) == "My assignments"
    panel = window.assignments
    rows = [panel.model.row_at(i) for i in range(panel.model.rowCount())]
    assert [r.case_id for r in rows] == [first, second]  # earliest due first, only their own
    assert rows[0].overdue and not rows[1].overdue
    assert panel.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert panel.model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert panel.summary.text() == "2 to write, 1 overdue"
    assert panel.model.index(0, 1).data().startswith("患者")  # the alias, never the name

    panel.view.doubleClicked.emit(panel.model.index(1, 0))
    current = window.workspace.currentWidget()
    assert isinstance(current, CaseViewPanel) and current.case_id == second

    # Ctrl+F goes to the searchable case list, which holds the same two cases.
    window.actions["find"].trigger()
    assert window.workspace.currentWidget() is window.case_list
    assert window.case_list.model.total == 2


def test_secretariat_has_no_assignment_view(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx("secretary"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    assert window.assignments is None
    assert window.workspace.currentWidget() is window.case_list


def test_assignment_model_passes_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["lawyer"].user_id)
    model = MyAssignmentTableModel("ja")
    model.set_rows(review.my_assignments(world.vault, world["lawyer"]).rows)
    qtmodeltester.check(model)
    assert model.index(0, 4).data() == "査読中"


def test_panel_refreshes_after_changes(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("lawyer")
    panel = MyAssignmentsPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 0
    case_id = register(world)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["lawyer"].user_id)
    ctx.events.changes_applied.emit(Changes(frozenset({case_id}), frozenset(ChangeKind)))
    assert panel.model.rowCount() == 1


def test_reviewer_case_list_waits_until_it_is_wanted(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id)
    window = MainWindow(make_ctx("derm"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.workspace.currentWidget() is window.assignments
    assert window.case_list.model.total == 0  # not queried while the landing view is shown
    window.workspace.setCurrentWidget(window.case_list)
    assert window.case_list.model.total == 1


def test_a_busy_reviewer_sees_a_page_and_asks_for_more(qtbot, make_ctx, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(assignments, "MY_ASSIGNMENTS_PAGE", 2)
    for n in range(3):
        review.assign_reviewer(world.vault, world["secretary"], register(world, n),
                               world["lawyer"].user_id)
    panel = MyAssignmentsPanel(make_ctx("lawyer"))
    qtbot.addWidget(panel)
    assert panel.model.rowCount() == 2
    assert panel.summary.text() == "3 to write, 0 overdue"  # the whole list, not the page
    assert not panel.more_button.isHidden() and panel.more_button.text() == "Show 2 more"
    qtbot.mouseClick(panel.more_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 3 and panel.more_button.isHidden()
