"""An appeal's case view: the original's documents carried over by reference, its finding and
letters shown read-only (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.cases import archive, review
from reviewdesk.cases.document_masking import apply_masking
from reviewdesk.cases.documents import add_document
from reviewdesk.cases.queries import case_detail
from reviewdesk.ui.case_view.documents import DocumentCol
from reviewdesk.ui.case_view.panel import CaseViewPanel
from tests.cases.flow import TODAY, decide, reviewed, signed_letter

RECORD = "診療録：ヒアルロン酸を鼻根部に注入"


def _appeal(world) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(original, appeal): the original reviewed by derm and lawyer, found not liable, with a
    document and its signed finding letter; derm2 sits on the appeal's panel."""
    v, sec = world.vault, world["secretary"]
    original = reviewed(world)
    doc = add_document(v, sec, original, "record", "カルテ.txt", "text/plain", RECORD.encode())
    apply_masking(v, sec, doc, no_personal_data=True)
    decide(world, original, "not_liable")
    signed_letter(world, original, "finding")
    appeal = archive.register_appeal(v, sec, original, "説明義務の判断に異議", today=TODAY)
    review.assign_reviewer(v, sec, appeal, world["derm2"].user_id, today=TODAY)
    return original, appeal


def _panel(qtbot, ctx, case_id: int) -> CaseViewPanel:  # type: ignore[no-untyped-def]
    panel = CaseViewPanel(ctx, case_id)
    qtbot.addWidget(panel)
    return panel


def _check_documents(panel: CaseViewPanel, original_no: str) -> None:
    docs = panel.documents
    assert docs.model.rowCount() == 1
    assert docs.model.row_at(0).from_case_no == original_no
    assert docs.model.index(0, DocumentCol.ORIGIN).data() == original_no
    assert original_no in docs.model.index(0, DocumentCol.FILENAME).data(Qt.ItemDataRole.ToolTipRole)
    assert not docs.view.isColumnHidden(DocumentCol.ORIGIN)
    docs.view.selectRow(0)  # the original's bytes, read through the appeal
    assert docs.viewer.currentIndex() == 3 and docs.viewer.text_view.toPlainText() == RECORD


def _check_original_finding(panel: CaseViewPanel, original_no: str) -> None:
    tab = panel.findings
    assert "not recorded a finding" in tab.browser.toPlainText()  # the appeal's own: none yet
    assert not tab.original_box.isHidden() and original_no in tab.original_box.title()
    assert "過失あり" in tab.original_browser.toPlainText()
    assert tab.original_browser.isReadOnly()


def test_the_appeal_shows_the_original_documents_finding_and_letters(qtbot, make_ctx, world,
                                                                      prompts) -> None:  # type: ignore[no-untyped-def]
    original, appeal = _appeal(world)
    original_no = case_detail(world.vault, world["secretary"], original).number
    panel = _panel(qtbot, make_ctx("secretary"), appeal)
    _check_documents(panel, original_no)
    # Masked in its own case, never through the appeal that refers to it.
    assert not panel.documents.mask_button.isEnabled()
    assert original_no not in panel.documents.mask_button.toolTip()
    assert "original case" in panel.documents.mask_button.toolTip()
    _check_original_finding(panel, original_no)

    letters = panel.letters
    assert letters is not None and letters.model.rowCount() == 0  # the appeal's own letters
    assert not letters.original_box.isHidden() and original_no in letters.original_box.title()
    assert letters.original_model.rowCount() == 1
    assert letters.original_model.row_at(0).kind == "finding"
    letters.original_view.selectRow(0)
    # Viewed and exported, never corrected from the appeal.
    assert letters.export_button.isEnabled() and not letters.correct_button.isEnabled()
    assert prompts.errors == []


def test_the_appeal_panel_sees_the_original_file_but_no_letters(qtbot, make_ctx, world,
                                                                prompts) -> None:  # type: ignore[no-untyped-def]
    original, appeal = _appeal(world)
    original_no = case_detail(world.vault, world["secretary"], original).number
    panel = _panel(qtbot, make_ctx("derm2"), appeal)  # never assigned to the original
    _check_documents(panel, original_no)
    _check_original_finding(panel, original_no)
    assert panel.letters is None  # reviewers read no letters, the appeal's panel neither
    assert prompts.errors == []


def test_a_case_that_is_no_appeal_has_no_original_sections(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    original, _appeal_id = _appeal(world)
    panel = _panel(qtbot, make_ctx("secretary"), original)
    assert panel.documents.model.row_at(0).from_case_no is None
    assert panel.documents.view.isColumnHidden(DocumentCol.ORIGIN)
    assert panel.findings.original_box.isHidden()
    assert panel.letters is not None and panel.letters.original_box.isHidden()
