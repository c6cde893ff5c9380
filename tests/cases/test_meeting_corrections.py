"""Issue 12: recusals and attendance correctable until the minutes, judgements, votes, held meetings."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from reviewdesk.cases import findings, meetings
from reviewdesk.cases.findings import FindingInput, VoteInput
from reviewdesk.cases.outcomes import Judgement, judgement_label
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.letters import gather
from reviewdesk.store.models import AuditEvent, Finding, Letter, Recusal
from tests.cases.flow import BOARD, HELD_ON, JUDGEMENTS, TODAY, board_meeting, decide, reviewed


def _data(world, votes=None, **kw) -> FindingInput:  # type: ignore[no-untyped-def]
    kw.setdefault("judgements", JUDGEMENTS)
    return FindingInput("liable", negligence_reason="過失あり", causation_reason="因果関係あり",
                        duty_to_explain_reason="説明は十分", damage_reason="瘢痕が残存",
                        votes=votes if votes is not None else tuple(
                            VoteInput(world[n].user_id, "for") for n in BOARD), **kw)


def _item(world, meeting_id: int | None = None) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    meeting_id = meeting_id or board_meeting(world)
    return meeting_id, meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, reviewed(world))


def _minutes_letter(world, meeting_id: int) -> None:  # type: ignore[no-untyped-def]
    with world.vault.begin_write() as s:
        s.add(Letter(letter_no="L-MIN", kind="minutes", meeting_id=meeting_id, issued_on=TODAY,
                     pdf=b"%PDF", sha256="0" * 64, signed=True, created_by=world["secretary"].user_id))


def _actions(world, target: str) -> list[str]:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return list(s.scalars(sa.select(AuditEvent.action).where(AuditEvent.entity == target)
                              .order_by(AuditEvent.id)).all())


def test_a_recusal_entered_by_mistake_is_withdrawn_with_a_reason(world) -> None:  # type: ignore[no-untyped-def]
    meeting_id, item = _item(world)
    plastic = world["plastic"].user_id
    meetings.recuse(world.vault, world["secretary"], item, plastic, "同窓である")
    with pytest.raises(InputError, match="reason"):
        meetings.withdraw_recusal(world.vault, world["secretary"], item, plastic, " ")
    meetings.withdraw_recusal(world.vault, world["secretary"], item, plastic, "別人と取り違えた")
    with world.vault.reading() as s:
        assert s.scalar(sa.select(sa.func.count(Recusal.id))) == 0
        event = s.scalars(sa.select(AuditEvent).where(AuditEvent.action == "meeting.recusal_withdraw")).one()
        assert "別人と取り違えた" in str(event.detail) and "同窓である" in str(event.detail)
    with pytest.raises(NotFound):
        meetings.withdraw_recusal(world.vault, world["secretary"], item, plastic, "再度")
    # Once the minutes are issued the record stands.
    meetings.recuse(world.vault, world["secretary"], item, plastic, "同窓である")
    _minutes_letter(world, meeting_id)
    with pytest.raises(RuleViolation) as exc:
        meetings.withdraw_recusal(world.vault, world["secretary"], item, plastic, "誤り")
    assert exc.value.ja == "この会議の議事録は発行済みのため、出欠や回避は訂正できません"


def test_attendance_is_corrected_with_a_reason_after_the_finding(world) -> None:  # type: ignore[no-untyped-def]
    meeting_id, item = _item(world)
    findings.record_finding(world.vault, world["chair"], item, _data(world), today=HELD_ON)
    derm, plastic = world["derm"].user_id, world["plastic"].user_id
    board = [world[n].user_id for n in BOARD]
    with pytest.raises(RuleViolation, match="correct it with a reason"):
        meetings.record_attendance(world.vault, world["secretary"], meeting_id, [*board, derm])
    with pytest.raises(InputError, match="reason"):
        meetings.correct_attendance(world.vault, world["secretary"], meeting_id, [*board, derm], "")
    meetings.correct_attendance(world.vault, world["secretary"], meeting_id, [*board, derm],
                                "出席の記録漏れ")
    detail = meetings.meeting_detail(world.vault, world["secretary"], meeting_id)
    assert detail.meeting.present == 5
    # A member who voted was there: marking them absent is refused, saying why.
    with pytest.raises(RuleViolation) as exc:
        meetings.correct_attendance(world.vault, world["secretary"], meeting_id,
                                    [u for u in board if u != plastic], "誤り")
    assert exc.value.ja == "形成 三郎 はこの会議の審査結果に投票しているため、欠席に訂正できません"
    assert "meeting.attendance_correct" in _actions(world, "meeting")
    _minutes_letter(world, meeting_id)
    with pytest.raises(RuleViolation, match="minutes"):
        meetings.correct_attendance(world.vault, world["secretary"], meeting_id, board, "誤り")


def test_a_recused_member_who_was_also_absent_counts_once(world) -> None:  # type: ignore[no-untyped-def]
    meeting_id, item = _item(world)
    meetings.recuse(world.vault, world["secretary"], item, world["derm"].user_id, "同窓である")  # absent
    [row] = meetings.meeting_detail(world.vault, world["secretary"], meeting_id).agenda
    assert (row.quorum.present, row.quorum.needed) == (4, 4)
    findings.record_finding(world.vault, world["chair"], item, _data(world), today=HELD_ON)
    [minutes] = findings.meeting_minutes(world.vault, world["secretary"], meeting_id).items
    assert (minutes.in_favour, minutes.quorum.present) == (4, 4)


def test_no_recusal_after_the_member_voted(world) -> None:  # type: ignore[no-untyped-def]
    _meeting, item = _item(world)
    findings.record_finding(world.vault, world["chair"], item, _data(world), today=HELD_ON)
    with pytest.raises(RuleViolation) as exc:
        meetings.recuse(world.vault, world["secretary"], item, world["plastic"].user_id, "同窓")
    assert exc.value.ja == "形成 三郎 はこの議題の審査結果にすでに投票しているため、後から回避を記録できません"
    # A member who did not vote (absent) may still be recorded as recused.
    meetings.recuse(world.vault, world["secretary"], item, world["derm"].user_id, "同窓")


def test_a_meeting_still_to_come_records_no_finding(world) -> None:  # type: ignore[no-untyped-def]
    _meeting, item = _item(world)
    with pytest.raises(RuleViolation) as exc:
        findings.record_finding(world.vault, world["chair"], item, _data(world), today=date(2026, 11, 24))
    assert exc.value.ja == "この会議（2026年11月25日）はまだ開催されていないため、審査結果を記録できません"
    assert findings.record_finding(world.vault, world["chair"], item, _data(world), today=HELD_ON)


def test_every_present_member_votes_no_vote_is_assumed(world) -> None:  # type: ignore[no-untyped-def]
    _meeting, item = _item(world)
    three = tuple(VoteInput(world[n].user_id, "for") for n in ("derm2", "plastic", "chair"))
    with pytest.raises(RuleViolation) as exc:
        findings.record_finding(world.vault, world["chair"], item, _data(world, votes=three), today=HELD_ON)
    assert exc.value.ja == "投票が記録されていない委員がいます：弁護 次郎"


def test_the_finding_records_a_judgement_per_element(world) -> None:  # type: ignore[no-untyped-def]
    _meeting, item = _item(world)
    with pytest.raises(InputError) as exc:
        findings.record_finding(world.vault, world["chair"], item, _data(world, judgements={
            "negligence": "accepted", "causation": "accepted"}), today=HELD_ON)
    assert exc.value.ja == "説明義務違反についての判断を選んでください"
    with pytest.raises(InputError, match="must be one of"):
        findings.record_finding(world.vault, world["chair"], item, _data(world, judgements={
            **JUDGEMENTS, "damage": "maybe"}), today=HELD_ON)
    # Liable on the duty to explain alone: the letter says what was recorded, not what the
    # outcome suggests.
    recorded = {"negligence": "rejected", "causation": "accepted", "duty_to_explain": "accepted",
                "damage": "not_decided"}
    finding_id = findings.record_finding(world.vault, world["chair"], item,
                                         _data(world, judgements=recorded), today=HELD_ON)
    [row] = [f for f in findings.list_findings(world.vault, world["chair"], _case_of(world, finding_id))]
    assert row.judgements == recorded
    with world.vault.reading() as s:
        elements = gather.finding_elements(s.get(Finding, finding_id))
    assert [(e.element, e.conclusion) for e in elements] == [
        ("過失", "認めない"), ("因果関係", "認める"), ("説明義務違反", "認める"), ("損害", "判断せず")]
    assert [judgement_label(j) for j in Judgement] == ["認める", "認めない", "判断せず"]


def test_an_older_finding_without_judgements_prints_none(world) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    finding_id = decide(world, case_id, "liable")
    with world.vault.begin_write() as s:
        s.execute(sa.update(Finding).where(Finding.id == finding_id).values(
            negligence_judgement=None, causation_judgement=None, duty_to_explain_judgement=None,
            damage_judgement=None))
    [row] = findings.list_findings(world.vault, world["chair"], case_id)
    assert row.judgements == {}
    with world.vault.reading() as s:
        elements = gather.finding_elements(s.get(Finding, finding_id))
    assert {e.conclusion for e in elements} == {"—"}


def test_meeting_times_are_stored(world) -> None:  # type: ignore[no-untyped-def]
    from datetime import time

    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board", HELD_ON,
                                         "第13回審査会", starts_at=time(13, 30))
    with pytest.raises(InputError) as exc:
        meetings.record_attendance(world.vault, world["secretary"], meeting_id, [], ends_at=time(13, 0))
    assert exc.value.ja == "終了時刻は開始時刻より後にしてください"
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in BOARD], ends_at=time(15, 45))
    row = meetings.meeting_detail(world.vault, world["secretary"], meeting_id).meeting
    assert (row.starts_at, row.ends_at) == (time(13, 30), time(15, 45))


def _case_of(world, finding_id: int) -> int:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return int(s.get(Finding, finding_id).case_id)
