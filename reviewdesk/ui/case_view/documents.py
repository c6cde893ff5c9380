"""The documents tab: the case's files, adding by drop or dialog, viewing PDFs and images in-app,
and where each stands in masking (readers of masked copies see those only)."""

from __future__ import annotations

import mimetypes
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases.document_checks import PreviewRefusal
from reviewdesk.cases.document_terms import MaskingStatus
from reviewdesk.cases.documents import CaseDocuments, DocumentContent, DocumentRow
from reviewdesk.cases.intake_terms import DocumentKind
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.banner import INFO, NOTICE, Banner
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.document_viewer import DocumentViewer
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1

__all__ = ["DocumentCol", "DocumentTableModel", "DocumentViewer", "DocumentsPanel", "guess_mime"]

PENDING_BACKGROUND = QColor("#fff1c7")  # waiting for masking: not yet seen by reviewers
PENDING_TEXT = QColor("#8a5a00")
CHANGED_BACKGROUND = QColor("#e3efff")  # masking corrected since this reader last looked


class DocumentCol(IntEnum):
    FILENAME = 0
    KIND = 1
    MASKING = 2  # the masking status (readers of originals), or 修正あり (readers of copies)
    SIZE = 3
    ADDED = 4
    ORIGIN = 5  # the original case of a document an appeal carries over


_HEADERS = {
    DocumentCol.FILENAME: QT_TRANSLATE_NOOP("DocumentTableModel", "File"),
    DocumentCol.KIND: QT_TRANSLATE_NOOP("DocumentTableModel", "Kind"),
    DocumentCol.MASKING: QT_TRANSLATE_NOOP("DocumentTableModel", "Masking"),
    DocumentCol.SIZE: QT_TRANSLATE_NOOP("DocumentTableModel", "Size"),
    DocumentCol.ADDED: QT_TRANSLATE_NOOP("DocumentTableModel", "Added"),
    DocumentCol.ORIGIN: QT_TRANSLATE_NOOP("DocumentTableModel", "Original case"),
}


