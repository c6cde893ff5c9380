"""Backing up from the desktop: an encrypted copy that opens with the same key."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reviewdesk.auth.users import authenticate
from reviewdesk.store.vault import Vault
from reviewdesk.ui.backup import BackupRunner
from tests.support.builders import PASSWORD


def test_secretariat_backs_up_the_vault(qtbot, make_ctx, world, prompts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    runner = BackupRunner(make_ctx("secretary"), parent)
    target = tmp_path / "copy" / "board-backup.rdvault"
    target.parent.mkdir()
    prompts.path_answers.append([target])
    with qtbot.waitSignal(runner.backup_written) as signal:
        assert runner.start()
    assert signal.args[0] == target and runner.progress is None
    assert prompts.infos and str(target) in prompts.infos[0]
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted
    with Vault.open(target, env={"REVIEWDESK_PASSPHRASE": "test-passphrase"}) as copy:
        assert authenticate(copy, "secretary", PASSWORD).username == "secretary"

    prompts.path_answers.append([target])  # the same name again: refused plainly
    assert runner.start()
    assert prompts.errors and "already" in prompts.errors[0]


def test_only_the_secretariat_backs_up(qtbot, make_ctx, prompts) -> None:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    assert not BackupRunner(make_ctx("auditor"), parent).start()
    assert prompts.asked == []


def test_backup_action_by_role(qtbot, make_ctx, prompts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.main_window import MainWindow

    secretary = MainWindow(make_ctx("secretary"), idle_ms=3_600_000)
    qtbot.addWidget(secretary)
    prompts.path_answers.append([])  # the user closed the file dialog: nothing happens
    secretary.actions["backup"].trigger()
    assert prompts.errors == [] and prompts.infos == []
    chair = MainWindow(make_ctx("chair"), idle_ms=3_600_000)
    qtbot.addWidget(chair)
    assert "backup" not in chair.actions
