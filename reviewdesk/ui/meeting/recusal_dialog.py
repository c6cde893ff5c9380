"""RecusalDialog: a member present at the meeting sits out one agenda item, with the reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from reviewdesk.cases import meetings
from reviewdesk.ui.context import AppContext


class RecusalDialog(QDialog):
    recusal_recorded = Signal(int)
    """Emitted on the GUI thread with the case id after meetings.recuse committed."""

    def __init__(self, ctx: AppContext, item: meetings.AgendaRow,
                 attendance: tuple[meetings.AttendeeRow, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._item = ctx, item
        self.setWindowTitle(self.tr("Recusal on %1").replace("%1", item.case_no))
        already = {r.user_id for r in item.recusals}
        self.member = QComboBox()
        self.member.setObjectName("recusalMember")
        for person in attendance:
            if person.present and person.user_id not in already:
                self.member.addItem(person.name, person.user_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("recusalReason")
        self.reason.setPlaceholderText(self.tr("e.g. worked at the insured's clinic"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(self.member.count() > 0)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Member"), self.member)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)

    def _on_accepted(self) -> None:
        user_id, reason = int(self.member.currentData()), self.reason.text()
        item_id = self._item.item_id
        self.ok_button.setEnabled(False)  # nothing typed is lost if the service refuses
        self._ctx.run(lambda vault, actor: meetings.recuse(vault, actor, item_id, user_id, reason),
                      self._on_done,
                      parent=self,
                      on_error=self._on_failed)

    def _on_done(self, _recusal_id: int) -> None:
        self.recusal_recorded.emit(self._item.case_id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self._ctx.show_error(self, exc)


class WithdrawRecusalDialog(QDialog):
    recusal_withdrawn = Signal(int)
    """Emitted on the GUI thread with the case id after meetings.withdraw_recusal committed."""

    def __init__(self, ctx: AppContext, item: meetings.AgendaRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._item = ctx, item
        self.setWindowTitle(self.tr("Withdraw a recusal on %1").replace("%1", item.case_no))
        self.member = QComboBox()
        self.member.setObjectName("withdrawRecusalMember")
        for recusal in item.recusals:
            self.member.addItem(f"{recusal.name}（{recusal.reason_text(ctx.lang)}）", recusal.user_id)
        self.reason = QLineEdit()
        self.reason.setObjectName("withdrawRecusalReason")
        self.reason.setPlaceholderText(self.tr("why the recusal was a mistake"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(self.member.count() > 0)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Member"), self.member)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(buttons)

    def _on_accepted(self) -> None:
        user_id, reason = int(self.member.currentData()), self.reason.text()
        item_id = self._item.item_id
        self.ok_button.setEnabled(False)
        self._ctx.run(lambda vault, actor: meetings.withdraw_recusal(vault, actor, item_id, user_id, reason),
                      self._on_done,
                      parent=self,
                      on_error=self._on_failed)

    def _on_done(self, _result: None) -> None:
        self.recusal_withdrawn.emit(self._item.case_id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self._ctx.show_error(self, exc)
