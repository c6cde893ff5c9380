"""Every workflow service against every role: allowed as MATRIX says, and a denial changes nothing.

One vault is staged once per module with a case at each point the services act on; each test
works on its own copy of that file, so the allowed calls cannot disturb each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from reviewdesk.auth.permissions import MATRIX, Action
from reviewdesk.auth.roles import Actor, Role
from reviewdesk.cases import archive, assessing, findings, meetings, review
from reviewdesk.cases.findings import FindingInput, VoteInput
from reviewdesk.cases.intake import withdraw_case
from reviewdesk.cases.review import OpinionInput
from reviewdesk.errors import NotFound, PermissionDenied
from reviewdesk.store.models import AuditEvent, Base
from reviewdesk.store.vault import Vault
from tests.cases.flow import (
    BOARD,
    INPUTS,
    TODAY,
    board_meeting,
    decide,
    intake,
    liable,
    opinion,
    reviewed,
    signed_letter,
)
from tests.support.builders import make_world

# Who acts for each role: derm and lawyer are the reviewers assigned to the staged case;
# assessor2 approves what assessor computed.
ACTING = {Role.SECRETARIAT: "secretary", Role.PHYSICIAN_REVIEWER: "derm",
          Role.LAWYER_REVIEWER: "lawyer", Role.BOARD_CHAIR: "chair",
          Role.ASSESSMENT_COMMITTEE: "assessor2", Role.AUDITOR: "auditor"}


@dataclass(frozen=True)
class Stage:
    path: Path
    actors: dict[str, Actor]
    ids: dict[str, Any]


@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stage]:
    from argon2 import PasswordHasher

    from reviewdesk.auth import passwords
    from reviewdesk.store import keys

    folder = tmp_path_factory.mktemp("stage")
    with pytest.MonkeyPatch.context() as mp:  # the same cheap costs as the autouse fixtures
        mp.setattr(keys, "KDF_MEMORY_KIB", 1024)
        mp.setattr(keys, "KDF_TIME_COST", 1)
        mp.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        w = make_world(folder)
        v, sec = w.vault, w["secretary"]
        ids: dict[str, Any] = {}
        ids["pr"] = intake(w)  # peer review: derm and lawyer assigned, each with a draft
        for name in ("derm", "lawyer"):
            review.assign_reviewer(v, sec, ids["pr"], w[name].user_id, today=TODAY)
            ids[f"draft_{name}"] = review.save_opinion(v, w[name], ids["pr"], opinion())
        ids["ready"] = reviewed(w)  # opinions in, not yet on an agenda
        ids["meeting"] = board_meeting(w)
        ids["board"] = reviewed(w)
        ids["item"] = meetings.add_to_agenda(v, sec, ids["meeting"], ids["board"])
        ids["assess"] = liable(w)
        ids["assessment"] = assessing.compute_assessment(v, w["assessor"], ids["assess"], INPUTS,
                                                         today=TODAY)
        ids["decided"] = reviewed(w)
        decide(w, ids["decided"], "not_liable")
        signed_letter(w, ids["decided"], "finding")
        ids["notified"] = reviewed(w)
        decide(w, ids["notified"], "not_liable")
        signed_letter(w, ids["notified"], "finding")
        archive.mark_notified(v, sec, ids["notified"])
        ids["closed"] = intake(w)
        withdraw_case(v, sec, ids["closed"], "取下げ")
        archive.close_case(v, sec, ids["closed"], today=TODAY)
        actors = dict(w.actors)
        v.close()
    yield Stage(folder / "test.rdvault", actors, ids)


@pytest.fixture
def staged(stage: Stage, tmp_path: Path) -> Iterator[tuple[Vault, Stage]]:
    copy = tmp_path / "test.rdvault"
    shutil.copyfile(stage.path, copy)
    vault = Vault.open(copy, env={"REVIEWDESK_PASSPHRASE": "test-passphrase"})
    yield vault, stage
    vault.close()


def _finding(s: Stage) -> FindingInput:
    return FindingInput("liable", negligence_reason="過失あり", causation_reason="因果関係あり",
                        votes=tuple(VoteInput(s.actors[n].user_id, "for") for n in BOARD))


Op = Callable[[Vault, Actor, Stage], object]
# (name, the action it needs, the call, whether it writes)
OPERATIONS: list[tuple[str, Action, Op, bool]] = [
    ("assign_reviewer", Action.ASSIGN_REVIEWER, lambda v, a, s: review.assign_reviewer(
        v, a, s.ids["pr"], s.actors["derm2"].user_id, today=TODAY), True),
    ("overdue_assignments", Action.ASSIGN_REVIEWER,
     lambda v, a, s: review.overdue_assignments(v, a, date(2027, 1, 30)), False),
    ("flagged_cases", Action.ASSIGN_REVIEWER, lambda v, a, s: review.flagged_cases(v, a), False),
    ("declare_conflict", Action.DECLARE_CONFLICT,
     lambda v, a, s: review.declare_conflict(v, a, s.ids["pr"], "知人の事案"), True),
    ("save_opinion", Action.WRITE_OPINION, lambda v, a, s: review.save_opinion(
        v, a, s.ids["pr"], OpinionInput(negligence="no")), True),
    ("submit_opinion", Action.WRITE_OPINION, lambda v, a, s: review.submit_opinion(
        v, a, s.ids[f"draft_{a.username}"] if f"draft_{a.username}" in s.ids
        else s.ids["draft_derm"]), True),
    ("my_assignments", Action.READ_ASSIGNED_CASES,
     lambda v, a, s: review.my_assignments(v, a, TODAY), False),
    ("create_meeting", Action.MANAGE_MEETINGS, lambda v, a, s: meetings.create_meeting(
        v, a, "review_board", date(2026, 12, 16), "第14回審査会"), True),
    ("add_to_agenda", Action.MANAGE_MEETINGS,
     lambda v, a, s: meetings.add_to_agenda(v, a, s.ids["meeting"], s.ids["ready"]), True),
    ("record_attendance", Action.RECORD_ATTENDANCE, lambda v, a, s: meetings.record_attendance(
        v, a, s.ids["meeting"], [s.actors[n].user_id for n in BOARD]), True),
    ("recuse", Action.RECORD_ATTENDANCE, lambda v, a, s: meetings.recuse(
        v, a, s.ids["item"], s.actors["plastic"].user_id, "同門"), True),
    ("record_finding", Action.RECORD_FINDING,
     lambda v, a, s: findings.record_finding(v, a, s.ids["item"], _finding(s)), True),
    ("meeting_minutes", Action.READ_ALL_CASES,
     lambda v, a, s: findings.meeting_minutes(v, a, s.ids["meeting"]), False),
    ("prefill", Action.COMPUTE_ASSESSMENT,
     lambda v, a, s: assessing.prefill(v, a, s.ids["assess"]), False),
    ("compute_assessment", Action.COMPUTE_ASSESSMENT, lambda v, a, s: assessing.compute_assessment(
        v, a, s.ids["assess"], INPUTS, today=TODAY), True),
    ("approve_assessment", Action.APPROVE_ASSESSMENT, lambda v, a, s: assessing.approve_assessment(
        v, a, s.ids["assessment"], today=TODAY), True),
    ("list_assessments", Action.READ_ALL_CASES,
     lambda v, a, s: assessing.list_assessments(v, a, s.ids["assess"]), False),
    ("mark_notified", Action.ISSUE_LETTER,
     lambda v, a, s: archive.mark_notified(v, a, s.ids["decided"]), True),
    ("close_case", Action.CLOSE_CASE,
     lambda v, a, s: archive.close_case(v, a, s.ids["notified"], today=TODAY), True),
    ("reopen_case", Action.REOPEN_CASE,
     lambda v, a, s: archive.reopen_case(v, a, s.ids["closed"], "誤って完結"), True),
    ("register_appeal", Action.REGISTER_APPEAL,
     lambda v, a, s: archive.register_appeal(v, a, s.ids["decided"], "判断に異議"), True),
]

CASES = [pytest.param(op, role, id=f"{op[0]}-{role.value}") for op in OPERATIONS for role in Role]


def snapshot(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: what a refused call must leave exactly as it was."""
    with vault.reading() as session:
        return {t.name: [tuple(r) for r in session.execute(sa.select(t)).all()]
                for t in Base.metadata.sorted_tables}


