"""PDF pages as the secretariat sees them: flattened, with their characters, boxes and pixels.

Form fields and annotations are flattened into the page content first, so a name typed into a
form field or written in a FreeText note is found, shown and burned like any other text; what
cannot be flattened is never shown and never copied (the masked copy drops every annotation).
"""

from __future__ import annotations

import ctypes
import functools
import io
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from reviewdesk.cases.masking.errors import MaskingError
from reviewdesk.resources import resource_path

MAX_PDF_PAGES = 2_000  # a long scanned chart is a few hundred pages; ten times that is a mistake
MAX_RENDER_PIXELS = 60_000_000
PAD_POINTS = 1.5  # a box reaches a little past the glyphs, so anti-aliased edges are covered too
Rect = tuple[float, float, float, float]  # left, bottom, right, top in PDF user space

_TEXT_SHOWN = re.compile(rb"\bT[jJ]\b|['\"]\s*$|\bDo\b", re.MULTILINE)
_FONT_SIZE = re.compile(r"([\d.]+)\s+Tf")


# PDFium is one library state per process and must never be entered from two threads at once;
# every open document holds this lock from opening to closing.
PDFIUM_LOCK = threading.RLock()


class PdfSource:
    """An open PDF whose pages come flattened; use as a context manager, it holds native memory
    and PDFIUM_LOCK until closed."""

    def __init__(self, content: bytes) -> None:
        PDFIUM_LOCK.acquire()
        try:
            self.pdf = pdfium.PdfDocument(content)
        except pdfium.PdfiumError as exc:
            PDFIUM_LOCK.release()
            if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
                raise _encrypted() from exc
            raise MaskingError(f"PDF cannot be read: {exc}",
                               ja="PDF を読み込めません。ファイルが壊れているか、PDF ではありません") from exc
        except BaseException:
            PDFIUM_LOCK.release()
            raise
        try:
            if pdfium_c.FPDF_GetSecurityHandlerRevision(self.pdf) != -1:
                raise _encrypted()
            if len(self.pdf) > MAX_PDF_PAGES:
                raise MaskingError(f"PDF of {len(self.pdf):,} pages is over the limit of {MAX_PDF_PAGES:,}",
                                   ja=f"ページ数が多すぎます（{len(self.pdf):,} ページ。上限は "
                                      f"{MAX_PDF_PAGES:,} ページです）。分割して登録してください")
            self.pdf.init_forms()
        except BaseException:
            self.pdf.close()
            PDFIUM_LOCK.release()
            raise
        self._flattened: set[int] = set()
        self._notes: list[pdfium.PdfDocument] = []

    def __enter__(self) -> PdfSource:
        return self

    def __exit__(self, *_: object) -> None:
        try:
            self.pdf.close()
            for note in self._notes:
                note.close()
        finally:
            PDFIUM_LOCK.release()

    def __len__(self) -> int:
        return len(self.pdf)

    def page(self, index: int) -> pdfium.PdfPage:
        """The page with its annotations and form fields drawn into its content; close it after use."""
        page = self.pdf[index]
        if index in self._flattened or pdfium_c.FPDFPage_GetAnnotCount(page) == 0:
            return page
        if self._write_out_free_text(page):
            page.gen_content()
        # Called directly: pypdfium2's flatten() insists on a form environment, which a PDF
        # with annotations but no form does not get.
        if pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_FAIL:
            page.close()
            raise MaskingError(f"annotations on page {index + 1} cannot be flattened",
                               ja=f"{index + 1} ページの注釈・フォームを処理できません")
        self._flattened.add(index)
        page.close()
        return self.pdf[index]  # flattening invalidates the page's parsed content

    def save(self) -> bytes:
        """The document as it now is (flattened), written whole: no incremental update."""
        out = io.BytesIO()
        self.pdf.save(out, flags=pdfium_c.FPDF_NO_INCREMENTAL)
        return out.getvalue()

    def _write_out_free_text(self, page: pdfium.PdfPage) -> bool:
        """Gives a FreeText note without a drawn appearance its text as page content.

        Viewers draw such a note from its /Contents; PDFium draws only its border, so without
        this the secretariat would not see a name a reviewer's viewer would have shown.
        Returns whether it drew anything.
        """
        drawn = False
        for k in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
            annot = pdfium_c.FPDFPage_GetAnnot(page, k)
            try:
                if (pdfium_c.FPDFAnnot_GetSubtype(annot) != pdfium_c.FPDF_ANNOT_FREETEXT
                        or pdfium_c.FPDFAnnot_GetFlags(annot) & pdfium_c.FPDF_ANNOT_FLAG_HIDDEN
                        or _TEXT_SHOWN.search(_annot_string(annot, None).encode("utf-8", "replace"))):
                    continue
                contents = _annot_string(annot, b"Contents")
                if contents.strip():
                    rect = pdfium_c.FS_RECTF()
                    pdfium_c.FPDFAnnot_GetRect(annot, rect)
                    size = _FONT_SIZE.search(_annot_string(annot, b"DA"))
                    self._draw_lines(page, contents, rect, float(size.group(1)) if size else 10.0)
                    drawn = True
            finally:
                pdfium_c.FPDFPage_CloseAnnot(annot)
        return drawn

    def _draw_lines(self, page: pdfium.PdfPage, text: str, rect: pdfium_c.FS_RECTF, size: float) -> None:
        left, right = sorted((rect.left, rect.right))
        bottom, top = sorted((rect.bottom, rect.top))
        if right - left < 4 or top - bottom < 4:
            return
        note = pdfium.PdfDocument(_note_pdf(text, right - left, top - bottom, size))
        self._notes.append(note)  # its captured form must outlive the page's use of it
        drawing = note.page_as_xobject(0, self.pdf).as_pageobject()
        drawing.transform(pdfium.PdfMatrix().translate(left, bottom))
        page.insert_obj(drawing)


