"""MaskingDialog: the secretariat masks one document (or declares it free of personal data).

The engine proposes where the patient's identifiers are; the secretariat keeps or drops each
proposal, draws further rectangles (scans and photos included) or marks text spans, and
confirms. Everything slow (opening, finding, rendering, masking) runs off the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases import document_masking, masking
from reviewdesk.cases.concurrency import StaleEdit
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.buttons import tab_chain
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.masking.entries import MANUAL, MaskCol, MaskEntry, MaskListModel
from reviewdesk.ui.masking.mask_panel import MaskPanel
from reviewdesk.ui.masking.page_pane import PagePane
from reviewdesk.ui.masking.progress import MaskingProgressDialog, ProgressRelay
from reviewdesk.ui.masking.text_view import MaskTextView


def _open(vault: Any, actor: Any,
          document_id: int) -> tuple[document_masking.MaskingSource, masking.Inspection]:
    source = document_masking.masking_source(vault, actor, document_id)
    return source, masking.inspect(source.mime_type, source.content)


class MaskingDialog(QDialog):
    """Opened with open() (not exec), so the idle lock can hide it without ending it."""

    masking_applied = Signal(object)
    """Emitted on the GUI thread with the MaskingResult after apply_masking committed."""

    def __init__(self, ctx: AppContext, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.document_id = document_id
        self.source: document_masking.MaskingSource | None = None
        self.inspection: masking.Inspection | None = None
        self._dirty = False
        self._ready = False
        self._no_text = False  # a scan or a photo: nothing for the search to find
        self._searching: threading.Event | None = None  # set to stop the search for proposals
        self._applying: threading.Event | None = None  # set to cancel the masking under way
        self.progress_dialog: MaskingProgressDialog | None = None
        self.setObjectName("maskingDialog")
        self.setWindowTitle(self.tr("Masking"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        self.resize(1240, 860)

        self.heading = QLabel(self.tr("Loading…"))
        self.heading.setObjectName("maskingHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subheading = QLabel()
        self.subheading.setObjectName("maskingSubheading")
        self.subheading.setStyleSheet("color: #555;")
        self.subheading.setWordWrap(True)

        # The document: a message until loaded, then its pages or its text.
        self.message = QLabel(self.tr("Loading…"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.pages = PagePane(ctx)
        self.text_view = MaskTextView()
        self.mask_selection_button = QPushButton(self.tr("Mask the selection"))
        self.mask_selection_button.setObjectName("maskSelection")
        self.mask_selection_button.setToolTip(self.tr("Select text above, then mask it (Ctrl+M)"))
        self.mask_selection_button.setEnabled(False)
        text_pane = QWidget()
        text_layout = QVBoxLayout(text_pane)
        text_layout.setContentsMargins(0, 0, 0, 0)
        text_layout.addWidget(self.text_view, 1)
        text_row = QHBoxLayout()
        text_row.addWidget(self.mask_selection_button)
        text_row.addWidget(QLabel(self.tr("Select the text to hide, then mask it.")))
        text_row.addStretch(1)
        text_layout.addLayout(text_row)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.pages)
        self.stack.addWidget(text_pane)

        # The masks.
        self.model = MaskListModel(ctx.lang, self)
        self.masks = MaskPanel(self.model)
        m = self.masks
        self.list_view, self.search_bar, self.search_label = m.list_view, m.search_bar, m.search_label
        self.stop_search_button, self.delete_button = m.stop_search_button, m.delete_button
        self.check_all_button, self.uncheck_all_button = m.check_all_button, m.uncheck_all_button

        splitter = QSplitter()
        splitter.setObjectName("maskingSplitter")
        splitter.addWidget(self.stack)
        splitter.addWidget(self.masks)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 380])
        splitter.setChildrenCollapsible(False)

        self.status = QLabel()
        self.status.setObjectName("maskingStatus")
        self.no_personal_data_button = QPushButton(self.tr("Confirm as free of personal data…"))
        self.no_personal_data_button.setObjectName("noPersonalData")
        self.apply_button = QPushButton(self.tr("Confirm masking"))
        self.apply_button.setObjectName("applyMasking")
        self.apply_button.setStyleSheet("font-weight: bold;")
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("closeMasking")
        buttons = QHBoxLayout()
        buttons.addWidget(self.no_personal_data_button)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.close_button)
        for button in (self.mask_selection_button, self.no_personal_data_button, self.apply_button,
                       self.close_button):
            # Enter on a field or the list must never confirm a masking (see keyPressEvent).
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

        p = self.pages
        tab_chain(p.previous_button, p.page_spin, p.next_button, p.zoom_out_button,
                  p.zoom_in_button, p.fit_button, p.canvas, self.text_view,
                  self.mask_selection_button, self.stop_search_button, self.list_view,
                  self.delete_button, self.check_all_button, self.uncheck_all_button,
                  self.no_personal_data_button, self.apply_button, self.close_button)

        self.pages.box_drawn.connect(self._on_box_drawn)
        self.pages.entry_clicked.connect(self._select_entry)
        self.pages.delete_requested.connect(self.delete_selected)
        self.pages.render_failed.connect(lambda exc: self._ctx.show_error(self, exc))
        self.text_view.selectionChanged.connect(self._on_text_selection_changed)
        self.mask_selection_button.clicked.connect(self.mask_selection)
        self.stop_search_button.clicked.connect(self.stop_search)
        self.delete_button.clicked.connect(self.delete_selected)
        self.check_all_button.clicked.connect(lambda: self._check_all(True))
        self.uncheck_all_button.clicked.connect(lambda: self._check_all(False))
        self.no_personal_data_button.clicked.connect(self.confirm_no_personal_data)
        self.apply_button.clicked.connect(self.confirm_masking)
        self.close_button.clicked.connect(self.reject)
        self.list_view.selectionModel().selectionChanged.connect(self._on_list_selection_changed)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_list_current_changed)
        self.model.edited.connect(self._on_edited)
        self.model.dataChanged.connect(self._on_model_changed)
        self.model.rowsInserted.connect(self._on_model_changed)
        self.model.rowsRemoved.connect(self._on_model_changed)
        self.model.modelReset.connect(self._on_model_changed)
        self._shortcuts()
        self._set_ready(False)
        self.masks.show_search(False)
        ctx.run(lambda vault, actor: _open(vault, actor, document_id), self._on_opened,
                parent=self, on_error=self._on_open_failed)

    def _shortcuts(self) -> None:
        bindings: list[tuple[QKeySequence | QKeySequence.StandardKey | str, Callable[[], None]]] = [
            (QKeySequence(Qt.Key.Key_PageDown), self.pages.next_page),
            (QKeySequence(Qt.Key.Key_PageUp), self.pages.previous_page),
            ("Ctrl+=", self.pages.zoom_in), ("Ctrl++", self.pages.zoom_in),
            ("Ctrl+-", self.pages.zoom_out), ("Ctrl+0", self.pages.fit_width),
            ("Ctrl+M", self.mask_selection),
            (QKeySequence(Qt.Key.Key_Delete), self.delete_selected),
        ]
        self._page_shortcuts: list[QShortcut] = []
        for keys, slot in bindings:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
            if slot not in (self.mask_selection, self.delete_selected):
                self._page_shortcuts.append(shortcut)

    # Loading -------------------------------------------------------------------------------

    def _on_opened(self, opened: tuple[document_masking.MaskingSource, masking.Inspection]) -> None:
        source, inspection = opened
        self.source, self.inspection = source, inspection
        self.heading.setText(source.filename)
        self.subheading.setText(
            self.tr("Now: %1　Reviewers will see it as %2").replace(
                "%1", fmt.masking_text(source.masking, self._ctx.lang)).replace("%2", source.neutral_name))
        text = inspection.text or ""
        if inspection.shape == masking.DocumentShape.TEXT:
            self.text_view.set_source_text(text)
            self.stack.setCurrentIndex(2)
            self.list_view.setColumnHidden(MaskCol.PAGE, True)
        else:
            self.stack.setCurrentIndex(1)
            self.pages.load(source.mime_type, source.content, inspection.pages, inspection.has_text)
        for shortcut in self._page_shortcuts:
            shortcut.setEnabled(inspection.shape != masking.DocumentShape.TEXT)
        # The latest masking's masks, to correct them.
        for box in source.boxes:
            self.model.add_manual_box(box)
        for span in source.spans:
            self.model.add_manual_span(span, text[span.start:span.end])
        self._no_text = inspection.shape != masking.DocumentShape.TEXT and not any(inspection.has_text)
        self._set_ready(True)
        self._find_proposals()

    def _on_open_failed(self, exc: BaseException) -> None:
        self.heading.setText(self.tr("This document cannot be masked here."))
        self.message.setText(self.tr("This document cannot be opened for masking."))
        self.stack.setCurrentIndex(0)
        self._ctx.show_error(self, exc)

    # Proposals -----------------------------------------------------------------------------

    def _find_proposals(self) -> None:
        source = self.source
        assert source is not None
        stop = self._searching = threading.Event()
        relay = ProgressRelay(self)
        relay.progressed.connect(self._on_search_progress)
        report = relay.callback()
        self.search_bar.setRange(0, 0)
        self.masks.show_search(True)
        self.search_label.setText(self.tr("Looking for the patient's identifiers…"))
        self._set_ready(True)
        mime, content, identity = source.mime_type, source.content, source.identity

        def find(_vault: object, _actor: object) -> list[masking.Proposal]:
            return masking.propose(mime, content, identity, progress=report, cancelled=stop.is_set)

        self._ctx.run(find, self._on_proposals, parent=self, on_error=self._on_search_failed)

    @Slot(int, int)
    def _on_search_progress(self, done: int, total: int) -> None:
        if self._searching is None:
            return
        self.search_bar.setRange(0, max(total, 1))
        self.search_bar.setValue(done)
        self.search_label.setText(self.tr("Looking for the patient's identifiers… (%1 of %2)")
                                  .replace("%1", str(done)).replace("%2", str(total)))

    def _search_ended(self) -> None:
        self._searching = None
        self.masks.show_search(False)
        self._set_ready(True)

    def _on_proposals(self, proposals: list[masking.Proposal]) -> None:
        self._search_ended()
        self.model.add_proposals(proposals)
        count = self.model.proposal_count()
        if count:
            self.search_label.setText(self.tr("%1 places found. Uncheck those that are not "
                                              "personal data.").replace("%1", str(count)))
        elif self._no_text:
            self.search_label.setText(self.tr("This document has no text layer (a scan or a "
                                              "photo): draw a rectangle over each identifier."))
        else:
            self.search_label.setText(self.tr("No identifier of the patient was found. Look "
                                              "through the document yourself."))

    def _on_search_failed(self, exc: BaseException) -> None:
        self._search_ended()
        if isinstance(exc, masking.MaskingCancelled):
            self.search_label.setText(self.tr("The search was stopped; mask by hand."))
            return
        self.search_label.setText(self.tr("The search failed; mask by hand."))
        self._ctx.show_error(self, exc)

    @Slot()
    def stop_search(self) -> None:
        if self._searching is not None:
            self._searching.set()

    # Editing the masks ---------------------------------------------------------------------

    def _on_model_changed(self, *_args: object) -> None:
        entries, selected = self.model.entries(), self.selected_keys()
        self.pages.set_entries(entries, selected)
        self.text_view.highlight(entries, selected)
        self.delete_button.setEnabled(self._ready and bool(selected))

    def _on_edited(self) -> None:
        self._dirty = True

    def _on_box_drawn(self, box: masking.Box) -> None:
        if not self._ready:
            return
        entry = self.model.add_manual_box(box)
        self._dirty = True
        self._select_entry(entry.key)

    def _on_text_selection_changed(self) -> None:
        self.mask_selection_button.setEnabled(self._ready and self.text_view.selected_span() is not None)

    @Slot()
    def mask_selection(self) -> None:
        span = self.text_view.selected_span()
        if not self._ready or span is None or self.stack.currentIndex() != 2:
            return
        entry = self.model.add_manual_span(span, self.text_view.source_text[span.start:span.end])
        self._dirty = True
        self._select_entry(entry.key)

    def selected_keys(self) -> list[str]:
        return [self.model.row_at(i.row()).key for i in self.list_view.selectionModel().selectedRows()]

    def _select_entry(self, key: str) -> None:
        row = self.model.row_of(key)
        if row < 0:
            return
        self.list_view.selectionModel().setCurrentIndex(
            self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.list_view.scrollTo(self.model.index(row, 0))

    @Slot()
    def delete_selected(self) -> None:
        """Deletes the selected manual masks; a selected proposal is unchecked instead (it
        stays listed, so the decision not to mask it is visible)."""
        if not self._ready:
            return
        keys = self.selected_keys()
        manual = [k for k in keys if k.startswith(f"{MANUAL}:")]
        for key in keys:
            if key not in manual:
                self.model.set_checked(key, False)
        if keys:
            self._dirty = True
        self.model.remove(manual)

    def _check_all(self, checked: bool) -> None:
        self.model.set_all_checked(checked)
        self._dirty = True

    def _on_list_selection_changed(self, *_args: object) -> None:
        self._on_model_changed()

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        entry: MaskEntry = self.model.row_at(current.row())
        if entry.boxes:
            self.pages.show_box(entry.boxes[0])  # clicking a proposal jumps to its page
        elif entry.span is not None:
            self.text_view.show_span(entry.span)

    # Confirming ----------------------------------------------------------------------------

    @Slot()
    def confirm_masking(self) -> None:
        if not self._ready:
            return
        self._apply(self.model.checked_boxes(), self.model.checked_spans(), no_personal_data=False)

    @Slot()
    def confirm_no_personal_data(self) -> None:
        if not self._ready:
            return
        text = self.tr("Release this document to the reviewers unmasked, as containing no "
                       "personal data?")
        found = sum(e.checked for e in self.model.entries())
        if found:
            text += "\n\n" + self.tr("%1 masks are checked in the list; they will not be applied.").replace(
                "%1", str(found))
        if not self._ctx.prompts.confirm(self, self.tr("No personal data"), text):
            return
        self._apply([], [], no_personal_data=True)

    def _apply(self, boxes: list[masking.Box], spans: list[masking.Span], *,
               no_personal_data: bool) -> None:
        self.stop_search()
        progress = self.progress_dialog = MaskingProgressDialog(self)
        cancel = self._applying = progress.cancel_flag
        progress.canceled.connect(lambda: self.status.setText(self.tr("Cancelling…")))
        report = progress.report()
        self._set_ready(False)
        self.status.setText(self.tr("Making the masked copy…"))
        document_id = self.document_id
        assert self.source is not None
        loaded = self.source.loaded

        def apply(vault: Any, actor: Any) -> document_masking.MaskingResult:
            return document_masking.apply_masking(vault, actor, document_id, boxes=boxes, spans=spans,
                                           no_personal_data=no_personal_data, progress=report,
                                           cancelled=cancel.is_set, loaded=loaded)

        self._ctx.run(apply, self._on_applied, parent=self, on_error=self._on_apply_failed)

    def _end_apply(self) -> None:
        self._applying = None
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog = None
        self._set_ready(True)

    def _on_applied(self, result: document_masking.MaskingResult) -> None:
        self._end_apply()
        self._dirty = False
        self.masking_applied.emit(result)
        self.accept()

    def _on_apply_failed(self, exc: BaseException) -> None:
        self._end_apply()
        if isinstance(exc, masking.MaskingCancelled):
            self.status.setText(self.tr("Cancelled: nothing was changed."))
            return
        self.status.setText(self.tr("Not masked: nothing was changed."))
        if isinstance(exc, StaleEdit):
            self._take_latest_keeping_the_marks()
        self._ctx.show_error(self, exc)

    def _take_latest_keeping_the_marks(self) -> None:
        """Another seat masked the document first: its masks join the list (unchecked masks
        would hide less, so they come checked) and the view is based on its masking now; this
        user's own marks stay as they were."""
        document_id = self.document_id

        def loaded(latest: document_masking.LatestMasks) -> None:
            if self.source is None:
                return
            self.source = replace(self.source, loaded=latest.loaded, boxes=latest.boxes, spans=latest.spans)
            text = (self.inspection.text if self.inspection is not None else None) or ""
            have_boxes = {b for e in self.model.entries() for b in e.boxes}
            have_spans = {e.span for e in self.model.entries() if e.span is not None}
            for box in latest.boxes:
                if box not in have_boxes:
                    self.model.add_manual_box(box)
            for span in latest.spans:
                if span not in have_spans:
                    self.model.add_manual_span(span, text[span.start:span.end])
            self._dirty = True

        self._ctx.run(lambda vault, actor: document_masking.latest_masks(vault, actor, document_id),
                      loaded, parent=self)

    # State and keys ------------------------------------------------------------------------

    def _set_ready(self, ready: bool) -> None:
        """Whether the user may edit and confirm: loaded, not searching, not masking."""
        self._ready = ready and self.source is not None and self._applying is None
        can_confirm = self._ready and self._searching is None
        self.apply_button.setEnabled(can_confirm)
        self.no_personal_data_button.setEnabled(can_confirm)
        for widget in (self.check_all_button, self.uncheck_all_button, self.list_view):
            widget.setEnabled(self._ready)
        self.delete_button.setEnabled(self._ready and bool(self.selected_keys()))
        self.mask_selection_button.setEnabled(self._ready and self.text_view.selected_span() is not None)

    @property
    def dirty(self) -> bool:
        return self._dirty

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter activates the focused button only: never a masking from a field or the list.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Close, Escape or the window's close box: asks first when masks were changed."""
        if self._applying is not None:
            return  # the progress dialog's Cancel stops a masking under way
        if self._dirty and not self._ctx.prompts.confirm(
                self, self.tr("Discard the masks?"),
                self.tr("The masks you changed have not been applied. Close and discard them?")):
            return
        self.stop_search()
        super().reject()
