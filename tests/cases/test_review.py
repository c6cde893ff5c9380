"""Peer review: assignments with business-day due dates, conflicts, blind opinions, disagreement."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from reviewdesk.auth.users import authenticate, create_user
from reviewdesk.cases import review
from reviewdesk.cases.intake import mark_not_covered, override_coverage
from reviewdesk.cases.opinions import (
    OpinionInput,
    current_opinions,
    list_opinions,
    save_opinion,
    submit_opinion,
)
from reviewdesk.cases.queries import CaseFilter, case_detail, list_cases
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.store.models import Assignment, AuditEvent, Case, Opinion
from tests.cases.flow import TODAY, intake, opinion, write
from tests.support.builders import PASSWORD


def _assign(world, case_id: int, name: str, **kw) -> int:  # type: ignore[no-untyped-def]
    return review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id,
                                  today=TODAY, **kw)


def test_assignment_moves_case_to_peer_review_with_business_day_due_date(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    assignment_id = _assign(world, case_id, "derm")
    with world.vault.reading() as s:
        a = s.get(Assignment, assignment_id)
        assert (a.status, a.assigned_on, a.due_on) == ("assigned", TODAY, date(2026, 12, 7))
        assert s.get(Case, case_id).state == "peer_review"
        event = s.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert (event.action, event.entity_id, event.case_id) == ("assignment.create",
                                                                  assignment_id, case_id)
    with pytest.raises(RuleViolation, match="already assigned"):
        _assign(world, case_id, "derm")
    with pytest.raises(InputError, match="not an active reviewer"):
        review.assign_reviewer(world.vault, world["secretary"], case_id,
                               world["chair"].user_id, today=TODAY)


def test_not_covered_case_needs_the_boards_override(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world, claim_date=date(2027, 2, 1), incident_date=date(2026, 12, 1))
    with pytest.raises(RuleViolation, match="not covered"):
        _assign(world, case_id, "derm")
    override_coverage(world.vault, world["chair"], case_id, "請求時期に争いがあるため審査する")
    _assign(world, case_id, "derm")
    other = intake(world, claim_date=date(2027, 2, 1), incident_date=date(2026, 12, 1))
    mark_not_covered(world.vault, world["secretary"], other)
    with pytest.raises(RuleViolation, match="cannot move"):
        _assign(world, other, "derm")


def test_conflicts_of_interest_are_refused_and_named(world) -> None:  # type: ignore[no-untyped-def]
    admin, v = world["admin"], world.vault
    create_user(v, admin, "member_doc", "会員 医師", "physician_reviewer", PASSWORD,
                "dermatology", affiliations=((world.member_id, None),))
    create_user(v, admin, "clinic_doc", "院内 医師", "physician_reviewer", PASSWORD,
                "dermatology", affiliations=((None, world.facility_id),))
    create_user(v, admin, "named_doc", "鈴木 次郎", "physician_reviewer", PASSWORD, "dermatology")
    create_user(v, admin, "insured", "青葉　健一", "physician_reviewer", PASSWORD, "dermatology")
    case_id = intake(world, summary="施術は鈴木次郎医師の助言で行われた。")
    expected = {"member_doc": "affiliated with the insured member",
                "clinic_doc": "affiliated with the insured member",  # the facility is the member's
                "named_doc": "named in the case",
                "insured": "is the insured doctor"}
    for username, conflict in expected.items():
        user = authenticate(v, username, PASSWORD)
        with pytest.raises(RuleViolation, match=conflict) as exc:
            review.assign_reviewer(v, world["secretary"], case_id, user.user_id, today=TODAY)
        assert "利益相反" in exc.value.ja
    with v.reading() as s:
        assert s.scalar(sa.select(sa.func.count(Assignment.id))) == 0


def test_declared_conflict_takes_the_reviewer_off_the_case(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    assignment_id = _assign(world, case_id, "derm")
    assert [r.case_id for r in review.my_assignments(world.vault, world["derm"], TODAY).rows] == [case_id]
    with pytest.raises(InputError):
        review.declare_conflict(world.vault, world["derm"], case_id, "  ")
    review.declare_conflict(world.vault, world["derm"], case_id, "患者の親族と知人である")
    with world.vault.reading() as s:
        a = s.get(Assignment, assignment_id)
        assert (a.status, a.conflict_reason) == ("withdrawn_conflict", "患者の親族と知人である")
    assert review.my_assignments(world.vault, world["derm"], TODAY).rows == ()
    with pytest.raises(NotFound):
        list_opinions(world.vault, world["derm"], case_id)
    with pytest.raises(NotFound):
        save_opinion(world.vault, world["derm"], case_id, opinion())
    rows = review.list_assignments(world.vault, world["secretary"], case_id)
    assert [(r.reviewer_id, r.status) for r in rows] == [(world["derm"].user_id, "withdrawn_conflict")]


def test_opinion_drafts_submission_immutability_and_amendment(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    _assign(world, case_id, "derm")
    v, derm = world.vault, world["derm"]
    draft = save_opinion(v, derm, case_id, OpinionInput(negligence="yes"))
    assert save_opinion(v, derm, case_id, opinion(finding="partly_liable", share="0.6")) == draft
    with pytest.raises(InputError, match="negligence: must be one of"):
        save_opinion(v, derm, case_id, OpinionInput(negligence="maybe"))
    incomplete = save_opinion(v, derm, case_id, OpinionInput(
        negligence="yes", negligence_rationale="注入層が深い", causation="yes"))
    with pytest.raises(InputError, match="causation: an answer and a written rationale"):
        submit_opinion(v, derm, incomplete)
    save_opinion(v, derm, case_id, opinion(finding="partly_liable", share="1"))
    with pytest.raises(InputError, match="partly liable needs a share"):
        submit_opinion(v, derm, draft)
    save_opinion(v, derm, case_id, opinion(finding="partly_liable", share="0.6"))
    submit_opinion(v, derm, draft)
    with pytest.raises(RuleViolation, match="never changed"):
        submit_opinion(v, derm, draft)
    amended = save_opinion(v, derm, case_id, opinion(finding="liable"))
    assert amended != draft
    submit_opinion(v, derm, amended)
    rows = list_opinions(v, derm, case_id)
    assert [(r.id, r.version, r.previous_id, r.status, r.recommended_finding, str(r.insured_share))
            for r in rows] == [(draft, 1, None, "submitted", "partly_liable", "0.6"),
                               (amended, 2, draft, "submitted", "liable", "1")]
    with v.reading() as s:  # the first version is exactly as it was submitted
        assert s.get(Opinion, draft).recommended_finding == "partly_liable"
        assert [o.id for o, _ in current_opinions(s, case_id)] == [amended]
    with pytest.raises(NotFound):  # another reviewer's opinion is not theirs to submit
        submit_opinion(v, world["lawyer"], amended)


def test_blind_review_until_own_submission(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    for name in ("derm", "lawyer"):
        _assign(world, case_id, name)
    v = world.vault
    write(world, "lawyer", case_id)
    own_draft = save_opinion(v, world["derm"], case_id, OpinionInput(negligence="no"))
    # derm has not submitted: only their own draft and assignment, nothing of the lawyer's.
    assert [r.id for r in list_opinions(v, world["derm"], case_id)] == [own_draft]
    assert {r.reviewer_id for r in review.list_assignments(v, world["derm"], case_id)} == {
        world["derm"].user_id}
    # The secretariat sees submitted opinions only, never a reviewer's draft.
    assert {r.author_id for r in list_opinions(v, world["secretary"], case_id)} == {
        world["lawyer"].user_id}
    with pytest.raises(NotFound):  # a reviewer not assigned cannot read the case at all
        list_opinions(v, world["derm2"], case_id)
    save_opinion(v, world["derm"], case_id, opinion())
    submit_opinion(v, world["derm"], own_draft)
    assert {r.author_id for r in list_opinions(v, world["derm"], case_id)} == {
        world["derm"].user_id, world["lawyer"].user_id}
    assert len(review.list_assignments(v, world["derm"], case_id)) == 2


def test_reviewers_see_the_alias_and_the_secretariat_the_patient(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    _assign(world, case_id, "derm")
    [mine] = review.my_assignments(world.vault, world["derm"], TODAY).rows
    assert mine.alias.startswith("患者") and "山田" not in mine.alias
    assert (mine.case_no, mine.procedure, mine.status, mine.overdue) == (
        "2026-00001", "filler", "assigned", False)
    assert case_detail(world.vault, world["derm"], case_id).patient == mine.alias
    assert case_detail(world.vault, world["secretary"], case_id).patient == "山田 花子"


def test_disagreement_flags_the_case_for_another_reviewer(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    for name in ("derm", "derm2", "lawyer"):
        _assign(world, case_id, name)
    write(world, "derm", case_id, opinion(negligence="yes"))
    assert review.flagged_cases(world.vault, world["secretary"]) == []
    write(world, "derm2", case_id, opinion(finding="not_liable", negligence="no"))
    write(world, "lawyer", case_id, opinion(finding="not_liable", negligence="no", causation="no"))
    [flag] = review.flagged_cases(world.vault, world["secretary"])
    assert (flag.case_id, flag.elements, flag.active_reviewers) == (case_id, ("negligence",), 3)
    assert case_detail(world.vault, world["chair"], case_id).disagreement is True
    # derm2 amends to agree: the flag clears (a lawyer's different view is no disagreement).
    amended = save_opinion(world.vault, world["derm2"], case_id, opinion())
    submit_opinion(world.vault, world["derm2"], amended)
    assert review.flagged_cases(world.vault, world["secretary"]) == []


def test_overdue_assignments_for_the_secretariat(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    _assign(world, case_id, "derm", business_days=2)  # due 2026-11-25
    _assign(world, case_id, "lawyer")                 # due 2026-12-07
    later = date(2026, 11, 26)
    overdue = review.overdue_assignments(world.vault, world["secretary"], later)
    assert [(r.reviewer_id, r.due_on, r.overdue) for r in overdue] == [
        (world["derm"].user_id, date(2026, 11, 25), True)]
    assert [r.overdue for r in review.my_assignments(world.vault, world["derm"], later).rows] == [True]
    write(world, "derm", case_id)
    assert review.overdue_assignments(world.vault, world["secretary"], later) == []


def test_landing_view_reads_a_page_and_counts_what_is_to_write(world) -> None:  # type: ignore[no-untyped-def]
    overdue, soon, later_due, submitted = (intake(world) for _ in range(4))
    _assign(world, overdue, "derm", business_days=2)  # due 2026-11-25
    _assign(world, soon, "derm", business_days=3)     # due 2026-11-26
    _assign(world, later_due, "derm")                 # due 2026-12-07
    _assign(world, submitted, "derm")
    write(world, "derm", submitted)
    on = date(2026, 11, 26)
    whole = review.my_assignments(world.vault, world["derm"], on, limit=None)
    assert [r.case_id for r in whole.rows] == [overdue, soon, later_due, submitted]
    assert (whole.more, whole.to_write, whole.overdue) == (False, 3, 1)
    first = review.my_assignments(world.vault, world["derm"], on, limit=2)
    rest = review.my_assignments(world.vault, world["derm"], on, offset=2, limit=2)
    assert first.rows == whole.rows[:2] and rest.rows == whole.rows[2:]
    assert [(p.more, p.to_write, p.overdue) for p in (first, rest)] == [(True, 3, 1), (False, 3, 1)]
    assert not review.my_assignments(world.vault, world["derm"], on, limit=4).more
    # Another reviewer's assignments are neither listed nor counted.
    _assign(world, later_due, "lawyer", business_days=1)
    assert review.my_assignments(world.vault, world["derm"], on, limit=2) == first


def test_submitted_opinion_is_searchable(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    _assign(world, case_id, "derm")
    text = opinion()
    write(world, "derm", case_id, OpinionInput(**{**text.__dict__,
                                                   "comments": "血管塞栓の典型例と考える"}))
    found = list_cases(world.vault, world["secretary"], CaseFilter(search="血管塞栓"))
    assert [r.id for r in found] == [case_id]
    with world.vault.reading() as s:
        detail = json.loads(s.scalars(sa.select(AuditEvent.detail).where(
            AuditEvent.action == "opinion.submit")).one())
        assert detail["recommended_finding"] == "liable"
