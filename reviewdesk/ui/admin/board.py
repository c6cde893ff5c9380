"""The board settings tab: the association's name, address and seal, and who signs its letters."""

from __future__ import annotations

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
from reviewdesk.cases.concurrency import StaleEdit
from reviewdesk.letters.board import FIELD_NAMES, BoardSettings, board_settings, update_board_settings
from reviewdesk.store.vault import Vault
from reviewdesk.ui.admin.long_term import LongTermSignaturesBox
from reviewdesk.ui.context import AppContext


class BoardTab(QWidget):
    """A form over reviewdesk.letters.board: Save stores what was changed; new letters print it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("boardTab")
        self._ctx = ctx
        self.settings: BoardSettings | None = None
        self.fields: dict[str, QLineEdit] = {}
        for name in FIELD_NAMES:
            edit = QLineEdit()
            edit.setObjectName(f"board_{name}")
            edit.textChanged.connect(self._update_buttons)
            self.fields[name] = edit
        self.fields["postal_code"].setPlaceholderText("100-0005")
        self.fields["phone"].setPlaceholderText("03-0000-0000")
        self.fields["seal"].setPlaceholderText(self.tr("Columns right to left, separated by spaces"))

        association = QGroupBox(self.tr("The association"))
        form = QFormLayout(association)
        form.addRow(self.tr("Association name"), self.fields["name"])
        form.addRow(self.tr("Postal code"), self.fields["postal_code"])
        form.addRow(self.tr("Address"), self.fields["address"])
        form.addRow(self.tr("Phone"), self.fields["phone"])
        form.addRow(self.tr("Seal text"), self.fields["seal"])
        form.addRow(self.tr("Contact person (department, name)"), self.fields["contact_name"])
        form.addRow(self.tr("Contact's direct line"), self.fields["contact_phone"])

        signatories = QGroupBox(self.tr("Signatories"))
        people = QFormLayout(signatories)
        labels = {"representative": self.tr("Representative (assessment and not-covered letters)"),
                  "board_chair": self.tr("Board chair (finding letters, minutes)"),
                  "secretariat": self.tr("Secretariat head (acknowledgements, case records)")}
        for which, label in labels.items():
            row = QHBoxLayout()
            self.fields[f"{which}_title"].setMaximumWidth(180)
            self.fields[f"{which}_title"].setToolTip(self.tr("Title"))
            self.fields[f"{which}_name"].setToolTip(self.tr("Name"))
            row.addWidget(self.fields[f"{which}_title"])
            row.addWidget(self.fields[f"{which}_name"], 1)
            people.addRow(label, row)

        note = QLabel(self.tr("Letters issued from now on print these settings; letters already "
                              "signed keep what they were signed with."))
        note.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveBoardButton")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.revert_button = QPushButton(self.tr("Undo changes"))
        self.revert_button.setObjectName("revertBoardButton")
        self.revert_button.clicked.connect(self._revert)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(association)
        layout.addWidget(signatories)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.long_term = LongTermSignaturesBox(ctx)
        layout.addWidget(self.long_term)
        layout.addStretch(1)
        self._update_buttons()
        self.refresh()

    def refresh(self) -> None:
        self._ctx.run(board_settings, self._show, parent=self)

    def changes(self) -> dict[str, str]:
        """The fields whose text differs from the settings last read or saved."""
        if self.settings is None:
            return {}
        stored = self.settings.values()
        return {name: edit.text() for name, edit in self.fields.items() if edit.text() != stored[name]}

    def _show(self, settings: BoardSettings) -> None:
        self.settings = settings
        self._revert()

    def _revert(self) -> None:
        if self.settings is not None:
            for name, value in self.settings.values().items():
                self.fields[name].setText(value)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dirty = bool(self.changes())
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)

    def _on_save_clicked(self) -> None:
        changed = self.changes()
        if not changed:
            return

        loaded = self.settings

        def save(vault: Vault, actor: Actor) -> BoardSettings:
            return update_board_settings(vault, actor, changed, loaded)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, StaleEdit):
                self._take_latest_keeping_the_text()
            self._update_buttons()
            self._ctx.show_error(self, exc)

        self.save_button.setEnabled(False)
        self._ctx.run(save, self._on_saved, parent=self, on_error=failed)

    def _take_latest_keeping_the_text(self) -> None:
        """Another seat saved first: the form is based on the latest settings now, and what
        the user typed stays in the fields (saving again compares with the latest)."""

        def loaded(settings: BoardSettings) -> None:
            self.settings = settings
            self._update_buttons()

        self._ctx.run(board_settings, loaded, parent=self)

    def _on_saved(self, settings: BoardSettings) -> None:
        self._show(settings)
        self._ctx.prompts.info(self, self.tr("Board settings"),
                               self.tr("Saved. Letters issued from now on print these settings."))
