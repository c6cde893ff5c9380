"""Backing up from the desktop: File > Back up opens the backups tab and writes a verified copy."""

from __future__ import annotations

from reviewdesk.auth.users import authenticate
from reviewdesk.store.vault import Vault
from reviewdesk.ui.main_window import MainWindow
from tests.support.builders import PASSWORD


def test_file_menu_backup_writes_an_encrypted_copy(qtbot, make_ctx, world, prompts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx("secretary"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    target = tmp_path / "board-backup.rdvault"
    prompts.path_answers.append([target])
    window.actions["backup"].trigger()
    panel = window.workspace.currentWidget()
    assert panel.tabs.currentWidget() is panel.backups  # the one backup flow, with its progress
    qtbot.waitUntil(lambda: bool(prompts.infos), timeout=20_000)
    assert prompts.errors == [] and str(target) in prompts.infos[-1]
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted
    with Vault.open(target, env={"REVIEWDESK_PASSPHRASE": "test-passphrase"}) as copy:
        assert authenticate(copy, "secretary", PASSWORD).username == "secretary"


def test_backup_action_by_role(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    secretary = MainWindow(make_ctx("secretary"), idle_ms=3_600_000)
    qtbot.addWidget(secretary)
    prompts.path_answers.append([])  # the user closed the file dialog: nothing happens
    secretary.actions["backup"].trigger()
    assert prompts.errors == [] and prompts.infos == []
    for role in ("chair", "auditor", "derm"):
        window = MainWindow(make_ctx(role), idle_ms=3_600_000)
        qtbot.addWidget(window)
        assert "backup" not in window.actions and not window.start_backup()
