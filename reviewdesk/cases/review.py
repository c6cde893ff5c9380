"""Peer review (査読): reviewer assignments, conflicts of interest, blind opinions, disagreement."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, allowed, require
from reviewdesk.auth.roles import REVIEWER_ROLES, Actor, Role
from reviewdesk.cases import search
from reviewdesk.cases.access import load_case, patient_display, require_open
from reviewdesk.cases.business_days import add_business_days
from reviewdesk.cases.outcomes import (ANSWERS, ELEMENT_LABELS, ELEMENTS, FINDING_OUTCOMES,
                                       parse_share, share_for_outcome)
from reviewdesk.cases.states import CaseState, check_transition
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.store.models import (Assignment, Case, Facility, Finding, InsuredDoctor, Member,
                                     Opinion, User, UserAffiliation, utcnow)
from reviewdesk.store.vault import Vault

DEFAULT_DUE_BUSINESS_DAYS = 10
# Opinions are written while the case is with the reviewers, and amended until the finding.
WRITABLE_STATES = (CaseState.PEER_REVIEW, CaseState.BOARD_REVIEW)


@dataclass(frozen=True)
class OpinionInput:
    """What a reviewer writes; a draft may leave fields empty, a submission may not."""

    negligence: str | None = None
    negligence_rationale: str = ""
    causation: str | None = None
    causation_rationale: str = ""
    duty_to_explain: str | None = None
    duty_to_explain_rationale: str = ""
    damage: str | None = None
    damage_rationale: str = ""
    recommended_finding: str | None = None
    insured_share: Decimal | str | None = None
    comments: str = ""


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
class OpinionRow:
    id: int
    case_id: int
    assignment_id: int
    author_id: int
    author: str
    author_role: str
    specialty: str | None
    version: int
    previous_id: int | None
    status: str
    negligence: str | None
    negligence_rationale: str
    causation: str | None
    causation_rationale: str
    duty_to_explain: str | None
    duty_to_explain_rationale: str
    damage: str | None
    damage_rationale: str
    recommended_finding: str | None
    insured_share: Decimal | None
    comments: str
    created_at: datetime
    submitted_at: datetime | None


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


def conflicts_of(session: Session, case: Case, user: User) -> list[str]:
    """Why `user` may not review `case` (empty when there is no conflict)."""
    reasons: list[str] = []
    affiliations = session.scalars(
        sa.select(UserAffiliation).where(UserAffiliation.user_id == user.id)).all()
    member = session.get(Member, case.member_id)
    for aff in affiliations:
        facility = session.get(Facility, aff.facility_id) if aff.facility_id else None
        if aff.member_id == case.member_id or (facility and facility.member_id == case.member_id):
            reasons.append(f"{user.display_name} is affiliated with the insured member "
                           f"{member.name if member else case.member_id}")
        elif case.facility_id is not None and aff.facility_id == case.facility_id:
            reasons.append(f"{user.display_name} is affiliated with the insured's facility")
    name = _folded(user.display_name)
    doctor = session.get(InsuredDoctor, case.insured_doctor_id) if case.insured_doctor_id else None
    if doctor is not None and _folded(doctor.name) == name:
        reasons.append(f"{user.display_name} is the insured doctor of the case")
    elif name and name in _folded(case.summary + "\n" + (case.patient_demand or "")):
        reasons.append(f"{user.display_name} is named in the case")
    if case.appeal_of_id is not None:
        reviewed = session.scalar(sa.select(sa.func.count(Assignment.id)).where(
            Assignment.case_id == case.appeal_of_id, Assignment.reviewer_id == user.id,
            Assignment.status.in_(("assigned", "submitted"))))
        if reviewed:
            reasons.append(f"{user.display_name} reviewed the original case of this appeal")
    return reasons


# Assignments --------------------------------------------------------------------------------

def _open_question(session: Session, case: Case) -> str | None:
    """The question of the case's latest finding, when that finding deferred the case."""
    latest = session.scalars(sa.select(Finding).where(Finding.case_id == case.id)
                             .order_by(Finding.id.desc()).limit(1)).first()
    return latest.deferred_question if latest and latest.outcome == "deferred" else None


