"""Masking a PDF: everything found is burned out, nothing masked survives anywhere in the file."""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader

from reviewdesk.cases import masking
from reviewdesk.cases.masking import Box, DocumentShape, IdentifierKind, MaskedCopy, Proposal
from tests.cases.masking.fixtures import (
    KEPT_TEXT,
    PATIENT,
    SECRETS,
    decoded_streams,
    leaks,
    noise_image,
    page_pdf,
    page_sizes,
    pdftotext,
    pypdf_text,
    record_pdf,
)

PDF = "application/pdf"


@dataclass(frozen=True)
class Masked:
    original: bytes
    proposals: list[Proposal]
    copy: MaskedCopy
    progress: list[tuple[int, int]]


@pytest.fixture(scope="module")
def record() -> Masked:
    original = record_pdf()
    proposals = masking.propose(PDF, original, PATIENT)
    progress: list[tuple[int, int]] = []
    copy = masking.mask_document(PDF, original, boxes=[b for p in proposals for b in p.boxes],
                                 progress=lambda done, total: progress.append((done, total)))
    return Masked(original, proposals, copy, progress)


def test_the_fixture_hides_the_patient_everywhere(record: Masked) -> None:
    """The original really has the patient in metadata, XMP, a form value, notes and two revisions."""
    reader = PdfReader(io.BytesIO(record.original))
    assert record.original.count(b"%%EOF") >= 2  # an incremental update
    assert "田中" in reader.metadata.title and "田中花子" in reader.metadata["/Keywords"]
    assert "田中" in reader.xmp_metadata.dc_creator[0]
    assert reader.get_fields()["patient"]["/V"] == "田中花子"
    subtypes = {a.get_object()["/Subtype"] for a in reader.pages[5]["/Annots"]}
    assert {"/FreeText", "/Text"} <= subtypes
    assert "/Thumb" in reader.pages[1] and "/PieceInfo" in reader.pages[1]
    assert len(leaks(record.original)) >= 10


def test_inspect_reads_the_displayed_pages() -> None:
    inspection = masking.inspect(PDF, record_pdf())
    assert inspection.shape is DocumentShape.PDF
    assert len(inspection.pages) == 6 and all(inspection.has_text)
    assert (round(inspection.pages[2].width), round(inspection.pages[2].height)) == (842, 595)  # /Rotate 90
    assert (inspection.pages[3].width, inspection.pages[3].height) == (350, 400)  # the crop box
    assert inspection.text is None


def test_proposals_find_every_occurrence(record: Masked) -> None:
    found = {(p.page, p.kind, p.found.replace("\r\n", "\n")) for p in record.proposals}
    assert {
        (0, IdentifierKind.NAME, "田中 花子"), (0, IdentifierKind.KANA, "タナカ ハナコ"),
        (0, IdentifierKind.BIRTH_DATE, "昭和60年3月4日"),
        (0, IdentifierKind.NAME, "田中\n花子"),  # broken over two lines: one box per line
        (0, IdentifierKind.PHONE, "03-1234-5678"),  # added by the incremental update
        (2, IdentifierKind.NAME, "田中花子"), (3, IdentifierKind.NAME, "田中花子"),
        (4, IdentifierKind.CLINIC_PATIENT_ID, "KR-20240117"),  # a form field's value, flattened
        (5, IdentifierKind.NAME, "田中花子"),  # a FreeText note
    } <= found
    assert not any(p.page == 1 for p in record.proposals)
    split = next(p for p in record.proposals if "\n" in p.found)
    assert len(split.boxes) == 2
    assert len({p.key for p in record.proposals}) == len(record.proposals)
    for p in record.proposals:
        assert p.span is None and p.boxes and all(b.page == p.page for b in p.boxes)
        for b in p.boxes:
            assert 0 <= b.left < b.right <= 1 and 0 <= b.top < b.bottom <= 1
            assert (b.right - b.left) * (b.bottom - b.top) < 0.05  # a line of text, not a page


@pytest.mark.parametrize("page", [0, 2, 3])
def test_boxes_cover_the_text_they_were_found_for(record: Masked, page: int) -> None:
    """On the rotated and cropped pages too: whitening the proposed boxes leaves no ink."""
    image = masking.render_page(PDF, record.original, page, scale=2.0).convert("L")
    draw = ImageDraw.Draw(image)
    for proposal in record.proposals:
        for box in proposal.boxes if proposal.page == page else ():
            w, h = image.size
            draw.rectangle((box.left * w, box.top * h, box.right * w, box.bottom * h), fill=255)
    if page == 0:  # labels and the history line are not the patient's; look only near the boxes
        boxes = [b for p in record.proposals if p.page == 0 for b in p.boxes]
        top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
        image = image.crop((0, int(top * image.height), image.width, int(bottom * image.height)))
        assert _dark(image) > 0  # 患者氏名： etc. are still there
        return
    assert _dark(image) == 0


def test_the_masked_copy_holds_nothing_masked(record: Masked) -> None:
    assert leaks(record.copy.content) == []
    for text in (pdftotext(record.copy.content), pypdf_text(record.copy.content), record.copy.text or ""):
        assert not [s for s in SECRETS if s in text], text
        assert KEPT_TEXT in text


