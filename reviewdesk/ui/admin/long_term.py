"""Long-term signatures on the board settings tab: the association's time-stamping authority, and
the button that renews the letters' validation data and archive timestamps (長期署名の更新)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from reviewdesk.auth.roles import Actor
from reviewdesk.letters.maintenance import MaintenanceReport, maintain_letters
from reviewdesk.letters.tsa import TsaSettings, tsa_settings, update_tsa_settings
from reviewdesk.store.vault import Vault
from reviewdesk.ui.admin.common import run
from reviewdesk.ui.context import AppContext


class LongTermSignaturesBox(QGroupBox):
    """TSA URL, user name and password (kept in the keyring), Save, and 長期署名の更新."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Long-term signatures"))
        self.setObjectName("longTermBox")
        self._ctx = ctx
        self.url = QLineEdit()
        self.url.setObjectName("tsaUrl")
        self.url.setPlaceholderText("https://tsa.example.jp/tsa")
        self.username = QLineEdit()
        self.username.setObjectName("tsaUsername")
        self.password = QLineEdit()
        self.password.setObjectName("tsaPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Unchanged"))
        self.save_button = QPushButton(self.tr("Save TSA settings"))
        self.save_button.setObjectName("saveTsaButton")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.renew_button = QPushButton(self.tr("Renew long-term signatures"))
        self.renew_button.setObjectName("renewSignaturesButton")
        self.renew_button.clicked.connect(self._on_renew_clicked)
        note = QLabel(self.tr("With a time-stamping authority, letters are issued with a "
                              "timestamp (PAdES B-T); without one, or while it does not answer, "
                              "without (B-B). Renewing adds validation data and archive "
                              "timestamps (B-LTA) so letters still verify after the signer's "
                              "certificate expires."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Time-stamping authority URL"), self.url)
        form.addRow(self.tr("TSA user name"), self.username)
        form.addRow(self.tr("TSA password"), self.password)
        form.addRow(note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.renew_button)
        form.addRow(buttons)
        self.refresh()

    def refresh(self) -> None:
        self._ctx.run(tsa_settings, self._show, parent=self)

    def _show(self, settings: TsaSettings) -> None:
        self.url.setText(settings.url)
        self.username.setText(settings.username)
        self.password.clear()
        self.password.setPlaceholderText(self.tr("Kept") if settings.has_password else "")

    def _on_save_clicked(self) -> None:
        url, username, password = self.url.text(), self.username.text(), self.password.text()

        def save(vault: Vault, actor: Actor) -> TsaSettings:
            return update_tsa_settings(vault, actor, url, username, password or None)

        self.save_button.setEnabled(False)
        run(self._ctx, self, save, self._on_saved, lambda: self.save_button.setEnabled(True))

    def _on_saved(self, settings: TsaSettings) -> None:
        self.save_button.setEnabled(True)
        self._show(settings)
        self._ctx.prompts.info(self, self.tr("Long-term signatures"), self.tr("Saved."))

    def _on_renew_clicked(self) -> None:
        self.renew_button.setEnabled(False)
        run(self._ctx, self, maintain_letters, self._on_renewed,
            lambda: self.renew_button.setEnabled(True))

    def _on_renewed(self, report: MaintenanceReport) -> None:
        self.renew_button.setEnabled(True)
        unchanged = len(report.lines) - report.renewed - report.failed
        summary = (self.tr("Renewed: %1, could not renew: %2, already current: %3")
                   .replace("%1", str(report.renewed)).replace("%2", str(report.failed))
                   .replace("%3", str(unchanged)))
        details = [line.text() for line in report.lines if line.steps or line.error][:20]
        self._ctx.prompts.info(self, self.tr("Long-term signatures"),
                               "\n".join([summary, *details]))
