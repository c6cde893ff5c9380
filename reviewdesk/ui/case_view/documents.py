"""The documents tab: the case's files, adding by drop or dialog, viewing PDFs and images in-app."""

from __future__ import annotations

import mimetypes
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QBuffer,
    QByteArray,
    QIODevice,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases.intake_terms import DocumentKind
from reviewdesk.cases.pickers import DocumentRow
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class DocumentCol(IntEnum):
    FILENAME = 0
    KIND = 1
    SIZE = 2
    ADDED = 3
    ORIGIN = 4  # the original case of a document an appeal carries over


_HEADERS = {
    DocumentCol.FILENAME: QT_TRANSLATE_NOOP("DocumentTableModel", "File"),
    DocumentCol.KIND: QT_TRANSLATE_NOOP("DocumentTableModel", "Kind"),
    DocumentCol.SIZE: QT_TRANSLATE_NOOP("DocumentTableModel", "Size"),
    DocumentCol.ADDED: QT_TRANSLATE_NOOP("DocumentTableModel", "Added"),
    DocumentCol.ORIGIN: QT_TRANSLATE_NOOP("DocumentTableModel", "Original case"),
}


def guess_mime(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


class DocumentTableModel(RowTableModel):
    columns = DocumentCol
    headers = _HEADERS

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
            if col == DocumentCol.SIZE:
                return fmt.size_text(row.size)
            if col == DocumentCol.ORIGIN:
                return row.from_case_no or ""
            return fmt.moment(row.added_at)
        if row.from_case_no is not None:  # a reference to the original's document: read-only
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("Carried over from the original case %1 (read-only here)").replace(
                    "%1", row.from_case_no)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#555555"))
        if role == Qt.ItemDataRole.TextAlignmentRole and col == DocumentCol.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class DocumentViewer(QStackedWidget):
    """Shows a document from its bytes: PDFs through QtPdf from a QBuffer, images via QPixmap.

    Nothing is written to disk; the buffer lives as long as the document is shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView()
        self.pdf_view.setObjectName("pdfView")
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.image_label = QLabel()
        self.image_label.setObjectName("imageView")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image_scroll = QScrollArea()
        image_scroll.setWidgetResizable(True)
        image_scroll.setWidget(self.image_label)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("textView")
        self.text_view.setReadOnly(True)
        self.text_view.setTabChangesFocus(True)
        self.addWidget(self.message)
        self.addWidget(self.pdf_view)
        self.addWidget(image_scroll)
        self.addWidget(self.text_view)
        self._buffer: QBuffer | None = None
        self._data: QByteArray | None = None
        self.show_message(self.tr("Choose a document to view it here."))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.setCurrentIndex(0)

    def show_document(self, filename: str, mime_type: str, content: bytes) -> bool:
        """Displays the bytes; False (with a message shown) when the format is not viewable."""
        self._release()
        if mime_type == "application/pdf" or filename.lower().endswith(".pdf"):
            self._data = QByteArray(content)
            self._buffer = QBuffer(self._data, self)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.pdf_document.load(self._buffer)
            if self.pdf_document.status() == QPdfDocument.Status.Ready:
                self.setCurrentIndex(1)
                return True
            self.show_message(self.tr("This PDF cannot be displayed."))
            return False
        if mime_type.startswith("image/"):
            pixmap = QPixmap()
            if pixmap.loadFromData(content):
                self.image_label.setPixmap(pixmap)
                self.setCurrentIndex(2)
                return True
        if mime_type.startswith("text/"):
            try:
                self.text_view.setPlainText(content.decode("utf-8"))
            except UnicodeDecodeError:
                self.show_message(self.tr("This text is not UTF-8 and cannot be shown."))
                return False
            self.setCurrentIndex(3)
            return True
        self.show_message(self.tr("No preview for this kind of file (%1).").replace("%1", mime_type))
        return False

    def _release(self) -> None:
        self.pdf_document.close()
        self.image_label.clear()
        self.text_view.clear()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer, self._data = None, None


class DocumentsPanel(QWidget):
    """Lists documents; drop files on it (or use the button) to add them when allowed."""

    files_chosen = Signal(list, str)
    """Emitted on the GUI thread with (paths, kind code) the user dropped or picked to add."""
    document_selected = Signal(int)
    """Emitted on the GUI thread with the id of the document the user selected."""
    add_requested = Signal()
    """Emitted on the GUI thread when the user clicks the add button (the case view asks for files)."""

    def __init__(self, lang: str, can_add: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._can_add = can_add
        self.setAcceptDrops(can_add)
        self.model = DocumentTableModel(lang, self)
        self.view = QTableView()
        self.view.setObjectName("documentTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(DocumentCol.FILENAME,
                                                         QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(DocumentCol.KIND, 110)
        self.view.setColumnWidth(DocumentCol.SIZE, 80)
        self.view.setColumnWidth(DocumentCol.ADDED, 130)
        self.view.setColumnWidth(DocumentCol.ORIGIN, 110)
        self.view.setWordWrap(False)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.viewer = DocumentViewer()

        self.kind_combo = QComboBox()
        for kind in DocumentKind:
            self.kind_combo.addItem(fmt.document_kind_text(kind, lang), kind.value)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.setObjectName("addDocumentsButton")
        self.add_button.clicked.connect(self.add_requested)
        hint = QLabel(self.tr("or drop files here"))
        hint.setStyleSheet("color: #666;")
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("Kind:")))
        add_row.addWidget(self.kind_combo)
        add_row.addWidget(self.add_button)
        add_row.addWidget(hint)
        add_row.addStretch(1)
        add_bar = QWidget()
        add_bar.setLayout(add_row)
        add_bar.setVisible(can_add)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view)
        left_layout.addWidget(add_bar)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def set_rows(self, rows: list[DocumentRow]) -> None:
        self.model.set_rows(rows)
        # Only an appeal lists documents of another case (its original's, by reference).
        self.view.setColumnHidden(DocumentCol.ORIGIN, not any(r.carried_over for r in rows))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.document_selected.emit(self.model.row_at(current.row()).id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._can_add and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files_chosen.emit(paths, self.kind())
