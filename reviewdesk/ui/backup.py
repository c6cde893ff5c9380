"""Backing up the open vault from the desktop: an encrypted, verified copy made off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from reviewdesk.auth.permissions import Action
from reviewdesk.store.backup import backup
from reviewdesk.store.vault import VAULT_SUFFIX
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.messages import user_message


class BackupRunner(QObject):
    """Asks where, shows a busy dialog while the copy is written and verified, then says so."""

    backup_written = Signal(object)
    """Emitted on the GUI thread with the Path of the verified backup."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._ctx, self._parent = ctx, parent
        self.progress: QProgressDialog | None = None

    def start(self, suggested: str | None = None) -> bool:
        """False when the user may not back up or chose no file."""
        if not self._ctx.may(Action.BACKUP):
            return False
        name = suggested or self._ctx.vault.path.stem + "-backup" + VAULT_SUFFIX
        path = self._ctx.prompts.save_path(
            self._parent, self.tr("Back up the vault"), name,
            self.tr("ReviewDesk vaults (*%1)").replace("%1", VAULT_SUFFIX))
        if path is None:
            return False
        self.progress = QProgressDialog(self.tr("Writing and verifying the encrypted copy…"),
                                        "", 0, 0, self._parent)
        self.progress.setCancelButton(None)  # sqlcipher_export cannot be interrupted safely
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        vault = self._ctx.vault
        self._ctx.tasks.submit(lambda: backup(vault, Path(path)), self._on_done, self._on_failed,
                               self)
        return True

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_done(self, path: Path) -> None:
        self._close_progress()
        self.backup_written.emit(path)
        self._ctx.prompts.info(self._parent, self.tr("Backup"),
                               self.tr("The encrypted backup was written and verified: %1")
                               .replace("%1", str(path)))

    def _on_failed(self, exc: BaseException) -> None:
        self._close_progress()
        self._ctx.prompts.error(self._parent, self.tr("Backup"), user_message(exc, self._ctx.lang))
