"""The end of a case: notification, closing into the archive, reopening, appeals (異議申立)."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases import search
from reviewdesk.cases.access import load_case
from reviewdesk.cases.assessing import AssessmentStatus
from reviewdesk.cases.case_actions import (
    contested_finding,
    guard_close,
    guard_notify,
    guard_reopen,
)
from reviewdesk.cases.intake import _next_case_no
from reviewdesk.cases.outcomes import LIABLE_OUTCOMES
from reviewdesk.cases.queries import CaseFilter, CaseRow, SortKey, count_cases, list_cases
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import InputError, RuleViolation
from reviewdesk.store.models import Assessment, Case, Finding, Letter
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import APPEAL_GROUNDS, REOPEN_REASON, clean_text

# Records are kept at least 10 years after the decision (seed 002's anesthesia rider).
RETENTION_YEARS = 10
LETTER_LABELS = {"finding": "審査結果通知書", "assessment": "査定結果通知書",
                 "not_covered": "対象外通知"}


def retention_date(start: date, years: int = RETENTION_YEARS) -> date:
    """`years` after `start`; 29 February falls back to the 28th."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def _missing_letters(session: Session, case: Case, kinds: tuple[str, ...]) -> list[str]:
    """The kinds without a signed letter issued after the decision it reports.

    A finding letter sent when the board deferred the case does not notify its final finding.
    """
    since: dict[str, datetime | None] = {
        "finding": session.scalar(sa.select(sa.func.max(Finding.recorded_at))
                                  .where(Finding.case_id == case.id)),
        "assessment": session.scalar(sa.select(sa.func.max(Assessment.approved_at)).where(
            Assessment.case_id == case.id, Assessment.status == AssessmentStatus.APPROVED.value)),
    }
    missing = []
    for kind in kinds:
        query = sa.select(Letter.id).where(Letter.case_id == case.id, Letter.kind == kind,
                                           Letter.signed.is_(True))
        if since.get(kind) is not None:
            query = query.where(Letter.created_at >= since[kind])
        if session.scalar(query.limit(1)) is None:
            missing.append(kind)
    return missing


def _refuse_unsigned(case: Case, missing: list[str], what: str) -> None:
    if missing:
        raise RuleViolation(
            f"{what} needs the signed "
            f"{', '.join(k.replace('_', '-') + ' letter' for k in missing)} "
            f"of case {case.case_no} stored first",
            ja="署名済みの" + "・".join(LETTER_LABELS[k] for k in missing) + "が保存されていません")


def mark_notified(vault: Vault, actor: Actor, case_id: int) -> None:
    """decided → notified, once the decision letter(s) are signed and stored in the vault."""
    with write(vault, actor, Action.ISSUE_LETTER) as uow:
        session = uow.session
        case = load_case(session, actor, case_id)
        guard_notify(session, case)
        liable = case.outcome in LIABLE_OUTCOMES
        kinds = ("finding", "assessment") if liable else ("finding",)
        _refuse_unsigned(case, _missing_letters(session, case, kinds), "notification")
        case.state = CaseState.NOTIFIED.value
        audit.record(session, actor, "case.notified", "case", case.id, case_id=case.id,
                     detail={"letters": list(kinds)})


def close_case(vault: Vault, actor: Actor, case_id: int, today: date | None = None) -> date:
    """Closes and archives a case (read-only from now on); returns its retention date."""
    with write(vault, actor, Action.CLOSE_CASE) as uow:
        session = uow.session
        today = today or date.today()
        case = load_case(session, actor, case_id)
        guard_close(session, case)
        if case.state == CaseState.NOT_COVERED:
            _refuse_unsigned(case, _missing_letters(session, case, ("not_covered",)), "closing")
        case.state_before_close = case.state
        case.state = CaseState.CLOSED.value
        case.closed_on = today
        case.retention_until = retention_date(case.decided_on or today)
        audit.record(session, actor, "case.close", "case", case.id, case_id=case.id,
                     detail={"from_state": case.state_before_close,
                             "retention_until": case.retention_until})
        return case.retention_until


