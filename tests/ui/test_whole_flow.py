"""Issue 12, "Done means": the whole life of a case, from the demo, through the real widgets.

Each step is taken by the demo user whose role takes it, logged in with the demo password, in
the screen that user has: the secretariat registers the claim with a document and assigns three
reviewers; the reviewers write opinions that disagree; the secretariat adds a fourth; a meeting
is held with one member absent and another recused; the chair records the finding with a
judgement per element and the vote; one member of the committee computes the assessment and
another approves it; the secretariat issues the finding and assessment letters and the minutes,
marks the case notified, closes it and registers the member's appeal.

Every letter issued is verified against the vault's trusted roots, and its text is checked for
the recorded tally and the dates as letters print them (era dates). The widgets take their dates
from the wall clock (date.today()), so the meeting is held today and every expected date is
derived from that same today, never fixed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QWidget

from reviewdesk.auth.users import authenticate
from reviewdesk.cases import assessing, findings
from reviewdesk.cases.outcomes import element_label, judgement_label
from reviewdesk.cases.queries import case_detail
from reviewdesk.demo.generator import generate_demo
from reviewdesk.demo.people import DEMO_PASSWORD
from reviewdesk.letters.content import format_yen
from reviewdesk.letters.era import clock, seireki, wareki, weekday
from reviewdesk.letters.issuing import case_letters, letter_pdf
from reviewdesk.letters.signer import trusted_roots
from reviewdesk.letters.verify import verify_pdf
from reviewdesk.store import models as m
from reviewdesk.store.vault import Vault
from reviewdesk.ui.case_view.panel import CaseViewPanel
from reviewdesk.ui.context import AppContext, UiSettings
from reviewdesk.ui.main_window import MainWindow
from reviewdesk.ui.meeting.finding_dialog import FindingDialog
from reviewdesk.ui.meeting.panel import MeetingsPanel
from reviewdesk.ui.meeting.recusal_dialog import RecusalDialog
from reviewdesk.ui.tasks import InlineTaskRunner
from tests.support.builders import PASSPHRASE_ENV
from tests.support.templates import as_in_a_test, copy_vault
from tests.ui.conftest import FakePrompts

LEFT = Qt.MouseButton.LeftButton
MEMBER_ID = 3  # a demo member no reviewer works for (derm2 and plastic2 are tied to 1 and 2)
MEETING_TITLE = "第99回審査会"
STARTS, ENDS = time(13, 30), time(15, 10)
ABSENT, RECUSED, AGAINST = "plastic2", "lawyer2", "plastic1"
RECUSAL_REASON = "請求者の代理人と同じ法律事務所に所属"
DISSENT = "過失は認められず、無責とすべき"
JUDGEMENTS = {"negligence": "accepted", "causation": "accepted", "duty_to_explain": "rejected",
              "damage": "accepted"}
REASONS = {"negligence": "照射出力の設定が肌質に比して過大であった",
           "causation": "熱傷は照射直後に生じており施術に起因する",
           "duty_to_explain": "色素沈着の危険は同意書で説明されていた",
           "damage": "色素沈着が残存している"}


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo vault (its users, members, a dozen cases, a few signed letters), built once
    and closed; each test opens its own copy."""
    path = tmp_path_factory.mktemp("demo") / "demo.rdvault"
    with as_in_a_test():
        vault = Vault.create(path, env=PASSPHRASE_ENV)
        try:
            generate_demo(vault, 12, letters=4)
        finally:
            vault.close()
    return path


@pytest.fixture
def vault(demo_vault: Path, tmp_path: Path) -> Iterator[Vault]:
    opened = Vault.open(copy_vault(demo_vault, tmp_path / "vault"), env=PASSPHRASE_ENV)
    try:
        yield opened
    finally:
        opened.close()


