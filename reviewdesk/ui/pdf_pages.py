"""PdfPageList: a PDF shown as a scrollable list of pages, each rendered when it comes into view.

The pages come from a bounded child process (reviewdesk.cases.preview), one at a time through
ctx.run, the pages on screen and their neighbours first (as the masking view does, through
masking.pages.PageImages). A page over the child's limits shows its message in its place; the
others still show. Nothing is decoded in the application's own process.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases.preview import PreviewProcess, RenderedPage
from reviewdesk.cases.preview_worker import MAX_PIXELS, clamped_scale
from reviewdesk.errors import ReviewDeskError
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.masking.pages import PageImages
from reviewdesk.ui.messages import user_message

ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
DEFAULT_ZOOM = 1.25  # 90 dpi: an A4 page about as wide as the viewer
NEIGHBOURS = 1  # pages rendered ahead on each side of those shown


def page_image(page: RenderedPage) -> QImage:
    """A QImage owning a copy of the child's pixels (made off the GUI thread)."""
    data = bytes(page.rgb)
    return QImage(data, page.width, page.height, 3 * page.width, QImage.Format.Format_RGB888).copy()


class PdfPageList(QWidget):
    """Pages of one PDF at a time, a zoom bar above them."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._preview: PreviewProcess | None = None
        self._images: PageImages | None = None
        self._sizes: list[tuple[float, float]] = []
        self._labels: list[QLabel] = []
        self._zoom = DEFAULT_ZOOM
        self.zoom_out_button = QPushButton("−")
        self.zoom_out_button.setObjectName("zoomOutButton")
        self.zoom_out_button.setToolTip(self.tr("Zoom out"))
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button = QPushButton("+")
        self.zoom_in_button.setObjectName("zoomInButton")
        self.zoom_in_button.setToolTip(self.tr("Zoom in"))
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.page_label = QLabel()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (self.zoom_out_button, self.zoom_label, self.zoom_in_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        self.pages = QWidget()
        self.pages.setObjectName("pdfPages")
        self._pages_layout = QVBoxLayout(self.pages)
        self._pages_layout.setSpacing(8)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("pdfView")
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        self.scroll.setStyleSheet("QScrollArea { background: #888; }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._request_visible)
        self.scroll.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self._show_zoom()

    # Loading --------------------------------------------------------------------------------

    def load(self, content: bytes,
             on_failed: Callable[[BaseException], None] | None = None) -> None:
        """Starts the child for these bytes; the pages appear once it has counted them. A PDF
        the child cannot open calls `on_failed(exc)`."""
        self.release()
        preview = self._preview = PreviewProcess(content)
        self.page_label.setText(self.tr("Loading…"))

        def opened(sizes: list[tuple[float, float]]) -> None:
            if preview is self._preview:
                self._on_opened(sizes)

        def failed(exc: BaseException) -> None:
            if preview is self._preview and on_failed is not None:
                on_failed(exc)

        self._ctx.run(lambda _v, _a: preview.page_sizes(), opened, parent=self, on_error=failed)

    def release(self) -> None:
        """Ends the child and forgets the pages (another document, or none, is shown)."""
        if self._preview is not None:
            self._preview.close()
        self._preview, self._sizes = None, []
        if self._images is not None:
            self._images.deleteLater()
            self._images = None
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        self.page_label.clear()

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def rendered_pages(self) -> list[int]:
        """The pages showing their picture (the rest wait, or failed)."""
        return [i for i, label in enumerate(self._labels) if not label.pixmap().isNull()]

    def page_text(self, page: int) -> str:
        return self._labels[page].text()

    def _on_opened(self, sizes: list[tuple[float, float]]) -> None:
        preview = self._preview
        assert preview is not None
        self._sizes = sizes
        self._images = PageImages(self._ctx, "application/pdf", b"", self,
                                  renderer=lambda page, scale: page_image(preview.render(page, scale)))
        self._images.set_scale(self._zoom)
        self._images.page_rendered.connect(self._on_page_rendered)
        self._images.render_failed.connect(self._on_render_failed)
        for page in range(len(sizes)):
            label = QLabel()
            label.setObjectName(f"pdfPage{page + 1}")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setStyleSheet("background: white; color: #7a1d0c;")
            self._labels.append(label)
            self._pages_layout.addWidget(label)
        self.page_label.setText(self.tr("%1 pages").replace("%1", str(len(sizes))))
        self._layout_pages()
        self._request_visible()

    # Pages ----------------------------------------------------------------------------------

    def _page_pixels(self, page: int) -> tuple[int, int]:
        width, height = self._sizes[page]
        scale = clamped_scale(width, height, self._zoom, MAX_PIXELS)
        return max(1, round(width * scale)), max(1, round(height * scale))

    def _layout_pages(self) -> None:
        for page, label in enumerate(self._labels):
            label.setFixedSize(*self._page_pixels(page))
            self._show_image(page)

    def visible_pages(self) -> list[int]:
        """The pages at least partly inside the scroll area's viewport."""
        top = self.scroll.verticalScrollBar().value()
        bottom = top + max(1, self.scroll.viewport().height())
        # From the page sizes, not the labels' geometry: right before the layout has run too.
        y = self._pages_layout.contentsMargins().top()
        shown = []
        for page in range(len(self._labels)):
            height = self._page_pixels(page)[1]
            if y < bottom and y + height > top:
                shown.append(page)
            elif y >= bottom:
                break
            y += height + self._pages_layout.spacing()
        return shown

    def _request_visible(self) -> None:
        if self._images is None or not self._labels:
            return
        shown = self.visible_pages() or [0]
        first, last = shown[0], shown[-1]
        wanted = shown + [p for p in range(first - NEIGHBOURS, last + NEIGHBOURS + 1)
                          if 0 <= p < len(self._labels) and p not in shown]
        self._images.request(wanted)

    def _show_image(self, page: int) -> None:
        if self._images is None:
            return
        image = self._images.image(page)
        label = self._labels[page]
        if image is not None:
            label.setPixmap(QPixmap.fromImage(image).scaled(
                label.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    def _on_page_rendered(self, page: int) -> None:
        if 0 <= page < len(self._labels):
            self._show_image(page)

    def _on_render_failed(self, page: int, exc: BaseException) -> None:
        if 0 <= page < len(self._labels):
            label = self._labels[page]
            label.clear()
            label.setText(user_message(exc, self._ctx.lang) if isinstance(exc, ReviewDeskError)
                          else self.tr("This page cannot be displayed."))

    # Zoom -----------------------------------------------------------------------------------

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self._zoom * 100 / DEFAULT_ZOOM)}%")
        self.zoom_out_button.setEnabled(self._zoom > ZOOMS[0])
        self.zoom_in_button.setEnabled(self._zoom < ZOOMS[-1])

    def set_zoom(self, zoom: float) -> None:
        self._zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        self._show_zoom()
        if self._images is not None:
            self._images.set_scale(self._zoom)
        self._layout_pages()
        self._request_visible()

    def zoom_in(self) -> None:
        self.set_zoom(next((z for z in ZOOMS if z > self._zoom + 1e-6), ZOOMS[-1]))

    def zoom_out(self) -> None:
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < self._zoom - 1e-6), ZOOMS[0]))

    @property
    def zoom(self) -> float:
        return self._zoom

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._request_visible()
        return super().eventFilter(watched, event)
