"""The session lock: an idle timer fed by every input event, and the screen that unlocks it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.roles import Actor
from reviewdesk.auth.users import authenticate
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.messages import user_message

_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatcher(QObject):
    """An event filter on the QApplication: any input restarts a single-shot timer."""

    idle_timed_out = Signal()
    """Emitted on the GUI thread when no input arrived for the configured interval."""

    def __init__(self, interval_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.idle_timed_out)
        self._active = False

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)
        if self._active:
            self.timer.start()

    def start(self) -> None:
        self._active = True
        self.timer.start()

    def stop(self) -> None:
        self._active = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _INPUT_EVENTS:
            self.timer.start()
        return False


class LockScreen(QWidget):
    """Covers the workspace while locked; only the same user's password opens it again."""

    unlocked = Signal()
    """Emitted on the GUI thread after the user's password was accepted."""
    quit_requested = Signal()
    """Emitted on the GUI thread when a revoked session's user chose to close ReviewDesk."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(480)
        title = QLabel(self.tr("ReviewDesk is locked"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.who_label = who = QLabel(self.tr("Signed in as %1.").replace(
            "%1", f"{ctx.actor.display_name} ({ctx.actor.username})"))
        prompt = QLabel(self.tr("Enter your password to continue."))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self.submit)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.submit)
        self.error_label = QLabel()
        self.error_label.setObjectName("unlockError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b;")
        self.error_label.hide()
        self.revoked = False
        self.quit_button = QPushButton(self.tr("Close ReviewDesk"))
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(self.quit_requested)
        self.quit_button.hide()
        row = QHBoxLayout()
        row.addWidget(self.password_edit, 1)
        row.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.addWidget(title)
        inner.addWidget(who)
        inner.addWidget(prompt)
        inner.addLayout(row)
        inner.addWidget(self.error_label)
        inner.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def reset(self) -> None:
        if self.revoked:
            return
        self.password_edit.clear()
        self.error_label.hide()
        self.unlock_button.setEnabled(True)
        self.password_edit.setFocus()

    def submit(self) -> None:
        password = self.password_edit.text()
        if not password:
            return
        self.unlock_button.setEnabled(False)
        vault, username = self._ctx.vault, self._ctx.actor.username
        self._ctx.tasks.submit(lambda: authenticate(vault, username, password),
                               self._on_authenticated, self._on_failed, self)

    def revoke(self, message: str) -> None:
        """The session is over (account disabled or role changed): no password unlocks it."""
        self.revoked = True
        self.password_edit.clear()
        self.password_edit.setEnabled(False)
        self.unlock_button.setEnabled(False)
        self.error_label.setText(message + "\n" + self.tr("Close ReviewDesk and sign in again."))
        self.error_label.show()
        self.quit_button.show()
        self.quit_button.setFocus()

    def _on_authenticated(self, actor: object) -> None:
        self.password_edit.clear()
        self.unlock_button.setEnabled(True)
        if isinstance(actor, Actor) and actor.role != self._ctx.actor.role:
            self.revoke(self.tr("Your role was changed since you signed in."))
            return
        self.unlocked.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.password_edit.clear()
        self.unlock_button.setEnabled(True)
        self.error_label.setText(user_message(exc, self._ctx.lang))
        self.error_label.show()
