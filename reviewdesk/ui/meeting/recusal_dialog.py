"""Recusals on one agenda item: recording one (RecusalDialog) and withdrawing a mistaken one
(WithdrawRecusalDialog), each a member and a reason."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from reviewdesk.cases import meetings
from reviewdesk.ui.context import AppContext, Operation


class _MemberReasonDialog(QDialog):
    """A member and a reason for one agenda item; OK runs the subclass's operation.

    The subclasses word the dialog themselves (their own tr() context) and call `_build`.
    """

    def __init__(self, ctx: AppContext, item: meetings.AgendaRow, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ctx, self._item = ctx, item

    def _build(self, title: str, members: list[tuple[str, int]], *, name: str, placeholder: str,
               member_label: str, reason_label: str,
               operation: Callable[[int, int, str], Operation],
               announce: SignalInstance) -> None:
        self._operation, self._announce = operation, announce
        self.setWindowTitle(title)
        self.member = QComboBox()
        self.member.setObjectName(f"{name}Member")
        for text, user_id in members:
            self.member.addItem(text, user_id)
        self.reason = QLineEdit()
        self.reason.setObjectName(f"{name}Reason")
        self.reason.setPlaceholderText(placeholder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setEnabled(self.member.count() > 0)
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(member_label, self.member)
        form.addRow(reason_label, self.reason)
        form.addRow(buttons)

    def _on_accepted(self) -> None:
        op = self._operation(self._item.item_id, int(self.member.currentData()), self.reason.text())
        self.ok_button.setEnabled(False)  # nothing typed is lost if the service refuses
        self._ctx.run(op, self._on_done, parent=self, on_error=self._on_failed)

    def _on_done(self, _result: object) -> None:
        self._announce.emit(self._item.case_id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self._ctx.show_error(self, exc)


class RecusalDialog(_MemberReasonDialog):
    recusal_recorded = Signal(int)
    """Emitted on the GUI thread with the case id after meetings.recuse committed."""

    def __init__(self, ctx: AppContext, item: meetings.AgendaRow,
                 attendance: tuple[meetings.AttendeeRow, ...], parent: QWidget | None = None) -> None:
        super().__init__(ctx, item, parent)
        already = {r.user_id for r in item.recusals}
        self._build(self.tr("Recusal on %1").replace("%1", item.case_no),
                    [(p.name, p.user_id) for p in attendance
                     if p.present and p.user_id not in already],
                    name="recusal", placeholder=self.tr("e.g. worked at the insured's clinic"),
                    member_label=self.tr("Member"), reason_label=self.tr("Reason"),
                    operation=lambda item_id, user_id, reason: lambda vault, actor: meetings.recuse(
                        vault, actor, item_id, user_id, reason),
                    announce=self.recusal_recorded)


class WithdrawRecusalDialog(_MemberReasonDialog):
    recusal_withdrawn = Signal(int)
    """Emitted on the GUI thread with the case id after meetings.withdraw_recusal committed."""

    def __init__(self, ctx: AppContext, item: meetings.AgendaRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, item, parent)
        self._build(self.tr("Withdraw a recusal on %1").replace("%1", item.case_no),
                    [(f"{r.name}（{r.reason_text(ctx.lang)}）", r.user_id) for r in item.recusals],
                    name="withdrawRecusal", placeholder=self.tr("why the recusal was a mistake"),
                    member_label=self.tr("Member"), reason_label=self.tr("Reason"),
                    operation=lambda item_id, user_id, reason: lambda vault, actor: (
                        meetings.withdraw_recusal(vault, actor, item_id, user_id, reason)),
                    announce=self.recusal_withdrawn)
