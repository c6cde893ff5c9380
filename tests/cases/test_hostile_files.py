"""Hostile and huge files: a file over 200 MB is refused from its size before a byte is read,
and a preview is refused, from the page count or the image header, before anything decodes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from reviewdesk.cases import document_checks, masking
from reviewdesk.cases.document_checks import PreviewRefusal, preview_refusal
from reviewdesk.cases.documents import add_document_file
from reviewdesk.demo.files import consent_pdf, photo_png
from reviewdesk.errors import InputError
from reviewdesk.store.models import Document
from tests.cases import flow
from tests.cases.staging import stored_bytes


def _documents(world) -> int:  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return int(session.scalar(sa.select(sa.func.count(Document.id))) or 0)


def test_a_huge_file_is_refused_from_its_size_without_reading(world, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    huge = tmp_path / "scan.pdf"
    with huge.open("wb") as f:
        f.truncate(5 * 2**30)  # sparse: 5 GB on paper, nothing on disk

    def no_reading(*_: object, **__: object) -> None:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr("builtins.open", no_reading)
    with pytest.raises(InputError) as refused:
        add_document_file(world.vault, world["secretary"], case_id, "record", huge, "application/pdf")
    monkeypatch.undo()
    assert refused.value.ja == "scan.pdf は200MBを超えています"
    assert _documents(world) == 0


def test_a_file_within_the_limit_is_stored(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    path = tmp_path / "同意書.txt"
    path.write_bytes("同意書".encode())
    document_id = add_document_file(world.vault, world["secretary"], case_id, "consent", path, "text/plain")
    assert stored_bytes(world.vault, document_id) == "同意書".encode()


@pytest.mark.parametrize("make", ["missing", "folder"])
def test_what_is_not_a_readable_file_is_refused(world, tmp_path: Path, make: str) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    path = tmp_path / "x.txt"
    if make == "folder":
        path.mkdir()
    with pytest.raises(InputError):
        add_document_file(world.vault, world["secretary"], case_id, "consent", path, "text/plain")
    assert _documents(world) == 0


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")  # one bit a pixel: a few kilobytes
    return out.getvalue()


def test_an_image_over_the_pixel_limit_is_refused_from_its_header() -> None:
    assert preview_refusal("x.png", "image/png", _png(12_000, 9_000)) == PreviewRefusal(width=12_000, height=9_000)
    assert preview_refusal("x.png", "image/png", photo_png(1)) is None


def test_an_image_pillow_will_not_even_open_is_refused() -> None:
    assert preview_refusal("x.png", "image/png", _png(20_000, 20_000)) == PreviewRefusal()


def test_a_pdf_over_the_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = consent_pdf("2026-00001", "レーザー")
    pages = document_checks.pdf_page_count(pdf)
    assert pages is not None and pages >= 1
    assert preview_refusal("同意書.pdf", "application/pdf", pdf) is None
    monkeypatch.setattr(masking, "MAX_PDF_PAGES", pages - 1)
    refusal = preview_refusal("同意書.pdf", "application/pdf", pdf)
    assert refusal == PreviewRefusal(pages=pages) and refusal.too_many_pages


@pytest.mark.parametrize("mime,content", [
    ("application/pdf", b"%PDF-1.7 broken"), ("image/png", b"not a png"), ("text/plain", b"x" * 10),
])
def test_what_cannot_be_read_is_left_to_the_viewer(mime: str, content: bytes) -> None:
    assert preview_refusal("x", mime, content) is None
