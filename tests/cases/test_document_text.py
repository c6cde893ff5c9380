"""Document text for search: PDFs and plain text are read in memory; anything else is stored."""

from __future__ import annotations

import pytest

from reviewdesk.cases.document_text import extract_text
from reviewdesk.cases.documents import add_document
from reviewdesk.cases.queries import CaseFilter, list_cases
from reviewdesk.demo.files import consent_pdf, photo_png
from tests.cases import flow


def test_pdf_text_layers_are_extracted() -> None:
    text = extract_text("application/pdf", consent_pdf("2026-00001", "レーザー"))
    assert text is not None and "施術同意書" in text and "レーザー" in text


@pytest.mark.parametrize("mime,content", [
    ("application/pdf", b"%PDF-1.7 broken"), ("application/pdf", b"not a pdf at all"),
    ("image/png", photo_png(1)), ("text/plain", b"\xff\xfe\xfa invalid in every encoding\x80"),
])
def test_unreadable_or_textless_files_give_none(mime: str, content: bytes) -> None:
    assert extract_text(mime, content) is None


def test_shift_jis_text_is_read() -> None:
    assert extract_text("text/plain", "診療録".encode("cp932")) == "診療録"


def test_an_added_pdf_is_found_by_its_text(world) -> None:
    case_id = flow.intake(world)
    add_document(world.vault, world["secretary"], case_id, "consent", "同意書.pdf",
                 "application/pdf", consent_pdf("2026-00001", "レーザー"))
    found = list_cases(world.vault, world["secretary"], CaseFilter(search="代替手段"))
    assert [r.id for r in found] == [case_id]
