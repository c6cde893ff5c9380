"""The signer tab: the active signing certificate, and importing a PKCS#12 with its password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.roles import Actor
from reviewdesk.letters.pki import CertificateInfo
from reviewdesk.letters.signer import import_signer, signer_info
from reviewdesk.store.vault import Vault
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.admin.common import run
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.messages import user_message


class SignerTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signerTab")
        self._ctx = ctx
        self.info: CertificateInfo | None = None
        self.status = QLabel()
        self.status.setObjectName("signerStatus")
        self.status.setWordWrap(True)
        self.subject, self.issuer, self.validity, self.fingerprint = (QLabel() for _ in range(4))
        for label in (self.subject, self.issuer, self.fingerprint):
            label.setWordWrap(True)
        self.subject.setObjectName("signerSubject")
        self.validity.setObjectName("signerValidity")
        self.fingerprint.setObjectName("signerFingerprint")
        self.fingerprint.setStyleSheet("font-family: monospace;")
        active = QGroupBox(self.tr("Active signing certificate"))
        form = QFormLayout(active)
        form.addRow(self.status)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Issuer"), self.issuer)
        form.addRow(self.tr("Valid"), self.validity)
        form.addRow(self.tr("SHA-256 fingerprint"), self.fingerprint)

        self.password = QLineEdit()
        self.password.setObjectName("signerPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.import_button = QPushButton(self.tr("Choose the .p12 file and import…"))
        self.import_button.setObjectName("importSignerButton")
        self.import_button.clicked.connect(self._on_import_clicked)
        box = QGroupBox(self.tr("Import a certificate"))
        import_form = QFormLayout(box)
        import_form.addRow(QLabel(self.tr(
            "The PKCS#12 file (.p12) is stored inside the encrypted vault and becomes the signer "
            "of new letters; its password goes to this computer's keyring.")))
        import_form.addRow(self.tr("Password of the file"), self.password)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.import_button)
        import_form.addRow(row)
        for label in box.findChildren(QLabel):
            label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(active)
        layout.addWidget(box)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self._ctx.run(signer_info,
                      self._show,
                      parent=self,
                      on_error=self._show_unreadable)

    def _show(self, info: CertificateInfo | None) -> None:
        self.info = info
        if info is None:
            self.status.setText(self.tr("No signing certificate is registered; letters cannot be signed."))
            for label in (self.subject, self.issuer, self.validity, self.fingerprint):
                label.clear()
            return
        note = self.tr("In use for signing letters.")
        if info.is_demo:
            note += " " + self.tr("This is a demonstration certificate, not for real letters.")
        self.status.setText(note)
        self.subject.setText(info.subject)
        self.issuer.setText(info.issuer)
        self.validity.setText(f"{fmt.moment(info.not_before)} – {fmt.moment(info.not_after)}")
        self.fingerprint.setText(info.fingerprint_sha256)

    def _show_unreadable(self, exc: BaseException) -> None:
        """A registered certificate whose password this computer lacks: say so, in place."""
        self.info = None
        self.status.setText(user_message(exc, self._ctx.lang))
        for label in (self.subject, self.issuer, self.validity, self.fingerprint):
            label.clear()

    def _on_import_clicked(self) -> None:
        path = self._ctx.prompts.open_path(self, self.tr("Import a certificate"),
                                           self.tr("PKCS#12 files (*.p12 *.pfx)"))
        if path is None:
            return
        password = self.password.text()

        def load(vault: Vault, actor: Actor) -> tuple[CertificateInfo, str]:
            return import_signer(vault, actor, Path(path).read_bytes(), password)

        self.import_button.setEnabled(False)
        run(self._ctx, self, load, self._on_imported,
            lambda: self.import_button.setEnabled(True))

    def _on_imported(self, result: tuple[CertificateInfo, str]) -> None:
        info, where = result
        self.import_button.setEnabled(True)
        self.password.clear()
        self._show(info)
        kept = (self.tr("The password is kept in this computer's keyring.") if where == "keyring"
                else self.tr("There is no usable keyring here: the password is kept inside the "
                             "encrypted vault."))
        signs = self.tr("%1 now signs new letters.").replace("%1", info.common_name or info.subject)
        self._ctx.prompts.info(self, self.tr("Import a certificate"), signs + " " + kept)
