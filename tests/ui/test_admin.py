"""The administration screen (secretariat): users, members and contracts, the signer, backups."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from reviewdesk.auth.users import list_users, set_disabled
from reviewdesk.cases.members import list_contracts, list_insured_doctors, list_members
from reviewdesk.errors import PermissionDenied
from reviewdesk.letters.pki import make_demo_pki
from reviewdesk.store.vault import Vault
from reviewdesk.ui.admin.members import MembersTab
from reviewdesk.ui.admin.models import (
    ContractTableModel,
    DoctorTableModel,
    FacilityTableModel,
    MemberTableModel,
    UserTableModel,
)
from reviewdesk.ui.admin.panel import AdminPanel
from reviewdesk.ui.main_window import MainWindow


def _window(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx, idle_ms=3_600_000)
    qtbot.addWidget(window)
    return window


def _panel(qtbot, ctx) -> AdminPanel:  # type: ignore[no-untyped-def]
    panel = AdminPanel(ctx)
    qtbot.addWidget(panel)
    return panel


def _ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_secretariat_opens_administration_once(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx("secretary"))
    window.actions["admin"].trigger()
    panel = window.workspace.currentWidget()
    assert isinstance(panel, AdminPanel)
    count = window.workspace.count()
    window.workspace.setCurrentIndex(0)
    assert window.show_admin() is panel and window.workspace.count() == count


@pytest.mark.parametrize("username", ["derm", "lawyer", "chair", "assessor", "auditor"])
def test_other_roles_have_no_administration(qtbot, make_ctx, username: str) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx(username))
    assert "admin" not in window.actions and window.show_admin() is None


def test_the_auditor_sees_the_dashboard_but_cannot_administer(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, make_ctx("auditor"))
    assert "dashboard" in window.actions and "admin" not in window.actions
    assert "backup" not in window.actions


@pytest.mark.parametrize("username", ["auditor", "chair", "derm"])
def test_the_services_refuse_other_roles(world, username: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.auth.users import create_user
    from reviewdesk.letters.signer import import_signer

    actor = world[username]
    with pytest.raises(PermissionDenied):
        create_user(world.vault, actor, "x1", "X", "auditor", "long-enough-password")
    with pytest.raises(PermissionDenied):
        set_disabled(world.vault, actor, "derm", True)
    with pytest.raises(PermissionDenied):
        list_members(world.vault, actor)
    pki = make_demo_pki()
    with pytest.raises(PermissionDenied):
        import_signer(world.vault, actor, pki.signer_p12, pki.password.decode())


def test_adding_disabling_and_enabling_a_user(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.users
    assert tab.model.rowCount() == len(list_users(world.vault, world["secretary"]))
    tab.username.setText("derm3")
    tab.display_name.setText("皮膚科 三郎")
    tab.role.setCurrentIndex(tab.role.findData("physician_reviewer"))
    assert tab.specialty.isEnabled()
    tab.specialty.setCurrentIndex(tab.specialty.findData("dermatology"))
    tab.password.setText("a-long-password-1")
    tab.password_again.setText("a-long-password-2")
    tab.add_button.click()
    assert prompts.errors == ["The two passwords differ; type the same one twice."]
    tab.password_again.setText("a-long-password-1")
    tab.add_button.click()
    rows = {r.username: r for r in tab.model.rows()}
    assert rows["derm3"].specialty == "dermatology" and not rows["derm3"].disabled
    assert tab.username.text() == "" and tab.password.text() == ""

    tab.view.selectRow(next(i for i, r in enumerate(tab.model.rows()) if r.username == "derm3"))
    assert tab.toggle_button.text() == "Disable" and tab.toggle_button.isEnabled()
    prompts.confirm_answers.append(True)
    tab.toggle_button.click()
    assert {r.username: r for r in tab.model.rows()}["derm3"].disabled
    tab.view.selectRow(next(i for i, r in enumerate(tab.model.rows()) if r.username == "derm3"))
    assert tab.toggle_button.text() == "Enable"
    tab.toggle_button.click()  # enabling needs no confirmation
    assert not {r.username: r for r in tab.model.rows()}["derm3"].disabled


def test_a_refused_user_is_explained_and_one_cannot_disable_oneself(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.users
    tab.username.setText("derm")  # taken
    tab.display_name.setText("誰か")
    tab.password.setText("a-long-password-1")
    tab.password_again.setText("a-long-password-1")
    tab.add_button.click()
    assert len(prompts.errors) == 1 and "derm" in prompts.errors[0]
    assert tab.add_button.isEnabled()
    tab.view.selectRow(next(i for i, r in enumerate(tab.model.rows()) if r.username == "secretary"))
    assert not tab.toggle_button.isEnabled()


def test_members_facilities_contracts_and_doctors(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab: MembersTab = panel.members
    assert tab.member_model.rowCount() == 1 and tab.member_id == world.member_id
    assert tab.contract_model.rowCount() == 1 and tab.doctor_model.rowCount() == 1
    assert tab.facility_model.rowCount() == 1

    dialog = tab.show_member_dialog()
    _ok(dialog)  # empty: refused before the service
    assert prompts.errors == ["Fill in the required fields (marked *)."]
    dialog.member_no.setText("M-0002")
    dialog.name.setText("医療法人 緑会")
    _ok(dialog)
    assert not dialog.isVisible()
    assert [r.member_no for r in tab.member_model.rows()] == ["M-0001", "M-0002"]
    new_member = tab.member_id
    assert new_member is not None and tab.member_model.row_at(1).id == new_member
    assert tab.contract_model.rowCount() == 0 and not tab.add_doctor_button.isEnabled()

    facility = tab.show_facility_dialog()
    facility.name.setText("緑クリニック")
    _ok(facility)
    assert [f.name for f in tab.facility_model.rows()] == ["緑クリニック"]

    contract = tab.show_contract_dialog()
    assert contract.facility.count() == 2
    contract.contract_no.setText("C-2026-0002")
    contract.course.setCurrentIndex(contract.course.findData("all"))
    contract.per_claim.setValue(5_000_000)
    contract.aggregate.setValue(10_000_000)
    contract.facility.setCurrentIndex(1)
    _ok(contract)
    stored = list_contracts(world.vault, world["secretary"], new_member)
    assert [(c.contract_no, c.course, c.annual_aggregate) for c in stored] == [
        ("C-2026-0002", "all", 10_000_000)]
    assert tab.contract_id == stored[0].id
    assert tab.member_model.row_at(1).contracts == 1

    doctor = tab.show_doctor_dialog()
    doctor.name.setText("緑 一郎")
    doctor.category.setCurrentIndex(doctor.category.findData("full_time"))
    _ok(doctor)
    assert [d.name for d in list_insured_doctors(world.vault, world["secretary"], stored[0].id)] == ["緑 一郎"]
    assert [d.name for d in tab.doctor_model.rows()] == ["緑 一郎"]
    assert tab.contract_model.row_at(0).doctors == 1

    refused = tab.show_contract_dialog()  # the same number again: the service says why
    refused.contract_no.setText("C-2026-0002")
    _ok(refused)
    assert prompts.errors[-1] == "contract_no: C-2026-0002 exists" and refused.isVisible()
    refused.close()


def test_signer_shown_and_imported(qtbot, make_ctx, world, prompts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.signer
    assert tab.info is None and "No signing certificate" in tab.status.text()
    pki = make_demo_pki()
    p12 = tmp_path / "signer.p12"
    p12.write_bytes(pki.signer_p12)
    tab.password.setText("wrong")
    prompts.path_answers.append([p12])
    tab.import_button.click()
    assert len(prompts.errors) == 1 and tab.info is None and tab.import_button.isEnabled()
    tab.password.setText(pki.password.decode())
    prompts.path_answers.append([p12])
    tab.import_button.click()
    assert tab.info is not None and tab.password.text() == ""
    assert tab.fingerprint.text() == tab.info.fingerprint_sha256 and ":" in tab.fingerprint.text()
    assert "demonstration" in tab.status.text() and prompts.infos
    panel = _panel(qtbot, make_ctx("secretary"))
    again = panel.signer  # read back from the vault
    assert again.info == tab.info and again.subject.text() == tab.info.subject


def test_board_settings_edited_and_saved(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.letters.board import board_settings, defaults

    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.board
    assert panel.tabs.tabText(panel.tabs.indexOf(tab)) == "Board settings"
    assert tab.fields["representative_name"].text() == defaults().representative_name
    assert tab.fields["seal"].text() == "日本美容 医療賠償 共済会印"
    assert not tab.save_button.isEnabled() and not tab.revert_button.isEnabled()
    tab.fields["representative_name"].setText("山本 一郎")
    assert tab.changes() == {"representative_name": "山本 一郎"} and tab.save_button.isEnabled()
    tab.save_button.click()
    assert prompts.errors == [] and prompts.infos
    assert board_settings(world.vault, world["auditor"]).representative_name == "山本 一郎"
    assert not tab.save_button.isEnabled() and tab.changes() == {}
    # A required field left empty: refused with the field's name, the text stays to correct.
    tab.fields["phone"].setText(" ")
    tab.save_button.click()
    assert prompts.errors == ["phone: required"] and tab.save_button.isEnabled()
    assert board_settings(world.vault, world["secretary"]).phone == defaults().phone
    tab.revert_button.click()
    assert tab.fields["phone"].text() == defaults().phone and not tab.save_button.isEnabled()
    again = _panel(qtbot, make_ctx("secretary"))  # read back from the vault
    assert again.board.fields["representative_name"].text() == "山本 一郎"
    # The 担当者 and direct line letters print are on the form too, and saved like the rest.
    contact = again.board.fields["contact_name"]
    assert contact.isVisibleTo(again.board) and contact.text() == defaults().contact_name
    contact.setText("審査課 小林")
    again.board.fields["contact_phone"].setText("03-1111-2222")
    again.board.save_button.click()
    saved = board_settings(world.vault, world["secretary"])
    assert (saved.contact_name, saved.contact_phone) == ("審査課 小林", "03-1111-2222")


def test_board_settings_another_desk_saved_first_keeps_the_text_and_saves_on_the_latest(
        qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.letters.board import board_settings, update_board_settings

    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.board
    tab.fields["phone"].setText("03-2222-3333")
    # Meanwhile another desk changes the same field.
    update_board_settings(world.vault, world["secretary"], {"phone": "03-1111-2222"})
    tab.save_button.click()
    assert len(prompts.errors) == 1 and "another user saved first" in prompts.errors[0]
    assert tab.fields["phone"].text() == "03-2222-3333" and tab.save_button.isEnabled()
    assert board_settings(world.vault, world["auditor"]).phone == "03-1111-2222"
    tab.save_button.click()  # on the latest now: the user's value goes in
    assert len(prompts.errors) == 1
    assert board_settings(world.vault, world["auditor"]).phone == "03-2222-3333"


def test_backup_then_restore_to_another_file(qtbot, make_ctx, world, prompts, tmp_path: Path,
                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.backups
    out = tmp_path / "copy.rdvault"
    prompts.path_answers.append([out])
    assert tab.start_backup()
    assert out.exists() and str(out) in tab.last_backup.text() and str(out) in prompts.infos[-1]
    assert tab.copied is not None and tab.copied[0] == tab.copied[1] > 0
    assert tab.backup_bar.isHidden() and tab.backup_button.isEnabled()

    # Over the open vault: refused before anything is touched.
    before = world.vault.path.read_bytes()
    prompts.path_answers += [[out], [world.vault.path]]
    assert not tab.start_restore()
    assert "cannot be replaced while it is open" in prompts.errors[-1]
    assert world.vault.path.read_bytes() == before

    target = tmp_path / "restored.rdvault"
    prompts.path_answers += [[out], [target]]
    assert tab.start_restore()
    assert target.exists() and len(prompts.errors) == 1  # only the refusal above
    assert str(target) in prompts.infos[-1] and "start it again" in prompts.infos[-1]
    assert tab.restore_button.isEnabled() and tab.busy.isHidden()
    restored = Vault.open(target)
    try:
        assert [u.username for u in list_users(restored, world["secretary"])] == [
            u.username for u in list_users(world.vault, world["secretary"])]
    finally:
        restored.close()

    # An existing target is replaced only after a yes.
    prompts.path_answers += [[out], [target]]
    prompts.confirm_answers.append(False)
    assert not tab.start_restore()


def test_a_failed_restore_is_explained(qtbot, make_ctx, prompts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.backups
    junk = tmp_path / "junk.rdvault"
    junk.write_bytes(b"not a vault at all" * 100)
    prompts.path_answers += [[junk], [tmp_path / "target.rdvault"]]
    assert tab.start_restore()
    assert len(prompts.errors) == 1 and "Traceback" not in prompts.errors[0]
    assert tab.restore_button.isEnabled() and not (tmp_path / "target.rdvault").exists()


def test_admin_models_pass_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases.members import list_facilities

    sec = world["secretary"]
    for model, rows in ((UserTableModel("ja"), list_users(world.vault, sec)),
                        (MemberTableModel("ja"), list_members(world.vault, sec)),
                        (FacilityTableModel("ja"), list_facilities(world.vault, sec)),
                        (ContractTableModel("ja"), list_contracts(world.vault, sec)),
                        (DoctorTableModel("ja"), list_insured_doctors(world.vault, sec))):
        model.set_rows(rows)
        qtmodeltester.check(model)
        assert model.rowCount() == len(rows) > 0
    contracts = ContractTableModel("ja")
    contracts.set_rows(list_contracts(world.vault, sec))
    assert contracts.index(0, 4).data() == "30,000,000円"
    assert contracts.index(0, 3).data(Qt.ItemDataRole.TextAlignmentRole) is not None


def test_backup_progress_is_shown_then_verification(qtbot, make_ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.backups
    tab.backup_bar.show()
    tab.backup_bar.setRange(0, 100)
    tab._relay.pages_copied.emit(25, 100)
    assert tab.backup_bar.value() == 25 and tab.backup_bar.maximum() == 100
    tab._relay.pages_copied.emit(100, 100)
    assert tab.backup_bar.maximum() == 0  # busy while the copy is verified
    assert tab.backup_stage.text() == "Verifying every page of the copy…"


def test_a_failed_backup_is_explained(qtbot, make_ctx, prompts, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.backups
    taken = tmp_path / "taken.rdvault"
    taken.write_bytes(b"precious")
    prompts.path_answers.append([taken])
    assert tab.start_backup()
    assert len(prompts.errors) == 1 and "already there" in prompts.errors[0]
    assert taken.read_bytes() == b"precious"
    assert tab.backup_bar.isHidden() and tab.backup_button.isEnabled()


def test_backup_through_a_real_worker_thread(qtbot, world, prompts, tmp_path: Path,
                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.store import backup as module
    from reviewdesk.ui.context import AppContext, UiSettings
    from reviewdesk.ui.tasks import QtTaskRunner

    monkeypatch.setattr(module, "PAGES_PER_STEP", 8)  # several reports from the worker
    runner = QtTaskRunner()
    ctx = AppContext(world.vault, world["secretary"], runner, prompts,
                     UiSettings(tmp_path / "threads.ini"), "en")
    panel = _panel(qtbot, ctx)
    seen: list[tuple[int, int]] = []
    panel.backups._relay.pages_copied.connect(lambda d, t: seen.append((d, t)))
    out = tmp_path / "threaded.rdvault"
    prompts.path_answers.append([out])
    assert panel.backups.start_backup()
    qtbot.waitUntil(lambda: bool(prompts.infos) or bool(prompts.errors), timeout=10000)
    assert runner.wait(5000)
    assert prompts.errors == [] and out.exists()
    assert len(seen) > 1 and seen[-1][0] == seen[-1][1]
    assert panel.backups.copied == seen[-1]


def test_a_reviewer_added_with_an_affiliation_is_kept_off_that_members_cases(qtbot, make_ctx, world,
                                                                           prompts) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases import review
    from reviewdesk.errors import RuleViolation
    from tests.cases import flow

    panel = _panel(qtbot, make_ctx("secretary"))
    tab = panel.users
    assert tab.affiliation.findData(world.member_id) > 0  # the members are offered
    tab.username.setText("derm4")
    tab.display_name.setText("皮膚科 四郎")
    tab.role.setCurrentIndex(tab.role.findData("physician_reviewer"))
    tab.specialty.setCurrentIndex(tab.specialty.findData("dermatology"))
    tab.affiliation.setCurrentIndex(tab.affiliation.findData(world.member_id))
    tab.password.setText("a-long-password-1")
    tab.password_again.setText("a-long-password-1")
    tab.add_button.click()
    assert prompts.errors == []
    derm4 = next(r for r in tab.model.rows() if r.username == "derm4")
    case_id = flow.intake(world)  # a case of the member derm4 works for
    with pytest.raises(RuleViolation, match=r"conflict|affiliat"):
        review.assign_reviewer(world.vault, world["secretary"], case_id, derm4.id, today=flow.TODAY)
