"""The case view: overview with coverage reasons, documents from bytes, history, case actions."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from reviewdesk.cases.history import case_history
from reviewdesk.cases.queries import case_detail
from reviewdesk.errors import NotFound
from reviewdesk.store.changes import ChangeKind
from reviewdesk.ui.case_view.documents import DocumentTableModel, DocumentViewer
from reviewdesk.ui.case_view.history import HistoryTableModel
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.tasks import QtTaskRunner
from tests.ui.conftest import register


def _png_bytes() -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#cc8844"))
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(100, 700, "consent form")
    c.showPage()
    c.save()
    return out.getvalue()


def _panel(qtbot, ctx, case_id: int) -> CaseViewPanel:  # type: ignore[no-untyped-def]
    panel = CaseViewPanel(ctx, case_id)
    qtbot.addWidget(panel)
    return panel


def test_overview_shows_intake_and_coverage_reasons(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    # The claim precedes the contract's period (2026): not covered, with its reason.
    case_id = register(world, 0, incident_date=date(2025, 5, 1), claim_date=date(2025, 6, 1))
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    assert panel.detail is not None and panel.detail.coverage_covered is False
    verdict = panel.overview.findChild(type(panel.heading), "coverageVerdict")
    reasons = panel.overview.findChild(type(panel.heading), "coverageReasons")
    assert verdict.text() == "Not covered"
    assert "Claim already made before enrolment" in reasons.text()
    assert panel.detail.number in panel.heading.text()


def test_secretariat_adds_documents_and_views_them_from_bytes(qtbot, make_ctx, world, prompts,
                                                              tmp_path) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    (tmp_path / "photo.png").write_bytes(_png_bytes())
    (tmp_path / "consent.pdf").write_bytes(_pdf_bytes())
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    panel.documents.kind_combo.setCurrentIndex(panel.documents.kind_combo.findData("photo"))
    prompts.path_answers.append([tmp_path / "photo.png", tmp_path / "consent.pdf"])
    qtbot.mouseClick(panel.documents.add_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    model = panel.documents.model
    assert [model.row_at(i).filename for i in range(model.rowCount())] == ["photo.png", "consent.pdf"]
    assert model.row_at(1).mime_type == "application/pdf"

    viewer = panel.documents.viewer
    panel.documents.view.selectRow(0)
    assert viewer.currentIndex() == 2 and not viewer.image_label.pixmap().isNull()
    assert viewer.image_label.pixmap().width() == 40
    panel.documents.view.selectRow(1)
    assert viewer.currentIndex() == 1
    # Rendered in the preview's child process, never by QtPdf in this one.
    assert viewer.pdf_document is None and viewer.pdf_pages is not None
    assert viewer.pdf_pages.page_count == 1 and viewer.pdf_pages.rendered_pages() == [0]
    # The history tab shows the additions.
    actions = [panel.history.model.index(r, 2).data() for r in range(panel.history.model.rowCount())]
    assert actions.count("Document added") == 2


def test_an_image_bomb_is_refused_before_it_is_decoded(qtbot, make_ctx, world, prompts,
                                                      tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    case_id = register(world)
    Image.new("1", (12_000, 9_000)).save(tmp_path / "bomb.png")  # 108 MP in a few kilobytes
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    prompts.path_answers.append([tmp_path / "bomb.png"])
    qtbot.mouseClick(panel.documents.add_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    viewer = panel.documents.viewer
    panel.documents.view.selectRow(0)
    assert viewer.currentIndex() == 0 and viewer.image_label.pixmap().isNull()
    assert viewer.message.text() == ("This image is too large to display (12,000×9,000 pixels; "
                                      "the limit is 60,000,000).")


def test_viewer_refuses_garbage_without_failing(qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = DocumentViewer()
    qtbot.addWidget(viewer)
    assert not viewer.show_document("broken.pdf", "application/pdf", b"%PDF-not really")
    assert viewer.currentIndex() == 0
    assert viewer.show_document("note.txt", "text/plain", "経過メモ".encode())
    assert viewer.text_view.toPlainText() == "経過メモ"
    assert not viewer.show_document("a.bin", "application/octet-stream", b"\x00\x01")


def test_withdraw_asks_for_a_reason_and_refreshes(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    ctx = make_ctx("secretary")
    seen: list[object] = []
    ctx.events.changes_applied.connect(seen.append)
    panel = _panel(qtbot, ctx, case_id)
    prompts.text_answers.append(None)  # cancelled: nothing happens
    qtbot.mouseClick(panel.overview.withdraw_button, Qt.MouseButton.LeftButton)
    assert case_detail(world.vault, world["secretary"], case_id).state == "coverage_check"
    prompts.text_answers.append("請求者が申出を取り下げた")
    qtbot.mouseClick(panel.overview.withdraw_button, Qt.MouseButton.LeftButton)
    assert panel.detail.state == "withdrawn"
    [changes] = seen  # one commit, announced by the vault itself, not by the widget
    assert changes.touches_case(case_id) and changes.touches(ChangeKind.CASES)


def test_history_is_limited_to_visible_cases(world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    rows = case_history(world.vault, world["auditor"], case_id)
    assert [r.action for r in rows] == ["case.register", "case.coverage_check"]
    assert "patient" not in str(rows[0].detail)
    with pytest.raises(NotFound):
        case_history(world.vault, world["derm"], case_id)


def test_tab_models_pass_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    history = HistoryTableModel("ja")
    history.set_rows(case_history(world.vault, world["secretary"], case_id))
    qtmodeltester.check(history)
    from reviewdesk.cases.documents import add_document, case_documents

    add_document(world.vault, world["secretary"], case_id, "record", "a.txt", "text/plain", b"x")
    documents = DocumentTableModel("ja")
    documents.show_status(True)
    documents.set_rows(case_documents(world.vault, world["secretary"], case_id).rows)
    qtmodeltester.check(documents)
    assert documents.index(0, 1).data() == "診療録"


def test_qt_task_runner_delivers_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = QtTaskRunner()
    worker_threads: list[object] = []
    delivered: list[tuple[object, object]] = []

    def job() -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    gui = QApplication.instance().thread()
    runner.submit(job, lambda r: delivered.append((r, QThread.currentThread())),
                  lambda e: delivered.append((e, None)))
    qtbot.waitUntil(lambda: bool(delivered), timeout=3000)
    assert delivered[0] == (42, gui)
    assert worker_threads[0] is not gui

    def broken() -> None:
        raise ValueError("boom")

    errors: list[BaseException] = []
    runner.submit(broken, lambda r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=3000)
    assert isinstance(errors[0], ValueError)


def test_added_text_documents_are_searchable(qtbot, make_ctx, world, prompts, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.cases.queries import CaseFilter, count_cases

    case_id = register(world)
    note = tmp_path / "経過メモ.txt"
    note.write_text("術後三日目に発赤と腫脹を認めた", encoding="utf-8")
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    prompts.path_answers.append([note])
    qtbot.mouseClick(panel.documents.add_button, Qt.MouseButton.LeftButton)
    assert count_cases(world.vault, world["secretary"], CaseFilter(search="発赤と腫脹")) == 1


def test_an_escaping_exception_becomes_a_plain_dialog(prompts) -> None:  # type: ignore[no-untyped-def]
    import sys

    from reviewdesk.errors import RuleViolation
    from reviewdesk.ui.app import install_error_dialog

    previous = sys.excepthook
    try:
        install_error_dialog(prompts, "ja")
        try:
            raise RuleViolation("english", ja="日本語の説明")
        except RuleViolation as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        try:
            raise KeyError("患者 山田")
        except KeyError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    assert prompts.errors[0] == "日本語の説明"
    assert "山田" not in prompts.errors[1] and "KeyError" in prompts.errors[1]


def test_stored_utc_times_are_shown_in_local_time(monkeypatch) -> None:
    import time
    from datetime import datetime

    from reviewdesk.ui import formatting as fmt

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        assert fmt.moment(datetime(2026, 11, 21, 21, 5)) == "2026/11/22 06:05"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_dropping_files_adds_them(qtbot, make_ctx, world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    case_id = register(world)
    photo = tmp_path / "写真.png"
    photo.write_bytes(_png_bytes())
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    docs = panel.documents
    docs.kind_combo.setCurrentIndex(docs.kind_combo.findData("photo"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    docs.dropEvent(event)
    assert docs.model.rowCount() == 1
    row = docs.model.row_at(0)
    assert (row.filename, row.kind, row.mime_type) == ("写真.png", "photo", "image/png")


def test_decided_case_is_notified_closed_reopened_and_appealed(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.letters.issuing import issue_case_letter
    from reviewdesk.letters.pki import make_demo_pki
    from reviewdesk.letters.signer import import_signer
    from tests.cases.flow import decide, reviewed

    pki = make_demo_pki()
    import_signer(world.vault, world["secretary"], pki.signer_p12, pki.password.decode())
    case_id = reviewed(world)
    decide(world, case_id, "not_liable")
    ctx = make_ctx("secretary")
    opened: list[int] = []
    panel = _panel(qtbot, ctx, case_id)
    panel.case_requested.connect(opened.append)
    visible = lambda: {n for n, b in panel.overview.buttons.items() if b.isVisibleTo(panel)}  # noqa: E731
    # The service's own guard: a decided finding may be appealed before the notice is sent.
    assert visible() == {"notify", "appeal"}

    ctx.lang = "ja"
    qtbot.mouseClick(panel.overview.buttons["notify"], Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1 and panel.detail.state == "decided"  # no signed letter yet
    issue_case_letter(world.vault, world["secretary"], case_id, "finding")
    qtbot.mouseClick(panel.overview.buttons["notify"], Qt.MouseButton.LeftButton)
    assert panel.detail.state == "notified" and visible() == {"close", "appeal"}

    prompts.confirm_answers.append(True)
    qtbot.mouseClick(panel.overview.buttons["close"], Qt.MouseButton.LeftButton)
    assert panel.detail.state == "closed" and panel.detail.retention_until is not None
    assert visible() == {"reopen", "appeal"}

    prompts.text_answers.append("新たな資料が提出された")
    qtbot.mouseClick(panel.overview.buttons["reopen"], Qt.MouseButton.LeftButton)
    assert panel.detail.state == "notified"

    prompts.text_answers.append("過失の認定に異議がある")
    qtbot.mouseClick(panel.overview.buttons["appeal"], Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1
    assert len(opened) == 1
    assert case_detail(world.vault, world["secretary"], opened[0]).appeal_of == panel.detail.number
