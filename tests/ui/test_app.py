"""The composition root's pieces: font, translations, vault chooser, and the screenshots command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialog

from reviewdesk.auth.users import authenticate
from reviewdesk.store.vault import Vault
from reviewdesk.ui.app import install_font, install_translations
from reviewdesk.ui.dialogs.vault_chooser import VaultChooserDialog
from reviewdesk.ui.screenshots import render_screenshots
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.support.builders import PASSWORD
from tests.ui.conftest import register


def test_bundled_font_and_japanese_translations(qapp) -> None:  # type: ignore[no-untyped-def]
    previous = QApplication.font()
    try:
        assert install_font(qapp) == "IPAexGothic"
        assert QApplication.font().family() == "IPAexGothic"
        translators = install_translations(qapp, "ja")
        try:
            assert len(translators) == 2  # ours and Qt's own
            assert QCoreApplication.translate("LoginDialog", "Log in") == "ログイン"
            assert QCoreApplication.translate("CaseTableModel", "Amount") == "金額"
            assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
        finally:
            for t in translators:
                qapp.removeTranslator(t)
        assert QCoreApplication.translate("LoginDialog", "Log in") == "Log in"
        assert install_translations(qapp, "en") == []
    finally:
        QApplication.setFont(previous)


def test_chooser_creates_a_vault_with_its_administrator(qtbot, tmp_path, prompts) -> None:  # type: ignore[no-untyped-def]
    dialog = VaultChooserDialog(InlineTaskRunner(), prompts, "en")
    qtbot.addWidget(dialog)
    dialog.create_path.setText(str(tmp_path / "board.rdvault"))
    dialog.create_passphrase.setText("a passphrase for the test")
    dialog.admin_user.setText("jimukyoku")
    dialog.admin_name.setText("事務局 一郎")
    dialog.admin_password.setText("long-enough-password")
    dialog.admin_password2.setText("different-password")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "The two passwords differ."
    assert not (tmp_path / "board.rdvault").exists()

    dialog.admin_password2.setText("long-enough-password")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.vault is not None
    try:
        assert authenticate(dialog.vault, "jimukyoku", "long-enough-password").role == "secretariat"
    finally:
        dialog.vault.close()


def test_chooser_explains_why_a_vault_does_not_open(qtbot, world, prompts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = VaultChooserDialog(InlineTaskRunner(), prompts, "en")
    qtbot.addWidget(dialog)
    dialog.open_path.setText(str(tmp_path / "missing.rdvault"))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == "There is no vault at this path."

    other = tmp_path / "other"
    other.mkdir()
    path = other / "b.rdvault"
    Vault.create(path, env={"REVIEWDESK_PASSPHRASE": "right passphrase"}).close()
    dialog.open_path.setText(str(path))
    dialog.open_passphrase.setText("wrong passphrase")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.text() == \
        "The key or passphrase does not open this file, or it is not a vault."
    assert dialog.vault is None and dialog.open_button.isEnabled()

    dialog.open_passphrase.setText("right passphrase")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.vault is not None
    dialog.vault.close()


def test_screenshots_render_every_screen_as_each_user(qtbot, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases.documents import add_document

    case_id = register(world)
    add_document(world.vault, world["secretary"], case_id, "record", "経過.txt", "text/plain",
                 "経過記録".encode())
    out = tmp_path / "shots"
    saved = render_screenshots(world.vault, out, ["secretary", "auditor"], PASSWORD, "ja")
    names = {p.stem for p in saved}
    for expected in ("vault_chooser", "login", "login_error", "secretary_case_list",
                     "secretary_case_overview", "secretary_case_documents",
                     "secretary_case_history", "secretary_register_case", "secretary_locked",
                     "secretary_masking",
                     "auditor_case_list", "auditor_case_assessment"):
        assert expected in names
    assert "auditor_register_case" not in names
    for path in saved:
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 300, path
    assert all(Path(p).parent == out for p in saved)
    # Nothing besides the PNGs is left behind (no settings file, no temp copies).
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in saved)


def test_run_app_opens_the_vault_logs_in_and_shows_the_window(qtbot, world, tmp_path,
                                                               monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from PySide6.QtCore import QTimer

    from reviewdesk.ui.app import run_app
    from reviewdesk.ui.context import UiSettings
    from reviewdesk.ui.dialogs.login import LoginDialog
    from reviewdesk.ui.main_window import MainWindow

    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")  # read by the core only
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    seen: dict[str, object] = {}

    def windows(kind: type) -> list:  # type: ignore[type-arg]
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]

    def log_in() -> None:
        dialogs = windows(LoginDialog)
        if not dialogs:
            QTimer.singleShot(20, log_in)
            return
        dialog = dialogs[0]
        seen["username"] = dialog.username_edit.text()
        dialog.password_edit.setText(PASSWORD)
        dialog.submit()

    def close_main() -> None:
        mains = windows(MainWindow)
        if not mains or mains[0].case_list.model.total != 1:
            QTimer.singleShot(20, close_main)
            return
        seen["title"] = mains[0].windowTitle()
        mains[0].close()

    register(world)
    QTimer.singleShot(0, log_in)
    QTimer.singleShot(0, close_main)
    status = run_app(str(world.vault.path), "en", actor_hint="secretary",
                     settings=UiSettings(tmp_path / "run.ini"))
    for translator in getattr(QApplication.instance(), "_reviewdesk_translators", []):
        QApplication.instance().removeTranslator(translator)
    assert status == 0
    assert seen == {"username": "secretary", "title": "ReviewDesk — test.rdvault"}


def test_screenshots_command(world, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cli import main

    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", PASSWORD)
    out = tmp_path / "cli-shots"
    status = main(["screenshots", "--vault", str(world.vault.path), "--out", str(out),
                   "--user", "lawyer", "--lang", "en"])
    assert status == 0
    printed = capsys.readouterr().out.split()
    assert str(out / "lawyer_case_list.png") in printed
    assert (out / "login.png").stat().st_size > 1000
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "wrong")
    assert main(["screenshots", "--vault", str(world.vault.path), "--out", str(out),
                 "--user", "lawyer"]) == 2
