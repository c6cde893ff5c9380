"""The users tab: every account with its role; adding one; disabling and enabling."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth import users
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import ROLE_LABELS, SPECIALTY_LABELS, Role
from reviewdesk.cases import members
from reviewdesk.ui.admin.common import make_table, run, selected_row
from reviewdesk.ui.admin.models import UserTableModel
from reviewdesk.ui.context import AppContext


class UsersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersTab")
        self._ctx = ctx
        lang = ctx.lang
        self.model = UserTableModel(lang, self)
        self.view = make_table(self.model, "userTable", stretch=1)
        self.view.setColumnWidth(0, 130)
        self.view.setColumnWidth(2, 160)
        self.view.setColumnWidth(3, 110)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.toggle_button = QPushButton(self.tr("Disable"))
        self.toggle_button.setObjectName("toggleUserButton")
        self.toggle_button.clicked.connect(self._on_toggle_clicked)

        self.username = QLineEdit()
        self.username.setObjectName("newUsername")
        self.display_name = QLineEdit()
        self.display_name.setObjectName("newDisplayName")
        self.role = QComboBox()
        self.role.setObjectName("newRole")
        for role, labels in ROLE_LABELS.items():
            self.role.addItem(labels[0 if lang == "ja" else 1], role.value)
        self.role.currentIndexChanged.connect(lambda _i: self._update_specialty())
        self.specialty = QComboBox()
        self.specialty.setObjectName("newSpecialty")
        self.specialty.addItem(self.tr("(none)"), None)
        for specialty, labels in SPECIALTY_LABELS.items():
            self.specialty.addItem(labels[0 if lang == "ja" else 1], specialty.value)
        # Where the reviewer works: assignments to that member's cases are refused as conflicts.
        self.affiliation = QComboBox()
        self.affiliation.setObjectName("newAffiliation")
        self.affiliation.addItem(self.tr("(none)"), None)
        self.password = QLineEdit()
        self.password.setObjectName("newPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setObjectName("newPasswordAgain")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add user"))
        self.add_button.setObjectName("addUserButton")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.add_box = QGroupBox(self.tr("New user"))
        form = QFormLayout(self.add_box)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("Specialty"), self.specialty)
        form.addRow(self.tr("Affiliation"), self.affiliation)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        form.addRow(self.add_button)
        self.add_box.setMaximumWidth(380)

        left = QVBoxLayout()
        left.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.toggle_button)
        left.addLayout(buttons)
        right = QVBoxLayout()
        right.addWidget(self.add_box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right)
        may = ctx.may(Action.ADMINISTER_USERS)
        self.add_box.setVisible(may)
        self.toggle_button.setVisible(may)
        self._update_specialty()
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        run(self._ctx, self, users.list_users,
            self._show)
        run(self._ctx, self, members.list_members,
            self._show_members)

    def _show_members(self, rows: list[members.MemberRow]) -> None:
        chosen = self.affiliation.currentData()
        self.affiliation.clear()
        self.affiliation.addItem(self.tr("(none)"), None)
        for member in rows:
            self.affiliation.addItem(f"{member.member_no}　{member.name}", member.id)
        self.affiliation.setCurrentIndex(max(self.affiliation.findData(chosen), 0))

    def _show(self, rows: list[users.UserRow]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def _update_specialty(self) -> None:
        physician = self.role.currentData() == Role.PHYSICIAN_REVIEWER.value
        self.specialty.setEnabled(physician)
        if not physician:
            self.specialty.setCurrentIndex(0)

    def _update_buttons(self) -> None:
        row = selected_row(self.view)
        user = self.model.row_at(row) if row is not None else None
        self.toggle_button.setEnabled(user is not None and user.id != self._ctx.actor.user_id)
        self.toggle_button.setText(self.tr("Enable") if user is not None and user.disabled
                                   else self.tr("Disable"))

    def _on_add_clicked(self) -> None:
        if self.password.text() != self.password_again.text():
            self._ctx.prompts.error(self, self.tr("New user"),
                                    self.tr("The two passwords differ; type the same one twice."))
            return
        values = (self.username.text().strip(), self.display_name.text(),
                  str(self.role.currentData()), self.password.text(), self.specialty.currentData())
        member_id = self.affiliation.currentData()
        affiliations = ((int(member_id), None),) if member_id is not None else ()
        self.add_button.setEnabled(False)
        run(self._ctx, self,
            lambda vault, actor: users.create_user(vault, actor, *values, affiliations=affiliations),
            self._on_added,
            lambda: self.add_button.setEnabled(True))

    def _on_added(self, _user_id: int) -> None:
        self.add_button.setEnabled(True)
        for edit in (self.username, self.display_name, self.password, self.password_again):
            edit.clear()
        self.refresh()

    def _on_toggle_clicked(self) -> None:
        row = selected_row(self.view)
        if row is None:
            return
        user = self.model.row_at(row)
        disable = not user.disabled
        if disable and not self._ctx.prompts.confirm(
                self, self.tr("Disable"),
                self.tr("Disable the account %1? Its user can no longer log in.")
                .replace("%1", user.username)):
            return
        run(self._ctx, self, lambda vault, actor: users.set_disabled(vault, actor, user.username, disable),
            lambda _r: self.refresh())
