"""Peer review (査読): reviewer assignments, conflicts of interest, due dates, disagreement.

The opinions themselves live in `opinions`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import REVIEWER_ROLES, Actor, Role
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import (
    ACTIVE_ASSIGNMENT_STATES,
    load_case,
    patient_column,
    read_case,
    require_open,
)
from reviewdesk.cases.business_days import add_business_days
from reviewdesk.cases.case_actions import guard_assign_reviewer, guard_declare_conflict
from reviewdesk.cases.due import AWAITED_IN, is_overdue, overdue_clause
from reviewdesk.cases.opinions import (
    disputed_elements,
    sees_everyone,
    update_disagreement,
)
from reviewdesk.cases.outcomes import FindingOutcome
from reviewdesk.cases.review_terms import AssignmentStatus, ConflictCode, ConflictReason, conflict_texts
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.store.models import (
    Assignment,
    Case,
    Facility,
    Finding,
    InsuredDoctor,
    Member,
    User,
    UserAffiliation,
)
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import CONFLICT_REASON, clean_text

DEFAULT_DUE_BUSINESS_DAYS = 10


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    case_id: int
    case_no: str
    reviewer_id: int
    reviewer: str
    reviewer_role: str
    specialty: str | None
    assigned_on: date
    due_on: date
    status: str
    question: str | None
    conflict_reason: str | None
    overdue: bool


@dataclass(frozen=True)
class MyAssignmentRow:
    """The reviewer's landing view: one line per case assigned to them."""

    assignment_id: int
    case_id: int
    case_no: str
    alias: str
    procedure: str
    due_on: date
    status: str
    overdue: bool
    question: str | None


@dataclass(frozen=True)
class FlaggedCaseRow:
    """A case whose physician opinions disagree: the secretariat should add a reviewer."""

    case_id: int
    case_no: str
    state: str
    procedure: str
    specialty: str
    elements: tuple[str, ...]  # which of negligence / causation are disputed
    active_reviewers: int


# Conflicts of interest ----------------------------------------------------------------------

