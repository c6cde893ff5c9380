"""Notification, closing into the archive, reopening, archive search, and appeals (異議申立)."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from reviewdesk.cases import archive, assessing, findings, meetings, review
from reviewdesk.cases.documents import add_document
from reviewdesk.cases.intake import mark_not_covered, withdraw_case
from reviewdesk.cases.queries import case_detail
from reviewdesk.errors import InputError, PermissionDenied, RuleViolation
from reviewdesk.store.models import AuditEvent
from tests.cases.flow import (
    INPUTS,
    TODAY,
    board_meeting,
    decide,
    intake,
    liable,
    reviewed,
    signed_letter,
    write,
)


def _not_liable(world) -> int:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    decide(world, case_id, "not_liable")
    return case_id


def _paid(world) -> int:  # type: ignore[no-untyped-def]
    case_id = liable(world)
    assessment = assessing.compute_assessment(world.vault, world["assessor"], case_id, INPUTS,
                                              today=TODAY)
    assessing.approve_assessment(world.vault, world["assessor2"], assessment, today=date(2026, 12, 2))
    return case_id


def _archived(world, case_id: int) -> None:  # type: ignore[no-untyped-def]
    for kind in ("finding", "assessment"):
        signed_letter(world, case_id, kind)
    archive.mark_notified(world.vault, world["secretary"], case_id)
    archive.close_case(world.vault, world["secretary"], case_id, today=date(2026, 12, 10))


def test_notification_needs_the_signed_letters(world) -> None:  # type: ignore[no-untyped-def]
    paid, cleared = _paid(world), _not_liable(world)
    v, sec = world.vault, world["secretary"]
    with pytest.raises(RuleViolation, match="signed finding letter, assessment letter"):
        archive.mark_notified(v, sec, paid)
    signed_letter(world, paid, "finding")
    signed_letter(world, paid, "assessment", signed=False)
    with pytest.raises(RuleViolation, match="signed assessment letter of case") as exc:
        archive.mark_notified(v, sec, paid)
    assert "査定結果通知書" in exc.value.ja
    signed_letter(world, paid, "assessment")
    archive.mark_notified(v, sec, paid)
    signed_letter(world, cleared, "finding")  # not liable: the finding letter is all there is
    archive.mark_notified(v, sec, cleared)
    assert {case_detail(v, sec, c).state for c in (paid, cleared)} == {"notified"}
    with pytest.raises(RuleViolation, match="cannot move"):
        archive.mark_notified(v, sec, paid)


def test_a_letter_from_before_the_final_finding_does_not_notify_it(world) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    decide(world, case_id, "deferred", question="同意書の原本を提出されたい")
    signed_letter(world, case_id, "finding")  # tells the member the board deferred the case
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm2"].user_id,
                           today=TODAY)
    write(world, "derm2", case_id)
    decide(world, case_id, "not_liable")
    with pytest.raises(RuleViolation, match="signed finding letter"):
        archive.mark_notified(world.vault, world["secretary"], case_id)
    signed_letter(world, case_id, "finding")
    archive.mark_notified(world.vault, world["secretary"], case_id)


def test_closing_archives_read_only_with_ten_years_retention(world) -> None:  # type: ignore[no-untyped-def]
    case_id = _paid(world)
    v, sec = world.vault, world["secretary"]
    with pytest.raises(RuleViolation, match="'decided' cannot move to 'closed'"):
        archive.close_case(v, sec, case_id)
    _archived(world, case_id)
    d = case_detail(v, sec, case_id)
    assert (d.state, d.closed_on, d.decided_on, d.retention_until) == (
        "closed", date(2026, 12, 10), date(2026, 12, 2), date(2036, 12, 2))
    with pytest.raises(RuleViolation, match="closed and read-only"):
        add_document(v, sec, case_id, "other", "memo.txt", "text/plain", b"x")
    with pytest.raises(RuleViolation, match="closed and read-only"):
        review.assign_reviewer(v, sec, case_id, world["derm2"].user_id, today=TODAY)
    with pytest.raises(RuleViolation, match="closed and read-only"):
        archive.close_case(v, sec, case_id)


def test_side_exits_close_too(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    outside = intake(world, claim_date=date(2027, 2, 1), incident_date=date(2026, 12, 1))
    mark_not_covered(v, sec, outside)
    with pytest.raises(RuleViolation, match="signed not-covered letter"):
        archive.close_case(v, sec, outside, today=TODAY)
    signed_letter(world, outside, "not_covered")
    archive.close_case(v, sec, outside, today=TODAY)
    decided_on = case_detail(v, sec, outside).decided_on
    assert case_detail(v, sec, outside).retention_until == archive.retention_date(decided_on)
    dropped = intake(world)
    withdraw_case(v, sec, dropped, "患者が請求を取り下げた")
    assert archive.close_case(v, sec, dropped, today=date(2028, 2, 29)) == date(2038, 2, 28)


def test_reopening_needs_a_reason_and_the_secretariat(world) -> None:  # type: ignore[no-untyped-def]
    case_id = _not_liable(world)
    signed_letter(world, case_id, "finding")
    archive.mark_notified(world.vault, world["secretary"], case_id)
    archive.close_case(world.vault, world["secretary"], case_id, today=TODAY)
    with pytest.raises(InputError, match="needs a reason"):
        archive.reopen_case(world.vault, world["secretary"], case_id, " ")
    with pytest.raises(PermissionDenied):
        archive.reopen_case(world.vault, world["chair"], case_id, "記載誤り")
    assert archive.reopen_case(world.vault, world["secretary"], case_id, "通知書の宛先誤り") == "notified"
    d = case_detail(world.vault, world["secretary"], case_id)
    assert (d.state, d.closed_on, d.retention_until) == ("notified", None, None)
    with world.vault.reading() as s:
        event = s.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.case_id, "通知書の宛先誤り" in event.detail) == (
            "case.reopen", case_id, True)
    with pytest.raises(RuleViolation, match="is not closed"):
        archive.reopen_case(world.vault, world["secretary"], case_id, "もう一度")


def test_archive_listing_filters_and_search(world) -> None:  # type: ignore[no-untyped-def]
    paid, cleared, open_case = _paid(world), _not_liable(world), reviewed(world, procedure="laser")
    _archived(world, paid)
    signed_letter(world, cleared, "finding")
    archive.mark_notified(world.vault, world["secretary"], cleared)
    archive.close_case(world.vault, world["secretary"], cleared, today=TODAY)
    v, sec = world.vault, world["secretary"]

    def numbers(**kw) -> list[int]:  # type: ignore[no-untyped-def]
        return [r.id for r in archive.list_archive(v, sec, archive.archive_filter(**kw))]

    assert numbers() == [cleared, paid]
    assert open_case not in numbers(procedure="laser")
    assert numbers(year=2026, outcome="liable") == [paid]
    assert numbers(year=2025) == []
    assert numbers(member_id=world.member_id, min_amount=1_000_000) == [paid]
    assert numbers(max_amount=1_000_000) == []  # a not-liable decision has no amount
    assert numbers(search="皮膚壊死") == [cleared, paid]
    assert archive.count_archive(v, sec, archive.archive_filter(outcome="not_liable")) == 1
    assert archive.list_archive(v, world["derm2"]) == []  # reviewers see only their cases


def test_appeal_is_a_linked_case_with_an_independent_panel(world) -> None:  # type: ignore[no-untyped-def]
    original = _not_liable(world)
    v, sec = world.vault, world["secretary"]
    with pytest.raises(RuleViolation, match="no finding of the board to contest"):
        archive.register_appeal(v, sec, reviewed(world), "納得できない")
    appeal = archive.register_appeal(v, sec, original, "説明義務違反の判断に異議がある",
                                     received_on=date(2026, 12, 1))
    d = case_detail(v, sec, appeal)
    assert (d.state, d.appeal_of, d.number) == ("coverage_check", "2026-00001", "2026-00003")
    assert d.summary.startswith("異議申立（原事案 2026-00001）")
    with pytest.raises(RuleViolation, match="already open"):
        archive.register_appeal(v, sec, original, "重ねて")
    for name in ("derm", "lawyer"):
        with pytest.raises(RuleViolation, match="reviewed the original case of this appeal"):
            review.assign_reviewer(v, sec, appeal, world[name].user_id, today=TODAY)
    for name in ("derm2", "lawyer2"):
        review.assign_reviewer(v, sec, appeal, world[name].user_id, today=TODAY)
        write(world, name, appeal)
    meeting_id = board_meeting(world)
    decide(world, appeal, "liable", meeting_id=meeting_id)
    [agenda] = meetings.meeting_detail(v, world["chair"], meeting_id).agenda
    assert {r.user_id for r in agenda.recusals} == {world["derm"].user_id, world["lawyer"].user_id}
    [first] = findings.list_findings(v, sec, original)
    [appeal_finding] = findings.list_findings(v, sec, appeal)
    assert (appeal_finding.original_finding_id, appeal_finding.outcome) == (first.id, "liable")
