"""The backups tab: an encrypted backup of the open vault, and restoring a backup to another file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.vault_admin import backup_vault, restore_vault
from reviewdesk.store.vault import VAULT_SUFFIX
from reviewdesk.ui.admin.common import run
from reviewdesk.ui.context import AppContext


class _ProgressRelay(QObject):
    """Carries the backup's page counts from its worker thread to the GUI thread."""

    pages_copied = Signal(int, int)
    """Emitted from the worker thread with (pages copied, pages in all); delivered queued."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))
    except OSError:
        return False


class BackupsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupsTab")
        self._ctx = ctx
        self._relay = _ProgressRelay(self)
        self._relay.pages_copied.connect(self._on_pages_copied)
        self.copied: tuple[int, int] | None = None  # the last progress report

        self.backup_button = QPushButton(self.tr("Back up the vault…"))
        self.backup_button.setObjectName("backupButton")
        self.backup_button.clicked.connect(self.start_backup)
        self.last_backup = QLabel()
        self.last_backup.setObjectName("lastBackup")
        self.last_backup.setWordWrap(True)
        backup_box = QGroupBox(self.tr("Backup"))
        b = QVBoxLayout(backup_box)
        b.addWidget(self._note(self.tr(
            "Writes an encrypted copy of the open vault (the same key), checks every page of it, "
            "and only then gives it the chosen name. Work can go on meanwhile.")))
        self.backup_bar = QProgressBar()
        self.backup_bar.setObjectName("backupProgress")
        self.backup_bar.hide()
        self.backup_stage = QLabel()
        self.backup_stage.setObjectName("backupStage")
        self.backup_stage.hide()
        b.addWidget(self.backup_stage)
        b.addWidget(self.backup_bar)
        row = QHBoxLayout()
        row.addWidget(self.last_backup, 1)
        row.addWidget(self.backup_button)
        b.addLayout(row)

        self.restore_button = QPushButton(self.tr("Restore a backup…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.start_restore)
        self.busy = QProgressBar()
        self.busy.setObjectName("restoreBusy")
        self.busy.setRange(0, 0)  # copying and verifying give no page count
        self.busy.setTextVisible(False)
        self.busy.hide()
        restore_box = QGroupBox(self.tr("Restore"))
        r = QVBoxLayout(restore_box)
        r.addWidget(self._note(self.tr(
            "Puts a verified copy of a backup at a path you choose. The open vault is never "
            "replaced while it is open: restore to another file, then restart ReviewDesk and open "
            "the restored vault.")))
        r.addWidget(self.busy)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.restore_button)
        r.addLayout(row)

        layout = QVBoxLayout(self)
        if ctx.vault.is_server:
            # A server is dumped by its owner's login, which no seat has (README, "Server mode").
            self.server_note = self._note(self.tr(
                "This desk works on the board's server. The server is backed up and restored by "
                "its administrator, as the database's owner: reviewdesk backup --vault "
                "postgresql://OWNER@host/database --user NAME --out FILE"))
            self.server_note.setObjectName("serverBackupNote")
            layout.addWidget(self.server_note)
        layout.addWidget(backup_box)
        layout.addWidget(restore_box)
        layout.addStretch(1)
        may = ctx.may(Action.BACKUP) and not ctx.vault.is_server
        self.backup_button.setEnabled(may)
        self.restore_button.setEnabled(may)

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    # Backup ------------------------------------------------------------------------------

    def start_backup(self) -> bool:
        """Asks where to write; False when nothing was started."""
        if not self._ctx.may(Action.BACKUP):
            return False
        path = self._ctx.prompts.save_path(
            self, self.tr("Back up the vault"), self._ctx.vault.path.stem + "-backup" + VAULT_SUFFIX,
            self.tr("ReviewDesk vaults (*%1)").replace("%1", VAULT_SUFFIX))
        if path is None:
            return False
        report = self._relay.pages_copied.emit
        self.copied = None
        self.backup_button.setEnabled(False)
        self.backup_bar.setRange(0, 100)
        self.backup_bar.setValue(0)
        self.backup_stage.setText(self.tr("Copying the encrypted pages…"))
        self.backup_bar.show()
        self.backup_stage.show()
        run(self._ctx, self, lambda vault, actor: backup_vault(vault, actor, path, progress=report),
            self._on_backup_written, self._end_backup)
        return True

    def _on_pages_copied(self, done: int, total: int) -> None:
        self.copied = (done, total)
        self.backup_bar.setValue(done * 100 // total if total else 100)
        if done >= total:  # integrity_check gives no progress: a busy bar
            self.backup_bar.setRange(0, 0)
            self.backup_stage.setText(self.tr("Verifying every page of the copy…"))

    def _end_backup(self) -> None:
        self.backup_bar.hide()
        self.backup_stage.hide()
        self.backup_button.setEnabled(self._ctx.may(Action.BACKUP))

    def _on_backup_written(self, path: Path) -> None:
        self._end_backup()
        self.last_backup.setText(self.tr("Last backup: %1").replace("%1", str(path)))
        self._ctx.prompts.info(self, self.tr("Backup"),
                               self.tr("The encrypted backup was written and verified: %1")
                               .replace("%1", str(path)))

    # Restore -----------------------------------------------------------------------------

    def start_restore(self) -> bool:
        """Asks for the backup and the target; False when nothing was started."""
        if not self._ctx.may(Action.BACKUP):
            return False
        title = self.tr("Restore a backup")
        vaults = self.tr("ReviewDesk vaults (*%1)").replace("%1", VAULT_SUFFIX)
        source = self._ctx.prompts.open_path(self, title, vaults)
        if source is None:
            return False
        target = self._ctx.prompts.save_path(self, self.tr("Restore to"),
                                             source.stem + "-restored" + VAULT_SUFFIX, vaults)
        if target is None:
            return False
        if _same_file(target, self._ctx.vault.path):
            self._ctx.prompts.error(self, title, self.tr(
                "This is the vault open now; it cannot be replaced while it is open. Restore to "
                "another file, then restart ReviewDesk and open that one."))
            return False
        if _same_file(target, source):
            self._ctx.prompts.error(self, title, self.tr("Choose a target other than the backup itself."))
            return False
        force = target.exists()
        if force and not self._ctx.prompts.confirm(self, title, self.tr(
                "A vault already exists at %1. Replace it with the backup?").replace("%1", str(target))):
            return False
        self.restore_button.setEnabled(False)
        self.busy.show()
        run(self._ctx, self, lambda _vault, actor: restore_vault(actor, source, target, force=force),
            self._on_restored, self._on_restore_failed)
        return True

    def _on_restore_failed(self) -> None:
        self.busy.hide()
        self.restore_button.setEnabled(True)

    def _on_restored(self, target: Path) -> None:
        self._on_restore_failed()  # the same tidying up
        self._ctx.prompts.info(self, self.tr("Restore a backup"), self.tr(
            "The backup was verified and restored to %1. To work on it, quit ReviewDesk, start it "
            "again and open that vault; this window stays on the vault open now.")
            .replace("%1", str(target)))