def test_the_masked_copy_is_rebuilt_without_extras(record: Masked) -> None:
    assert record.copy.mime_type == "application/pdf"
    assert record.copy.content.count(b"%%EOF") == 1
    reader = PdfReader(io.BytesIO(record.copy.content))
    assert reader.metadata is None or not dict(reader.metadata)
    for key in ("/Metadata", "/AcroForm", "/Names", "/OpenAction", "/Outlines"):
        assert key not in reader.trailer["/Root"]
    for page in reader.pages:
        assert not {"/Annots", "/Thumb", "/PieceInfo", "/Metadata", "/AA"} & set(page)
    assert reader.get_fields() in (None, {})


def test_page_count_sizes_and_kept_pages(record: Masked) -> None:
    flat = [[n for size in page_sizes(pdf) for n in size] for pdf in (record.copy.content, record.original)]
    assert flat[0] == pytest.approx(flat[1], abs=0.01)
    assert record.copy.masked_pages == (0, 2, 3, 4, 5)
    assert record.copy.box_count == sum(len(p.boxes) for p in record.proposals)
    reader = PdfReader(io.BytesIO(record.copy.content))
    assert KEPT_TEXT in reader.pages[1].extract_text()
    assert reader.pages[0].extract_text().strip() == ""  # a masked page is an image now
    assert record.progress == [(n, 6) for n in range(1, 7)]


def test_pixels_inside_every_box_are_black(record: Masked) -> None:
    pdf = pdfium.PdfDocument(record.copy.content)
    try:
        for page in record.copy.masked_pages:
            image = pdf[page].render(scale=2).to_pil().convert("L")
            w, h = image.size
            for proposal in record.proposals:
                for box in proposal.boxes if proposal.page == page else ():
                    inner = (int(box.left * w) + 2, int(box.top * h) + 2, int(box.right * w) - 2, int(box.bottom * h) - 2)
                    assert image.crop(inner).getextrema()[1] < 60, (page, proposal.key)
    finally:
        pdf.close()


def test_a_clean_copy_without_boxes() -> None:
    original = record_pdf()
    copy = masking.mask_document(PDF, original)
    assert copy.masked_pages == () and copy.box_count == 0
    reader = PdfReader(io.BytesIO(copy.content))
    assert len(reader.pages) == 6 and not reader.get_fields()
    assert all("/Annots" not in page for page in reader.pages)
    # Without boxes the text stays: the secretariat decided this document names nobody.
    text = pdftotext(copy.content)
    assert KEPT_TEXT in text
    assert "田中花子" in text  # the FreeText note, drawn into the page as the secretariat saw it
    assert "要確認" not in text and not leaks(copy.content, ("要確認",))  # the sticky note is gone
    assert not leaks(copy.content, ("タナカハナコ",))  # so are the XMP, the info and the form
    assert len(copy.content) < 3 * len(original)  # the note's font is a subset, not 6 MB


def test_a_kept_page_does_not_carry_a_masked_pages_image() -> None:
    """Producers share one resource dictionary; the kept page must not reach the masked page's image."""
    original = page_pdf([(72, 760, "田中花子")], [(72, 760, KEPT_TEXT)], noise_image_on=0)
    noise = noise_image().tobytes()
    assert any(noise in blob for blob in decoded_streams(original))
    proposals = masking.propose(PDF, original, PATIENT)
    copy = masking.mask_document(PDF, original, boxes=[b for p in proposals for b in p.boxes])
    assert copy.masked_pages == (0,)
    assert not any(noise in blob for blob in decoded_streams(copy.content))
    kept = PdfReader(io.BytesIO(copy.content)).pages[1]
    assert not kept["/Resources"].get("/XObject")
    assert KEPT_TEXT in kept.extract_text()


def test_render_page_is_rgb_at_the_asked_scale() -> None:
    original = record_pdf()
    image = masking.render_page(PDF, original, 2, scale=0.5)
    assert image.mode == "RGB" and image.size == (421, 298)  # the rotated page, displayed landscape
    with pytest.raises(masking.MaskingError) as refused:
        masking.render_page(PDF, original, 6)
    assert "ページ" in refused.value.ja


def test_a_manual_box_on_any_page() -> None:
    original = page_pdf([(72, 760, "note")], [(72, 760, KEPT_TEXT)])
    copy = masking.mask_document(PDF, original, boxes=[Box(0, 0.1, 0.1, 0.3, 0.2), Box(0, 0.5, 0.5, 0.6, 0.6)])
    assert copy.masked_pages == (0,) and copy.box_count == 2
    image = masking.render_page(PDF, copy.content, 0)
    w, h = image.size
    assert image.convert("L").crop((int(0.1 * w) + 1, int(0.1 * h) + 1, int(0.3 * w) - 1, int(0.2 * h) - 1)).getextrema() == (0, 0)
    with pytest.raises(masking.MaskingError):
        masking.mask_document(PDF, original, boxes=[Box(2, 0.1, 0.1, 0.2, 0.2)])
    with pytest.raises(masking.MaskingError):
        masking.mask_document(PDF, original, spans=[masking.Span(0, 3)])


def test_threads_may_share_the_engine() -> None:
    """PDFium must never be entered twice at once; the engine serialises its own use of it."""
    original = page_pdf(*[[(72, 760, f"{n} 田中花子")] for n in range(4)])
    failures: list[BaseException] = []

    def work(page: int) -> None:
        try:
            masking.render_page(PDF, original, page, scale=0.5)
            masking.mask_document(PDF, original, boxes=[Box(page, 0.1, 0.1, 0.2, 0.2)])
        except BaseException as exc:  # reported below, on the test's own thread
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(page,)) for page in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []


def _dark(image: Image.Image) -> int:
    return sum(count for value, count in enumerate(image.histogram()) if value < 128)
