"""A disabled account, or one whose role changed, is out at once: the open window locks at its
next action, says why, and no password opens it again."""

from __future__ import annotations

import sqlalchemy as sa
from PySide6.QtCore import Qt

from reviewdesk.auth.users import set_disabled
from reviewdesk.cases.queries import count_cases
from reviewdesk.store.models import User
from reviewdesk.ui.main_window import MainWindow
from tests.support.builders import PASSWORD


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, idle_ms=3_600_000)
    qtbot.addWidget(window)
    return window


def test_a_disabled_user_is_locked_out_at_the_next_action(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("auditor")
    window = _window(qtbot, ctx)
    window.show()
    qtbot.waitExposed(window)
    set_disabled(world.vault, world["secretary"], "auditor", True)  # from another seat
    with qtbot.waitSignal(window.locked, timeout=3000):
        ctx.run(lambda vault, actor: count_cases(vault, actor), parent=window)
    assert window.is_locked and window.lock_screen.revoked
    assert prompts.errors == []  # no dialog: the lock screen says it
    text = window.lock_screen.error_label.text()
    assert "auditor" in text and "disabled" in text and "sign in again" in text
    assert not window.lock_screen.password_edit.isEnabled()
    assert not window.lock_screen.unlock_button.isEnabled()
    assert window.lock_screen.quit_button.isVisible()
    window.unlock()  # nothing unlocks a revoked session
    assert window.is_locked
    qtbot.mouseClick(window.lock_screen.quit_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_a_changed_role_locks_too_and_the_password_does_not_reopen_it(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    ctx = make_ctx("chair")
    window = _window(qtbot, ctx)
    window.show()
    qtbot.waitExposed(window)
    window.lock()  # idle
    with world.vault.begin_write() as session:  # the role changed since the chair logged in
        session.execute(sa.update(User).where(User.username == "chair").values(role="auditor"))
    window.lock_screen.password_edit.setText(PASSWORD)
    qtbot.mouseClick(window.lock_screen.unlock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked and window.lock_screen.revoked
    assert "role" in window.lock_screen.error_label.text()
