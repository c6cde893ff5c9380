"""Whether a document is safe to preview: the cheap checks made off the GUI thread before a
viewer decodes anything. A PDF's pages are counted without parsing them and an image's size is
read from its header only, against the limits masking applies (masking.MAX_PDF_PAGES,
masking.MAX_IMAGE_PIXELS)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, UnidentifiedImageError

from reviewdesk.cases import masking
from reviewdesk.cases.masking.pdf_pages import PDFIUM_LOCK


@dataclass(frozen=True)
class PreviewRefusal:
    """Why a document is not shown: a PDF of too many pages, or an image of too many pixels."""

    pages: int = 0  # of a PDF over the page limit; 0 for an image
    width: int = 0  # of an image over the pixel limit; 0×0 when it is too large even to state
    height: int = 0

    @property
    def too_many_pages(self) -> bool:
        return self.pages > 0


def preview_refusal(filename: str, mime_type: str, content: bytes) -> PreviewRefusal | None:
    """None when the document may be previewed (or is not a PDF or an image, or is unreadable:
    the viewer says so itself); otherwise what is over the limit."""
    if mime_type == "application/pdf" or filename.lower().endswith(".pdf"):
        pages = pdf_page_count(content)
        return PreviewRefusal(pages=pages) if pages is not None and pages > masking.MAX_PDF_PAGES else None
    if mime_type.startswith("image/"):
        size = image_pixel_size(content)
        if size is None:
            return PreviewRefusal()
        if size[0] * size[1] > masking.MAX_IMAGE_PIXELS:
            return PreviewRefusal(width=size[0], height=size[1])
    return None


def pdf_page_count(content: bytes) -> int | None:
    """The number of pages from the PDF's page tree (no page is loaded); None if unreadable."""
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(content)
        except pdfium.PdfiumError:
            return None
        try:
            return len(pdf)
        finally:
            pdf.close()


def image_pixel_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) from the image header, (0, 0) for an unreadable image, None for one so
    large that Pillow refuses even to open it (a decompression bomb)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as image:  # lazy: reads the header only
                return image.size
        except Image.DecompressionBombError:
            return None
        except (UnidentifiedImageError, OSError, ValueError):
            return (0, 0)