class Seats:
    """One desktop per demo user, logged in with the demo password, in Japanese."""

    def __init__(self, qtbot, vault: Vault, prompts: FakePrompts, folder: Path) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.vault, self.prompts, self.folder = qtbot, vault, prompts, folder
        self.actors = {}
        self.windows: dict[str, MainWindow] = {}

    def actor(self, username: str):  # type: ignore[no-untyped-def]
        if username not in self.actors:
            self.actors[username] = authenticate(self.vault, username, DEMO_PASSWORD)
        return self.actors[username]

    def window(self, username: str) -> MainWindow:
        if username not in self.windows:
            ctx = AppContext(self.vault, self.actor(username), InlineTaskRunner(), self.prompts,
                             UiSettings(self.folder / f"{username}.ini"), "ja")
            window = MainWindow(ctx, idle_ms=3_600_000)
            self.qtbot.addWidget(window)
            window.resize(1280, 800)
            window.show()
            self.windows[username] = window
        return self.windows[username]

    def uid(self, username: str) -> int:
        return int(self.actor(username).user_id)


def _pdf_bytes(title: str) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawString(72, 720, title)
    c.showPage()
    c.save()
    return out.getvalue()


def _click(qtbot, button: QWidget) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, LEFT)


def _choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, (combo.objectName(), data)
    combo.setCurrentIndex(index)


def _child(parent: QWidget, cls: type) -> QWidget:
    found = [w for w in parent.findChildren(cls) if w.isVisible()]
    assert len(found) == 1, (cls.__name__, found)
    return found[0]


def _text(pdf: bytes) -> str:
    """The letter's text with the layout's spaces and line breaks removed."""
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", "", text)


