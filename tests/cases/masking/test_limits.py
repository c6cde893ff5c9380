"""Bad and big input: clear Japanese refusals, never a traceback; long scans with progress."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from reviewdesk.cases import masking
from reviewdesk.cases.masking import MAX_PDF_PAGES, Box, MaskingCancelled, MaskingError
from tests.cases.masking.fixtures import PATIENT, encrypted_pdf, leaks, name_image, record_pdf, scan_pdf

PDF = "application/pdf"


def _every_entry_point(mime: str, content: bytes) -> list[MaskingError]:
    refusals = []
    for call in (lambda: masking.inspect(mime, content),
                 lambda: masking.propose(mime, content, PATIENT),
                 lambda: masking.render_page(mime, content, 0),
                 lambda: masking.mask_document(mime, content, boxes=[Box(0, 0.1, 0.1, 0.2, 0.2)])):
        with pytest.raises(MaskingError) as refused:
            call()
        refusals.append(refused.value)
    return refusals


@pytest.mark.parametrize("user_password", ["secret", ""])
def test_an_encrypted_pdf_is_refused(user_password: str) -> None:
    """Even one that opens without a password: its owner restricted it, and it is not ours to undo."""
    for refusal in _every_entry_point(PDF, encrypted_pdf(user_password)):
        assert refusal.ja.startswith("暗号化されたPDFはマスキングできません")


@pytest.mark.parametrize("content", [b"", b"garbage", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog", record_pdf()[:15_000]],
                         ids=["empty", "garbage", "header-only", "truncated"])
def test_an_unreadable_pdf_is_refused(content: bytes) -> None:
    for refusal in _every_entry_point(PDF, content):
        assert "PDF を読み込めません" in refusal.ja


def test_a_damaged_pdf_that_pdfium_repairs_is_masked_cleanly() -> None:
    original = record_pdf()
    damaged = original[:int(len(original) * 0.95)]  # the cross-reference table is gone
    proposals = masking.propose(PDF, damaged, PATIENT)
    copy = masking.mask_document(PDF, damaged, boxes=[b for p in proposals for b in p.boxes])
    assert len(PdfReader(io.BytesIO(copy.content)).pages) == 6
    assert leaks(copy.content) == []


def test_a_huge_image_is_refused_with_its_size() -> None:
    out = io.BytesIO()
    Image.new("1", (12_000, 9_000), 1).save(out, format="PNG")  # 108 MP in a few kilobytes
    for refusal in _every_entry_point("image/png", out.getvalue()):
        assert "12,000×9,000" in refusal.ja and "大きすぎます" in refusal.ja


def test_an_unreadable_image_is_refused() -> None:
    for refusal in _every_entry_point("image/jpeg", b"\xff\xd8\xff\xe0 not really a jpeg"):
        assert "画像を読み込めません" in refusal.ja
    # A PNG sent as a JPEG is not what it claims to be.
    _every_entry_point("image/jpeg", name_image("PNG"))


def test_a_multi_frame_image_is_refused() -> None:
    out = io.BytesIO()
    frames = [Image.new("L", (50, 50), v) for v in (0, 128, 255)]
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    for refusal in _every_entry_point("image/gif", out.getvalue()):
        assert "複数ページ" in refusal.ja


@pytest.mark.parametrize("mime", ["application/msword", "video/mp4", ""])
def test_an_unsupported_type_is_refused(mime: str) -> None:
    assert not masking.is_supported(mime)
    for refusal in _every_entry_point(mime, b"whatever"):
        assert "マスキングできません" in refusal.ja


def test_supported_types() -> None:
    for mime in ("application/pdf", "image/png", "image/jpeg", "image/tiff", "image/gif", "text/plain",
                 "text/csv; charset=utf-8", "Application/PDF"):
        assert masking.is_supported(mime), mime


@pytest.fixture(scope="module")
def long_scan() -> bytes:
    return scan_pdf(300)


def test_a_300_page_scan_is_inspected(long_scan: bytes) -> None:
    inspection = masking.inspect(PDF, long_scan)
    assert len(inspection.pages) == 300 and not any(inspection.has_text)
    assert masking.propose(PDF, long_scan, PATIENT) == []


def test_a_300_page_scan_is_masked_with_progress(long_scan: bytes) -> None:
    calls: list[tuple[int, int]] = []
    copy = masking.mask_document(PDF, long_scan, boxes=[Box(150, 0.1, 0.1, 0.5, 0.2)],
                                 progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 300) for n in range(1, 301)]
    assert copy.masked_pages == (150,) and copy.box_count == 1
    assert len(PdfReader(io.BytesIO(copy.content)).pages) == 300
    assert len(copy.content) < 2 * len(long_scan) + 200_000


def test_cancelling_midway_returns_nothing(long_scan: bytes) -> None:
    calls: list[tuple[int, int]] = []
    with pytest.raises(MaskingCancelled):
        masking.mask_document(PDF, long_scan, boxes=[Box(0, 0.1, 0.1, 0.5, 0.2)],
                              progress=lambda done, total: calls.append((done, total)),
                              cancelled=lambda: len(calls) >= 100)
    assert calls[-1] == (100, 300)
    with pytest.raises(MaskingCancelled):
        masking.propose(PDF, long_scan, PATIENT, cancelled=lambda: True)


def test_too_many_pages_is_refused() -> None:
    writer = PdfWriter()
    for _ in range(MAX_PDF_PAGES + 1):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(MaskingError) as refused:
        masking.inspect(PDF, out.getvalue())
    assert f"{MAX_PDF_PAGES + 1:,} ページ" in refused.value.ja
