"""The masked copy of a PDF: masked pages as burned images, the others rebuilt without extras.

The copy is written from scratch, holding only what its pages reach: no document information,
no XMP, no outlines, names, actions or form, no earlier revision (an incremental update's
leftovers are unreachable and so never written), and pages with only the keys they need to be
drawn. A masked page is rendered, its boxes burned solid black, and replaced by that image at
the page's displayed size, so its text layer and everything under the boxes are gone.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image, ImageChops
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from reviewdesk.cases.masking.errors import MaskingCancelled, MaskingError
from reviewdesk.cases.masking.geometry import Box, checked_boxes, pixel_rect
from reviewdesk.cases.masking.pdf_pages import PdfSource, masking_scale, page_text, pdf_errors, rendered
from reviewdesk.cases.masking.results import Cancelled, MaskedCopy, Progress

MASK_DPI = 200
JPEG_QUALITY = 80
PAGE_KEYS = frozenset({"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox",
                       "/ArtBox", "/Rotate", "/Contents", "/UserUnit", "/Group"})
_NAMED_RESOURCES = frozenset({"/Font", "/XObject", "/ExtGState", "/Pattern", "/Shading", "/ColorSpace",
                              "/Properties"})
_NAME = re.compile(rb"/([^\x00\t\n\x0c\r /%()<>\[\]{}]+)")
_MAX_FORM_DEPTH = 12
# Keys that carry data about a drawing rather than the drawing, wherever they sit below a page
# (a form XObject or an image can have its own XMP, application data, structure links).
SCRUBBED_KEYS = ("/Metadata", "/PieceInfo", "/Thumb", "/AA", "/StructParent", "/StructParents", "/OPI",
                 "/LastModified")


@dataclass(frozen=True)
class _BurnedPage:
    data: bytes
    pixels: tuple[int, int]
    filter: str  # /DCTDecode (JPEG) or /FlateDecode (one bit per pixel)
    color_space: str
    bits: int
    size: tuple[float, float]  # the displayed page in points


def mask_pdf(content: bytes, boxes: Sequence[Box], progress: Progress | None,
             cancelled: Cancelled | None) -> MaskedCopy:
    burned: dict[int, _BurnedPage] = {}
    texts: list[str] = []
    with PdfSource(content) as source, pdf_errors():
        total = len(source)
        by_page = checked_boxes(boxes, total)
        for index in range(total):
            if cancelled is not None and cancelled():
                raise MaskingCancelled()
            page = source.page(index)
            try:
                if index in by_page:
                    burned[index] = _burn(page, by_page[index])
                else:
                    text, textpage = page_text(page)
                    textpage.close()
                    texts.append(text)
            finally:
                page.close()
            if progress is not None:
                progress(index + 1, total)
        flattened = source.save()
    pdf = _rebuild(flattened, total, burned)
    kept_text = "\n".join(t.strip() for t in texts if t.strip())
    return MaskedCopy(pdf, "application/pdf", kept_text or None, tuple(sorted(burned)),
                      sum(len(b) for b in by_page.values()))


def _burn(page: pdfium.PdfPage, boxes: list[Box]) -> _BurnedPage:
    size = page.get_size()
    with rendered(page, masking_scale(page, MASK_DPI), crisp=True) as bitmap:
        for box in boxes:
            rect = pixel_rect(box, bitmap.width, bitmap.height)
            if rect:
                left, top, right, bottom = rect
                bitmap.fill_rect((0, 0, 0, 255), left, top, right - left + 1, bottom - top + 1)
        image = bitmap.to_pil()  # a view of the bitmap: encoded before the bitmap is freed
        colors = image.getcolors(2)
        if colors is not None and {color for _, color in colors} <= {(0, 0, 0), (255, 255, 255)}:
            # Black text on white: a tenth of a JPEG's size, and lossless.
            bits = image.convert("1", dither=Image.Dither.NONE)
            data = zlib.compress(bits.tobytes(), 6)
            return _BurnedPage(data, bits.size, "/FlateDecode", "/DeviceGray", 1, size)
        red, green, blue = image.split()
        if all(ImageChops.difference(a, b).getbbox() is None for a, b in ((red, green), (green, blue))):
            return _BurnedPage(_jpeg(red), red.size, "/DCTDecode", "/DeviceGray", 8, size)
        return _BurnedPage(_jpeg(image), image.size, "/DCTDecode", "/DeviceRGB", 8, size)


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


def _rebuild(flattened: bytes, total: int, burned: dict[int, _BurnedPage]) -> bytes:
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # PDFium's output is sound; pypdf's notes are noise
    try:
        reader = PdfReader(io.BytesIO(flattened))
        if len(reader.pages) != total:
            raise MaskingError(f"PDF page tree is inconsistent ({len(reader.pages)} vs {total} pages)",
                               ja="PDF のページ構成が壊れているため処理できません")
        writer = PdfWriter()
        for index in range(total):
            source = reader.pages[index]
            if index in burned:
                _add_image_page(writer, burned[index], source.get("/UserUnit"))
            else:
                for key in [k for k in source if k not in PAGE_KEYS]:
                    del source[key]
                _prune_resources(source, _content_of(source))
                writer.add_page(source)
        seen: set[int] = set()
        for page in writer.pages:
            _scrub(page, seen)
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise MaskingError(f"masked PDF cannot be written: {exc}",
                           ja="マスキングした PDF を書き出せません。"
                              "元の PDF が壊れている可能性があります") from exc
    return out.getvalue()


def _add_image_page(writer: PdfWriter, burned: _BurnedPage, user_unit: object) -> None:
    width, height = burned.size
    image = DecodedStreamObject()
    image.set_data(burned.data)
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(burned.pixels[0]),
        NameObject("/Height"): NumberObject(burned.pixels[1]),
        NameObject("/ColorSpace"): NameObject(burned.color_space),
        NameObject("/BitsPerComponent"): NumberObject(burned.bits),
        NameObject("/Filter"): NameObject(burned.filter),
    })
    drawing = DecodedStreamObject()
    drawing.set_data(f"q {width:.4f} 0 0 {height:.4f} 0 0 cm /Im0 Do Q".encode("ascii"))
    page = PageObject.create_blank_page(width=width, height=height)
    # pypdf has no public call to register a stream; an image must be an indirect object.
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(image)})})
    page[NameObject("/Contents")] = writer._add_object(drawing)
    if isinstance(user_unit, NumberObject | FloatObject) and user_unit > 0:
        page[NameObject("/UserUnit")] = user_unit
    writer.add_page(page)


def _prune_resources(holder: DictionaryObject, content: bytes | None, depth: int = 0) -> None:
    """Keeps only the resources a page's (or form's) own content names.

    Producers share one resource dictionary among pages, so a kept page would otherwise carry
    a masked page's scanned image or fonts. A form drawn by the content is pruned the same way
    (its own content decides, so pruning a shared form is right for every page using it).
    """
    resources = holder.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    if content is None or not isinstance(resources, DictionaryObject):
        return
    used = _names(content)
    forms = {}
    # Old-style forms and Type 3 glyphs without resources of their own draw with the page's.
    for key, drawing in _used_entries(resources, "/XObject", used):
        if isinstance(drawing, StreamObject) and drawing.get("/Subtype") == "/Form":
            forms[key] = drawing
            if "/Resources" not in drawing:
                data = _data_of(drawing)
                if data is None:
                    return
                used |= _names(data)
    for _key, font in _used_entries(resources, "/Font", used):
        is_type3 = isinstance(font, DictionaryObject) and font.get("/Subtype") == "/Type3"
        if is_type3 and "/Resources" not in font:
            procs = _resolved(font.get("/CharProcs"))
            for proc in procs.values() if isinstance(procs, DictionaryObject) else ():
                data = _data_of(proc.get_object())
                if data is None:
                    return
                used |= _names(data)
    pruned = DictionaryObject()
    for category in resources:
        entries = _resolved(resources.raw_get(category))
        if category in _NAMED_RESOURCES and isinstance(entries, DictionaryObject):
            pruned[NameObject(category)] = DictionaryObject(
                {NameObject(k): entries.raw_get(k) for k in entries if k in used})
        else:
            pruned[NameObject(category)] = resources.raw_get(category)
    holder[NameObject("/Resources")] = pruned
    if depth < _MAX_FORM_DEPTH:
        for form in forms.values():
            if "/Resources" in form:
                _prune_resources(form, _data_of(form), depth + 1)


def _used_entries(resources: DictionaryObject, category: str, used: set[str]) -> list[tuple[str, PdfObject]]:
    entries = _resolved(resources.get(category))
    if not isinstance(entries, DictionaryObject):
        return []
    return [(key, _resolved(entries.raw_get(key))) for key in used & set(entries)]


def _names(content: bytes) -> set[str]:
    """Every name the content could be using, spelled as pypdf may have decoded it."""
    names = set()
    for raw in _NAME.findall(content):
        unescaped = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
        names |= {"/" + raw.decode("latin-1"), "/" + unescaped.decode("latin-1"),
                  "/" + unescaped.decode("utf-8", errors="replace")}
    return names


def _resolved(obj: PdfObject | None) -> PdfObject | None:
    return obj.get_object() if obj is not None else None


def _content_of(page: PageObject) -> bytes | None:
    try:
        contents = page.get_contents()
        return b"" if contents is None else contents.get_data()
    except (PyPdfError, ValueError, KeyError, TypeError, NotImplementedError):
        return None  # content pypdf cannot decode keeps its resources whole


def _data_of(stream: StreamObject) -> bytes | None:
    try:
        return stream.get_data()
    except (PyPdfError, ValueError, KeyError, TypeError, NotImplementedError):
        return None


def _scrub(obj: PdfObject, seen: set[int]) -> None:
    """Removes SCRUBBED_KEYS from everything a kept page reaches (but not up the page tree)."""
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key in SCRUBBED_KEYS:
                item.pop(key, None)
            stack.extend(v for k, v in item.items() if k != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