def reopen_case(vault: Vault, actor: Actor, case_id: int, reason: str) -> str:
    """Reopens an archived case to the state it was closed from; returns that state."""
    with write(vault, actor, Action.REOPEN_CASE) as uow:
        session = uow.session
        reason = clean_text(reason, REOPEN_REASON)
        if not reason:
            raise InputError("reason: reopening a closed case needs a reason",
                             ja="再開の理由を入力してください")
        case = load_case(session, actor, case_id)
        guard_reopen(session, case)
        back = case.state_before_close
        case.state, case.state_before_close = back, None
        closed_on, case.closed_on, case.retention_until = case.closed_on, None, None
        audit.record(session, actor, "case.reopen", "case", case.id, case_id=case.id,
                     detail={"reason": reason.strip(), "to_state": back, "closed_on": closed_on})
        return back


def register_appeal(vault: Vault, actor: Actor, case_id: int, grounds: str,
                    received_on: date | None = None, today: date | None = None) -> int:
    """The member contests the board's finding: a new case linked to the original.

    The appeal goes to peer review like any case (assign_reviewer), but no reviewer of the
    original may sit on its panel, and its finding will reference the original finding.
    """
    with write(vault, actor, Action.REGISTER_APPEAL) as uow:
        session = uow.session
        grounds = clean_text(grounds, APPEAL_GROUNDS)
        if not grounds:
            raise InputError("grounds: state what the member contests", ja="異議の理由を入力してください")
        today = today or date.today()
        original = load_case(session, actor, case_id)
        finding = contested_finding(session, original)
        received = received_on or today
        appeal = Case(
            case_no=_next_case_no(session, received.year), state=CaseState.COVERAGE_CHECK.value,
            member_id=original.member_id, contract_id=original.contract_id,
            insured_doctor_id=original.insured_doctor_id, facility_id=original.facility_id,
            specialty=original.specialty, patient_name=original.patient_name,
            patient_kana=original.patient_kana, patient_birth_date=original.patient_birth_date,
            patient_sex=original.patient_sex, patient_alias=original.patient_alias,
            procedure=original.procedure, incident_date=original.incident_date,
            claim_date=original.claim_date, received_on=received,
            summary=f"異議申立（原事案 {original.case_no}）: {grounds.strip()}\n\n{original.summary}",
            patient_demand=original.patient_demand, demand_amount=original.demand_amount,
            outcome_kind=original.outcome_kind, disability_grade=original.disability_grade,
            exclusions=original.exclusions, coverage_covered=original.coverage_covered,
            coverage_reasons=original.coverage_reasons,
            coverage_override=original.coverage_override, appeal_of_id=original.id)
        session.add(appeal)
        session.flush()
        audit.record(session, actor, "case.appeal", "case", appeal.id, case_id=appeal.id,
                     detail={"original": original.case_no, "original_finding_id": finding.id,
                             "grounds": grounds.strip()})
        search.index_case(session, appeal.id)
        return appeal.id


def archive_filter(*, year: int | None = None, member_id: int | None = None,
                   procedure: str | None = None, outcome: str | None = None,
                   min_amount: int | None = None, max_amount: int | None = None,
                   search: str = "") -> CaseFilter:
    """Closed cases, by the year of their decision, member, procedure, outcome and amount."""
    return CaseFilter(states=(CaseState.CLOSED.value,), decided_year=year, member_id=member_id,
                      procedure=procedure, outcome=outcome, min_amount=min_amount,
                      max_amount=max_amount, search=search)


def list_archive(vault: Vault, actor: Actor, f: CaseFilter | None = None, *, offset: int = 0,
                 limit: int = 200) -> list[CaseRow]:
    """Archived decisions the actor may see, newest first; `f` from archive_filter."""
    f = f or archive_filter()
    return list_cases(vault, actor, f, sort=SortKey.NUMBER, descending=True, offset=offset,
                      limit=limit)


def count_archive(vault: Vault, actor: Actor, f: CaseFilter | None = None) -> int:
    return count_cases(vault, actor, f or archive_filter())
