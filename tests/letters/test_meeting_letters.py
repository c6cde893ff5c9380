"""Issue 12: the minutes and the finding letter say what the board recorded."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from pypdf import PdfReader

from reviewdesk.cases import meetings
from reviewdesk.errors import RuleViolation
from reviewdesk.letters.inputs import AgendaItem, Attendee, MinutesInput, Recusal, VoteTally
from reviewdesk.letters.issuing import issue_case_letter, issue_minutes, letter_pdf
from reviewdesk.letters.records import build_minutes
from tests.cases import flow

ISSUED = date(2026, 11, 26)


def _text(world, letter_id: int) -> str:  # type: ignore[no-untyped-def]
    _row, pdf = letter_pdf(world.vault, world["secretary"], letter_id)
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")


def test_a_recused_absentee_does_not_reduce_the_voters() -> None:
    people = [Attendee(name, "審査委員") for name in ("甲", "乙", "丙", "丁")]
    item = AgendaItem("2026-00001", "レーザーに関する事案", "liable", VoteTally(4, 0),
                      recusals=[Recusal("戊", "同窓")])  # 戊 was absent
    build_minutes(MinutesInput("M-1", ISSUED, "第12回審査会", date(2026, 11, 25), time(14), time(16),
                               "本部", "甲", 6, 4, people, [Attendee("戊", "審査委員")], [item], "事務局"))


def test_minutes_use_the_recorded_times_chair_and_tally(signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    meeting_id = flow.board_meeting(world)  # 14:00 to 16:30
    case_id = flow.reviewed(world)
    item = meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    meetings.recuse(world.vault, world["secretary"], item, world["derm"].user_id, "同窓である")  # absent
    flow.decide(world, flow.reviewed(world), "not_liable", meeting_id=meeting_id)
    from reviewdesk.cases import findings

    votes = tuple(findings.VoteInput(world[n].user_id, v) for n, v in
                  (("derm2", "for"), ("plastic", "for"), ("chair", "for"), ("lawyer2", "against")))
    findings.record_finding(world.vault, world["chair"], item, findings.FindingInput(
        "liable", negligence_reason="過失あり", causation_reason="因果関係あり", duty_to_explain_reason="十分",
        damage_reason="あり", judgements=flow.JUDGEMENTS, votes=votes), today=flow.HELD_ON)
    text = _text(world, issue_minutes(world.vault, world["secretary"], meeting_id, issued_on=ISSUED))
    assert "14時00分から16時30分まで" in text
    assert "賛成3名、反対1名、棄権0名" in text
    assert "委員長 太郎" in text and "佐藤 恵子" not in text  # the chair in the vault, not the template's
    letter = issue_case_letter(world.vault, world["secretary"], case_id, "finding", issued_on=ISSUED)
    text = _text(world, letter)
    assert "賛成3名・反対1名・棄権0名" in text and "全員一致" not in text
    assert "認めない" in text  # the duty to explain, as recorded


def test_minutes_need_the_meeting_times(signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         flow.HELD_ON, "第13回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in flow.BOARD])
    with pytest.raises(RuleViolation) as exc:
        issue_minutes(world.vault, world["secretary"], meeting_id, issued_on=ISSUED)
    assert exc.value.ja == "会議の開始時刻と終了時刻を記録してから議事録を発行してください"
    meetings.correct_attendance(world.vault, world["secretary"], meeting_id,
                                [world[n].user_id for n in flow.BOARD], "時刻の記録漏れ",
                                starts_at=time(15, 0), ends_at=time(17, 5))
    text = _text(world, issue_minutes(world.vault, world["secretary"], meeting_id, issued_on=ISSUED))
    assert "15時00分から17時05分まで" in text