def audit_length(vault: Vault) -> int:
    with vault.reading() as session:
        return int(session.scalar(sa.select(sa.func.count(AuditEvent.id))) or 0)


def test_every_action_used_here_is_in_the_matrix() -> None:
    assert {action for _, action, _, _ in OPERATIONS} <= set(MATRIX)
    assert len({name for name, *_ in OPERATIONS}) == len(OPERATIONS)


@pytest.mark.parametrize(("op", "role"), CASES)
def test_role_against_operation(staged, op, role: Role) -> None:  # type: ignore[no-untyped-def]
    vault, s = staged
    name, action, call, writes = op
    actor = s.actors[ACTING[role]]
    assert actor.role is role
    before, trail = snapshot(vault), audit_length(vault)
    if role in MATRIX[action]:
        result = call(vault, actor, s)
        if writes:
            assert audit_length(vault) > trail, f"{name} wrote no audit event"
            assert snapshot(vault) != before
        else:
            assert result is not None and snapshot(vault) == before
    else:
        with pytest.raises(PermissionDenied):
            call(vault, actor, s)
        assert audit_length(vault) == trail
        assert snapshot(vault) == before


def test_reviewers_write_only_their_own_opinions_on_their_own_cases(staged) -> None:  # type: ignore[no-untyped-def]
    vault, s = staged
    before = snapshot(vault)
    outsider = s.actors["lawyer2"]  # a lawyer, but not assigned to the case
    with pytest.raises(NotFound):
        review.save_opinion(vault, outsider, s.ids["pr"], OpinionInput(negligence="no"))
    with pytest.raises(NotFound):
        review.submit_opinion(vault, s.actors["lawyer"], s.ids["draft_derm"])
    with pytest.raises(NotFound):
        review.list_opinions(vault, s.actors["derm2"], s.ids["pr"])
    with pytest.raises(NotFound):
        review.declare_conflict(vault, outsider, s.ids["pr"], "関係なし")
    assert snapshot(vault) == before
    # A board member who is not assigned sees the meeting but not the case on its agenda.
    detail = meetings.meeting_detail(vault, s.actors["derm2"], s.ids["meeting"])
    assert detail.agenda == () and detail.meeting.id == s.ids["meeting"]
    assert len(meetings.meeting_detail(vault, s.actors["auditor"], s.ids["meeting"]).agenda) == 1