def _verified_text(vault: Vault, actor, letter_id: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    row, pdf = letter_pdf(vault, actor, letter_id)
    result = verify_pdf(pdf, trusted_roots(vault))
    assert result.ok, (row.letter_no, result.code, result.reason)
    assert result.intact and result.trusted
    return row.letter_no, _text(pdf)


# The steps ----------------------------------------------------------------------------------


def _register(seats: Seats, today: date, tmp_path: Path) -> CaseViewPanel:
    """The secretariat's intake: the register dialog, then a document on the new case's tab."""
    qtbot, prompts = seats.qtbot, seats.prompts
    window = seats.window("secretariat1")
    dialog = window.show_register_dialog()
    assert dialog is not None
    _choose(dialog.member_combo, MEMBER_ID)
    assert dialog.contract_combo.count() == 1  # this year's contract covers a claim made today
    dialog.patient_name.setText("森 早紀")
    dialog.patient_kana.setText("モリ サキ")
    dialog.birth_known.setChecked(True)
    dialog.birth_date.setDate(QDate(today.year - 34, 4, 12))
    _choose(dialog.sex_combo, "female")
    _choose(dialog.procedure_combo, "laser")
    incident = max(today - timedelta(days=20), date(today.year, 1, 1))
    dialog.incident_date.setDate(QDate(incident.year, incident.month, incident.day))
    _choose(dialog.outcome_combo, "injury")
    dialog.demand_edit.setText("治療費及び慰謝料の支払い")
    dialog.demand_amount.setValue(1_500_000)
    dialog.summary_edit.setPlainText("レーザー照射後に頬部の熱傷と色素沈着が生じたとの申出。")
    _click(qtbot, dialog.register_button)
    assert prompts.errors == []
    panel = window.workspace.currentWidget()
    assert isinstance(panel, CaseViewPanel) and panel.detail is not None
    detail = panel.detail
    assert (detail.state, detail.coverage_covered) == ("coverage_check", True)  # 受理審査: covered
    assert detail.received_on == today and detail.specialty == "dermatology"

    consent = tmp_path / "consent.pdf"
    consent.write_bytes(_pdf_bytes("Informed consent: laser toning"))
    note = tmp_path / "経過メモ.txt"
    note.write_text("照射翌日に頬部の発赤と水疱を認めた", encoding="utf-8")
    panel.tabs.setCurrentWidget(panel.documents)
    _choose(panel.documents.kind_combo, "consent")
    prompts.path_answers.append([consent, note])
    _click(qtbot, panel.documents.add_button)
    assert prompts.errors == []
    assert [panel.documents.model.row_at(i).filename
            for i in range(panel.documents.model.rowCount())] == ["consent.pdf", "経過メモ.txt"]
    return panel


def _assign(seats: Seats, panel: CaseViewPanel, *usernames: str) -> None:
    tab = panel.opinions
    for name in usernames:
        _choose(tab.reviewer_combo, seats.uid(name))
        _click(seats.qtbot, tab.assign_button)
    assert seats.prompts.errors == []


def _write_opinion(seats: Seats, username: str, case_id: int, answers: dict[str, str],
                   recommended: str) -> None:
    """The reviewer opens the case from their assignments and submits the opinion form."""
    qtbot, prompts = seats.qtbot, seats.prompts
    window = seats.window(username)
    assignments = window.assignments
    assert assignments is not None
    ids = [assignments.model.row_at(i).case_id for i in range(assignments.model.rowCount())]
    assert case_id in ids, username
    view = assignments.view
    index = assignments.model.index(ids.index(case_id), 0)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # opens the assignment's case (activated)
    panel = window.workspace.currentWidget()
    assert isinstance(panel, CaseViewPanel) and panel.case_id == case_id
    panel.tabs.setCurrentWidget(panel.opinions)
    form = panel.opinions.form
    assert form.isEnabled()
    for element, answer in answers.items():
        _choose(form.answers[element], answer)
        form.rationales[element].setPlainText(f"{username}の判断：{REASONS[element]}"
                                              if answer == "yes" else f"{username}の判断：認められない")
    _choose(form.recommended, recommended)
    if recommended == "partly_liable":
        form.share.setText("0.6")
    prompts.confirm_answers.append(True)
    _click(qtbot, form.submit_button)
    assert prompts.errors == []
    assert not form.submit_button.isEnabled()  # submitted: never edited in place


def _meeting(seats: Seats, today: date, case_no: str) -> MeetingsPanel:
    """The secretariat schedules today's meeting, takes attendance and sets the agenda."""
    qtbot, prompts = seats.qtbot, seats.prompts
    panel = seats.window("secretariat1").show_meetings()
    assert panel is not None
    assert panel.new_date.date() == QDate(today.year, today.month, today.day)
    panel.new_title.setText(MEETING_TITLE)
    panel.new_location.setText("本部第一会議室")
    panel.new_start.setTime(QTime(STARTS.hour, STARTS.minute))
    panel.new_end.setTime(QTime(ENDS.hour, ENDS.minute))
    _click(qtbot, panel.create_button)
    assert prompts.errors == []
    assert panel.detail is not None and panel.detail.meeting.title == MEETING_TITLE
    absent = seats.uid(ABSENT)
    assert panel.attendance.count() == 8  # the board: seven reviewers and the chair
    for i in range(panel.attendance.count()):
        item = panel.attendance.item(i)
        present = item.data(Qt.ItemDataRole.UserRole) != absent
        item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
    _click(qtbot, panel.attendance_button)
    assert prompts.errors == []
    meeting = panel.detail.meeting
    assert (meeting.present, meeting.committee_size, meeting.quorum_met) == (7, 8, True)
    assert (meeting.starts_at, meeting.ends_at) == (STARTS, ENDS)

    qtbot.keyClicks(panel.case_no_edit, case_no)
    _click(qtbot, panel.add_button)
    assert prompts.errors == []
    assert [r.case_no for r in panel.detail.agenda] == [case_no]
    assert panel.detail.agenda[0].recusals == ()  # nobody on the board works for the member

    panel.agenda_view.selectRow(0)
    _click(qtbot, panel.recusal_button)
    dialog = _child(panel, RecusalDialog)
    assert isinstance(dialog, RecusalDialog)
    assert dialog.member.findData(absent) == -1  # only members present may recuse
    _choose(dialog.member, seats.uid(RECUSED))
    dialog.reason.setText(RECUSAL_REASON)
    _click(qtbot, dialog.ok_button)
    assert prompts.errors == []
    (recusal,) = panel.detail.agenda[0].recusals
    assert (recusal.user_id, recusal.reason) == (seats.uid(RECUSED), RECUSAL_REASON)
    return panel


def _finding(seats: Seats, case_id: int) -> None:
    """The chair, on their own seat, records the finding on the agenda item with the vote."""
    qtbot, prompts = seats.qtbot, seats.prompts
    panel = seats.window("chair1").show_meetings()
    assert panel is not None
    titles = [panel.meeting_model.row_at(i).title for i in range(panel.meeting_model.rowCount())]
    panel.meeting_view.selectRow(titles.index(MEETING_TITLE))
    assert panel.detail is not None and panel.detail.meeting.title == MEETING_TITLE
    assert not panel.new_box.isVisible() and panel.finding_button.isVisible()  # the chair schedules nothing
    panel.agenda_view.selectRow(0)
    _click(qtbot, panel.finding_button)
    dialog = _child(panel, FindingDialog)
    assert isinstance(dialog, FindingDialog)
    voters = {v.user_id for v in dialog.voters}
    assert seats.uid(ABSENT) not in voters and seats.uid(RECUSED) not in voters and len(voters) == 6
    _choose(dialog.outcome, "partly_liable")
    dialog.share.setText("0.7")
    for element, judgement in JUDGEMENTS.items():
        _choose(dialog.judgements[element], judgement)
        dialog.reasons[element].setPlainText(REASONS[element])
    dialog.summary.setPlainText("査読意見は過失の有無で分かれたが、照射条件の記録から過失を認めた。")
    for uid, combo in dialog.votes.items():
        _choose(combo, "against" if uid == seats.uid(AGAINST) else "for")
    dialog.dissents[seats.uid(AGAINST)].setText(DISSENT)
    _click(qtbot, dialog.record_button)
    assert prompts.errors == []
    (finding,) = findings.list_findings(seats.vault, seats.actor("chair1"), case_id)
    assert finding.outcome == "partly_liable" and finding.judgements == JUDGEMENTS


def _assess(seats: Seats, case_id: int) -> int:
    """assess1 computes on the assessment tab; assess2 approves (four eyes). Returns the payout."""
    qtbot, prompts = seats.qtbot, seats.prompts
    first = seats.window("assess1").open_case(case_id)
    tab = first.assessment
    assert tab is not None and tab.editing
    first.tabs.setCurrentWidget(tab)
    form = tab.form
    form.victim_age.setValue(34)
    form.yen["annual_income"].setValue(3_600_000)
    form.yen["treatment_costs"].setValue(420_000)
    form.yen["hospital_outpatient_consolation"].setValue(380_000)
    form.patient_fault.setText("1割")
    tab.recompute()
    qtbot.waitUntil(tab.save_button.isEnabled, timeout=3000)
    _click(qtbot, tab.save_button)
    assert prompts.errors == []
    assert tab.versions.rowCount() == 1 and not tab.approve_button.isEnabled()

    second = seats.window("assess2").open_case(case_id)
    tab2 = second.assessment
    assert tab2 is not None
    second.tabs.setCurrentWidget(tab2)
    prompts.confirm_answers.append(True)
    _click(qtbot, tab2.approve_button)
    assert prompts.errors == []
    (row,) = assessing.list_assessments(seats.vault, seats.actor("assess2"), case_id)
    assert row.status == "approved" and row.approved_by is not None
    assert second.detail is not None and second.detail.state == "decided"
    return int(row.payout_total)


def _issue_letters(seats: Seats, panel: CaseViewPanel) -> None:
    qtbot, prompts = seats.qtbot, seats.prompts
    letters = panel.letters
    assert letters is not None
    panel.tabs.setCurrentWidget(letters)
    for kind in ("finding", "assessment"):
        _choose(letters.kind_combo, kind)
        prompts.confirm_answers.append(True)
        _click(qtbot, letters.issue_button)
        assert prompts.errors == []
        _click(qtbot, letters.verify_button)  # the newly issued letter is selected
        assert letters.verdict.text() and prompts.errors == []
    assert [letters.model.row_at(i).kind for i in range(letters.model.rowCount())] == [
        "finding", "assessment"]


def _issue_minutes(seats: Seats, meeting_id: int) -> int:
    qtbot, prompts = seats.qtbot, seats.prompts
    panel = seats.window("secretariat1").show_meetings()
    assert panel is not None and panel.detail is not None
    assert panel.detail.meeting.id == meeting_id
    prompts.confirm_answers.append(True)
    _click(qtbot, panel.minutes_button)
    assert prompts.errors == [] and len(prompts.infos) == 1
    with seats.vault.reading() as session:
        return int(session.scalar(sa.select(m.Letter.id).where(
            m.Letter.meeting_id == meeting_id, m.Letter.kind == "minutes")))


# The flow -----------------------------------------------------------------------------------


def test_the_whole_flow_from_the_demo_as_the_real_roles(qtbot, vault, tmp_path) -> None:  # type: ignore[no-untyped-def]
    today = date.today()  # what the widgets and services take when they are given no date
    prompts = FakePrompts()
    seats = Seats(qtbot, vault, prompts, tmp_path)
    secretariat = seats.actor("secretariat1")

    # 受付 and 受理審査: intake with a document; the coverage check runs on registration.
    case_view = _register(seats, today, tmp_path)
    case_id = case_view.case_id
    case_no = case_view.detail.number

    # 査読: three reviewers from the opinions tab; physicians disagree on negligence.
    case_view.tabs.setCurrentWidget(case_view.opinions)
    _assign(seats, case_view, "derm1", "plastic1", "lawyer1")
    assert case_view.detail.state == "peer_review"
    yes = dict.fromkeys(JUDGEMENTS, "yes") | {"duty_to_explain": "no"}
    _write_opinion(seats, "derm1", case_id, yes, "partly_liable")
    _write_opinion(seats, "plastic1", case_id, yes | {"negligence": "no"}, "not_liable")
    _write_opinion(seats, "lawyer1", case_id, yes, "liable")
    assert case_detail(vault, secretariat, case_id).disagreement
    attention = seats.window("secretariat1").attention
    assert attention is not None
    flagged = [attention.flagged.row_at(i) for i in range(attention.flagged.rowCount())]
    assert [(r.case_id, r.elements) for r in flagged if r.case_id == case_id] == [
        (case_id, ("negligence",))]
    # The secretariat adds a reviewer, who writes a fourth opinion.
    _assign(seats, case_view, "anest1")
    _write_opinion(seats, "anest1", case_id, yes, "partly_liable")
    assert case_view.opinions.opinions.rowCount() == 4

    # 審査会: today's meeting, one member absent, one recused; the chair records the finding.
    meetings_panel = _meeting(seats, today, case_no)
    meeting_id = meetings_panel.detail.meeting.id
    assert case_view.detail.state == "board_review"
    _finding(seats, case_id)
    assert case_view.detail.state == "assessment"  # the open tab followed the change

    # 査定: computed by one member, approved by another.
    payout = _assess(seats, case_id)
    assert case_view.detail.state == "decided" and case_view.detail.payout_total == payout
    (assessment,) = assessing.list_assessments(vault, secretariat, case_id)

    # 通知書: the finding and assessment letters, then the minutes.
    assert seats.window("secretariat1").open_case(case_id) is case_view  # back to its tab
    _issue_letters(seats, case_view)
    minutes_id = _issue_minutes(seats, meeting_id)

    # 通知済, 完結, and the member's appeal (再審査の申立て).
    assert seats.window("secretariat1").open_case(case_id) is case_view
    case_view.tabs.setCurrentWidget(case_view.overview)
    _click(qtbot, case_view.overview.buttons["notify"])
    assert prompts.errors == [] and case_view.detail.state == "notified"
    prompts.confirm_answers.append(True)
    _click(qtbot, case_view.overview.buttons["close"])
    assert prompts.errors == [] and case_view.detail.state == "closed"
    assert case_view.detail.closed_on == today
    prompts.text_answers.append("過失の認定及び負担割合に異議がある")
    _click(qtbot, case_view.overview.buttons["appeal"])
    assert prompts.errors == []
    appeal_view = seats.window("secretariat1").workspace.currentWidget()
    assert isinstance(appeal_view, CaseViewPanel) and appeal_view.case_id != case_id
    assert appeal_view.detail is not None and appeal_view.detail.appeal_of == case_no
    assert appeal_view.detail.received_on == today

    # Every letter: verified against the vault's roots, its text as recorded.
    rows = {r.kind: r for r in case_letters(vault, secretariat, case_id)}
    assert set(rows) == {"finding", "assessment"} and all(r.issued_on == today for r in rows.values())
    for_votes, against = 5, 1
    finding_no, finding_text = _verified_text(vault, secretariat, rows["finding"].id)
    assert f"賛成{for_votes}名・反対{against}名・棄権0名" in finding_text
    assert "全員一致" not in finding_text
    assert "一部有責（被共済者の負担割合70％）" in finding_text
    assert f"{wareki(today)}開催の当会審査会" in finding_text  # the meeting, held today
    assert f"{wareki(today)}付けでご報告" in finding_text  # the report, received today
    assert wareki(today) + f"（{seireki(today)}）" in finding_text  # the issue date
    assert finding_no in finding_text and case_no in finding_text
    # The table of reasons: each element, the board's judgement on it, its reason, in a row.
    for element, judgement in JUDGEMENTS.items():
        row = element_label(element) + judgement_label(judgement) + REASONS[element]
        assert row in finding_text, row

    assessment_no, assessment_text = _verified_text(vault, secretariat, rows["assessment"].id)
    assert assessment_no != finding_no and assessment_no in assessment_text
    # It cites the finding letter by its own number and issue date, and the day of approval.
    assert f"{wareki(rows['finding'].issued_on)}付け{finding_no}により" in assessment_text
    assert case_detail(vault, secretariat, case_id).decided_on == today
    assert f"{wareki(today)}開催の当会査定委員会" in assessment_text
    assert format_yen(payout) in assessment_text and format_yen(assessment.liability) in assessment_text

    minutes_no, minutes_text = _verified_text(vault, secretariat, minutes_id)
    assert minutes_no in minutes_text and MEETING_TITLE + "議事録" in minutes_text
    assert (f"{wareki(today)}（{weekday(today)}）{clock(STARTS)}から{clock(ENDS)}まで"
            in minutes_text)
    assert f"議長は{clock(ENDS)}に閉会を宣した" in minutes_text
    assert "委員総数8名のうち7名が出席し" in minutes_text
    absent_name = seats.actor(ABSENT).display_name.replace(" ", "")
    assert re.search("欠席" + re.escape(absent_name), minutes_text), "the absent member"
    recused_name = seats.actor(RECUSED).display_name.replace(" ", "")
    assert f"{recused_name}委員は、利益相反（{RECUSAL_REASON}）のため" in minutes_text
    assert f"賛成{for_votes}名、反対{against}名、棄権0名により、本件を「一部有責」" in minutes_text
    against_name = seats.actor(AGAINST).display_name.replace(" ", "")
    assert f"反対意見（{against_name}委員）：{DISSENT}" in minutes_text
    assert f"事案番号{case_no}" in minutes_text