def guess_mime(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _pending(row: DocumentRow) -> bool:
    return row.masking == MaskingStatus.PENDING


class DocumentTableModel(RowTableModel):
    columns = DocumentCol
    headers = _HEADERS

    def __init__(self, lang: str = "ja", parent: QObject | None = None) -> None:
        super().__init__(lang, parent)
        # Readers of masked copies never see a status; the panel sets it from the reader's role.
        self._status_shown = False

    def _masking_text(self, row: DocumentRow) -> str:
        if row.changed:  # what a reader of masked copies is told; they never see a status
            return self.tr("Masking corrected")
        if self._status_shown:
            return fmt.masking_text(row.masking, self._lang)
        return ""

    def show_status(self, shown: bool) -> None:
        self.beginResetModel()
        self._status_shown = shown
        self.endResetModel()

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], DocumentCol(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == DocumentCol.FILENAME:
                return row.filename
            if col == DocumentCol.KIND:
                return fmt.document_kind_text(row.kind, self._lang)
            if col == DocumentCol.MASKING:
                return self._masking_text(row)
            if col == DocumentCol.SIZE:
                return fmt.size_text(row.size)
            if col == DocumentCol.ORIGIN:
                return row.from_case_no or ""
            return fmt.moment(row.added_at)
        pending = self._status_shown and _pending(row)
        if role == Qt.ItemDataRole.BackgroundRole:
            if pending:
                return QBrush(PENDING_BACKGROUND)
            if row.changed:
                return QBrush(CHANGED_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.FontRole and (
                row.changed or (pending and col == DocumentCol.MASKING)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.from_case_no is not None:  # a reference to the original's document: read-only
                return self.tr("Carried over from the original case %1 (read-only here)").replace(
                    "%1", row.from_case_no)
            if pending:
                return self.tr("Awaiting masking: reviewers do not see this document yet")
            if row.changed:
                return self.tr("The masking of this document was corrected since you last "
                               "looked")
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if pending and col == DocumentCol.MASKING:
                return QBrush(PENDING_TEXT)
            if row.from_case_no is not None:
                return QBrush(QColor("#555555"))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == DocumentCol.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DocumentsPanel(QWidget):
    """Lists documents; drop files on it (or use the button) to add them when allowed.

    Readers of originals (secretariat, chair) see every document with its masking status;
    everyone else sees the released ones as masked copies, how many still wait, and which were
    corrected since they last looked.
    """

    files_chosen = Signal(list, str)
    """Emitted on the GUI thread with (paths, kind code) the user dropped or picked to add."""
    document_selected = Signal(int)
    """Emitted on the GUI thread with the id of the document the user selected."""
    add_requested = Signal()
    """Emitted on the GUI thread when the user clicks the add button (the case view asks for files)."""
    mask_requested = Signal(int)
    """Emitted on the GUI thread with the id of the document the user wants to mask."""
    acknowledge_requested = Signal()
    """Emitted on the GUI thread when the reader acknowledges the corrected documents."""

    def __init__(self, lang: str, can_add: bool, parent: QWidget | None = None, *,
                 sees_originals: bool = False, can_mask: bool = False,
                 ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self._can_add, self._can_mask, self._sees_originals = can_add, can_mask, sees_originals
        self.setAcceptDrops(can_add)
        self.model = DocumentTableModel(lang, self)
        self.model.show_status(sees_originals)
        self.view = QTableView()
        self.view.setObjectName("documentTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(DocumentCol.FILENAME,
                                                         QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(DocumentCol.KIND, 110)
        self.view.setColumnWidth(DocumentCol.MASKING, 110)
        self.view.setColumnWidth(DocumentCol.SIZE, 80)
        self.view.setColumnWidth(DocumentCol.ADDED, 130)
        self.view.setColumnWidth(DocumentCol.ORIGIN, 110)
        self.view.setWordWrap(False)
        self.view.setColumnHidden(DocumentCol.MASKING, not sees_originals)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.view.doubleClicked.connect(self._on_row_activated)
        self.view.installEventFilter(self)  # Enter on a row waiting for masking opens it
        self.viewer = DocumentViewer(ctx=ctx)
        self.viewer_caption = QLabel()
        self.viewer_caption.setObjectName("viewerCaption")
        self.viewer_caption.setWordWrap(True)
        self.viewer_caption.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.viewer_caption.hide()

        self.awaiting_banner = Banner("awaitingBanner", INFO)
        self.changed_banner = Banner("changedBanner", NOTICE, self.tr("Acknowledged"))
        assert self.changed_banner.button is not None
        self.acknowledge_button = self.changed_banner.button
        self.acknowledge_button.clicked.connect(self.acknowledge_requested)

        self.kind_combo = QComboBox()
        for kind in DocumentKind:
            self.kind_combo.addItem(fmt.document_kind_text(kind, lang), kind.value)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.setObjectName("addDocumentsButton")
        self.add_button.clicked.connect(self.add_requested)
        hint = QLabel(self.tr("or drop files here"))
        hint.setStyleSheet("color: #666;")
        self.mask_button = QPushButton(self.tr("Masking…"))
        self.mask_button.setObjectName("maskButton")
        self.mask_button.setEnabled(False)
        self.mask_button.setVisible(can_mask)
        self.mask_button.clicked.connect(self._on_mask_clicked)
        add_row = QHBoxLayout()
        add_row.setContentsMargins(0, 0, 0, 0)
        add_widgets: list[QWidget] = [QLabel(self.tr("Kind:")), self.kind_combo, self.add_button, hint]
        for widget in add_widgets:
            add_row.addWidget(widget)
            widget.setVisible(can_add)
        add_row.addStretch(1)
        add_row.addWidget(self.mask_button)
        add_bar = QWidget()
        add_bar.setLayout(add_row)
        add_bar.setVisible(can_add or can_mask)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view)
        left_layout.addWidget(add_bar)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.viewer_caption)
        right_layout.addWidget(self.viewer, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([620, 640])  # room for the file names beside the status
        layout = QVBoxLayout(self)
        layout.addWidget(self.awaiting_banner)
        layout.addWidget(self.changed_banner)
        layout.addWidget(splitter, 1)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def selected_row(self) -> DocumentRow | None:
        current = self.view.selectionModel().currentIndex()
        return self.model.row_at(current.row()) if current.isValid() else None

    def set_documents(self, documents: CaseDocuments) -> None:
        """Shows a fresh listing, keeping the selected document selected (without reading it
        again, unless the copy this reader gets has changed)."""
        before = self.selected_row()
        rows = list(documents.rows)
        self.model.set_rows(rows)
        # Only an appeal lists documents of another case (its original's, by reference).
        self.view.setColumnHidden(DocumentCol.ORIGIN, not any(r.carried_over for r in rows))
        # Readers of masked copies see the column only to find the corrected documents.
        self.view.setColumnHidden(DocumentCol.MASKING,
                                  not (self._sees_originals or documents.changed))
        if self._sees_originals:
            pending = sum(r.masking == MaskingStatus.PENDING for r in rows)
            self.awaiting_banner.show_text(
                self.tr("%1 documents await masking: reviewers do not see them until they are "
                        "masked.").replace("%1", str(pending)) if pending else None)
        else:
            self.awaiting_banner.show_text(
                self.tr("%1 documents await masking (they are shown once masked)").replace(
                    "%1", str(documents.awaiting_masking)) if documents.awaiting_masking else None)
        self.changed_banner.show_text(
            self.tr("The masking of some documents was corrected") if documents.changed else None)
        if before is not None:
            row = next((i for i, r in enumerate(rows) if r.id == before.id), -1)
            if row >= 0:
                selection = self.view.selectionModel()
                selection.blockSignals(True)
                self.view.selectRow(row)
                selection.blockSignals(False)
                if not self._sees_originals and rows[row] != before:
                    self.document_selected.emit(rows[row].id)  # a corrected copy: show it
            else:
                self.show_loading(self.tr("Choose a document to view it here."))
        self._update_mask_button()

    def show_loading(self, text: str) -> None:
        self.viewer_caption.hide()
        self.viewer.show_message(text)

    def show_content(self, doc: DocumentContent, refusal: PreviewRefusal | None = None, *,
                     document_id: int | None = None) -> None:
        """Shows a document's bytes, saying above them whether they are the original (which a
        reader of originals may save when it is too large to show)."""
        if doc.original:
            self.viewer_caption.setText(self.tr("Original (not masked): it may name the patient"))
            self.viewer_caption.setStyleSheet(
                "background: #fde2dd; color: #7a1d0c; border: 1px solid #e3a597; border-radius: 3px;"
                " padding: 4px; font-weight: bold;")
        else:
            self.viewer_caption.setText(self.tr("Masked copy, as reviewers read it: %1").replace(
                "%1", doc.name))
            self.viewer_caption.setStyleSheet(
                "background: #e2f3e2; color: #1d4d1d; border: 1px solid #9cc79c; border-radius: 3px;"
                " padding: 4px;")
        self.viewer_caption.show()
        self.viewer.show_document(doc.name, doc.mime_type, doc.content, refusal,
                                  document_id=document_id if doc.original else None)

    def _update_mask_button(self) -> None:
        row = self.selected_row()
        self.mask_button.setEnabled(self._can_mask and row is not None and not row.carried_over)
        self.mask_button.setToolTip(
            self.tr("A document carried over from the original case is masked there")
            if row is not None and row.carried_over else "")

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_mask_button()
        if current.isValid():
            self.document_selected.emit(self.model.row_at(current.row()).id)

    def _on_mask_clicked(self) -> None:
        row = self.selected_row()
        if self._can_mask and row is not None and not row.carried_over:
            self.mask_requested.emit(row.id)

    def _on_row_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter: a document waiting for masking opens for masking."""
        if not index.isValid():
            return
        row = self.model.row_at(index.row())
        if self._can_mask and row.masking == MaskingStatus.PENDING and not row.carried_over:
            self.mask_requested.emit(row.id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._on_row_activated(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_add and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_chosen.emit(paths, self.kind())
