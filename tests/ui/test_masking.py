"""The masking view (issue 13): the secretariat masks a document through the widgets, and
reviewers then read the masked copy under its neutral name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reviewdesk.cases import document_masking, documents, masking, review
from reviewdesk.cases.document_terms import MaskingStatus
from reviewdesk.cases.masking import IdentifierKind
from reviewdesk.ui.case_view.documents import DocumentCol
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.masking.dialog import MaskingDialog
from reviewdesk.ui.masking.entries import MANUAL, MaskCol, MaskEntry, MaskListModel
from reviewdesk.ui.masking.text_view import qt_positions
from tests.cases.flow import TODAY, intake
from tests.ui.masking_docs import KANA, NAME, encrypted_pdf, name_pdf, pdf_text

PDF = "application/pdf"


def _case(world) -> int:  # type: ignore[no-untyped-def]
    """A case naming 山田 花子, with derm assigned to review it."""
    case_id = intake(world, patient_name=NAME, patient_kana=KANA)
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id, today=TODAY)
    return case_id


def _add(world, case_id: int, content: bytes, name: str = "山田花子様_同意書.pdf",  # type: ignore[no-untyped-def]
         mime: str = PDF, kind: str = "consent") -> int:
    return documents.add_document(world.vault, world["secretary"], case_id, kind, name, mime, content)


def _panel(qtbot, ctx, case_id: int) -> CaseViewPanel:  # type: ignore[no-untyped-def]
    panel = CaseViewPanel(ctx, case_id)
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    panel.tabs.setCurrentWidget(panel.documents)
    return panel


def _dialog(qtbot, ctx, doc_id: int) -> MaskingDialog:  # type: ignore[no-untyped-def]
    dialog = MaskingDialog(ctx, doc_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _drag(qtbot, widget, start: QPoint, end: QPoint) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(widget, QPoint((start.x() + end.x()) // 2, (start.y() + end.y()) // 2))
    qtbot.mouseMove(widget, end)
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=end)


def test_the_secretariat_masks_a_pdf_and_reviewers_read_the_masked_copy(qtbot, make_ctx, world,
                                                                        prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(world)
    doc_id = _add(world, case_id, name_pdf())
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    docs = panel.documents
    assert docs.model.index(0, DocumentCol.MASKING).data() == "Awaiting masking"
    assert "1 documents await masking" in docs.awaiting_banner.label.text()
    docs.view.selectRow(0)
    assert "Original" in docs.viewer_caption.text()
    assert docs.mask_button.isVisible() and docs.mask_button.isEnabled()
    qtbot.mouseClick(docs.mask_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(MaskingDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.heading.text() == "山田花子様_同意書.pdf"

    # The proposals: the name twice on each of the two pages, checked, drawn on the page.
    entries = dialog.model.entries()
    assert [(e.kind, e.page) for e in entries] == [(IdentifierKind.NAME, p) for p in (0, 0, 1, 1)]
    assert all(e.checked and e.found.replace(" ", "").replace("\u3000", "") == "山田花子"
               for e in entries)
    assert dialog.model.index(0, MaskCol.KIND).data() == "Name"
    assert dialog.pages.page == 0 and dialog.pages.images is not None
    # The page shown is rendered at the zoom that fits the window, once the resizing settles;
    # of the rest only the neighbour, never the whole document up front.
    images = dialog.pages.images
    qtbot.waitUntil(lambda: images.has_exact(0), timeout=3000)
    assert {page for page, _scale in images._images} <= {0, 1}
    # Clicking a proposal on the second page turns to it.
    dialog.list_view.selectRow(2)
    assert dialog.pages.page == 1

    # One more rectangle, drawn with the mouse on the second page.
    canvas = dialog.pages.canvas
    dialog.pages.scroll.verticalScrollBar().setValue(0)
    _drag(qtbot, canvas, QPoint(60, 300), QPoint(300, 360))
    manual = [e for e in dialog.model.entries() if e.manual]
    assert len(manual) == 1 and manual[0].page == 1 and manual[0].boxes[0].page == 1
    box = manual[0].boxes[0]
    assert 0 < box.left < box.right < 1 and 0 < box.top < box.bottom < 1
    assert dialog.model.index(4, MaskCol.KIND).data() == "Manual"
    assert dialog.dirty

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert not dialog.isVisible()

    # Through the services: derm reads the masked copy under its neutral name, without the name.
    reviewer = documents.case_documents(world.vault, world["derm"], case_id)
    neutral = documents.neutral_name(1, "consent", PDF)
    assert [r.filename for r in reviewer.rows] == [neutral] and reviewer.awaiting_masking == 0
    copy = documents.document_content(world.vault, world["derm"], doc_id)
    assert not copy.original and copy.name == neutral
    text = pdf_text(copy.content)  # (a page with masks is burned to pixels: no text is left)
    assert copy.content.startswith(b"%PDF") and "山田" not in text and "花子" not in text
    [record] = document_masking.masking_history(world.vault, world["secretary"], doc_id)
    assert record.status == MaskingStatus.MASKED and record.box_count >= 5 and record.pages == (1, 2)
    # The tab followed the change: the row is masked now.
    assert docs.model.index(0, DocumentCol.MASKING).data() == "Masked"
    assert docs.awaiting_banner.isHidden()

    # Reopened for a correction, the masks of that masking come back (as proposals again,
    # and the drawn one as a manual mask), not twice.
    again = panel.open_masking(doc_id)
    kinds = [e.kind for e in again.model.entries()]
    assert kinds.count(IdentifierKind.NAME) == 4 and kinds.count(MANUAL) == 1
    again.close_button.click()
    assert not again.isVisible()  # nothing changed: closes without asking
    assert prompts.asked == []


def test_a_document_without_personal_data_is_released_as_such(qtbot, make_ctx, world,
                                                               prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(world)
    doc_id = _add(world, case_id, "経過メモ：特記事項なし".encode(), "経過メモ.txt", "text/plain",
                  kind="record")
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    view = panel.documents.view
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter on a row awaiting masking opens it
    dialog = panel.findChild(MaskingDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.stack.currentWidget().findChild(type(dialog.text_view)) is dialog.text_view
    assert dialog.text_view.toPlainText() == "経過メモ：特記事項なし"
    assert dialog.model.rowCount() == 0
    assert "No identifier" in dialog.search_label.text()

    prompts.confirm_answers.append(False)  # thought better of it: nothing happens
    qtbot.mouseClick(dialog.no_personal_data_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert documents.case_documents(world.vault, world["derm"], case_id).rows == ()
    prompts.confirm_answers.append(True)
    qtbot.mouseClick(dialog.no_personal_data_button, Qt.MouseButton.LeftButton)
    assert prompts.asked == ["No personal data", "No personal data"]
    assert not dialog.isVisible() and prompts.errors == []
    [row] = documents.case_documents(world.vault, world["derm"], case_id).rows
    assert row.masking == MaskingStatus.NO_PERSONAL_DATA
    assert documents.document_content(world.vault, world["derm"], doc_id).content.decode() == \
        "経過メモ：特記事項なし"
    assert panel.documents.model.index(0, DocumentCol.MASKING).data() == "No personal data"


def test_text_spans_are_selected_in_characters_of_the_decoded_text(qtbot, make_ctx, world,
                                                                    prompts) -> None:  # type: ignore[no-untyped-def]
    # A character outside the BMP (two UTF-16 units) and Windows line ends (one break in Qt)
    # come before the span selected by hand: the span must still cover exactly 𠮷野町.
    text = f"患者：{NAME}\r\n連絡先：𠮷田方\r\n住所：𠮷野町1-2\r\n経過：良好"
    case_id = _case(world)
    doc_id = _add(world, case_id, text.encode(), "メモ.txt", "text/plain", kind="record")
    dialog = _dialog(qtbot, make_ctx("secretary"), doc_id)
    [name] = [e for e in dialog.model.entries() if e.kind == IdentifierKind.NAME]
    assert name.span is not None and text[name.span.start:name.span.end] == NAME
    view = dialog.text_view
    start = text.index("𠮷野町")
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt(start))
    cursor.setPosition(view.to_qt(start + 3), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    assert cursor.selectedText() == "𠮷野町"
    assert dialog.mask_selection_button.isEnabled()
    qtbot.mouseClick(dialog.mask_selection_button, Qt.MouseButton.LeftButton)
    [manual] = [e for e in dialog.model.entries() if e.manual]
    assert manual.span == masking.Span(start, start + 3) and manual.found == "𠮷野町"
    assert len(view.extraSelections()) == 2  # both spans highlighted
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == [] and not dialog.isVisible()
    copy = documents.document_content(world.vault, world["derm"], doc_id).content.decode()
    assert "山田" not in copy and "𠮷野町" not in copy and "𠮷田方" in copy and "経過：良好" in copy


def test_qt_positions_follow_utf16_and_paragraph_breaks() -> None:
    assert qt_positions("a\r\nb") == [0, 1, 1, 2, 3]
    assert qt_positions("𠮷x") == [0, 2, 3]
    assert qt_positions("") == [0]


def test_reviewers_see_how_many_wait_and_acknowledge_a_correction(qtbot, make_ctx, world,
                                                                   prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(world)
    sec = world["secretary"]
    released = _add(world, case_id, "経過：良好".encode(), "経過.txt", "text/plain", kind="record")
    document_masking.apply_masking(world.vault, sec, released, no_personal_data=True)
    _add(world, case_id, name_pdf())  # still waiting
    panel = _panel(qtbot, make_ctx("derm"), case_id)
    docs = panel.documents
    assert not docs.mask_button.isVisible()
    assert docs.model.rowCount() == 1
    assert docs.model.row_at(0).filename == "資料1_診療録.txt"  # its neutral name
    assert docs.view.isColumnHidden(DocumentCol.MASKING)  # reviewers see no status
    assert not docs.awaiting_banner.isHidden()
    assert docs.awaiting_banner.label.text() == "1 documents await masking (they are shown once masked)"
    assert docs.changed_banner.isHidden()
    docs.view.selectRow(0)
    assert docs.viewer_caption.text().startswith("Masked copy")

    # The secretariat corrects the released document: derm is told, on the same screen.
    document_masking.apply_masking(world.vault, sec, released, spans=[masking.Span(0, 2)])
    assert not docs.changed_banner.isHidden()
    assert docs.changed_banner.label.text() == "The masking of some documents was corrected"
    assert not docs.view.isColumnHidden(DocumentCol.MASKING)
    assert docs.model.index(0, DocumentCol.MASKING).data() == "Masking corrected"
    assert docs.model.index(0, DocumentCol.FILENAME).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert docs.viewer.text_view.toPlainText() != "経過：良好"  # the corrected copy is shown
    qtbot.mouseClick(docs.acknowledge_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert docs.changed_banner.isHidden()
    assert documents.case_documents(world.vault, world["derm"], case_id).changed == 0
    assert docs.view.isColumnHidden(DocumentCol.MASKING)


def test_the_masking_view_works_from_the_keyboard(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(world)
    doc_id = _add(world, case_id, name_pdf(pages=3))
    dialog = _dialog(qtbot, make_ctx("secretary"), doc_id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)

    # Tab reaches every control, the page and the list of masks included.
    dialog.pages.previous_button.setFocus()
    seen = []
    for _ in range(30):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for widget in (dialog.pages.page_spin, dialog.pages.zoom_in_button, dialog.pages.canvas,
                   dialog.list_view, dialog.check_all_button, dialog.no_personal_data_button,
                   dialog.apply_button, dialog.close_button):
        assert widget in seen, widget.objectName()

    # PageDown and PageUp turn pages, wherever the focus is.
    dialog.list_view.setFocus()
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_PageDown)
    assert dialog.pages.page == 1
    qtbot.keyClick(dialog.pages.canvas, Qt.Key.Key_PageDown)
    qtbot.keyClick(dialog.pages.canvas, Qt.Key.Key_PageDown)  # no page past the last
    assert dialog.pages.page == 2
    qtbot.keyClick(dialog.pages.canvas, Qt.Key.Key_PageUp)
    assert dialog.pages.page == 1
    # Ctrl+= and Ctrl+- zoom.
    zoom = dialog.pages.zoom
    qtbot.keyClick(dialog.pages.canvas, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.zoom > zoom
    qtbot.keyClick(dialog.pages.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.pages.canvas, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.zoom < zoom

    # Space unchecks the current proposal; Enter in the list masks nothing.
    dialog.list_view.setFocus()
    dialog.list_view.setCurrentIndex(dialog.model.index(0, MaskCol.KIND))
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Space)
    assert not dialog.model.entries()[0].checked and dialog.dirty
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert document_masking.masking_history(world.vault, world["secretary"], doc_id) == []

    # Delete removes a selected manual mask (a selected proposal is only unchecked).
    entry = dialog.model.add_manual_box(masking.Box(1, 0.1, 0.1, 0.3, 0.2))
    dialog.list_view.selectRow(dialog.model.row_of(entry.key))
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Delete)
    assert dialog.model.row_of(entry.key) == -1

    # Escape with changes asks first.
    prompts.confirm_answers.append(False)
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Escape)
    assert dialog.isVisible() and prompts.asked == ["Discard the masks?"]
    prompts.confirm_answers.append(True)
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_masking_error_is_shown_and_the_dialog_stays(qtbot, make_ctx, world, prompts,
                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(world)
    # An encrypted PDF cannot be opened for masking: said once, the dialog can still be closed.
    locked = _add(world, case_id, encrypted_pdf(), "暗号化.pdf")
    dialog = _dialog(qtbot, make_ctx("secretary"), locked)
    assert len(prompts.errors) == 1 and "encrypt" in prompts.errors[0].lower()
    assert dialog.isVisible() and not dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    # A masking that fails half-way writes nothing and leaves the masks as they were.
    doc_id = _add(world, case_id, name_pdf(pages=1))
    dialog = _dialog(qtbot, make_ctx("secretary"), doc_id)
    before = dialog.model.entries()

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise masking.MaskingError("image too large", ja="画像が大きすぎます")

    monkeypatch.setattr(masking, "mask_document", refuse)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert prompts.errors[-1] == "image too large"
    assert dialog.isVisible() and dialog.apply_button.isEnabled()
    assert dialog.model.entries() == before
    assert document_masking.masking_history(world.vault, world["secretary"], doc_id) == []
    assert documents.case_documents(world.vault, world["derm"], case_id).rows == ()
    assert "nothing was changed" in dialog.status.text()


def test_carried_over_documents_are_masked_in_their_own_case(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.case_view.documents import DocumentsPanel

    panel = DocumentsPanel("en", True, sees_originals=True, can_mask=True)
    qtbot.addWidget(panel)
    case_id = _case(world)
    _add(world, case_id, name_pdf(pages=1))
    listing = documents.case_documents(world.vault, world["secretary"], case_id)
    from dataclasses import replace

    carried = replace(listing.rows[0], from_case_no="2026-0001")
    panel.set_documents(replace(listing, rows=(carried,)))
    requested: list[int] = []
    panel.mask_requested.connect(requested.append)
    panel.view.selectRow(0)
    assert not panel.mask_button.isEnabled() and "original case" in panel.mask_button.toolTip()
    panel._on_row_activated(panel.model.index(0, 0))
    assert requested == []


def test_the_mask_list_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MaskListModel("en")
    model.add(MaskEntry("proposal:a", IdentifierKind.NAME, 0, NAME, (masking.Box(0, 0.1, 0.1, 0.2, 0.2),)))
    model.add_manual_box(masking.Box(1, 0.3, 0.3, 0.4, 0.4))
    model.add_manual_span(masking.Span(3, 5), "花子")
    qtmodeltester.check(model)
    assert model.index(1, MaskCol.FOUND).data() == "(rectangle)"
    assert model.index(0, MaskCol.KIND).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.setData(model.index(0, MaskCol.KIND), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert model.checked_boxes() == [masking.Box(1, 0.3, 0.3, 0.4, 0.4)]
    assert model.checked_spans() == [masking.Span(3, 5)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_kind_labels_in_both_languages(lang: str) -> None:
    from reviewdesk.ui.masking.entries import kind_text

    assert kind_text(IdentifierKind.NAME, lang) == ("氏名" if lang == "ja" else "Name")


def test_registration_records_what_masking_looks_for(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from PySide6.QtCore import QDate

    from reviewdesk.ui.dialogs.register_case import RegisterCaseDialog

    dialog = RegisterCaseDialog(make_ctx("secretary"), today=date(2026, 5, 1))
    qtbot.addWidget(dialog)
    dialog.incident_date.setDate(QDate(2026, 2, 10))
    dialog.claim_date.setDate(QDate(2026, 3, 5))
    dialog.received_on.setDate(QDate(2026, 3, 10))
    dialog.patient_name.setText(NAME)
    dialog.patient_address.setText("東京都港区南青山1-2-3")
    dialog.patient_phone.setText("03-1234-5678")
    dialog.patient_insurance_no.setText("  ")  # blank: not recorded
    dialog.clinic_patient_id.setText("P-000123")
    dialog.summary_edit.setPlainText("注入後の腫脹についての申出。")
    with qtbot.waitSignal(dialog.case_registered) as signal:
        qtbot.mouseClick(dialog.register_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    doc_id = _add(world, signal.args[0], "電話 03-1234-5678 に連絡。患者番号 P-000123".encode(),
                  "メモ.txt", "text/plain", kind="record")
    identity = document_masking.masking_source(world.vault, world["secretary"], doc_id).identity
    assert (identity.address, identity.phone, identity.insurance_no, identity.clinic_patient_id) == \
        ("東京都港区南青山1-2-3", "03-1234-5678", None, "P-000123")
    found = _dialog(qtbot, make_ctx("secretary"), doc_id).model.entries()
    assert {e.kind for e in found} == {IdentifierKind.PHONE, IdentifierKind.CLINIC_PATIENT_ID}


def test_the_masking_reports_progress_and_can_be_cancelled(qtbot, make_ctx, world, prompts,
                                                           monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    case_id = _case(world)
    doc_id = _add(world, case_id, name_pdf(pages=2))
    dialog = _dialog(qtbot, make_ctx("secretary"), doc_id)
    seen: list[tuple[int, int, bool]] = []

    def slow_mask(*_args, progress=None, cancelled=None, **_kwargs):  # type: ignore[no-untyped-def]
        # The first page is done; the user then presses Cancel in the progress dialog.
        progress(1, 2)
        shown = dialog.progress_dialog
        assert shown is not None and not dialog.apply_button.isEnabled()
        seen.append((shown.value(), shown.maximum(), cancelled()))
        shown.findChild(QPushButton).click()
        seen.append((shown.value(), shown.maximum(), cancelled()))
        if cancelled():
            raise masking.MaskingCancelled()
        raise AssertionError("the cancel did not reach the masking")

    monkeypatch.setattr(masking, "mask_document", slow_mask)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert seen[0] == (1, 2, False)  # the progress reached the dialog
    assert seen[1][2] is True  # and its Cancel reached the masking
    assert prompts.errors == []  # a cancel is no error
    assert dialog.isVisible() and dialog.apply_button.isEnabled() and dialog.progress_dialog is None
    assert dialog.status.text() == "Cancelled: nothing was changed."
    assert document_masking.masking_history(world.vault, world["secretary"], doc_id) == []


def test_pages_are_rendered_when_shown_and_ctrl_wheel_zooms(qtbot, make_ctx, world,
                                                            monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    case_id = _case(world)
    doc_id = _add(world, case_id, name_pdf(pages=40))
    rendered: list[int] = []
    real = masking.render_page

    def counting(mime, content, page, *, scale=1.0):  # type: ignore[no-untyped-def]
        rendered.append(page)
        return real(mime, content, page, scale=scale)

    monkeypatch.setattr(masking, "render_page", counting)
    dialog = _dialog(qtbot, make_ctx("secretary"), doc_id)
    assert dialog.pages.page_count_value == 40
    assert set(rendered) <= {0, 1}  # the page shown and the next, not forty
    dialog.pages.show_page(20)
    assert set(rendered) <= {0, 1, 19, 20, 21}

    viewport = dialog.pages.scroll.viewport()
    zoom = dialog.pages.zoom
    centre = QPointF(viewport.width() / 2, viewport.height() / 2)

    def wheel(delta: int, modifiers: Qt.KeyboardModifier) -> None:
        event = QWheelEvent(centre, viewport.mapToGlobal(centre), QPoint(0, 0), QPoint(0, delta),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(viewport, event)

    wheel(120, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.zoom > zoom
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    wheel(-120, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.zoom < zoom
    smaller = dialog.pages.zoom
    wheel(-120, Qt.KeyboardModifier.NoModifier)  # a plain wheel scrolls, it does not zoom
    assert dialog.pages.zoom == smaller
    qtbot.mouseClick(dialog.pages.fit_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.zoom > smaller


def test_a_masking_another_desk_saved_first_is_refused_and_its_masks_join_the_list(qtbot, make_ctx, world,  # type: ignore[no-untyped-def]
                                                                                  prompts) -> None:
    text = f"患者：{NAME}\n住所：東京都千代田区\n経過：良好"
    case_id = _case(world)
    doc_id = _add(world, case_id, text.encode(), "メモ.txt", "text/plain", kind="record")
    dialog = _dialog(qtbot, make_ctx("secretary"), doc_id)
    address = masking.Span(text.index("東京都"), text.index("東京都") + 8)
    # Another desk masks the address while this one still has the view open.
    document_masking.apply_masking(world.vault, world["secretary"], doc_id, spans=[address])
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1 and dialog.isVisible()  # refused, nothing lost
    assert "他の利用者が先に更新しました" in prompts.errors[0] or "another user saved first" in prompts.errors[0]
    spans = {e.span for e in dialog.model.entries() if e.checked}
    assert address in spans and any(text[s.start:s.end] == NAME for s in spans if s is not None)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)  # now on the latest
    assert len(prompts.errors) == 1 and not dialog.isVisible()
    copy = documents.document_content(world.vault, world["derm"], doc_id).content.decode()
    assert "山田" not in copy and "千代田" not in copy and "経過：良好" in copy
    assert [m.revision for m in document_masking.masking_history(world.vault, world["secretary"], doc_id)] == [1, 2]