def _folded(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def conflicts_of(session: Session, case: Case, user: User) -> list[ConflictReason]:
    """Why `user` may not review `case` (empty when there is no conflict), as codes and data."""
    reasons: list[ConflictReason] = []
    who = {"name": user.display_name}
    affiliations = session.scalars(
        sa.select(UserAffiliation).where(UserAffiliation.user_id == user.id)).all()
    member = session.get(Member, case.member_id)
    for aff in affiliations:
        facility = session.get(Facility, aff.facility_id) if aff.facility_id else None
        if aff.member_id == case.member_id or (facility and facility.member_id == case.member_id):
            reasons.append(ConflictReason(ConflictCode.AFFILIATED_MEMBER, {
                **who, "member": member.name if member else str(case.member_id)}))
        elif case.facility_id is not None and aff.facility_id == case.facility_id:
            reasons.append(ConflictReason(ConflictCode.AFFILIATED_FACILITY, who))
    name = _folded(user.display_name)
    doctor = session.get(InsuredDoctor, case.insured_doctor_id) if case.insured_doctor_id else None
    if doctor is not None and _folded(doctor.name) == name:
        reasons.append(ConflictReason(ConflictCode.INSURED_DOCTOR, who))
    elif name and name in _folded(case.summary + "\n" + (case.patient_demand or "")):
        reasons.append(ConflictReason(ConflictCode.NAMED_IN_CASE, who))
    if case.appeal_of_id is not None:
        reviewed = session.scalar(sa.select(sa.func.count(Assignment.id)).where(
            Assignment.case_id == case.appeal_of_id, Assignment.reviewer_id == user.id,
            Assignment.status.in_(ACTIVE_ASSIGNMENT_STATES)))
        if reviewed:
            reasons.append(ConflictReason(ConflictCode.REVIEWED_ORIGINAL, who))
    return reasons


# Assignments --------------------------------------------------------------------------------

def _open_question(session: Session, case: Case) -> str | None:
    """The question of the case's latest finding, when that finding deferred the case."""
    latest = session.scalars(sa.select(Finding).where(Finding.case_id == case.id)
                             .order_by(Finding.id.desc()).limit(1)).first()
    return (latest.deferred_question
            if latest and latest.outcome == FindingOutcome.DEFERRED else None)


def assign_reviewer(vault: Vault, actor: Actor, case_id: int, reviewer_id: int, *,
                    business_days: int = DEFAULT_DUE_BUSINESS_DAYS,
                    today: date | None = None) -> int:
    """Assigns a reviewer with a due date in business days; moves the case into peer review.

    A deferred case goes back to peer review here, and the assignment carries the board's
    question. A reviewer with a conflict of interest is refused, naming the conflict.
    """
    with write(vault, actor, Action.ASSIGN_REVIEWER) as uow:
        session = uow.session
        if business_days < 1:
            raise InputError("business_days: at least 1", ja="期限は1営業日以上にしてください")
        today = today or date.today()
        case = load_case(session, actor, case_id)
        require_open(case)
        reviewer = session.get(User, reviewer_id)
        if reviewer is None or reviewer.disabled or Role(reviewer.role) not in REVIEWER_ROLES:
            raise InputError(f"reviewer: user {reviewer_id} is not an active reviewer",
                             ja="査読委員として有効な利用者ではありません")
        guard_assign_reviewer(session, case)
        conflicts = conflicts_of(session, case, reviewer)
        if conflicts:
            raise RuleViolation("conflict of interest: " + conflict_texts(conflicts, "en"),
                                ja="利益相反のため指名できません: " + conflict_texts(conflicts, "ja"))
        pending = session.scalar(sa.select(sa.func.count(Assignment.id)).where(
            Assignment.case_id == case.id, Assignment.reviewer_id == reviewer.id,
            Assignment.status == AssignmentStatus.ASSIGNED.value))
        if pending:
            raise RuleViolation(f"{reviewer.display_name} is already assigned to {case.case_no}",
                                ja=f"{reviewer.display_name} はすでにこの事案の査読委員です")
        question = _open_question(session, case)
        assignment = Assignment(
            case_id=case.id, reviewer_id=reviewer.id, assigned_by=actor.user_id,
            assigned_on=today, due_on=add_business_days(today, business_days),
            status=AssignmentStatus.ASSIGNED.value, question=question)
        session.add(assignment)
        previous_state = case.state
        case.state = CaseState.PEER_REVIEW.value
        session.flush()
        audit.record(session, actor, "assignment.create", "assignment", assignment.id,
                     case_id=case.id,
                     detail={"reviewer": reviewer.username, "due_on": assignment.due_on,
                             "from_state": previous_state, "question": question})
        return assignment.id


def declare_conflict(vault: Vault, actor: Actor, case_id: int, reason: str) -> None:
    """A reviewer declares a conflict on a case assigned to them and is taken off it."""
    with write(vault, actor, Action.DECLARE_CONFLICT) as uow:
        session = uow.session
        reason = clean_text(reason, CONFLICT_REASON)
        if not reason:
            raise InputError("reason: describe the conflict", ja="利益相反の内容を入力してください")
        case = load_case(session, actor, case_id)
        guard_declare_conflict(session, case)
        assignments = session.scalars(sa.select(Assignment).where(
            Assignment.case_id == case.id, Assignment.reviewer_id == actor.user_id,
            Assignment.status.in_(ACTIVE_ASSIGNMENT_STATES))).all()
        if not assignments:
            raise NotFound(f"no case {case_id}", ja="該当する事案はありません")
        for assignment in assignments:
            assignment.status = AssignmentStatus.WITHDRAWN_CONFLICT.value
            assignment.conflict_reason = reason.strip()
        # An opinion of a conflicted reviewer no longer counts, whatever it said.
        update_disagreement(session, case)
        audit.record(session, actor, "assignment.conflict", "assignment", assignments[0].id,
                     case_id=case.id, detail={"reason": reason.strip()})


def _assignment_row(a: Assignment, case_no: str, case_state: str, user: User,
                    today: date) -> AssignmentRow:
    return AssignmentRow(a.id, a.case_id, case_no, a.reviewer_id, user.display_name, user.role,
                         user.specialty, a.assigned_on, a.due_on, a.status, a.question,
                         a.conflict_reason, is_overdue(a.status, a.due_on, today, case_state))


def list_assignments(vault: Vault, actor: Actor, case_id: int,
                     today: date | None = None) -> list[AssignmentRow]:
    today = today or date.today()
    with read_case(vault, actor, case_id) as (session, case):
        query = (sa.select(Assignment, User).join(User, User.id == Assignment.reviewer_id)
                 .where(Assignment.case_id == case.id).order_by(Assignment.id))
        if not sees_everyone(session, actor, case.id):
            query = query.where(Assignment.reviewer_id == actor.user_id)
        return [_assignment_row(a, case.case_no, case.state, u, today)
                for a, u in session.execute(query)]


MY_ASSIGNMENTS_PAGE = 200  # rows the landing view shows at first


@dataclass(frozen=True)
class MyAssignments:
    """A page of the reviewer's landing view, with the counts of what they have to write."""

    rows: tuple[MyAssignmentRow, ...]
    more: bool  # the list goes on past this page
    to_write: int  # opinions still to write, on every page
    overdue: int  # of those, past their due date


def my_assignments(vault: Vault, actor: Actor, today: date | None = None, *, offset: int = 0,
                   limit: int | None = MY_ASSIGNMENTS_PAGE) -> MyAssignments:
    """The acting reviewer's landing view: pending assignments, then those awaiting the board.

    A page of it, earliest due first: a busy reviewer has thousands, and building every row
    took most of the time. The counts read only the pending assignments: a busy reviewer's
    submitted ones are mostly on closed cases, and looking each case up cost more than the rest."""
    today = today or date.today()
    pending = (Assignment.reviewer_id == actor.user_id,
               Assignment.status == AssignmentStatus.ASSIGNED.value,
               Case.state != CaseState.CLOSED.value)
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        to_write, overdue = session.execute(
            sa.select(sa.func.count(), sa.func.count().filter(overdue_clause(today)))
            .select_from(Assignment).join(Case, Case.id == Assignment.case_id).where(*pending)).one()
        # Columns, not entities: loading each case whole took three quarters of the time.
        rows = session.execute(
            sa.select(Assignment.id, Assignment.due_on, Assignment.status, Assignment.question,
                      Case.id.label("case_id"), Case.case_no, patient_column(actor),
                      Case.procedure, Case.state)
            .join(Case, Case.id == Assignment.case_id)
            .where(Assignment.reviewer_id == actor.user_id,
                   # Pending work always; submitted work while the board has not decided.
                   sa.or_(Assignment.status == AssignmentStatus.ASSIGNED.value,
                          sa.and_(Assignment.status == AssignmentStatus.SUBMITTED.value,
                                  Case.state.in_(AWAITED_IN))),
                   Case.state != CaseState.CLOSED.value)
            .order_by(Assignment.status, Assignment.due_on, Assignment.id)
            .offset(offset).limit(None if limit is None else limit + 1)).all()
        more = limit is not None and len(rows) > limit
        page = tuple(MyAssignmentRow(r.id, r.case_id, r.case_no, r.patient, r.procedure,
                                     r.due_on, r.status, is_overdue(r.status, r.due_on, today, r.state),
                                     r.question) for r in rows[:limit])
    return MyAssignments(page, more, int(to_write), int(overdue))


def overdue_assignments(vault: Vault, actor: Actor,
                        today: date | None = None) -> list[AssignmentRow]:
    """Assignments past their due date without an opinion, for the secretariat to chase."""
    today = today or date.today()
    with read(vault, actor, Action.ASSIGN_REVIEWER) as session:
        rows = session.execute(
            sa.select(Assignment, User, Case.case_no, Case.state)
            .join(User, User.id == Assignment.reviewer_id)
            .join(Case, Case.id == Assignment.case_id)
            .where(overdue_clause(today))
            .order_by(Assignment.due_on, Assignment.id)).all()
        return [_assignment_row(a, case_no, state, u, today) for a, u, case_no, state in rows]


def flagged_cases(vault: Vault, actor: Actor) -> list[FlaggedCaseRow]:
    """Open cases whose physicians disagree: the secretariat is prompted to add a reviewer."""
    with read(vault, actor, Action.ASSIGN_REVIEWER) as session:
        cases = session.scalars(sa.select(Case).where(
            Case.disagreement.is_(True),
            Case.state.in_((CaseState.PEER_REVIEW.value, CaseState.BOARD_REVIEW.value)))
            .order_by(Case.case_no)).all()
        rows = []
        for c in cases:
            active = session.scalar(sa.select(sa.func.count(Assignment.id)).where(
                Assignment.case_id == c.id, Assignment.status.in_(ACTIVE_ASSIGNMENT_STATES)))
            rows.append(FlaggedCaseRow(c.id, c.case_no, c.state, c.procedure, c.specialty,
                                       disputed_elements(session, c.id), int(active or 0)))
        return rows
