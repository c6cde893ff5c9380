"""SharedDocuments: the current agenda case's documents on the meeting's shared screen.

A projected screen is seen by everyone in the room, whoever drives it: it lists and shows the
masked copies only (`shared_screen=True`), never an original, even for the secretariat.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reviewdesk.cases.document_checks import PreviewRefusal
from reviewdesk.cases.documents import CaseDocuments, DocumentContent
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.document_viewer import DocumentViewer, content_for_preview

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SharedDocuments(QWidget):
    """A compact list of the released documents and a viewer for the one chosen."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id: int | None = None
        self.setStyleSheet("QWidget { font-size: 15pt; }")
        title = QLabel(self.tr("Documents (masked copies)"))
        title.setStyleSheet("font-weight: bold;")
        self.list = QListWidget()
        self.list.setObjectName("sharedDocuments")
        self.list.setMaximumHeight(190)
        self.list.currentItemChanged.connect(self._on_current_item_changed)
        self.note = QLabel()
        self.note.setObjectName("sharedDocumentsNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #666;")
        self.viewer = DocumentViewer(ctx=ctx)
        # Arrow keys step through the agenda; the document scrolls with the mouse.
        self.viewer.pdf_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewer.text_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list)
        layout.addWidget(self.note)
        layout.addWidget(self.viewer, 1)

    def clear(self) -> None:
        self._case_id = None
        self.hide()
        self.list.clear()
        self.note.clear()
        self.viewer.show_message("")

    def set_documents(self, case_id: int, docs: CaseDocuments) -> None:
        self._case_id = case_id
        self.list.blockSignals(True)
        self.list.clear()
        for row in docs.rows:
            item = QListWidgetItem(f"{row.filename}　{fmt.document_kind_text(row.kind, self._ctx.lang)}")
            item.setData(ID_ROLE, row.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        notes = []
        if not docs.rows:
            notes.append(self.tr("No document has been released to the board yet."))
        if docs.awaiting_masking:
            notes.append(self.tr("%1 documents await masking (they are shown once masked)")
                         .replace("%1", str(docs.awaiting_masking)))
        self.note.setText("\n".join(notes))
        self.note.setVisible(bool(notes))
        self.viewer.show_message(self.tr("Choose a document to show it."))
        # A case without any document leaves the whole width to the case itself.
        self.setVisible(bool(docs.rows) or docs.awaiting_masking > 0)

    def _on_current_item_changed(self, current: QListWidgetItem | None,
                                 _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        document_id = int(current.data(ID_ROLE))
        case_id = self._case_id
        self.viewer.show_message(self.tr("Loading…"))
        self._ctx.run(lambda v, a: content_for_preview(v, a, document_id, shared_screen=True),
                      lambda result: self._on_content(case_id, *result), parent=self)

    def _on_content(self, case_id: int | None, doc: DocumentContent,
                    refusal: PreviewRefusal | None = None) -> None:
        if case_id == self._case_id:  # the agenda may have moved on meanwhile
            self.viewer.show_document(doc.name, doc.mime_type, doc.content, refusal)