def _note_pdf(text: str, width: float, height: float, size: float) -> bytes:
    """A note's text on a page of the note's size, wrapped as a viewer would, in IPAex Gothic.

    reportlab embeds only the glyphs used, where PDFium would embed the whole 6 MB font.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _note_font()
    size = size if 1 <= size <= 72 else 10.0
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for ch in paragraph:
            if line and stringWidth(line + ch, font, size) > width - 4:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    out = io.BytesIO()
    sheet = canvas.Canvas(out, pagesize=(width, height), invariant=1)
    sheet.setFont(font, size)
    for n, line in enumerate(lines):
        sheet.drawString(2, height - 2 - size * (n + 1) * 1.15 + size * 0.15, line)
    sheet.showPage()
    sheet.save()
    return out.getvalue()


@functools.cache
def _note_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "ReviewDeskMaskingGothic"
    pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", "ipaexg.ttf"))))
    return name


@contextmanager
def pdf_errors() -> Iterator[None]:
    """PDFium and memory failures inside a page loop become refusals, never tracebacks."""
    try:
        yield
    except pdfium.PdfiumError as exc:
        raise MaskingError(f"PDF cannot be processed: {exc}",
                           ja="PDF を処理できません。ファイルが壊れている可能性があります") from exc
    except MemoryError as exc:
        raise MaskingError("not enough memory to process the PDF",
                           ja="メモリが不足しているため PDF を処理できません") from exc


def page_text(page: pdfium.PdfPage) -> tuple[str, pdfium.PdfTextPage]:
    """The page's characters, one per PDFium character index (so index i is char i's box)."""
    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside UCS-2, or PDFium inserted/omitted some
        chars = []
        for i in range(count):
            code = pdfium_c.FPDFText_GetUnicode(textpage, i)
            chars.append(chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd")
        text = "".join(chars)
    return text, textpage


def line_rects(textpage: pdfium.PdfTextPage, text: str, start: int, end: int) -> list[Rect]:
    """The boxes of characters [start, end), merged per line (or per column of vertical text)."""
    rects: list[Rect] = []
    for i in range(start, end):
        if text[i].isspace() or pdfium_c.FPDFText_IsGenerated(textpage, i) == 1:
            continue
        box = _char_rect(textpage, i)
        if box is None:
            continue
        if rects and _same_line(rects[-1], box):
            last = rects[-1]
            rects[-1] = (min(last[0], box[0]), min(last[1], box[1]),
                         max(last[2], box[2]), max(last[3], box[3]))
        else:
            rects.append(box)
    return rects


def display_fractions(page: pdfium.PdfPage, rect: Rect,
                      pad: float = PAD_POINTS) -> tuple[float, float, float, float]:
    """A rectangle in PDF user space as (left, top, right, bottom) fractions of the displayed page."""
    left, bottom, right, top = page.get_bbox()  # the crop box within the media box, as PDFium shows it
    width, height = right - left, top - bottom
    if width <= 0 or height <= 0:
        return 0.0, 0.0, 1.0, 1.0
    rotation = page.get_rotation()
    corners = []
    for x, y in ((rect[0] - pad, rect[1] - pad), (rect[2] + pad, rect[3] + pad)):
        u, v = (x - left) / width, (top - y) / height
        u, v = {0: (u, v), 90: (1 - v, u), 180: (1 - u, 1 - v), 270: (v, 1 - u)}[rotation]
        corners.append((min(1.0, max(0.0, u)), min(1.0, max(0.0, v))))
    (u1, v1), (u2, v2) = corners
    return min(u1, u2), min(v1, v2), max(u1, u2), max(v1, v2)


def render(page: pdfium.PdfPage, scale: float) -> Image.Image:
    """The displayed page as an RGB image; annotations not flattened are not drawn (nor copied)."""
    with rendered(page, scale) as bitmap:
        return bitmap.to_pil().copy()  # the bitmap's memory is freed on leaving


@contextmanager
def rendered(page: pdfium.PdfPage, scale: float, *, crisp: bool = False) -> Iterator[pdfium.PdfBitmap]:
    """The displayed page rendered to an RGB bitmap, freed on leaving the block.

    `crisp` turns off smoothing of text and lines (not of images), so a page of text comes out
    in pure black and white and can be stored at one bit per pixel.
    """
    width, height = page.get_size()
    if not (width >= 1 and height >= 1):
        raise MaskingError(f"page of {width}×{height} points cannot be drawn",
                           ja="ページの大きさが正しくないため表示できません")
    if not math.isfinite(scale) or scale <= 0:
        raise MaskingError(f"scale {scale} is not positive", ja="表示倍率が正しくありません")
    if width * height * scale * scale > MAX_RENDER_PIXELS:
        raise MaskingError(f"page at scale {scale:g} would exceed {MAX_RENDER_PIXELS:,} pixels",
                           ja="ページが大きすぎるため、この倍率では表示できません")
    bitmap = page.render(scale=scale, draw_annots=False, may_draw_forms=False, rev_byteorder=True,
                         no_smoothtext=crisp, no_smoothpath=crisp)
    try:
        yield bitmap
    finally:
        bitmap.close()


def masking_scale(page: pdfium.PdfPage, dpi: float) -> float:
    """dpi/72, lowered for a page so large that it would pass the pixel limit."""
    width, height = page.get_size()
    scale = dpi / 72
    area = width * height * scale * scale
    return scale if area <= MAX_RENDER_PIXELS else scale * math.sqrt(MAX_RENDER_PIXELS / area) * 0.999


def _char_rect(textpage: pdfium.PdfTextPage, i: int) -> Rect | None:
    boxes = []
    for loose in (False, True):
        try:
            boxes.append(textpage.get_charbox(i, loose=loose))
        except pdfium.PdfiumError:
            continue
    boxes = [b for b in boxes if all(map(math.isfinite, b)) and (b[2] > b[0] or b[3] > b[1])]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _same_line(group: Rect, char: Rect) -> bool:
    gw, gh = group[2] - group[0], group[3] - group[1]
    cw, ch = char[2] - char[0], char[3] - char[1]
    size = max(cw, ch, 1.0)
    v_overlap = min(group[3], char[3]) - max(group[1], char[1])
    h_overlap = min(group[2], char[2]) - max(group[0], char[0])
    across = (v_overlap >= 0.5 * min(gh, ch) and gh <= 1.6 * max(ch, 1.0)
              and char[0] >= group[0] - 0.5 * size and char[0] - group[2] <= 1.5 * size)
    down = (h_overlap >= 0.5 * min(gw, cw) and gw <= 1.6 * max(cw, 1.0)
            and char[3] <= group[3] + 0.5 * size and group[1] - char[3] <= 1.5 * size)
    return across or down


def _annot_string(annot: pdfium_c.FPDF_ANNOTATION, key: bytes | None) -> str:
    """A string value of an annotation, or its normal appearance stream's content (key None)."""
    if key is None:
        size = pdfium_c.FPDFAnnot_GetAP(annot, pdfium_c.FPDF_ANNOT_APPEARANCEMODE_NORMAL, None, 0)
    else:
        size = pdfium_c.FPDFAnnot_GetStringValue(annot, key, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    if key is None:
        pdfium_c.FPDFAnnot_GetAP(annot, pdfium_c.FPDF_ANNOT_APPEARANCEMODE_NORMAL, buffer, size)
    else:
        pdfium_c.FPDFAnnot_GetStringValue(annot, key, buffer, size)
    return bytes(buffer)[: size - 2].decode("utf-16-le", errors="replace")


def _encrypted() -> MaskingError:
    return MaskingError("encrypted PDFs cannot be masked",
                        ja="暗号化されたPDFはマスキングできません。暗号化（パスワード）を解除したPDFを"
                           "提出元から受け取り、登録し直してください")
