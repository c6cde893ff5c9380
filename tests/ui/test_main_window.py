"""The main window: registering through the dialog, permissions, the idle and on-demand lock."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from reviewdesk.cases.queries import case_detail
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.dialogs.register_case import RegisterCaseDialog
from reviewdesk.ui.main_window import MainWindow
from tests.support.builders import PASSWORD
from tests.ui.conftest import register


def _window(qtbot, ctx, idle_ms: int = 3_600_000) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, idle_ms=idle_ms)
    qtbot.addWidget(window)
    return window


def test_secretariat_registers_a_case_through_the_dialog(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    window = _window(qtbot, ctx)
    assert window.case_list.model.total == 0
    window.actions["new_case"].trigger()
    opened = window.findChildren(RegisterCaseDialog)
    assert len(opened) == 1 and opened[0].isVisible()
    dialog = opened[0]
    # The contracts offered are those covering the claim date, which starts as today: set it
    # first, so the test does not depend on the day it runs.
    dialog.incident_date.setDate(QDate(2026, 2, 10))
    dialog.claim_date.setDate(QDate(2026, 3, 5))
    assert dialog.contract_combo.count() == 1
    assert dialog.doctor_combo.currentData() == world.doctor_id
    dialog.patient_name.setText("鈴木 一子")
    dialog.procedure_combo.setCurrentIndex(dialog.procedure_combo.findData("rhinoplasty"))
    dialog.demand_amount.setValue(800_000)
    dialog.summary_edit.setPlainText("隆鼻術後の感染と変形についての申出。")
    with qtbot.waitSignal(dialog.case_registered) as signal:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    case_id = signal.args[0]
    assert prompts.errors == []

    detail = case_detail(world.vault, world["secretary"], case_id)
    assert (detail.patient, detail.procedure, detail.demand_amount) == ("鈴木 一子", "rhinoplasty", 800_000)
    assert detail.claim_date == date(2026, 3, 5)
    assert window.case_list.model.total == 1  # refreshed through changes_applied
    assert window.case_list.model.row_at(0).id == case_id
    current = window.workspace.currentWidget()
    assert isinstance(current, CaseViewPanel) and current.case_id == case_id
    assert window.workspace.tabText(window.workspace.currentIndex()) == detail.number


def test_registration_refusal_is_shown_in_plain_words(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    ctx.lang = "ja"
    window = _window(qtbot, ctx)
    dialog = window.show_register_dialog()
    dialog.claim_date.setDate(QDate(2026, 3, 5))  # within the world's contract year
    dialog.summary_edit.setPlainText("概要")
    qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)  # no patient name
    assert prompts.errors == ["患者氏名を入力してください"]
    assert dialog.isVisible() and dialog.register_button.isEnabled()


def test_actions_follow_permissions(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    secretary = _window(qtbot, make_ctx("secretary"))
    assert "new_case" in secretary.actions
    shortcuts = {name: secretary.actions[name].shortcut().toString()
                 for name in ("new_case", "find", "refresh", "lock")}
    assert shortcuts == {"new_case": "Ctrl+N", "find": "Ctrl+F", "refresh": "F5", "lock": "Ctrl+L"}
    panel = secretary.open_case(case_id)
    assert panel.overview.withdraw_button.isVisibleTo(panel)
    assert panel.documents.add_button.isVisibleTo(panel.documents) or \
        panel.documents.add_button.parentWidget().isVisibleTo(panel.documents)

    reviewer = _window(qtbot, make_ctx("derm"))
    assert "new_case" not in reviewer.actions
    assert reviewer.show_register_dialog() is None

    auditor = _window(qtbot, make_ctx("auditor"))
    assert "new_case" not in auditor.actions
    panel = auditor.open_case(case_id)  # the auditor reads everything ...
    assert panel.detail is not None and panel.detail.id == case_id
    for button in panel.overview.buttons.values():
        assert not button.isVisibleTo(panel)  # ... and changes nothing
    assert not panel.documents.add_button.parentWidget().isVisibleTo(panel.documents)
    assert not panel.documents.acceptDrops()

    # A claim made before the contract began: not covered; the chair may have it reviewed.
    not_covered = register(world, 1, incident_date=date(2025, 5, 1), claim_date=date(2025, 6, 1))
    chair = _window(qtbot, make_ctx("chair"))
    panel = chair.open_case(not_covered)
    assert panel.overview.override_button.isVisibleTo(panel)
    assert not panel.overview.withdraw_button.isVisibleTo(panel)
    panel = secretary.open_case(not_covered)
    assert panel.overview.not_covered_button.isVisibleTo(panel)
    assert not panel.overview.override_button.isVisibleTo(panel)


def test_status_bar_names_the_user_and_role(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx("lawyer"))
    assert "lawyer" in window.user_label.text()
    assert "Lawyer reviewer" in window.user_label.text()


def test_idle_lock_then_unlock_keeps_what_was_typed(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx("secretary"), idle_ms=150)
    window.show()
    qtbot.waitExposed(window)
    window.case_list.search_edit.setText("途中まで入力")
    dialog = window.show_register_dialog()
    dialog.patient_name.setText("入力途中の氏名")
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass
    assert window.is_locked
    assert not dialog.isVisible()
    assert not window.menuBar().isEnabled()
    window.actions["new_case"].trigger()  # shortcuts do nothing while locked
    assert len([w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]) == 0

    window.lock_screen.password_edit.setText("wrong-password")
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked
    assert window.lock_screen.error_label.text() == "The user name or the password is wrong."

    window.lock_screen.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.unlocked):
        qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.is_locked
    assert dialog.isVisible() and dialog.patient_name.text() == "入力途中の氏名"
    assert window.case_list.search_edit.text() == "途中まで入力"
    prompts.confirm_answers.append(True)  # closing with something typed asks first
    dialog.close()


def test_input_postpones_the_idle_lock(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx("secretary"), idle_ms=400)
    window.show()
    qtbot.waitExposed(window)
    for _ in range(4):
        qtbot.wait(200)
        qtbot.keyClick(window.case_list.search_edit, Qt.Key.Key_A)
    assert not window.is_locked
    qtbot.waitUntil(lambda: window.is_locked, timeout=3000)


def test_ctrl_l_locks_on_demand(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx("auditor"))
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.actions["lock"].shortcut().toString() == "Ctrl+L"
    qtbot.keyClick(window.case_list.search_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked
    assert "監事 四郎" in window.lock_screen.who_label.text()


def test_geometry_and_columns_are_remembered(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    first = _window(qtbot, ctx)
    first.resize(700, 520)
    first.case_list.view.setColumnWidth(0, 222)
    first.close()
    second = _window(qtbot, ctx)
    assert (second.size().width(), second.size().height()) == (700, 520)
    assert second.case_list.view.columnWidth(0) == 222


def test_language_and_idle_minutes_settings(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("secretary")
    window = _window(qtbot, ctx)
    window.actions["language_en"].trigger()
    assert ctx.settings.language == "en" and window.actions["language_en"].isChecked()
    assert not window.actions["language_ja"].isChecked() and len(prompts.infos) == 1
    prompts.text_answers.append("0")
    window.actions["idle_minutes"].trigger()
    assert ctx.settings.idle_minutes == 10 and len(prompts.errors) == 1
    prompts.text_answers.append("25")
    window.actions["idle_minutes"].trigger()
    assert ctx.settings.idle_minutes == 25 and window.idle.timer.interval() == 25 * 60_000


def test_toolbar_icons_are_the_bundled_svgs(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.resources import resource_path

    window = MainWindow(make_ctx("secretary"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    for name in ("new_case", "find", "refresh", "lock", "meetings", "dashboard", "admin", "backup"):
        assert resource_path("icons", f"{name}.svg").is_file()
        pixmap = window.actions[name].icon().pixmap(64, 64)
        assert not pixmap.isNull() and pixmap.width() == 64  # rendered from the SVG at any size
