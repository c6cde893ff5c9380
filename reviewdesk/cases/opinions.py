"""Opinions (査読意見): drafts, immutable submissions and amendments, blind review, disagreement."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor, Role
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases import search
from reviewdesk.cases.access import ACTIVE_ASSIGNMENT_STATES, load_case, read_case
from reviewdesk.cases.case_actions import guard_write_opinion
from reviewdesk.cases.concurrency import Revision, require_current
from reviewdesk.cases.outcomes import (
    CORE_ELEMENTS,
    Answer,
    Element,
    FindingOutcome,
    element_label,
    parse_share,
    share_for_outcome,
)
from reviewdesk.cases.review_terms import AssignmentStatus, OpinionStatus
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.store.models import Assignment, Case, Opinion, User, utcnow
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import OPINION_COMMENTS, RATIONALE, clean_text

# Opinions are written while the case is with the reviewers, and amended until the finding.


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
    revision: int = 0

    @property
    def revision_key(self) -> Revision:
        """What a form editing this opinion hands back to save_opinion(loaded=...)."""
        return Revision.of(self.id, self.revision)


def _has_submitted(session: Session, actor: Actor, case_id: int) -> bool:
    return bool(session.scalar(sa.select(sa.func.count(Opinion.id)).where(
        Opinion.case_id == case_id, Opinion.author_id == actor.user_id,
        Opinion.status == OpinionStatus.SUBMITTED.value)))


def sees_everyone(session: Session, actor: Actor, case_id: int) -> bool:
    """Blind review: a reviewer sees the others' work only after submitting their own."""
    if allowed(actor, Action.READ_ALL_CASES):
        return True
    return _has_submitted(session, actor, case_id)


def _clean_opinion(data: OpinionInput) -> OpinionInput:
    """data with its rationales and comments cleaned (text_fields): limits, no control characters."""
    texts = {f"{element}_rationale": clean_text(
        getattr(data, f"{element}_rationale"),
        RATIONALE.about(f"{element_label(element)}についての理由", f"{element}_rationale"))
        for element in Element}
    return replace(data, comments=clean_text(data.comments, OPINION_COMMENTS), **texts)


def _validate_opinion(data: OpinionInput, *, complete: bool) -> Decimal | None:
    for element in Element:
        answer = getattr(data, element)
        rationale = getattr(data, f"{element}_rationale")
        if answer is not None and answer not in tuple(Answer):
            raise InputError(f"{element}: must be one of {', '.join(Answer)}",
                             ja=f"{element_label(element)}の判断が正しくありません")
        if complete and (answer is None or not rationale.strip()):
            raise InputError(f"{element}: an answer and a written rationale are required",
                             ja=f"{element_label(element)}について判断と理由を記入してください")
    if (data.recommended_finding is not None
            and data.recommended_finding not in tuple(FindingOutcome)):
        raise InputError(f"recommended_finding: must be one of {', '.join(FindingOutcome)}",
                         ja="推奨する判定が正しくありません")
    share = parse_share(data.insured_share)
    if complete:
        if data.recommended_finding is None:
            raise InputError("recommended_finding: required to submit",
                             ja="推奨する判定を選んでください")
        share = share_for_outcome(data.recommended_finding, share)
    return share


def _apply(opinion: Opinion, data: OpinionInput, share: Decimal | None) -> None:
    for element in Element:
        setattr(opinion, element, getattr(data, element))
        setattr(opinion, f"{element}_rationale", getattr(data, f"{element}_rationale").strip())
    opinion.recommended_finding = data.recommended_finding
    opinion.insured_share = str(share) if share is not None else None
    opinion.comments = data.comments.strip()


def _writable_case(session: Session, actor: Actor, case_id: int) -> Case:
    case = load_case(session, actor, case_id)
    guard_write_opinion(session, case)
    return case