def assign_reviewer(vault: Vault, actor: Actor, case_id: int, reviewer_id: int, *,
                    business_days: int = DEFAULT_DUE_BUSINESS_DAYS,
                    today: date | None = None) -> int:
    """Assigns a reviewer with a due date in business days; moves the case into peer review.

    A deferred case goes back to peer review here, and the assignment carries the board's
    question. A reviewer with a conflict of interest is refused, naming the conflict.
    """
    require(actor, Action.ASSIGN_REVIEWER)
    if business_days < 1:
        raise InputError("business_days: at least 1", ja="期限は1営業日以上にしてください")
    today = today or date.today()
    with vault.transaction() as session:
        case = load_case(session, actor, case_id)
        require_open(case)
        reviewer = session.get(User, reviewer_id)
        if reviewer is None or reviewer.disabled or Role(reviewer.role) not in REVIEWER_ROLES:
            raise InputError(f"reviewer: user {reviewer_id} is not an active reviewer",
                             ja="査読委員として有効な利用者ではありません")
        state = CaseState(case.state)
        if state == CaseState.COVERAGE_CHECK and not (case.coverage_covered or case.coverage_override):
            raise RuleViolation(
                f"case {case.case_no} was found not covered; peer review needs the board's override",
                ja="受理審査で対象外とされた事案です。審査会の受理決定が必要です")
        if state != CaseState.PEER_REVIEW:
            check_transition(case.state, CaseState.PEER_REVIEW)
        conflicts = conflicts_of(session, case, reviewer)
        if conflicts:
            raise RuleViolation("conflict of interest: " + "; ".join(conflicts),
                                ja="利益相反のため指名できません: " + "、".join(conflicts))
        pending = session.scalar(sa.select(sa.func.count(Assignment.id)).where(
            Assignment.case_id == case.id, Assignment.reviewer_id == reviewer.id,
            Assignment.status == "assigned"))
        if pending:
            raise RuleViolation(f"{reviewer.display_name} is already assigned to {case.case_no}",
                                ja=f"{reviewer.display_name} はすでにこの事案の査読委員です")
        question = _open_question(session, case)
        assignment = Assignment(
            case_id=case.id, reviewer_id=reviewer.id, assigned_by=actor.user_id,
            assigned_on=today, due_on=add_business_days(today, business_days),
            status="assigned", question=question)
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
    require(actor, Action.DECLARE_CONFLICT)
    if not reason.strip():
        raise InputError("reason: describe the conflict", ja="利益相反の内容を入力してください")
    with vault.transaction() as session:
        case = load_case(session, actor, case_id)
        require_open(case)
        assignments = session.scalars(sa.select(Assignment).where(
            Assignment.case_id == case.id, Assignment.reviewer_id == actor.user_id,
            Assignment.status.in_(("assigned", "submitted")))).all()
        if not assignments:
            raise NotFound(f"no case {case_id}", ja="該当する事案はありません")
        for assignment in assignments:
            assignment.status = "withdrawn_conflict"
            assignment.conflict_reason = reason.strip()
        # An opinion of a conflicted reviewer no longer counts, whatever it said.
        update_disagreement(session, case)
        audit.record(session, actor, "assignment.conflict", "assignment", assignments[0].id,
                     case_id=case.id, detail={"reason": reason.strip()})


def _assignment_row(a: Assignment, case_no: str, user: User, today: date) -> AssignmentRow:
    return AssignmentRow(a.id, a.case_id, case_no, a.reviewer_id, user.display_name, user.role,
                         user.specialty, a.assigned_on, a.due_on, a.status, a.question,
                         a.conflict_reason, a.status == "assigned" and a.due_on < today)


def _has_submitted(session: Session, actor: Actor, case_id: int) -> bool:
    return bool(session.scalar(sa.select(sa.func.count(Opinion.id)).where(
        Opinion.case_id == case_id, Opinion.author_id == actor.user_id,
        Opinion.status == "submitted")))


