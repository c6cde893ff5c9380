"""DocumentViewer: a document shown from its bytes (PDF, image or text), in the case view and
on the meeting's shared screen.

A case's PDFs are rendered page by page in a bounded child process (pdf_pages.PdfPageList),
never decoded in the application: a hostile page costs that page only. Without a context (the
letters tab, showing the board's own signed letters) QtPdf shows them as before.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.cases import documents, masking
from reviewdesk.cases.document_checks import PreviewRefusal, preview_refusal
from reviewdesk.cases.documents import DocumentContent
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.pdf_pages import PdfPageList


def content_for_preview(vault: Any, actor: Any, document_id: int, *,
                        shared_screen: bool = False) -> tuple[DocumentContent, PreviewRefusal | None]:
    """Worker side: a document's content and whether it is too large to preview (the page count
    or the image header only), so the GUI thread never starts decoding a bomb."""
    doc = documents.document_content(vault, actor, document_id, shared_screen=shared_screen)
    return doc, preview_refusal(doc.name, doc.mime_type, doc.content)


class DocumentViewer(QStackedWidget):
    """Shows a document from its bytes: PDFs page by page from a bounded child process (with a
    context) or through QtPdf from a QBuffer (without), images via QPixmap.

    Nothing is written to disk; the bytes live as long as the document is shown. A file too
    large to preview gets its reason and, for readers of originals, a button that saves it.
    """

    def __init__(self, parent: QWidget | None = None, *, ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._exportable: tuple[int, str] | None = None  # (document id, file name) to save
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save as file…"))
        self.save_button.setObjectName("saveDocumentButton")
        self.save_button.hide()
        self.save_button.clicked.connect(self._on_save_clicked)
        message_page = QWidget()
        message_layout = QVBoxLayout(message_page)
        message_layout.addStretch(1)
        message_layout.addWidget(self.message)
        message_layout.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignHCenter)
        message_layout.addStretch(1)
        self.pdf_pages: PdfPageList | None = None
        self.pdf_document: QPdfDocument | None = None
        pdf_widget: QWidget
        if ctx is not None:
            self.pdf_pages = PdfPageList(ctx)
            pdf_widget = self.pdf_pages
            self.pdf_view: QWidget = self.pdf_pages.scroll
        else:
            self.pdf_document = QPdfDocument(self)
            view = QPdfView()
            view.setObjectName("pdfView")
            view.setDocument(self.pdf_document)
            view.setPageMode(QPdfView.PageMode.MultiPage)
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            pdf_widget = self.pdf_view = view
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
        self.addWidget(message_page)
        self.addWidget(pdf_widget)
        self.addWidget(image_scroll)
        self.addWidget(self.text_view)
        self._buffer: QBuffer | None = None
        self._data: QByteArray | None = None
        self.show_message(self.tr("Choose a document to view it here."))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.save_button.hide()
        self.setCurrentIndex(0)

    def show_document(self, filename: str, mime_type: str, content: bytes,
                      refusal: PreviewRefusal | None = None, *,
                      document_id: int | None = None) -> bool:
        """Displays the bytes; False (with a message shown) when the format is not viewable or
        `refusal` (from content_for_preview, checked off the GUI thread) says it is too large.
        `document_id`, given for an original, lets a reader of originals save a refused file."""
        self._release()
        if refusal is not None:
            self.show_message(self._refusal_text(refusal))
            if (self._ctx is not None and document_id is not None
                    and self._ctx.may(Action.READ_ORIGINAL_DOCUMENTS)):
                self._exportable = (document_id, filename)
                self.save_button.show()
            return False
        if mime_type == "application/pdf" or filename.lower().endswith(".pdf"):
            if self.pdf_pages is not None:
                self.setCurrentIndex(1)
                self.pdf_pages.load(content, on_failed=lambda _exc: self.show_message(
                    self.tr("This PDF cannot be displayed.")))
                return self.currentIndex() == 1  # (a synchronous runner has answered already)
            assert self.pdf_document is not None
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

    def _refusal_text(self, refusal: PreviewRefusal) -> str:
        if refusal.too_many_pages:
            return (self.tr("This PDF has too many pages to display (%1 pages; the limit is %2).")
                    .replace("%1", f"{refusal.pages:,}").replace("%2", f"{masking.MAX_PDF_PAGES:,}"))
        limit = f"{masking.MAX_IMAGE_PIXELS:,}"
        if refusal.width and refusal.height:
            return (self.tr("This image is too large to display (%1×%2 pixels; the limit is %3).")
                    .replace("%1", f"{refusal.width:,}").replace("%2", f"{refusal.height:,}")
                    .replace("%3", limit))
        return self.tr("This image is too large to display (over %1 pixels).").replace(
            "%1", limit)

    def _on_save_clicked(self) -> None:
        """Saves the refused file's original, owner-only, through the audited export."""
        if self._ctx is None or self._exportable is None:
            return
        ctx, (document_id, filename) = self._ctx, self._exportable
        path = ctx.prompts.save_path(self, self.tr("Save as file"), filename, self.tr("All files (*)"))
        if path is None:
            return
        ctx.run(lambda v, a: documents.export_document(v, a, document_id, path, replace=True),
                lambda saved: ctx.prompts.info(self, self.tr("Save as file"),
                                               self.tr("Saved to %1").replace("%1", str(saved))),
                parent=self)

    def _release(self) -> None:
        self._exportable = None
        self.message.clear()
        if self.pdf_pages is not None:
            self.pdf_pages.release()
        if self.pdf_document is not None:
            self.pdf_document.close()
        self.image_label.clear()
        self.text_view.clear()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
        self._buffer, self._data = None, None
