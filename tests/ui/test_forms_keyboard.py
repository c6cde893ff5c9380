"""Forms by keyboard: Tab leaves multi-line fields, dialogs tab inputs-action-cancel, the intake
dialog's contract list follows member and claim date and Escape asks before discarding."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QWidget

from reviewdesk.cases import review
from reviewdesk.cases.members import ContractTerms, add_contract, add_member
from reviewdesk.cases.opinions import list_opinions
from reviewdesk.cases.pickers import contract_choices, contracts_for_claim
from reviewdesk.ui.dialogs.login import LoginDialog
from reviewdesk.ui.dialogs.register_case import RegisterCaseDialog
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.ui.conftest import register


def _show(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    return widget


def _tab(qtbot, window: QWidget, key: Qt.Key = Qt.Key.Key_Tab) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.focusWidget(), key)
    return window.focusWidget()


def _cancel(dialog: QDialog) -> QWidget:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)


def test_login_tabs_through_the_fields_then_log_in_then_cancel(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    dialog = _show(qtbot, LoginDialog(world.vault, InlineTaskRunner(), "ja"))
    dialog.username_edit.setFocus()
    assert dialog.focusWidget() is dialog.username_edit
    assert _tab(qtbot, dialog) is dialog.password_edit
    assert _tab(qtbot, dialog) is dialog.login_button
    assert _tab(qtbot, dialog) is _cancel(dialog)
    assert _tab(qtbot, dialog, Qt.Key.Key_Backtab) is dialog.login_button


def test_admin_form_tabs_fields_then_ok_then_cancel(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.admin.member_dialogs import MemberDialog

    dialog = _show(qtbot, MemberDialog(make_ctx("secretary")))
    dialog.member_no.setFocus()
    order = [dialog.member_no, dialog.name, dialog.representative, dialog.address, dialog.phone,
             dialog.email, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), _cancel(dialog)]
    for expected in order[1:]:
        assert _tab(qtbot, dialog) is expected


def test_registration_tabs_out_of_the_summary_to_register_then_cancel(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = _show(qtbot, RegisterCaseDialog(make_ctx("secretary"), today=date(2026, 5, 1)))
    dialog.summary_edit.setFocus()
    qtbot.keyClicks(dialog.summary_edit, "scar after the laser")
    assert _tab(qtbot, dialog) is dialog.register_button
    assert _tab(qtbot, dialog) is _cancel(dialog)
    assert dialog.summary_edit.toPlainText() == "scar after the laser"  # no tab character typed


def test_every_multi_line_field_lets_tab_move_on(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.case_view.panel import CaseViewPanel

    case_id = register(world)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id)
    dialog = RegisterCaseDialog(make_ctx("secretary"))
    view = CaseViewPanel(make_ctx("derm"), case_id)
    for widget in (dialog, view):
        qtbot.addWidget(widget)
        edits = widget.findChildren(QPlainTextEdit)
        assert edits
        assert all(edit.tabChangesFocus() for edit in edits), [e.objectName() for e in edits]


def test_a_reviewer_fills_and_submits_the_opinion_by_keyboard(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.case_view.opinions import OpinionsPanel

    case_id = register(world)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id)
    panel = _show(qtbot, OpinionsPanel(make_ctx("derm"), case_id))
    form = panel.form
    answers = {"negligence": "yes", "causation": "yes", "duty_to_explain": "no", "damage": "yes"}

    def choose(combo, value: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(combo.findData(value) - combo.currentIndex()):
            qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentData() == value

    form.answers["negligence"].setFocus()
    for element, answer in answers.items():
        combo = panel.focusWidget()
        assert combo is form.answers[element]
        choose(combo, answer)
        rationale = _tab(qtbot, panel)
        assert rationale is form.rationales[element]
        qtbot.keyClicks(rationale, f"{element} because")
        _tab(qtbot, panel)  # Tab leaves the rationale, it is not typed into it
    assert panel.focusWidget() is form.recommended
    choose(form.recommended, "liable")
    assert _tab(qtbot, panel) is form.share
    comments = _tab(qtbot, panel)
    assert comments is form.comments
    qtbot.keyClicks(comments, "see the photos")
    assert _tab(qtbot, panel) is form.save_button
    assert _tab(qtbot, panel) is form.submit_button
    prompts.confirm_answers.append(True)
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Space)

    assert prompts.errors == []
    (opinion,) = list_opinions(world.vault, world["derm"], case_id)
    assert opinion.status == "submitted"
    assert (opinion.negligence, opinion.duty_to_explain) == ("yes", "no")
    assert opinion.negligence_rationale == "negligence because"
    assert opinion.comments == "see the photos"


def _second_member(world) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    admin = world["admin"]
    member_id = add_member(world.vault, admin, "M-0002", "医療法人 若葉会")
    old = add_contract(world.vault, admin, member_id, "C-2025-0002", ContractTerms(
        course="facility", per_claim_limit=10_000_000, period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31)))
    new = add_contract(world.vault, admin, member_id, "C-2026-0002", ContractTerms(
        course="facility", per_claim_limit=10_000_000, period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31)))
    return old, new


def test_contracts_for_a_claim_are_the_members_covering_the_claim_date(world) -> None:  # type: ignore[no-untyped-def]
    old, new = _second_member(world)
    choices = contract_choices(world.vault, world["secretary"])
    ids = lambda cs: {c.id for c in cs}  # noqa: E731
    assert ids(contracts_for_claim(choices, date(2026, 4, 1))) == {world.contract_id, new}
    assert ids(contracts_for_claim(choices, date(2025, 12, 31))) == {old}
    assert ids(contracts_for_claim(choices, date(2026, 1, 1), world.member_id)) == {world.contract_id}
    assert contracts_for_claim(choices, date(2027, 1, 1)) == []
    assert len(contracts_for_claim(choices, date(2027, 1, 1), any_period=True)) == 3


def test_the_contract_list_follows_member_and_claim_date(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    old, new = _second_member(world)
    dialog = _show(qtbot, RegisterCaseDialog(make_ctx("secretary"), today=date(2026, 5, 1)))

    def shown() -> set[int]:
        return {dialog.contract_combo.itemData(i) for i in range(dialog.contract_combo.count())}

    assert shown() == {world.contract_id, new}
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(world.member_id + 0))
    assert shown() == {world.contract_id}
    dialog.member_combo.setCurrentIndex(0)  # all members
    dialog.claim_date.setDate(QDate(2025, 6, 1))
    assert shown() == {old}
    assert dialog.intake_data().contract_id == old
    dialog.claim_date.setDate(QDate(2027, 6, 1))  # no period covers it
    assert shown() == set() and not dialog.register_button.isEnabled()
    assert dialog.contract_info.text()  # says why the list is empty
    dialog.any_period.setChecked(True)
    assert shown() == {world.contract_id, old, new} and dialog.register_button.isEnabled()


def test_escape_asks_before_discarding_what_was_typed(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    dialog = _show(qtbot, RegisterCaseDialog(make_ctx("secretary")))
    qtbot.keyClick(dialog.patient_name, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and prompts.asked == []

    dialog = _show(qtbot, RegisterCaseDialog(make_ctx("secretary")))
    dialog.patient_name.setFocus()
    qtbot.keyClicks(dialog.patient_name, "Yamada Hanako")
    prompts.confirm_answers.append(False)
    qtbot.keyClick(dialog.patient_name, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.patient_name.text() == "Yamada Hanako"
    assert len(prompts.asked) == 1
    prompts.confirm_answers.append(True)
    qtbot.keyClick(dialog.patient_name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
