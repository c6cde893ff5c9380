"""LoginDialog: user name and password, checked by authenticate off the GUI thread.

The first window of a start: it imports nothing of the core, and may be shown while its vault
is still being opened (ui/startup.py), so the key derivation overlaps its painting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.ui.buttons import action_buttons, tab_in_reading_order
from reviewdesk.ui.messages import user_message
from reviewdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from reviewdesk.auth.roles import Actor
    from reviewdesk.store.vault import Vault


class PendingVault(Protocol):
    """A vault still opening: `result()` waits for it off the GUI thread (or raises why not)."""

    path: Path | str

    @property
    def display_name(self) -> str: ...

    def result(self) -> Vault: ...


def _log_in(vault: Vault | PendingVault, username: str, password: str) -> Actor:
    """Worker side: the vault once open, then the password check at its full argon2id cost."""
    opened = vault.result() if hasattr(vault, "result") else vault
    from reviewdesk.auth.users import authenticate  # imported by then where the vault was opened

    return authenticate(opened, username, password)


class LoginDialog(QDialog):
    """Accepted once a user logged in; `actor` then holds who."""

    logged_in = Signal(object)
    """Emitted on the GUI thread with the Actor after a successful login."""

    def __init__(self, vault: Vault | PendingVault, tasks: TaskRunner, lang: str = "ja",
                 username: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vault, self._tasks, self._lang = vault, tasks, lang
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("ReviewDesk — log in"))
        self.setMinimumWidth(420)
        heading = QLabel(self.tr("Log in to %1").replace("%1", vault.display_name))
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.username_edit = QLineEdit(username or "")
        self.username_edit.setObjectName("username")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b;")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.buttons, self.login_button = action_buttons(self, self.tr("Log in"))
        self.login_button.setObjectName("loginButton")
        # Enter in the user name moves on to the password; in the password it logs in.
        self.username_edit.returnPressed.connect(self.password_edit.setFocus)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        tab_in_reading_order(self, self.login_button,
                             self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        (self.password_edit if username else self.username_edit).setFocus()

    def submit(self) -> None:
        username, password = self.username_edit.text().strip(), self.password_edit.text()
        if not username or not password:
            self._show_error(self.tr("Enter your user name and password."))
            return
        self.login_button.setEnabled(False)
        vault = self._vault
        self._tasks.submit(lambda: _log_in(vault, username, password),
                           self._on_authenticated, self._on_failed, self)

    def _on_authenticated(self, actor: Actor) -> None:
        self.actor = actor
        self.password_edit.clear()
        self.logged_in.emit(actor)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()
        self._show_error(user_message(exc, self._lang))

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
