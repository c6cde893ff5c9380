"""The letters tab: the case's letters exactly as stored, previewed in-app from their bytes;
issuing (signed), corrections that reference the letter they replace, verification, export."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.letters.exporting import export_letter, letter_filename
from reviewdesk.letters.gather import letter_title
from reviewdesk.letters.issuing import (
    CASE_KINDS,
    LetterRow,
    case_letters,
    issue_case_letter,
    letter_pdf,
    original_letters,
)
from reviewdesk.letters.signer import trusted_roots
from reviewdesk.letters.verify import VerificationResult, verify_pdf
from reviewdesk.store.vault import Vault
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.documents import DocumentViewer
from reviewdesk.ui.case_view.follow import CaseTab
from reviewdesk.ui.context import AppContext, Operation
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
class LetterCol(IntEnum):
    NUMBER = 0
    TITLE = 1
    ISSUED = 2
    SIGNED = 3
    REPLACES = 4


_HEADERS = {
    LetterCol.NUMBER: QT_TRANSLATE_NOOP("LetterTableModel", "Letter no."),
    LetterCol.TITLE: QT_TRANSLATE_NOOP("LetterTableModel", "Letter"),
    LetterCol.ISSUED: QT_TRANSLATE_NOOP("LetterTableModel", "Issued"),
    LetterCol.SIGNED: QT_TRANSLATE_NOOP("LetterTableModel", "Signed"),
    LetterCol.REPLACES: QT_TRANSLATE_NOOP("LetterTableModel", "Corrects"),
}


class LetterTableModel(RowTableModel):
    columns = LetterCol
    headers = _HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], LetterCol(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == LetterCol.NUMBER:
                return row.letter_no
            if col == LetterCol.TITLE:
                return letter_title(row.kind, self._lang)
            if col == LetterCol.ISSUED:
                return fmt.day(row.issued_on)
            if col == LetterCol.SIGNED:
                return fmt.moment(row.signed_at) if row.signed else ""
            return row.replaces or ""
        return None


def _letter_table(model: LetterTableModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # Every column as wide as its text (「対象外通知書」 was clipped); the last takes the rest.
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(LetterCol.REPLACES, QHeaderView.ResizeMode.Stretch)
    return view


class LettersPanel(CaseTab, QWidget):
    """The case's letters; for an appeal, also its original's letters, read-only (viewed,
    verified and exported, never corrected from the appeal)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.case_id = ctx, case_id
        lang = ctx.lang
        self.model = LetterTableModel(lang, self)
        self.view = _letter_table(self.model, "letterTable")
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.original_model = LetterTableModel(lang, self)
        self.original_view = _letter_table(self.original_model, "originalLetterTable")
        self.original_view.selectionModel().currentRowChanged.connect(
            self._on_original_row_changed)
        self.original_box = QGroupBox()
        self.original_box.setObjectName("originalLetters")
        QVBoxLayout(self.original_box).addWidget(self.original_view)
        self.original_box.hide()  # only an appeal has an original
        self.viewer = DocumentViewer()
        self.viewer.show_message(self.tr("Choose a letter to view it here."))

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("letterKind")
        for kind in CASE_KINDS:
            self.kind_combo.addItem(letter_title(kind, lang), kind)
        self.issue_button = QPushButton(self.tr("Issue and sign…"))
        self.issue_button.setObjectName("issueLetterButton")
        self.issue_button.clicked.connect(self._on_issue_clicked)
        self.correct_button = QPushButton(self.tr("Issue a correction…"))
        self.correct_button.setObjectName("correctLetterButton")
        self.correct_button.clicked.connect(self._on_correct_clicked)
        can_issue = ctx.may(Action.ISSUE_LETTER)
        self.verify_button = QPushButton(self.tr("Verify signature"))
        self.verify_button.setObjectName("verifyLetterButton")
        self.verify_button.clicked.connect(self._on_verify_clicked)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setObjectName("exportLetterButton")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.verdict = QLabel()
        self.verdict.setObjectName("letterVerdict")
        self.verdict.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()

        issue_row = QHBoxLayout()
        issue_row.addWidget(self.kind_combo, 1)
        issue_row.addWidget(self.issue_button)
        issue_bar = QWidget()
        issue_bar.setLayout(issue_row)
        issue_bar.setVisible(can_issue)
        self.issue_bar = issue_bar
        self.correct_button.setVisible(can_issue)
        selected_row = QHBoxLayout()
        selected_row.addWidget(self.verify_button)
        selected_row.addWidget(self.export_button)
        selected_row.addWidget(self.correct_button)
        selected_row.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.original_box)
        left_layout.addLayout(selected_row)
        left_layout.addWidget(self.verdict)
        left_layout.addWidget(self.busy)
        left_layout.addWidget(issue_bar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._selected: LetterRow | None = None
        self._selected_original = False  # the selected letter is the original case's
        self._update_buttons()
        self.follow_case()
        self.load()

    # Loading -----------------------------------------------------------------------------

    def _run(self, fn: Operation, on_done: Any = None) -> None:
        self.busy.show()

        def done(result: Any) -> None:
            self.busy.hide()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self.busy.hide()
            self._ctx.show_error(self, exc)

        self._ctx.run(fn, done, parent=self, on_error=failed)

    def load(self) -> None:
        case_id = self.case_id
        self._run(lambda vault, actor: (case_letters(vault, actor, case_id),
                                        original_letters(vault, actor, case_id)), self._on_loaded)

    def _on_loaded(self, result: tuple[list[LetterRow], list[LetterRow]]) -> None:
        rows, original = result
        self.model.set_rows(rows)
        self.original_model.set_rows(original)
        if original:
            self.original_box.setTitle(self.tr("Letters of the original case %1 (read-only)")
                                       .replace("%1", original[0].case_no or ""))
        self.original_box.setVisible(bool(original))
        self._selected, self._selected_original = None, False
        self.verdict.clear()
        self._update_buttons()
        if rows:
            self.view.selectRow(len(rows) - 1)

    def _update_buttons(self) -> None:
        selected = self._selected is not None
        self.verify_button.setEnabled(selected and bool(self._selected and self._selected.signed))
        self.export_button.setEnabled(selected)
        # A correction is issued on the letter's own case, never on the original's from here.
        self.correct_button.setEnabled(selected and not self._selected_original)

    def _on_original_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.view.selectionModel().clear()
            self._show(self.original_model.row_at(current.row()), original=True)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.original_view.selectionModel().clear()
            self._show(self.model.row_at(current.row()), original=False)

    def _show(self, row: LetterRow, *, original: bool) -> None:
        self._selected, self._selected_original = row, original
        self.verdict.clear()
        self._update_buttons()
        self.viewer.show_message(self.tr("Loading…"))
        self._run(lambda vault, actor: letter_pdf(vault, actor, row.id),
                  lambda result: self.viewer.show_document(
                      f"{result[0].letter_no}.pdf", "application/pdf", result[1]))

    # Actions -----------------------------------------------------------------------------

    def _on_issue_clicked(self) -> None:
        kind = str(self.kind_combo.currentData())
        title = letter_title(kind, self._ctx.lang)
        if not self._ctx.prompts.confirm(
                self, self.tr("Issue a letter"),
                self.tr("Issue and sign the %1 now? A signed letter is never changed.")
                .replace("%1", title)):
            return
        case_id = self.case_id
        self._run(lambda vault, actor: issue_case_letter(vault, actor, case_id, kind))

    def _on_correct_clicked(self) -> None:
        row = self._selected
        if row is None or self._selected_original:
            return
        reason = self._ctx.prompts.ask_text(
            self, self.tr("Issue a correction"),
            self.tr("What does the new letter correct in %1?").replace("%1", row.letter_no))
        if not reason:
            return
        case_id = self.case_id
        self._run(lambda vault, actor: issue_case_letter(
            vault, actor, case_id, row.kind, replaces_no=row.letter_no, correction_reason=reason))

    def _on_verify_clicked(self) -> None:
        row = self._selected
        if row is None:
            return

        def job(vault: Vault, actor: Actor) -> VerificationResult:
            _row, data = letter_pdf(vault, actor, row.id)
            return verify_pdf(data, trusted_roots(vault))

        self._run(job, self._on_verified)

    def _on_verified(self, result: VerificationResult) -> None:
        if result.ok:
            when = fmt.moment(result.signing_time) if result.signing_time else ""
            self.verdict.setText(self.tr("Valid signature by %1 (%2); the letter is unchanged.")
                                 .replace("%1", result.signer).replace("%2", when))
            self.verdict.setStyleSheet("color: #1d6b35;")
        else:
            self.verdict.setText(self.tr("The signature does not verify: %1")
                                 .replace("%1", result.reason))
            self.verdict.setStyleSheet("color: #a61b1b;")

    def _on_export_clicked(self) -> None:
        row = self._selected
        if row is None:
            return
        path = self._ctx.prompts.save_path(
            self, self.tr("Export the letter"),
            letter_filename(row.case_no, row.kind, row.letter_no), self.tr("PDF (*.pdf)"))
        if path is None:
            return

        def job(vault: Vault, actor: Actor) -> Path:
            # The exact signed bytes (checked against their SHA-256), the export audited first.
            return export_letter(vault, actor, row.id, path)

        self._run(job, lambda written: self.verdict.setText(
            self.tr("Exported to %1").replace("%1", str(written))))
