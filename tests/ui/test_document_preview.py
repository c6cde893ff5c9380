"""The documents tab shows a PDF page by page from the preview's child process, rendering the
pages in view (and their neighbours) as the reader scrolls; a file over the bounds gets its
message and, for readers of originals only, a button that saves it."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from reviewdesk.cases import document_masking, documents
from reviewdesk.store.models import AuditEvent
from reviewdesk.ui.case_view.panel import CaseViewPanel
from tests.ui.conftest import register
from tests.ui.masking_docs import name_pdf

PAGES = 12


def _panel(qtbot, ctx, case_id: int) -> CaseViewPanel:  # type: ignore[no-untyped-def]
    panel = CaseViewPanel(ctx, case_id)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    panel.tabs.setCurrentWidget(panel.documents)
    return panel


def test_pages_render_lazily_as_the_reader_scrolls(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    documents.add_document(world.vault, world["secretary"], case_id, "record", "chart.pdf",
                           "application/pdf", name_pdf(pages=PAGES))
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    panel.documents.view.selectRow(0)
    viewer = panel.documents.viewer
    pages = viewer.pdf_pages
    assert pages is not None and viewer.currentIndex() == 1
    assert pages.page_count == PAGES
    first = pages.rendered_pages()
    assert 0 in first and len(first) < PAGES  # the pages in view and a neighbour, not all
    assert not viewer.save_button.isVisibleTo(panel)  # nothing refused: nothing to save
    bar = pages.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the scroll area takes the pages' height
    bar.setValue(bar.maximum())
    later = pages.rendered_pages()
    assert PAGES - 1 in later and len(later) < PAGES
    before = pages.zoom
    qtbot.mouseClick(pages.zoom_in_button, Qt.MouseButton.LeftButton)
    assert pages.zoom > before
    pages.release()


def test_an_over_bounds_file_can_be_saved_by_the_secretariat_only(qtbot, make_ctx, world, prompts,  # type: ignore[no-untyped-def]
                                                                 tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = register(world)
    content = name_pdf(pages=3)
    doc_id = documents.add_document(world.vault, world["secretary"], case_id, "record", "scan.pdf",
                                    "application/pdf", content)
    document_masking.apply_masking(world.vault, world["secretary"], doc_id, no_personal_data=True)
    monkeypatch.setattr("reviewdesk.cases.masking.MAX_PDF_PAGES", 2)  # 3 pages are over the bounds
    secretary = _panel(qtbot, make_ctx("secretary"), case_id)
    secretary.documents.view.selectRow(0)
    viewer = secretary.documents.viewer
    assert viewer.currentIndex() == 0 and "too many pages" in viewer.message.text()
    assert viewer.save_button.isVisibleTo(secretary)
    prompts.path_answers.append([tmp_path / "saved.pdf"])
    qtbot.mouseClick(viewer.save_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    saved = tmp_path / "saved.pdf"
    assert saved.read_bytes() == content and saved.stat().st_mode & 0o777 == 0o600
    with world.vault.reading() as session:
        last = session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
    assert last == "document.export"

    # A reader of masked copies is told the same, with nothing to save.
    from reviewdesk.cases.document_checks import PreviewRefusal
    from reviewdesk.ui.document_viewer import DocumentViewer

    for username, offered in (("derm", False), ("chair", True)):
        other = DocumentViewer(ctx=make_ctx(username))
        qtbot.addWidget(other)
        other.show_document("資料1_診療録.pdf", "application/pdf", content, PreviewRefusal(pages=3),
                            document_id=doc_id)
        assert other.currentIndex() == 0 and other.save_button.isVisibleTo(other) is offered