def _sees_everyone(session: Session, actor: Actor, case_id: int) -> bool:
    """Blind review: a reviewer sees the others' work only after submitting their own."""
    if allowed(actor, Action.READ_ALL_CASES):
        return True
    return _has_submitted(session, actor, case_id)


def list_assignments(vault: Vault, actor: Actor, case_id: int,
                     today: date | None = None) -> list[AssignmentRow]:
    today = today or date.today()
    with vault.reading() as session:
        case = load_case(session, actor, case_id)
        query = (sa.select(Assignment, User).join(User, User.id == Assignment.reviewer_id)
                 .where(Assignment.case_id == case.id).order_by(Assignment.id))
        if not _sees_everyone(session, actor, case.id):
            query = query.where(Assignment.reviewer_id == actor.user_id)
        return [_assignment_row(a, case.case_no, u, today) for a, u in session.execute(query)]


def my_assignments(vault: Vault, actor: Actor, today: date | None = None) -> list[MyAssignmentRow]:
    """The acting reviewer's open assignments, earliest due first."""
    require(actor, Action.READ_ASSIGNED_CASES)
    today = today or date.today()
    with vault.reading() as session:
        rows = session.execute(
            sa.select(Assignment, Case).join(Case, Case.id == Assignment.case_id)
            .where(Assignment.reviewer_id == actor.user_id,
                   Assignment.status.in_(("assigned", "submitted")),
                   Case.state != CaseState.CLOSED.value)
            .order_by(Assignment.status, Assignment.due_on, Assignment.id)).all()
        return [MyAssignmentRow(a.id, c.id, c.case_no, patient_display(c, actor), c.procedure,
                                a.due_on, a.status, a.status == "assigned" and a.due_on < today,
                                a.question) for a, c in rows]


def overdue_assignments(vault: Vault, actor: Actor, today: date | None = None) -> list[AssignmentRow]:
    """Assignments past their due date without an opinion, for the secretariat to chase."""
    require(actor, Action.ASSIGN_REVIEWER)
    today = today or date.today()
    with vault.reading() as session:
        rows = session.execute(
            sa.select(Assignment, User, Case.case_no).join(User, User.id == Assignment.reviewer_id)
            .join(Case, Case.id == Assignment.case_id)
            .where(Assignment.status == "assigned", Assignment.due_on < today,
                   Case.state != CaseState.CLOSED.value)
            .order_by(Assignment.due_on, Assignment.id)).all()
        return [_assignment_row(a, case_no, u, today) for a, u, case_no in rows]


# Opinions -----------------------------------------------------------------------------------

def _validate_opinion(data: OpinionInput, *, complete: bool) -> Decimal | None:
    for element in ELEMENTS:
        answer = getattr(data, element)
        rationale = getattr(data, f"{element}_rationale")
        if answer is not None and answer not in ANSWERS:
            raise InputError(f"{element}: must be one of {', '.join(ANSWERS)}",
                             ja=f"{ELEMENT_LABELS[element]}の判断が正しくありません")
        if complete and (answer is None or not rationale.strip()):
            raise InputError(f"{element}: an answer and a written rationale are required",
                             ja=f"{ELEMENT_LABELS[element]}について判断と理由を記入してください")
    if data.recommended_finding is not None and data.recommended_finding not in FINDING_OUTCOMES:
        raise InputError(f"recommended_finding: must be one of {', '.join(FINDING_OUTCOMES)}",
                         ja="推奨する判定が正しくありません")
    share = parse_share(data.insured_share)
    if complete:
        if data.recommended_finding is None:
            raise InputError("recommended_finding: required to submit",
                             ja="推奨する判定を選んでください")
        share = share_for_outcome(data.recommended_finding, share)
    return share


