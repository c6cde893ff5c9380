"""Page images for the masking view, rendered off the GUI thread on demand and kept a while.

A 300-page scan is never rendered up front: the view asks for the page shown and its
neighbours at the zoom of the moment; renders run one at a time (PDF libraries are not made
for concurrent use of one document), the page shown first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PIL import Image
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from reviewdesk.cases import masking
from reviewdesk.ui.context import AppContext

CACHED_BYTES = 160 * 1024 * 1024  # page images kept, whatever their zoom



def to_qimage(image: Image.Image) -> QImage:
    """A QImage owning a copy of the PIL image's pixels (QImage may be made on any thread)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    rgb = image.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    qimage = QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888)
    return qimage.copy()  # detached from `data`, which Python frees


def _scale_key(scale: float) -> int:
    return round(scale * 100)


class PageImages(QObject):
    """Renders pages of one document at a scale on request; remembers the last few."""

    page_rendered = Signal(int)
    """Emitted on the GUI thread with the page number whose image at the current scale arrived."""
    render_failed = Signal(int, object)
    """Emitted on the GUI thread with (page, exception) when a page cannot be rendered."""

    def __init__(self, ctx: AppContext, mime_type: str, content: bytes, owner: QWidget, *,
                 renderer: Callable[[int, float], QImage] | None = None) -> None:
        """`renderer(page, scale)`, called off the GUI thread, replaces the in-process engine
        (the document viewer renders through a bounded child process)."""
        super().__init__(owner)
        self._ctx, self._owner = ctx, owner
        self._mime, self._content = mime_type, content
        self._renderer = renderer
        self._scale = 1.0
        self._images: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._queue: list[tuple[int, int]] = []
        self._running: tuple[int, int] | None = None
        self._failed: set[int] = set()

    @property
    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        # Whatever waits at another zoom is no longer wanted.
        self._queue = [k for k in self._queue if k[1] == _scale_key(scale)]

    def image(self, page: int) -> QImage | None:
        """The page at the current scale, or failing that at any scale (stretched meanwhile)."""
        exact = self._images.get((page, _scale_key(self._scale)))
        if exact is not None:
            self._images.move_to_end((page, _scale_key(self._scale)))
            return exact
        return next((img for (p, _s), img in reversed(self._images.items()) if p == page), None)

    def has_exact(self, page: int) -> bool:
        return (page, _scale_key(self._scale)) in self._images

    def request(self, pages: list[int]) -> None:
        """Renders the pages not yet there at the current scale, in the order given."""
        wanted = [(p, _scale_key(self._scale)) for p in pages
                  if p not in self._failed and (p, _scale_key(self._scale)) not in self._images]
        self._queue = [k for k in wanted if k != self._running] + [
            k for k in self._queue if k not in wanted]
        self._next()

    def _next(self) -> None:
        if self._running is not None or not self._queue:
            return
        key = self._running = self._queue.pop(0)
        page, scale = key[0], key[1] / 100
        mime, content, renderer = self._mime, self._content, self._renderer

        def render(_vault: object, _actor: object) -> QImage:
            if renderer is not None:
                return renderer(page, scale)
            # The engine serialises PDFium itself (renders, the search and masking run side by side).
            image = masking.render_page(mime, content, page, scale=scale)
            return to_qimage(image)

        self._ctx.run(render, lambda image: self._on_rendered(key, image), parent=self._owner,
                      on_error=lambda exc: self._on_failed(key, exc))

    def _on_rendered(self, key: tuple[int, int], image: QImage) -> None:
        self._running = None
        self._images[key] = image
        while len(self._images) > 1 and sum(i.sizeInBytes() for i in self._images.values()) > CACHED_BYTES:
            self._images.popitem(last=False)
        if key[1] == _scale_key(self._scale):
            self.page_rendered.emit(key[0])
        self._next()

    def _on_failed(self, key: tuple[int, int], exc: BaseException) -> None:
        self._running = None
        self._failed.add(key[0])
        self.render_failed.emit(key[0], exc)
        self._next()
