"""The engine's entry points: inspect, propose, render and mask a document held in memory.

Nothing here touches the disk or a database: a document arrives as bytes and its masked copy
leaves as bytes. Every refusal is a MaskingError with Japanese wording; a cancelled run raises
MaskingCancelled and returns nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import ParamSpec, TypeVar

from PIL import Image

from reviewdesk.cases.masking import images, text_documents
from reviewdesk.cases.masking.errors import MaskingCancelled, MaskingError
from reviewdesk.cases.masking.geometry import Box, PageSize, Span
from reviewdesk.cases.masking.identity import PatientIdentity
from reviewdesk.cases.masking.matching import find_occurrences, needles_for
from reviewdesk.cases.masking.pdf_copy import mask_pdf
from reviewdesk.cases.masking.pdf_pages import (
    PdfSource,
    display_fractions,
    line_rects,
    page_text,
    pdf_errors,
    render,
)
from reviewdesk.cases.masking.results import (
    Cancelled,
    DocumentShape,
    Inspection,
    MaskedCopy,
    Progress,
    Proposal,
)

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
TEXT_MIME = "text/plain; charset=utf-8"

P = ParamSpec("P")
R = TypeVar("R")


def is_supported(mime_type: str) -> bool:
    """PDF, PNG, JPEG, single-frame TIFF and GIF, and any text/* type."""
    try:
        _shape(mime_type)
    except MaskingError:
        return False
    return True


def _memory_refused(fn: Callable[P, R]) -> Callable[P, R]:
    """A document too large for this machine is refused, not a crash."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except MemoryError as exc:
            raise MaskingError("not enough memory for this document",
                               ja="メモリが不足しているため、この資料を処理できません") from exc

    return wrapper


@_memory_refused
def inspect(mime_type: str, content: bytes) -> Inspection:
    """The document's shape and pages as displayed (and a text document's text), or a refusal."""
    shape = _shape(mime_type)
    if shape is DocumentShape.TEXT:
        return Inspection(shape, (), (), text_documents.decode(mime_type, content))
    if shape is DocumentShape.IMAGE:
        width, height = images.image_size(_base(mime_type), content)
        return Inspection(shape, (PageSize(width, height),), (False,), None)
    sizes, has_text = [], []
    with PdfSource(content) as source, pdf_errors():
        for index in range(len(source)):
            page = source.page(index)
            try:
                sizes.append(PageSize(*page.get_size()))
                text, textpage = page_text(page)
                textpage.close()
                has_text.append(bool(text.strip()))
            finally:
                page.close()
    return Inspection(shape, tuple(sizes), tuple(has_text), None)


@_memory_refused
def propose(mime_type: str, content: bytes, identity: PatientIdentity, *,
            progress: Progress | None = None, cancelled: Cancelled | None = None) -> list[Proposal]:
    """Every occurrence of the patient's identifiers, for the secretariat to accept or reject.

    Images have no text to search (there is no OCR): they get no proposals, only manual boxes.
    """
    shape = _shape(mime_type)
    needles = needles_for(identity)
    if shape is not DocumentShape.PDF:
        _check(cancelled)
        proposals = []
        if shape is DocumentShape.TEXT:
            text = text_documents.decode(mime_type, content)
            proposals = [Proposal(f"t:{o.kind.name}:{o.start}", o.kind, text[o.start:o.end], None, (),
                                  Span(o.start, o.end)) for o in find_occurrences(text, needles)]
        else:
            images.image_size(_base(mime_type), content)  # refuses what masking would refuse
        if progress is not None:
            progress(1, 1)
        return proposals
    proposals = []
    with PdfSource(content) as source, pdf_errors():
        total = len(source)
        for index in range(total):
            _check(cancelled)
            page = source.page(index)
            try:
                text, textpage = page_text(page)
                try:
                    for o in find_occurrences(text, needles):
                        rects = line_rects(textpage, text, o.start, o.end)
                        # Found but not located (no glyph boxes): the whole page, rather than nothing.
                        boxes = (tuple(Box(index, *display_fractions(page, r)) for r in rects)
                                 or (Box(index, 0.0, 0.0, 1.0, 1.0),))
                        proposals.append(Proposal(f"p{index}:{o.kind.name}:{o.start}", o.kind,
                                                  text[o.start:o.end], index, boxes, None))
                finally:
                    textpage.close()
            finally:
                page.close()
            if progress is not None:
                progress(index + 1, total)
    return proposals


@_memory_refused
def render_page(mime_type: str, content: bytes, page: int, *, scale: float = 1.0) -> Image.Image:
    """An RGB picture of one page as displayed; scale 1.0 is 72 dpi for a PDF, 1:1 for an image."""
    shape = _shape(mime_type)
    if shape is DocumentShape.TEXT:
        raise MaskingError("a text document has no pages to render",
                           ja="テキスト資料はページ画像として表示できません")
    if shape is DocumentShape.IMAGE:
        if page != 0:
            raise MaskingError(f"an image has one page, not page {page + 1}",
                               ja="画像の資料は1ページだけです")
        image = images.displayable(images.open_image(_base(mime_type), content))
        if scale != 1.0:
            width, height = image.size
            if not 0 < scale * scale * width * height <= images.MAX_IMAGE_PIXELS:
                raise MaskingError(f"scale {scale:g} is out of range", ja="表示倍率が正しくありません")
            image = image.resize((max(1, round(width * scale)), max(1, round(height * scale))),
                                 Image.Resampling.BILINEAR)
        return image
    with PdfSource(content) as source, pdf_errors():
        if not (isinstance(page, int) and 0 <= page < len(source)):
            raise MaskingError(f"page {page + 1} is not in this {len(source)}-page PDF",
                               ja=f"{len(source)} ページの資料に {page + 1} ページ目はありません")
        pdf_page = source.page(page)
        try:
            return render(pdf_page, scale)
        finally:
            pdf_page.close()


@_memory_refused
def mask_document(mime_type: str, content: bytes, *, boxes: Sequence[Box] = (), spans: Sequence[Span] = (),
                  progress: Progress | None = None, cancelled: Cancelled | None = None) -> MaskedCopy:
    """The masked copy: boxes burned into PDF pages and images, spans replaced in text.

    With no boxes or spans this still makes a clean copy (metadata, annotations and forms gone).
    """
    shape = _shape(mime_type)
    if shape is DocumentShape.TEXT and boxes:
        raise MaskingError("a text document is masked by spans, not boxes",
                           ja="テキスト資料には範囲（文字）でマスクを指定してください")
    if shape is not DocumentShape.TEXT and spans:
        raise MaskingError("a PDF or image is masked by boxes, not text spans",
                           ja="PDF・画像の資料には矩形でマスクを指定してください")
    if shape is DocumentShape.PDF:
        return mask_pdf(content, boxes, progress, cancelled)
    _check(cancelled)
    if shape is DocumentShape.IMAGE:
        data, out_mime, count = images.burn_image(_base(mime_type), content, boxes)
        copy = MaskedCopy(data, out_mime, None, (0,) if count else (), count)
    else:
        masked, count = text_documents.mask_text(text_documents.decode(mime_type, content), spans)
        copy = MaskedCopy(masked.encode("utf-8"), TEXT_MIME, masked, (), count)
    if progress is not None:
        progress(1, 1)
    return copy


def _base(mime_type: str) -> str:
    return mime_type.split(";", 1)[0].strip().lower()


def _shape(mime_type: str) -> DocumentShape:
    base = _base(mime_type)
    if base in PDF_TYPES:
        return DocumentShape.PDF
    if base in images.IMAGE_FORMATS:
        return DocumentShape.IMAGE
    if base.startswith("text/"):
        return DocumentShape.TEXT
    raise MaskingError(f"documents of type {base or '(none)'} cannot be masked",
                       ja=f"この形式の資料（{base or '種類不明'}）はマスキングできません。"
                          "PDF、画像（PNG・JPEG）、テキストに対応しています")


def _check(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise MaskingCancelled()
