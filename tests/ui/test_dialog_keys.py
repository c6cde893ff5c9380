"""Enter in a dialog's fields does the dialog's action; it never cancels and loses the input."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton

from reviewdesk.cases import meetings
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.dialogs.register_case import RegisterCaseDialog
from reviewdesk.ui.meeting.finding_dialog import FindingDialog
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.cases.flow import BOARD, reviewed
from tests.support.builders import PASSWORD

# The finding dialog records at the wall clock's today and refuses a meeting not yet held,
# so the meetings these tests decide through the widgets are held today (never a fixed date
# next to the wall clock).
HELD_TODAY = date.today()


def _default_button(dialog: QDialog) -> QPushButton | None:
    return next((b for b in dialog.findChildren(QPushButton) if b.isDefault()), None)


def _cancel(dialog: QDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Cancel)


def test_enter_in_the_password_logs_in(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(world.vault, InlineTaskRunner(), "ja")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _default_button(dialog) is dialog.login_button
    dialog.username_edit.setText("secretary")
    qtbot.keyClick(dialog.username_edit, Qt.Key.Key_Return)  # moves on; does not submit
    assert dialog.isVisible() and dialog.actor is None
    dialog.password_edit.setText(PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "secretary"


def test_enter_in_the_registration_form_does_not_cancel(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    dialog = RegisterCaseDialog(make_ctx("secretary"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _default_button(dialog) is dialog.register_button
    assert not _cancel(dialog).autoDefault()
    edit = dialog.patient_name
    edit.setText("山田 花子")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # not cancelled
    assert edit.text() == "山田 花子"  # nothing typed is lost


def test_enter_in_the_finding_dialog_does_not_cancel(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         HELD_TODAY, "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    detail = meetings.meeting_detail(world.vault, world["chair"], meeting_id)
    dialog = FindingDialog(make_ctx("chair"), detail.agenda[0], detail.attendance)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert _default_button(dialog) is dialog.record_button
    dialog.share.setText("0.5")
    qtbot.keyClick(dialog.share, Qt.Key.Key_Return)  # submits: refused for missing reasons
    assert dialog.isVisible() and dialog.share.text() == "0.5"
    assert prompts.errors  # the refusal is shown, the dialog and its input stay


def test_ok_is_what_enter_does_in_the_admin_forms(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.admin.member_dialogs import MemberDialog

    dialog = MemberDialog(make_ctx("secretary"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert _default_button(dialog) is ok
