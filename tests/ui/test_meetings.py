"""The meetings screen: scheduling, attendance, agenda, the chair's finding with votes, minutes."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import Qt, QTime

from reviewdesk.cases import findings, meetings
from reviewdesk.cases.queries import case_detail
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.meeting.finding_dialog import FindingDialog
from reviewdesk.ui.meeting.models import AgendaCol, AgendaTableModel, MeetingTableModel
from reviewdesk.ui.meeting.panel import MeetingsPanel
from reviewdesk.ui.meeting.recusal_dialog import WithdrawRecusalDialog
from tests.cases.flow import BOARD, HELD_ON, board_meeting, decide, reviewed
from tests.ui.finding_form import fill_choices

# The finding dialog records at the wall clock's today and refuses a meeting not yet held,
# so the meetings these tests decide through the widgets are held today (never a fixed date
# next to the wall clock).
HELD_TODAY = date.today()


def _panel(qtbot, ctx) -> MeetingsPanel:  # type: ignore[no-untyped-def]
    panel = MeetingsPanel(ctx)
    qtbot.addWidget(panel)
    return panel


def test_secretariat_schedules_takes_attendance_and_sets_the_agenda(qtbot, make_ctx, world,
                                                                    prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    number = case_detail(world.vault, world["secretary"], case_id).number
    panel = _panel(qtbot, make_ctx("secretary"))
    assert panel.meeting_model.rowCount() == 0
    panel.new_title.setText("第12回審査会")
    panel.new_location.setText("本部会議室")
    panel.new_start.setTime(QTime(13, 30))
    panel.new_end.setTime(QTime(15, 45))
    qtbot.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert panel.meeting_model.rowCount() == 1 and panel.detail is not None
    assert (panel.detail.meeting.starts_at, panel.detail.meeting.ends_at) == (time(13, 30), time(15, 45))
    assert panel.start_time.time() == QTime(13, 30)  # shown again when the meeting opens
    assert not panel.finding_button.isVisibleTo(panel)  # only the chair records findings

    # Before attendance is taken the committee is listed, nobody ticked.
    names = [panel.attendance.item(i).text() for i in range(panel.attendance.count())]
    assert "委員長 太郎" in names and "事務局 花子" not in names
    wanted = {world[n].user_id for n in BOARD}
    for i in range(panel.attendance.count()):
        item = panel.attendance.item(i)
        if item.data(Qt.ItemDataRole.UserRole) in wanted:
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(panel.attendance_button, Qt.MouseButton.LeftButton)
    assert panel.detail.meeting.present == len(BOARD) and panel.detail.meeting.quorum_met

    panel.case_no_edit.setText(number)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert panel.agenda_model.rowCount() == 1
    assert panel.agenda_model.row_at(0).case_no == number
    assert case_detail(world.vault, world["secretary"], case_id).state == "board_review"
    panel.case_no_edit.setText("2099-99999")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == ["no case 2099-99999"]


def test_chair_records_the_finding_with_the_vote(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         HELD_TODAY, "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)

    window = MainWindow(make_ctx("chair"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    panel = window.show_meetings()
    assert panel is not None and window.workspace.currentWidget() is panel
    assert panel.finding_button.isVisibleTo(panel) and not panel.new_box.isVisibleTo(panel)
    panel.agenda_view.selectRow(0)
    dialog = panel._on_finding_clicked()
    assert isinstance(dialog, FindingDialog)
    assert {v.name for v in dialog.voters} == {world[n].display_name for n in BOARD}

    # Nothing is preselected: no vote, no judgement.
    assert all(c.currentData() is None for c in (*dialog.votes.values(), *dialog.judgements.values()))
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("partly_liable"))
    fill_choices(dialog, judgement="not_decided", judgements={"negligence": "accepted",
                                                              "causation": "accepted"})
    dialog.share.setText("0.7")
    dialog.reasons["negligence"].setPlainText("注入層の選択に過失がある")
    dialog.reasons["causation"].setPlainText("壊死は塞栓による")
    against = world["plastic"].user_id
    dialog.votes[against].setCurrentIndex(dialog.votes[against].findData("against"))
    dialog.dissents[against].setText("無責とすべき")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    (finding,) = findings.list_findings(world.vault, world["chair"], case_id)
    assert finding.outcome == "partly_liable" and str(finding.insured_share) == "0.7"
    assert [v.dissent for v in finding.dissents] == ["無責とすべき"]
    assert case_detail(world.vault, world["chair"], case_id).state == "assessment"
    assert panel.agenda_model.row_at(0).decided  # refreshed through changes_applied
    assert finding.judgements == {"negligence": "accepted", "causation": "accepted",
                                  "duty_to_explain": "not_decided", "damage": "not_decided"}
    # The agenda says what was found, not merely that something was.
    assert (panel.agenda_model.index(0, AgendaCol.DECIDED).data()
            == fmt.finding_text("partly_liable", panel._ctx.lang))


def test_an_open_case_tab_follows_a_finding_recorded_in_the_meetings_screen(
        qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         HELD_TODAY, "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    window = MainWindow(make_ctx("chair"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    tab = window.open_case(case_id)
    assert tab.detail is not None and tab.detail.state == "board_review"
    assert "not recorded a finding" in tab.findings.browser.toPlainText()

    panel = window.show_meetings()
    assert panel is not None
    panel.agenda_view.selectRow(0)
    dialog = panel._on_finding_clicked()
    assert isinstance(dialog, FindingDialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("not_liable"))
    fill_choices(dialog, judgement="not_decided", judgements={"negligence": "rejected"})
    dialog.reasons["negligence"].setPlainText("過失は認められない")
    dialog.reasons["causation"].setPlainText("因果関係は判断を要しない")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    # Nobody reloaded the case tab: the committed change reached it through changes_applied.
    assert tab.detail.state == "decided" and tab.detail.outcome == "not_liable"
    assert "過失は認められない" in tab.findings.browser.toPlainText()
    assert "認めない" in tab.findings.browser.toPlainText() or "Not accepted" in tab.findings.browser.toPlainText()


def test_a_finding_without_reasons_is_refused_plainly(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         HELD_TODAY, "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    ctx = make_ctx("chair")
    ctx.lang = "ja"
    panel = _panel(qtbot, ctx)
    panel.agenda_view.selectRow(0)
    dialog = panel._on_finding_clicked()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == ["過失についての判断を選んでください"]
    assert dialog.isVisible() and dialog.record_button.isEnabled()
    fill_choices(dialog, judgement="not_decided")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert prompts.errors[-1] == "過失についての理由を入力してください"
    dialog.reasons["negligence"].setPlainText("過失あり")
    dialog.reasons["causation"].setPlainText("因果関係あり")
    # One member's vote left unchosen: refused, naming the member, nothing assumed.
    plastic = world["plastic"].user_id
    dialog.votes[plastic].setCurrentIndex(0)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert prompts.errors[-1] == "投票が記録されていない委員がいます：形成 三郎"
    assert findings.list_findings(world.vault, world["chair"], case_id) == []
    dialog.close()


def test_mistaken_attendance_and_recusal_are_corrected_from_the_panel(
        qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    meeting_id = board_meeting(world)
    case_id = reviewed(world)
    item = meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    meetings.recuse(world.vault, world["secretary"], item, world["derm2"].user_id, "取り違え")
    decide(world, reviewed(world), "not_liable", meeting_id=meeting_id)
    panel = MeetingsPanel(make_ctx("secretary"), today=HELD_ON)
    qtbot.addWidget(panel)
    assert panel.detail is not None and panel.correct_attendance_button.isEnabled()
    panel.agenda_view.selectRow(0)
    dialog = panel._on_withdraw_recusal_clicked()
    assert isinstance(dialog, WithdrawRecusalDialog)
    dialog.reason.setText("別の委員と取り違えた")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert panel.agenda_model.row_at(0).recusals == ()

    derm = world["derm"].user_id
    for i in range(panel.attendance.count()):
        entry = panel.attendance.item(i)
        if entry.data(Qt.ItemDataRole.UserRole) == derm:
            entry.setCheckState(Qt.CheckState.Checked)
    panel.end_time.setTime(QTime(17, 10))
    prompts.text_answers.append("出席の記録漏れ")
    qtbot.mouseClick(panel.correct_attendance_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert panel.detail.meeting.present == len(BOARD) + 1
    assert panel.detail.meeting.ends_at == time(17, 10)


def test_reviewers_have_no_meetings_screen(qtbot, make_ctx) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(make_ctx("derm"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    assert "meetings" not in window.actions and window.show_meetings() is None


def test_meeting_models_pass_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         date(2026, 11, 25), "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD])
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    model = MeetingTableModel("ja")
    model.set_rows(meetings.list_meetings(world.vault, world["secretary"]))
    qtmodeltester.check(model)
    agenda = AgendaTableModel("ja")
    agenda.set_rows(list(meetings.meeting_detail(world.vault, world["secretary"], meeting_id).agenda))
    qtmodeltester.check(agenda)
    assert agenda.index(0, 3).data() == "審査会"


def test_a_closed_meetings_tab_no_longer_listens(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    import sys

    import shiboken6

    meetings.create_meeting(world.vault, world["secretary"], "review_board", date(2026, 11, 25),
                            "第12回審査会")
    ctx = make_ctx("secretary")
    window = MainWindow(ctx, idle_ms=3_600_000)
    qtbot.addWidget(window)
    panel = window.show_meetings()
    assert panel.detail is not None
    window._on_workspace_tab_close_requested(window.workspace.indexOf(panel))
    qtbot.waitUntil(lambda: not shiboken6.isValid(panel), timeout=2000)  # deleteLater ran
    errors: list[BaseException] = []
    previous = sys.excepthook
    sys.excepthook = lambda t, e, tb: errors.append(e)
    try:
        ctx.events.changes_applied.emit(Changes(frozenset({1}), frozenset(ChangeKind)))
    finally:
        sys.excepthook = previous
    assert errors == [] and prompts.errors == []
