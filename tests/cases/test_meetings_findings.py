"""Meetings (attendance, recusals, quorum, agenda) and the board's findings with votes and minutes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from reviewdesk.auth.users import authenticate, create_user, set_disabled
from reviewdesk.cases import findings, meetings, review
from reviewdesk.cases.findings import FindingInput, VoteInput
from reviewdesk.cases.queries import case_detail
from reviewdesk.errors import InputError, RuleViolation
from reviewdesk.store.models import AuditEvent, Case, Finding
from tests.cases.flow import (
    BOARD,
    HELD_ON,
    JUDGEMENTS,
    TODAY,
    board_meeting,
    decide,
    intake,
    reviewed,
    write,
)
from tests.support.builders import PASSWORD


def _votes(world, names=BOARD, vote="for"):  # type: ignore[no-untyped-def]
    return tuple(VoteInput(world[n].user_id, vote) for n in names)


def _finding(world, outcome="liable", votes=None, **kw) -> FindingInput:  # type: ignore[no-untyped-def]
    kw.setdefault("judgements", JUDGEMENTS)
    return FindingInput(outcome=outcome, negligence_reason="注入手技に過失あり",
                        causation_reason="塞栓による壊死", duty_to_explain_reason="説明は同意書で確認できる",
                        damage_reason="瘢痕が残存", votes=votes or _votes(world), **kw)


def _record(world, item: int, data: FindingInput) -> int:  # type: ignore[no-untyped-def]
    return findings.record_finding(world.vault, world["chair"], item, data, today=HELD_ON)


def _state(world, case_id: int) -> str:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return s.get(Case, case_id).state


def test_committee_size_is_fixed_when_the_meeting_is_created(world) -> None:  # type: ignore[no-untyped-def]
    board = board_meeting(world)
    set_disabled(world.vault, world["admin"], "lawyer2", True)
    committee = meetings.create_meeting(world.vault, world["secretary"], "assessment_committee",
                                        date(2026, 12, 2), "第5回査定委員会")
    later = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                    date(2026, 12, 9), "第13回審査会")
    sizes = {m.id: (m.committee_size, m.quorum_needed)
             for m in meetings.list_meetings(world.vault, world["chair"])}
    assert sizes == {board: (6, 4), committee: (2, 2), later: (5, 3)}
    with pytest.raises(InputError, match="kind"):
        meetings.create_meeting(world.vault, world["secretary"], "lunch", TODAY, "昼食会")
    with pytest.raises(InputError, match="do not sit"):
        meetings.record_attendance(world.vault, world["secretary"], committee,
                                   [world["chair"].user_id])


def test_agenda_needs_a_physician_of_the_specialty_and_a_lawyer(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)  # filler: dermatology
    meeting_id = board_meeting(world)
    for name in ("plastic", "derm", "lawyer"):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id,
                               today=TODAY)
    write(world, "plastic", case_id)
    with pytest.raises(RuleViolation) as exc:
        meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    assert str(exc.value) == (
        "a board review needs at least one submitted physician opinion of the case's specialty "
        "and one lawyer opinion; case 2026-00001 lacks a submitted physician opinion of the "
        "case's specialty (dermatology) and a submitted lawyer opinion")
    write(world, "derm", case_id)
    with pytest.raises(RuleViolation, match=r"lacks a submitted lawyer opinion$"):
        meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    assert _state(world, case_id) == "peer_review"
    write(world, "lawyer", case_id)
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    assert _state(world, case_id) == "board_review"
    with pytest.raises(RuleViolation, match="already on this agenda"):
        meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)


def test_quorum_recusals_and_votes(world) -> None:  # type: ignore[no-untyped-def]
    create_user(world.vault, world["admin"], "aoba_doc", "青葉会 医師", "physician_reviewer",
                PASSWORD, "plastic_surgery", affiliations=((world.member_id, None),))
    conflicted = authenticate(world.vault, "aoba_doc", PASSWORD)
    case_id = reviewed(world)
    # 7 board members now: quorum is 4 present and not recused.
    present = ("derm2", "lawyer2", "chair")
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         date(2026, 11, 25), "第12回審査会")
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in present] + [conflicted.user_id])
    item = meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    [row] = meetings.meeting_detail(world.vault, world["chair"], meeting_id).agenda
    assert [(r.user_id, "affiliated with the insured member" in r.reason_text("en"),
             "被共済者である会員" in r.reason_text("ja"))
            for r in row.recusals] == [(conflicted.user_id, True, True)]
    assert (row.quorum.present, row.quorum.needed, row.quorum.met) == (3, 4, False)
    with pytest.raises(RuleViolation, match="no quorum: 3 of 7"):
        _record(world, item, _finding(world, votes=_votes(world, present)))
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in (*present, "plastic")] + [conflicted.user_id])
    with pytest.raises(RuleViolation, match="recused for this case and cannot vote"):
        _record(world, item, _finding(
            world, votes=(*_votes(world, present), VoteInput(conflicted.user_id, "for"))))
    with pytest.raises(RuleViolation, match="not present"):
        _record(world, item, _finding(
            world, votes=_votes(world, ("derm", "chair"))))
    with pytest.raises(RuleViolation, match="not carried"):
        _record(world, item, _finding(
            world, votes=(*_votes(world, ("derm2", "chair")),
                          *_votes(world, ("lawyer2", "plastic"), "against"))))
    meetings.recuse(world.vault, world["chair"], item, world["plastic"].user_id, "患者と面識あり")
    with pytest.raises(RuleViolation, match="no quorum"):
        _record(world, item, _finding(world, votes=_votes(world, present)))
    with world.vault.reading() as s:
        assert s.scalar(sa.select(sa.func.count(Finding.id))) == 0
        assert s.get(Case, case_id).state == "board_review"


def test_outcomes_move_the_case(world) -> None:  # type: ignore[no-untyped-def]
    meeting_id = board_meeting(world)
    liable, partly, not_liable = (reviewed(world) for _ in range(3))
    decide(world, liable, "liable", meeting_id=meeting_id)
    decide(world, partly, "partly_liable", share="0.7", meeting_id=meeting_id)
    decide(world, not_liable, "not_liable", meeting_id=meeting_id)
    got = {c: case_detail(world.vault, world["secretary"], c) for c in (liable, partly, not_liable)}
    assert [(d.state, d.outcome, d.decided_on) for d in got.values()] == [
        ("assessment", "liable", None), ("assessment", "partly_liable", None),
        ("decided", "not_liable", date(2026, 11, 25))]
    [f] = findings.list_findings(world.vault, world["derm"], partly)
    assert (f.outcome, f.insured_share, f.meeting_title) == ("partly_liable", Decimal("0.7"), "第12回審査会")
    with pytest.raises(RuleViolation, match="cannot move"):  # a decided case is not re-decided
        decide(world, not_liable, "liable", meeting_id=board_meeting(world))


@pytest.mark.parametrize(("outcome", "share", "message"), [
    ("liable", "0.5", "a liable finding means a share of 1"),
    ("partly_liable", None, "partly liable needs a share"),
    ("partly_liable", "1", "partly liable needs a share"),
    ("not_liable", "0.2", "only a liable or partly liable"),
    ("maybe", None, "outcome: must be one of"),
    ("deferred", None, "deferred_question"),
])
def test_finding_input_is_checked_before_anything_is_written(world, outcome, share, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        _record(world, 1,
                                _finding(world, outcome, insured_share=share))


def test_deferred_finding_returns_the_case_with_the_question(world) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    question = "術前の説明内容を記録した資料を提出されたい"
    decide(world, case_id, "deferred", question=question)
    detail = case_detail(world.vault, world["secretary"], case_id)
    assert (detail.state, detail.outcome) == ("deferred", None)
    assignment = review.assign_reviewer(world.vault, world["secretary"], case_id,
                                        world["derm2"].user_id, today=TODAY)
    assert _state(world, case_id) == "peer_review"
    [mine] = review.my_assignments(world.vault, world["derm2"], TODAY).rows
    assert (mine.assignment_id, mine.question) == (assignment, question)
    assert [r.status for r in review.my_assignments(world.vault, world["derm"], TODAY).rows] == ["submitted"]
    write(world, "derm2", case_id)
    decide(world, case_id, "not_liable")
    # Once the board has decided, the case leaves the reviewers' landing view.
    assert review.my_assignments(world.vault, world["derm2"], TODAY).rows == ()
    assert [f.outcome for f in findings.list_findings(world.vault, world["auditor"], case_id)] == [
        "deferred", "not_liable"]


def test_minutes_as_data(world) -> None:  # type: ignore[no-untyped-def]
    meeting_id = board_meeting(world, present=(*BOARD, "derm"))
    first, second, third = reviewed(world), reviewed(world), reviewed(world)
    item = meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, first)
    meetings.recuse(world.vault, world["secretary"], item, world["plastic"].user_id, "同窓である")
    votes = (*_votes(world, ("derm2", "chair")), VoteInput(world["lawyer2"].user_id, "against",
                                                           "説明義務違反は認められない"),
             VoteInput(world["derm"].user_id, "abstain"))
    _record(world, item, FindingInput(
        "partly_liable", "0.5", "過失あり", "因果関係あり", summary="一部有責", votes=votes,
        judgements={"negligence": "accepted", "causation": "accepted",
                    "duty_to_explain": "not_decided", "damage": "not_decided"}))
    decide(world, second, "not_liable", meeting_id=meeting_id)
    meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, third)
    minutes = findings.meeting_minutes(world.vault, world["secretary"], meeting_id)
    assert (minutes.meeting.title, minutes.meeting.present, minutes.meeting.quorum_met) == (
        "第12回審査会", 5, True)
    assert [a.name for a in minutes.attendance if not a.present] == ["弁護 士子"]
    assert len(minutes.attendance) == 6
    one, two, three = minutes.items
    assert (one.case_no, one.outcome, one.insured_share, one.in_favour, one.against) == (
        "2026-00001", "partly_liable", Decimal("0.5"), 2, 1)
    assert [(r.name, r.reason) for r in one.recusals] == [("形成 三郎", "同窓である")]
    assert [(d.name, d.dissent) for d in one.dissents] == [("弁護 次郎", "説明義務違反は認められない")]
    assert (one.quorum.present, one.quorum.needed) == (4, 4)  # the recused member is not counted
    assert (two.outcome, two.in_favour, two.dissents) == ("not_liable", 5, ())  # every member present votes
    assert (three.case_no, three.outcome, three.votes) == ("2026-00003", None, ())
    with pytest.raises(RuleViolation, match="attendance"):
        meetings.record_attendance(world.vault, world["chair"], meeting_id, [world["chair"].user_id])
    with world.vault.reading() as s:
        actions = s.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.case_id == first).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["meeting.agenda_add", "meeting.recusal", "finding.record"]


def test_the_chair_presents_an_item_and_every_reader_learns_where_the_meeting_is(world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.auth.audit import verify_chain
    from reviewdesk.cases.meetings import meeting_detail, present_item

    case_id = reviewed(world)
    meeting_id = board_meeting(world)
    item_id = meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    assert meeting_detail(world.vault, world["secretary"], meeting_id).presenting is None
    present_item(world.vault, world["chair"], item_id)
    present_item(world.vault, world["chair"], item_id)  # already there: nothing written
    for reader in ("secretary", "derm", "chair"):
        detail = meeting_detail(world.vault, world[reader], meeting_id)
        assert (detail.presenting, detail.presenting_index()) == (item_id, 0)
    # A reviewer not on the case sees the meeting without the item, so follows nowhere.
    assert meeting_detail(world.vault, world["plastic"], meeting_id).presenting_index() is None
    with world.vault.reading() as session:
        events = session.scalars(sa.select(AuditEvent.action).where(AuditEvent.action == "meeting.present")).all()
        assert events == ["meeting.present"] and verify_chain(session).intact
