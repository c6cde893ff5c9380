"""The login dialog: success, and the three failures worded for the situation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from reviewdesk.auth.users import MAX_FAILED_LOGINS, LoginFailed, set_disabled
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.messages import login_failure_message, user_message
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.support.builders import PASSWORD


def _dialog(qtbot, world, username: str = "") -> LoginDialog:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(world.vault, InlineTaskRunner(), "en", username or None)
    qtbot.addWidget(dialog)
    return dialog


def _try(qtbot, dialog: LoginDialog, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    dialog.username_edit.setText(username)
    dialog.password_edit.setText(password)
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)


def test_secretariat_logs_in(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, world)
    with qtbot.waitSignal(dialog.logged_in) as signal:
        _try(qtbot, dialog, "secretary", PASSWORD)
    assert signal.args[0].username == "secretary"
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password_edit.text() == ""


def test_wrong_password_says_so_and_clears_the_field(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, world)
    _try(qtbot, dialog, "secretary", "not-the-password")
    assert dialog.actor is None
    assert dialog.error_label.text() == "The user name or the password is wrong."
    assert dialog.password_edit.text() == ""
    assert dialog.login_button.isEnabled()


def test_disabled_account(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    set_disabled(world.vault, world["admin"], "lawyer2", True)
    dialog = _dialog(qtbot, world)
    _try(qtbot, dialog, "lawyer2", PASSWORD)
    assert dialog.actor is None
    assert dialog.error_label.text() == "This account is disabled. Please ask the secretariat."


def test_locked_account_after_repeated_wrong_passwords(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, world)
    for _ in range(MAX_FAILED_LOGINS):
        _try(qtbot, dialog, "derm2", "wrong-password")
    assert "locked" in dialog.error_label.text()
    _try(qtbot, dialog, "derm2", PASSWORD)  # the right password no longer helps
    assert dialog.actor is None
    assert dialog.error_label.text().startswith("This account is locked")
    assert "minutes" in dialog.error_label.text()


def test_messages_never_show_english_core_wording_or_tracebacks() -> None:
    assert login_failure_message("the account 'x' is locked after 5 wrong passwords; "
                                 "try again in 7 minutes").endswith("Try again in 7 minutes.")
    assert user_message(LoginFailed("wrong user name or password")) == \
        "The user name or the password is wrong."
    text = user_message(ValueError("patient 山田 details"))
    assert "山田" not in text and "ValueError" in text