def _apply(opinion: Opinion, data: OpinionInput, share: Decimal | None) -> None:
    for element in ELEMENTS:
        setattr(opinion, element, getattr(data, element))
        setattr(opinion, f"{element}_rationale", getattr(data, f"{element}_rationale").strip())
    opinion.recommended_finding = data.recommended_finding
    opinion.insured_share = str(share) if share is not None else None
    opinion.comments = data.comments.strip()


def _writable_case(session: Session, actor: Actor, case_id: int) -> Case:
    case = load_case(session, actor, case_id)
    require_open(case)
    if case.state not in WRITABLE_STATES:
        raise RuleViolation(f"case {case.case_no} is not in peer review; opinions are closed",
                            ja="査読中の事案ではないため意見を記入できません")
    return case


def save_opinion(vault: Vault, actor: Actor, case_id: int, data: OpinionInput) -> int:
    """Saves the actor's draft; after a submission it starts the next version (an amendment)."""
    require(actor, Action.WRITE_OPINION)
    share = _validate_opinion(data, complete=False)
    with vault.transaction() as session:
        case = _writable_case(session, actor, case_id)
        active = session.scalars(sa.select(Assignment).where(
            Assignment.case_id == case.id, Assignment.reviewer_id == actor.user_id,
            Assignment.status.in_(("assigned", "submitted"))).order_by(Assignment.id.desc())).all()
        if not active:
            raise NotFound(f"no case {case_id}", ja="該当する事案はありません")
        latest = session.scalars(sa.select(Opinion).where(
            Opinion.case_id == case.id, Opinion.author_id == actor.user_id)
            .order_by(Opinion.version.desc()).limit(1)).first()
        if latest is not None and latest.status == "draft":
            opinion = latest
        else:
            pending = [a for a in active if a.status == "assigned"]
            opinion = Opinion(case_id=case.id, assignment_id=(pending or active)[0].id,
                              author_id=actor.user_id, status="draft",
                              version=latest.version + 1 if latest else 1,
                              previous_id=latest.id if latest else None)
            session.add(opinion)
        _apply(opinion, data, share)
        session.flush()
        audit.record(session, actor, "opinion.save", "opinion", opinion.id, case_id=case.id,
                     detail={"version": opinion.version})
        return opinion.id


def submit_opinion(vault: Vault, actor: Actor, opinion_id: int) -> None:
    """Submits the actor's draft; from now on it is never edited (amend with a new version)."""
    require(actor, Action.WRITE_OPINION)
    with vault.transaction() as session:
        opinion = session.get(Opinion, opinion_id)
        if opinion is None or opinion.author_id != actor.user_id:
            raise NotFound(f"no opinion {opinion_id}", ja="査読意見が見つかりません")
        case = _writable_case(session, actor, opinion.case_id)
        if opinion.status != "draft":
            raise RuleViolation("a submitted opinion is never changed; save an amendment instead",
                                ja="提出済みの意見は変更できません。修正版を作成してください")
        data = OpinionInput(**{f: getattr(opinion, f) for f in OpinionInput.__dataclass_fields__})
        _validate_opinion(data, complete=True)
        if opinion.recommended_finding == "liable" and opinion.insured_share is None:
            opinion.insured_share = "1"
        opinion.status = "submitted"
        opinion.submitted_at = utcnow()
        assignment = session.get(Assignment, opinion.assignment_id)
        assert assignment is not None
        assignment.status = "submitted"
        update_disagreement(session, case)
        audit.record(session, actor, "opinion.submit", "opinion", opinion.id, case_id=case.id,
                     detail={"version": opinion.version, "previous_id": opinion.previous_id,
                             "recommended_finding": opinion.recommended_finding})
        search.index_case(session, case.id)


def _opinion_row(o: Opinion, u: User) -> OpinionRow:
    return OpinionRow(
        o.id, o.case_id, o.assignment_id, o.author_id, u.display_name, u.role, u.specialty,
        o.version, o.previous_id, o.status, o.negligence, o.negligence_rationale, o.causation,
        o.causation_rationale, o.duty_to_explain, o.duty_to_explain_rationale, o.damage,
        o.damage_rationale, o.recommended_finding,
        Decimal(o.insured_share) if o.insured_share is not None else None, o.comments,
        o.created_at, o.submitted_at)


