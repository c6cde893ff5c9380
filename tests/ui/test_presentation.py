"""Meeting mode: the chair steps through the agenda on a shared screen and records findings."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from reviewdesk.cases import findings, meetings
from reviewdesk.cases.queries import case_detail
from reviewdesk.ui.meeting.panel import MeetingsPanel
from reviewdesk.ui.meeting.presentation import PresentationWindow
from tests.cases.flow import BOARD, reviewed
from tests.ui.finding_form import fill_choices

# The finding dialog records at the wall clock's today and refuses a meeting not yet held,
# so the meetings these tests decide through the widgets are held today (never a fixed date
# next to the wall clock).
HELD_TODAY = date.today()


def _meeting_with_two_cases(world) -> tuple[int, list[int]]:  # type: ignore[no-untyped-def]
    cases = [reviewed(world), reviewed(world, summary="レーザー照射後の熱傷。", procedure="laser")]
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         HELD_TODAY, "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    for case_id in cases:
        meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    return meeting_id, cases


def test_the_chair_presents_the_agenda_and_records_a_finding(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    _meeting_id, cases = _meeting_with_two_cases(world)
    ctx = make_ctx("chair")
    ctx.lang = "ja"
    panel = MeetingsPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.present_button.isEnabled()
    window = panel._on_present_clicked()
    assert isinstance(window, PresentationWindow)
    qtbot.addWidget(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    first = case_detail(world.vault, world["chair"], cases[0]).number
    second = case_detail(world.vault, world["chair"], cases[1]).number
    assert window.title.text().startswith(first) and "1" in window.header.text()
    body = window.body.toPlainText()
    assert "皮膚科 一郎" in body and "弁護 士子" in body  # both submitted opinions, by name
    assert "有責" in body  # their recommendation
    assert not window.previous_button.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.index == 1 and window.title.text().startswith(second)
    assert "熱傷" in window.body.toPlainText()
    assert not window.next_button.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_Right)  # nothing past the last item
    assert window.index == 1

    dialog = window._on_finding_clicked()
    assert dialog is not None
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("not_liable"))
    fill_choices(dialog, judgements={"duty_to_explain": "not_decided", "damage": "not_decided"})
    dialog.reasons["negligence"].setPlainText("手技は当時の医療水準に照らし相当")
    dialog.reasons["causation"].setPlainText("因果関係は認められない")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert [f.outcome for f in findings.list_findings(world.vault, world["chair"], cases[1])] == ["not_liable"]
    assert not window.finding_button.isEnabled()
    assert "無責" in window.body.toPlainText()  # the recorded finding is on the screen

    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.index == 0 and window.finding_button.isEnabled()


def test_the_shared_screen_never_names_the_patient(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    _, cases = _meeting_with_two_cases(world)
    panel = MeetingsPanel(make_ctx("secretary"))
    qtbot.addWidget(panel)
    window = panel._on_present_clicked()
    assert window is not None
    qtbot.addWidget(window)
    assert not window.finding_button.isVisibleTo(window)  # the secretariat does not record
    detail = case_detail(world.vault, world["secretary"], cases[0])
    assert detail.patient == "山田 花子"  # the secretariat may see the name elsewhere...
    body = window.body.toPlainText()
    assert detail.patient_alias in body and "山田" not in body  # ...but not on the shared screen


def test_the_shared_screen_shows_masked_copies_only(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    """Even driven by the secretariat, who reads originals elsewhere, the projected documents
    list and show the masked copies under neutral names, and nothing still waiting."""
    from reviewdesk.cases import document_masking, documents

    _, cases = _meeting_with_two_cases(world)
    sec = world["secretary"]
    released = documents.add_document(world.vault, sec, cases[0], "record", "山田花子_経過.txt",
                                      "text/plain", "経過：山田 花子 様、腫脹あり".encode())
    document_masking.apply_masking(world.vault, sec, released, spans=[document_masking.masking.Span(3, 8)])
    documents.add_document(world.vault, sec, cases[0], "consent", "山田花子_同意書.txt",
                           "text/plain", "同意者：山田 花子".encode())  # waiting for masking
    panel = MeetingsPanel(make_ctx("secretary"))
    qtbot.addWidget(panel)
    window = panel._on_present_clicked()
    assert window is not None
    qtbot.addWidget(window)
    shared = window.documents
    names = [shared.list.item(i).text() for i in range(shared.list.count())]
    assert len(names) == 1 and names[0].startswith("資料1_") and "山田" not in names[0]
    assert "1 documents await masking" in shared.note.text()
    shared.list.setCurrentRow(0)
    shown = shared.viewer.text_view.toPlainText()
    assert shown.startswith("経過：") and "山田" not in shown and "腫脹あり" in shown
    window.show_next()  # the next case has no documents: the case has the whole width
    assert shared.list.count() == 0 and not shared.isVisibleTo(window)


def test_a_recusal_is_recorded_and_lowers_the_items_quorum(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    meeting_id, _cases = _meeting_with_two_cases(world)
    ctx = make_ctx("chair")
    ctx.lang = "ja"
    panel = MeetingsPanel(ctx)
    qtbot.addWidget(panel)
    assert panel.recusal_button.isVisibleTo(panel)
    panel.agenda_view.selectRow(0)
    dialog = panel._on_recusal_clicked()
    assert dialog is not None
    plastic = world["plastic"].user_id
    dialog.member.setCurrentIndex(dialog.member.findData(plastic))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no reason: refused
    assert prompts.errors == ["回避の理由を入力してください"]
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    dialog.reason.setText("被共済者の診療所に勤務歴あり")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    item = meetings.meeting_detail(world.vault, world["chair"], meeting_id).agenda[0]
    assert [(r.user_id, r.reason) for r in item.recusals] == [(plastic, "被共済者の診療所に勤務歴あり")]
    assert item.quorum.present == len(BOARD) - 1


def test_reviewers_and_the_committee_cannot_record_recusals(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    panel = MeetingsPanel(make_ctx("assessor"))
    qtbot.addWidget(panel)
    assert not panel.recusal_button.isVisibleTo(panel)
