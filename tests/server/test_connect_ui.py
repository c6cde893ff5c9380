"""The desktop on a server: the vault chooser's 「サーバーに接続」 takes the URL, and the login
window signs the member in with their own database login."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.store.server import ServerVault
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.dialogs.vault_chooser import VaultChooserDialog
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.support.builders import PASSWORD
from tests.ui.conftest import FakePrompts


def _chooser(qtbot, url: str = "") -> VaultChooserDialog:  # type: ignore[no-untyped-def]
    dialog = VaultChooserDialog(InlineTaskRunner(), FakePrompts(), "ja", url or None)
    qtbot.addWidget(dialog)
    return dialog


def test_a_member_connects_to_the_server_and_logs_in_with_their_own_login(qtbot, seats) -> None:  # type: ignore[no-untyped-def]
    dialog = _chooser(qtbot, seats.url(None))
    assert dialog.tabs.currentIndex() == 2 and dialog.server_url.text() == seats.url(None)
    with qtbot.waitSignal(dialog.vault_opened) as opened:
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    vault = opened.args[0]
    try:
        assert isinstance(vault, ServerVault) and not vault.signed_in
        login = LoginDialog(vault, InlineTaskRunner(), "ja")
        qtbot.addWidget(login)
        login.username_edit.setText("derm")
        login.password_edit.setText("not-the-password")
        qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
        assert login.error_label.text() == "The user name or the password is wrong."  # no translator here
        login.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(login.logged_in) as logged_in:
            qtbot.mouseClick(login.login_button, Qt.MouseButton.LeftButton)
        assert logged_in.args[0].username == "derm" and vault.login == "derm"
    finally:
        vault.close()


def test_a_plain_connection_to_another_machine_is_refused_in_the_chooser(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = _chooser(qtbot)
    dialog.tabs.setCurrentIndex(2)
    dialog.server_url.setText("postgresql://db.board.test/reviewdesk")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.vault is None and dialog.error_label.isVisibleTo(dialog)
    assert "sslmode=verify-full" in dialog.error_label.text()
    dialog.server_url.setText("/home/someone/board.rdvault")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert "postgresql://" in dialog.error_label.text()