def list_opinions(vault: Vault, actor: Actor, case_id: int) -> list[OpinionRow]:
    """Opinions the actor may read: their own (drafts too) and, once they submitted, the others'."""
    with vault.reading() as session:
        case = load_case(session, actor, case_id)
        rows = session.execute(
            sa.select(Opinion, User).join(User, User.id == Opinion.author_id)
            .where(Opinion.case_id == case.id).order_by(Opinion.author_id, Opinion.version)).all()
        everyone = _sees_everyone(session, actor, case.id)
        return [_opinion_row(o, u) for o, u in rows
                if o.author_id == actor.user_id or (everyone and o.status == "submitted")]


def current_opinions(session: Session, case_id: int) -> list[tuple[Opinion, User]]:
    """Each active reviewer's latest submitted version (amendments replace earlier ones)."""
    rows = session.execute(
        sa.select(Opinion, User).join(User, User.id == Opinion.author_id)
        .join(Assignment, Assignment.id == Opinion.assignment_id)
        .where(Opinion.case_id == case_id, Opinion.status == "submitted",
               Assignment.status != "withdrawn_conflict")
        .order_by(Opinion.author_id, Opinion.version)).all()
    latest: dict[int, tuple[Opinion, User]] = {}
    for opinion, user in rows:
        latest[opinion.author_id] = (opinion, user)
    return list(latest.values())


def missing_opinions(session: Session, case: Case) -> list[str]:
    """What the board still lacks to decide: a physician of the specialty and a lawyer."""
    current = current_opinions(session, case.id)
    missing = []
    if not any(u.role == Role.PHYSICIAN_REVIEWER and u.specialty == case.specialty
               for _, u in current):
        missing.append(f"a submitted physician opinion of the case's specialty ({case.specialty})")
    if not any(u.role == Role.LAWYER_REVIEWER for _, u in current):
        missing.append("a submitted lawyer opinion")
    return missing


def require_opinions(session: Session, case: Case, what: str) -> None:
    missing = missing_opinions(session, case)
    if missing:
        raise RuleViolation(
            f"{what} needs at least one submitted physician opinion of the case's specialty and "
            f"one lawyer opinion; case {case.case_no} lacks " + " and ".join(missing),
            ja="審査には当該診療科の医師の査読意見1件以上と弁護士の査読意見1件以上（提出済み）が必要です")


def disputed_elements(session: Session, case_id: int) -> tuple[str, ...]:
    physicians = [o for o, u in current_opinions(session, case_id)
                  if u.role == Role.PHYSICIAN_REVIEWER]
    return tuple(e for e in ("negligence", "causation")
                 if len({getattr(o, e) for o in physicians}) > 1)


def update_disagreement(session: Session, case: Case) -> None:
    """Flags the case when the physicians' opinions differ on negligence or causation."""
    case.disagreement = bool(disputed_elements(session, case.id))


def flagged_cases(vault: Vault, actor: Actor) -> list[FlaggedCaseRow]:
    """Open cases whose physicians disagree: the secretariat is prompted to add a reviewer."""
    require(actor, Action.ASSIGN_REVIEWER)
    with vault.reading() as session:
        cases = session.scalars(sa.select(Case).where(
            Case.disagreement.is_(True),
            Case.state.in_((CaseState.PEER_REVIEW.value, CaseState.BOARD_REVIEW.value)))
            .order_by(Case.case_no)).all()
        rows = []
        for c in cases:
            active = session.scalar(sa.select(sa.func.count(Assignment.id)).where(
                Assignment.case_id == c.id, Assignment.status.in_(("assigned", "submitted"))))
            rows.append(FlaggedCaseRow(c.id, c.case_no, c.state, c.procedure, c.specialty,
                                       disputed_elements(session, c.id), int(active or 0)))
        return rows
