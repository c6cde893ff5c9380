"""PagePane: the pages of a PDF or an image in the masking view: page number, zoom, canvas."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from reviewdesk.cases import masking
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.masking.canvas import PageCanvas, PageScrollArea
from reviewdesk.ui.masking.entries import MaskEntry
from reviewdesk.ui.masking.pages import PageImages

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
FIT_MARGIN = 24  # pixels left beside the page when it fits the width
RENDER_DELAY_MS = 120  # a resize renders once it settles, not at every step
NEIGHBOURS = (1, -1)  # rendered after the page shown, so turning a page is quick


class PagePane(QWidget):
    """Shows one page at a time; fits the width until the user picks a zoom."""

    box_drawn = Signal(object)
    """Emitted on the GUI thread with the masking.Box the user drew."""
    entry_clicked = Signal(str)
    """Emitted on the GUI thread with the key of the mask the user clicked on the page."""
    delete_requested = Signal()
    """Emitted on the GUI thread when the user presses Delete on the page."""
    render_failed = Signal(object)
    """Emitted on the GUI thread with the exception of the first page that could not be rendered."""
    page_changed = Signal(int)
    """Emitted on the GUI thread with the page now shown (0-based)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._pages: Sequence[Any] = ()
        self._has_text: Sequence[bool] = ()
        self._images: PageImages | None = None
        self._page = 0
        self._zoom = 1.0
        self._fit = True
        self._failed_once = False
        self._entries: list[MaskEntry] = []
        self._selected: set[str] = set()

        self.previous_button = QPushButton("◀")
        self.previous_button.setObjectName("previousPage")
        self.previous_button.setToolTip(self.tr("Previous page (PageUp)"))
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageSpin")
        self.page_spin.setMinimum(1)
        self.page_spin.setAccessibleName(self.tr("Page"))
        self.page_count = QLabel()
        self.next_button = QPushButton("▶")
        self.next_button.setObjectName("nextPage")
        self.next_button.setToolTip(self.tr("Next page (PageDown)"))
        self.zoom_out_button = QPushButton("－")
        self.zoom_out_button.setObjectName("zoomOut")
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_in_button = QPushButton("＋")
        self.zoom_in_button.setObjectName("zoomIn")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl+=)"))
        self.fit_button = QPushButton(self.tr("Fit width"))
        self.fit_button.setObjectName("fitWidth")
        self.fit_button.setToolTip(self.tr("Fit the page to the width (Ctrl+0)"))
        for button in (self.previous_button, self.next_button, self.zoom_out_button,
                       self.zoom_in_button, self.fit_button):
            button.setAutoDefault(False)
        for button in (self.previous_button, self.next_button, self.zoom_out_button,
                       self.zoom_in_button):
            button.setFixedWidth(36)
        hint = QLabel(self.tr("Drag on the page to mask an area."))
        hint.setStyleSheet("color: #555;")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count)
        bar.addWidget(self.next_button)
        bar.addSpacing(16)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_button)
        bar.addSpacing(16)
        bar.addWidget(hint)
        bar.addStretch(1)

        self.page_note = QLabel(self.tr("This page is a picture without text (a scan): nothing "
                                        "on it can be found automatically. Draw over every "
                                        "identifier on it."))
        self.page_note.setObjectName("pageNote")
        self.page_note.setWordWrap(True)
        self.page_note.setStyleSheet("background: #fff3cd; color: #6b4e00; padding: 4px;")
        self.page_note.hide()
        self.canvas = PageCanvas()
        self.scroll = PageScrollArea(self.canvas)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.page_note)
        layout.addWidget(self.scroll, 1)

        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)
        self._render_timer.timeout.connect(self._request_pages)

        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.page_spin.valueChanged.connect(lambda value: self.show_page(value - 1))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_width)
        self.scroll.zoom_step.connect(lambda step: self.zoom_in() if step > 0 else self.zoom_out())
        self.scroll.viewport().installEventFilter(self)
        self.canvas.box_drawn.connect(self.box_drawn)
        self.canvas.entry_clicked.connect(self.entry_clicked)
        self.canvas.delete_requested.connect(self.delete_requested)

    # Loading -------------------------------------------------------------------------------

    def load(self, mime_type: str, content: bytes, pages: Sequence[Any],
             has_text: Sequence[bool] = ()) -> None:
        self._pages, self._has_text = tuple(pages), tuple(has_text)
        self._images = PageImages(self._ctx, mime_type, content, self)
        self._images.page_rendered.connect(self._on_page_rendered)
        self._images.render_failed.connect(self._on_render_failed)
        self.page_spin.blockSignals(True)
        self.page_spin.setMaximum(max(1, len(self._pages)))
        self.page_spin.blockSignals(False)
        self.page_count.setText(self.tr("of %1").replace("%1", str(len(self._pages))))
        self.canvas.message = self.tr("Rendering…")
        self._page = 0
        self._set_zoom(self._fit_zoom(), fit=True)

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count_value(self) -> int:
        return len(self._pages)

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def images(self) -> PageImages | None:
        return self._images

    # Pages ---------------------------------------------------------------------------------

    @Slot()
    def next_page(self) -> None:
        self.show_page(self._page + 1)

    @Slot()
    def previous_page(self) -> None:
        self.show_page(self._page - 1)

    def show_page(self, page: int) -> None:
        if not self._pages:
            return
        page = max(0, min(page, len(self._pages) - 1))
        changed = page != self._page
        self._page = page
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)
        self.page_note.setVisible(page < len(self._has_text) and not self._has_text[page])
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < len(self._pages))
        self._layout_canvas()
        self._request_pages()
        if changed:
            self.scroll.verticalScrollBar().setValue(0)
            self.page_changed.emit(page)

    def show_box(self, box: masking.Box) -> None:
        """Turns to the box's page and scrolls it into view."""
        self.show_page(box.page)
        rect = self.canvas.box_rect(box)
        self.scroll.ensureVisible(int(rect.center().x()), int(rect.center().y()),
                                  int(rect.width() / 2) + 40, int(rect.height() / 2) + 40)

    def _page_size(self) -> QSize:
        size = self._pages[self._page]
        return QSize(max(1, round(size.width * self._zoom)), max(1, round(size.height * self._zoom)))

    def _layout_canvas(self) -> None:
        image = self._images.image(self._page) if self._images is not None else None
        self.canvas.set_page(self._page, self._page_size(), image)
        self.canvas.set_entries(self._entries, self._selected)

    def _request_pages(self) -> None:
        if self._images is None or not self._pages:
            return
        wanted = [self._page] + [self._page + d for d in NEIGHBOURS
                                 if 0 <= self._page + d < len(self._pages)]
        self._images.request(wanted)

    def _on_page_rendered(self, page: int) -> None:
        if page == self._page and self._images is not None:
            self.canvas.set_image(self._images.image(page))

    def _on_render_failed(self, page: int, exc: BaseException) -> None:
        if page == self._page:
            self.canvas.message = self.tr("This page cannot be shown.")
            self.canvas.update()
        if not self._failed_once:
            self._failed_once = True
            self.render_failed.emit(exc)

    # Zoom ----------------------------------------------------------------------------------

    def _fit_zoom(self) -> float:
        if not self._pages:
            return 1.0
        available = self.scroll.viewport().width() - FIT_MARGIN
        return min(max(available / max(self._pages[self._page].width, 1), ZOOMS[0]), ZOOMS[-1])

    def _set_zoom(self, zoom: float, *, fit: bool) -> None:
        self._zoom, self._fit = zoom, fit
        self.zoom_label.setText(f"{round(zoom * 100)}%")
        self.zoom_out_button.setEnabled(zoom > ZOOMS[0] + 1e-6)
        self.zoom_in_button.setEnabled(zoom < ZOOMS[-1] - 1e-6)
        if self._images is not None:
            self._images.set_scale(zoom * self.devicePixelRatioF())
        self.show_page(self._page)

    @Slot()
    def zoom_in(self) -> None:
        bigger = [z for z in ZOOMS if z > self._zoom + 1e-6]
        if bigger:
            self._set_zoom(bigger[0], fit=False)

    @Slot()
    def zoom_out(self) -> None:
        smaller = [z for z in ZOOMS if z < self._zoom - 1e-6]
        if smaller:
            self._set_zoom(smaller[-1], fit=False)

    @Slot()
    def fit_width(self) -> None:
        self._set_zoom(self._fit_zoom(), fit=True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize
                and self._fit and self._pages):
            zoom = self._fit_zoom()
            if abs(zoom - self._zoom) > 0.005:
                # Stretch what is there now; render at the new size once the resizing stops.
                self._zoom = zoom
                self.zoom_label.setText(f"{round(zoom * 100)}%")
                if self._images is not None:
                    self._images.set_scale(zoom * self.devicePixelRatioF())
                self._layout_canvas()
                self._render_timer.start()
        return super().eventFilter(watched, event)

    # Masks ---------------------------------------------------------------------------------

    def set_entries(self, entries: Iterable[MaskEntry], selected: Iterable[str]) -> None:
        self._entries, self._selected = list(entries), set(selected)
        self.canvas.set_entries(self._entries, self._selected)
