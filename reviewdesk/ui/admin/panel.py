"""AdminPanel (secretariat): tabs for users, members and contracts, the signer, the board
settings letters print, backups."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from reviewdesk.ui.admin.backups import BackupsTab
from reviewdesk.ui.admin.board import BoardTab
from reviewdesk.ui.admin.members import MembersTab
from reviewdesk.ui.admin.signer import SignerTab
from reviewdesk.ui.admin.users import UsersTab
from reviewdesk.ui.context import AppContext


class AdminPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.title = QLabel(self.tr("Administration"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.users = UsersTab(ctx)
        self.members = MembersTab(ctx)
        self.signer = SignerTab(ctx)
        self.board = BoardTab(ctx)
        self.backups = BackupsTab(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.tabs.addTab(self.users, self.tr("Users"))
        self.tabs.addTab(self.members, self.tr("Members and contracts"))
        self.tabs.addTab(self.signer, self.tr("Signer certificate"))
        self.tabs.addTab(self.board, self.tr("Board settings"))
        self.tabs.addTab(self.backups, self.tr("Backups"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        self.users.refresh()
        self.members.refresh()
        self.signer.refresh()
        self.board.refresh()