def save_opinion(vault: Vault, actor: Actor, case_id: int, data: OpinionInput, *,
                 loaded: Revision | None = None) -> int:
    """Saves the actor's draft; after a submission it starts the next version (an amendment).

    `loaded`: the own latest opinion the form showed (OpinionRow.revision_key); a save based on
    anything older (the same reviewer saved or submitted at another seat) is refused."""
    with write(vault, actor, Action.WRITE_OPINION) as uow:
        session = uow.session
        data = _clean_opinion(data)
        share = _validate_opinion(data, complete=False)
        case = _writable_case(session, actor, case_id)
        active = session.scalars(sa.select(Assignment).where(
            Assignment.case_id == case.id, Assignment.reviewer_id == actor.user_id,
            Assignment.status.in_(ACTIVE_ASSIGNMENT_STATES)).order_by(Assignment.id.desc())).all()
        if not active:
            raise NotFound(f"no case {case_id}", ja="該当する事案はありません")
        latest = session.scalars(sa.select(Opinion).where(
            Opinion.case_id == case.id, Opinion.author_id == actor.user_id)
            .order_by(Opinion.version.desc()).limit(1)).first()
        require_current("opinion", loaded, Revision.of(latest.id, latest.revision) if latest
                        else Revision(None, 0))
        if latest is not None and latest.status == OpinionStatus.DRAFT:
            opinion = latest
        else:
            pending = [a for a in active if a.status == AssignmentStatus.ASSIGNED]
            opinion = Opinion(case_id=case.id, assignment_id=(pending or active)[0].id,
                              author_id=actor.user_id, status=OpinionStatus.DRAFT.value,
                              version=latest.version + 1 if latest else 1,
                              previous_id=latest.id if latest else None)
            session.add(opinion)
        _apply(opinion, data, share)
        opinion.revision = (opinion.revision or 0) + 1
        session.flush()
        audit.record(session, actor, "opinion.save", "opinion", opinion.id, case_id=case.id,
                     detail={"version": opinion.version})
        return opinion.id


def submit_opinion(vault: Vault, actor: Actor, opinion_id: int) -> None:
    """Submits the actor's draft; from now on it is never edited (amend with a new version)."""
    with write(vault, actor, Action.WRITE_OPINION) as uow:
        session = uow.session
        opinion = session.get(Opinion, opinion_id)
        if opinion is None or opinion.author_id != actor.user_id:
            raise NotFound(f"no opinion {opinion_id}", ja="査読意見が見つかりません")
        case = _writable_case(session, actor, opinion.case_id)
        if opinion.status != OpinionStatus.DRAFT:
            raise RuleViolation("a submitted opinion is never changed; save an amendment instead",
                                ja="提出済みの意見は変更できません。修正版を作成してください")
        data = OpinionInput(**{f: getattr(opinion, f) for f in OpinionInput.__dataclass_fields__})
        _validate_opinion(data, complete=True)
        if opinion.recommended_finding == FindingOutcome.LIABLE and opinion.insured_share is None:
            opinion.insured_share = "1"
        opinion.status = OpinionStatus.SUBMITTED.value
        opinion.submitted_at = utcnow()
        opinion.revision = (opinion.revision or 0) + 1  # a form still showing the draft is stale
        assignment = session.get(Assignment, opinion.assignment_id)
        assert assignment is not None
        assignment.status = AssignmentStatus.SUBMITTED.value
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
        o.created_at, o.submitted_at, o.revision or 0)


def list_opinions(vault: Vault, actor: Actor, case_id: int) -> list[OpinionRow]:
    """Opinions the actor may read: their own (drafts too) and, once they submitted, the others'."""
    with read_case(vault, actor, case_id) as (session, case):
        rows = session.execute(
            sa.select(Opinion, User).join(User, User.id == Opinion.author_id)
            .where(Opinion.case_id == case.id).order_by(Opinion.author_id, Opinion.version)).all()
        everyone = sees_everyone(session, actor, case.id)
        return [_opinion_row(o, u) for o, u in rows
                if o.author_id == actor.user_id or (everyone and o.status == OpinionStatus.SUBMITTED)]


def current_opinions(session: Session, case_id: int) -> list[tuple[Opinion, User]]:
    """Each active reviewer's latest submitted version (amendments replace earlier ones)."""
    rows = session.execute(
        sa.select(Opinion, User).join(User, User.id == Opinion.author_id)
        .join(Assignment, Assignment.id == Opinion.assignment_id)
        .where(Opinion.case_id == case_id, Opinion.status == OpinionStatus.SUBMITTED.value,
               Assignment.status != AssignmentStatus.WITHDRAWN_CONFLICT.value)
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
    return tuple(e.value for e in CORE_ELEMENTS
                 if len({getattr(o, e) for o in physicians}) > 1)


def update_disagreement(session: Session, case: Case) -> None:
    """Flags the case when the physicians' opinions differ on negligence or causation."""
    case.disagreement = bool(disputed_elements(session, case.id))
