"""PageCanvas: one page at the current zoom with its masks over it; the mouse draws new ones."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from reviewdesk.cases import masking
from reviewdesk.ui.masking.entries import MaskEntry

MASK_FILL = QColor(220, 20, 20, 100)  # translucent: the secretariat still reads what it hides
MASK_EDGE = QColor(200, 0, 0)
SELECTED_EDGE = QColor(20, 90, 220)
DRAG_THRESHOLD = 4  # pixels the mouse must travel before a click becomes a rectangle


class PageCanvas(QWidget):
    """Paints the page image stretched to the page's size at the zoom (an older render at
    another zoom stands in until the new one arrives), and each mask of this page: filled when
    checked, outlined when not. Coordinates leave it as fractions of the page."""

    box_drawn = Signal(object)
    """Emitted on the GUI thread with the masking.Box the user drew on this page."""
    entry_clicked = Signal(str)
    """Emitted on the GUI thread with the key of the mask the user clicked."""
    delete_requested = Signal()
    """Emitted on the GUI thread when the user presses Delete on the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageCanvas")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.page = 0
        self._image: QImage | None = None
        self._size = QSize(600, 800)
        self._entries: list[MaskEntry] = []
        self._selected: set[str] = set()
        self._press: QPointF | None = None
        self._drag: QRectF | None = None
        self.message = ""

    # State ---------------------------------------------------------------------------------

    def set_page(self, page: int, size: QSize, image: QImage | None) -> None:
        self.page, self._image = page, image
        if size != self._size:
            self._size = size
            self.setFixedSize(size)
        self.update()

    def set_image(self, image: QImage | None) -> None:
        self._image = image
        self.update()

    def set_entries(self, entries: Iterable[MaskEntry], selected: Iterable[str]) -> None:
        self._entries = list(entries)
        self._selected = set(selected)
        self.update()

    def sizeHint(self) -> QSize:
        return self._size

    def box_rect(self, box: masking.Box) -> QRectF:
        w, h = self.width(), self.height()
        return QRectF(box.left * w, box.top * h, (box.right - box.left) * w, (box.bottom - box.top) * h)

    def _box_at(self, point: QPointF) -> str | None:
        # The last drawn lies on top: search from the end.
        for entry in reversed(self._entries):
            for box in entry.boxes:
                if box.page == self.page and self.box_rect(box).adjusted(-2, -2, 2, 2).contains(point):
                    return entry.key
        return None

    def _to_box(self, rect: QRectF) -> masking.Box:
        w, h = max(self.width(), 1), max(self.height(), 1)

        def clamp(v: float) -> float:
            return min(max(v, 0.0), 1.0)

        r = rect.normalized()
        return masking.Box(self.page, clamp(r.left() / w), clamp(r.top() / h),
                           clamp(r.right() / w), clamp(r.bottom() / h))

    # Painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect())
        if self._image is not None and not self._image.isNull():
            painter.drawImage(area, self._image)
        else:
            painter.fillRect(area, QColor("#f4f4f4"))
            painter.setPen(QColor("#777777"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.message)
        painter.setPen(QPen(QColor("#999999"), 1))
        painter.drawRect(area.adjusted(0, 0, -1, -1))
        for entry in self._entries:
            selected = entry.key in self._selected
            for box in entry.boxes:
                if box.page != self.page:
                    continue
                rect = self.box_rect(box)
                if entry.checked:
                    painter.fillRect(rect, MASK_FILL)
                pen = QPen(SELECTED_EDGE if selected else MASK_EDGE, 3 if selected else 1.5)
                if not entry.checked:
                    pen.setStyle(Qt.PenStyle.DashLine)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect)
        if self._drag is not None:
            painter.fillRect(self._drag.normalized(), MASK_FILL)
            painter.setPen(QPen(SELECTED_EDGE, 1.5, Qt.PenStyle.DashLine))
            painter.drawRect(self._drag.normalized())
        painter.end()

    # Mouse and keys ------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._drag = None
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return super().mouseMoveEvent(event)
        here = event.position()
        if (self._drag is not None
                or (here - self._press).manhattanLength() >= DRAG_THRESHOLD):
            self._drag = QRectF(self._press, here).intersected(QRectF(self.rect()))
            self.update()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        press, drag = self._press, self._drag
        self._press, self._drag = None, None
        if drag is None or drag.width() < DRAG_THRESHOLD or drag.height() < DRAG_THRESHOLD:
            key = self._box_at(press)
            if key is not None:
                self.entry_clicked.emit(key)
        else:
            self.box_drawn.emit(self._to_box(drag))
        self.update()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PageScrollArea(QScrollArea):
    """Scrolls the canvas; Ctrl+wheel zooms instead of scrolling."""

    zoom_step = Signal(int)
    """Emitted on the GUI thread with +1 (zoom in) or -1 (zoom out) for a Ctrl+wheel turn."""

    def __init__(self, canvas: PageCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageScroll")
        self.setWidget(canvas)
        self.setWidgetResizable(False)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setBackgroundRole(QPalette.ColorRole.Dark)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the canvas inside takes the focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoom_step.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
