"""Intake: registering a case against a contract, its coverage check, documents, withdrawal."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field, replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor, Specialty
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases import search
from reviewdesk.cases.access import load_case
from reviewdesk.cases.assessment.coverage import CoverageResult, check_coverage
from reviewdesk.cases.case_actions import guard_not_covered, guard_override, guard_withdraw
from reviewdesk.cases.intake_terms import OutcomeKind
from reviewdesk.cases.procedures import PROCEDURES, ProcedureCategory
from reviewdesk.cases.states import CaseState, check_transition
from reviewdesk.errors import InputError
from reviewdesk.store.models import Case, Contract, InsuredDoctor
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import (
    CASE_SUMMARY,
    CLINIC_PATIENT_ID,
    OVERRIDE_REASON,
    PATIENT_ADDRESS,
    PATIENT_DEMAND,
    PATIENT_INSURANCE_NO,
    PATIENT_KANA,
    PATIENT_NAME,
    PATIENT_PHONE,
    WITHDRAW_REASON,
    clean_optional,
    clean_text,
)


@dataclass(frozen=True)
class IntakeData:
    """What the secretariat records when a claim arrives (DOMAIN.md, intake)."""

    contract_id: int
    patient_name: str
    procedure: str
    incident_date: date
    claim_date: date
    summary: str
    outcome_kind: str = OutcomeKind.INJURY.value
    disability_grade: int | None = None
    insured_doctor_id: int | None = None
    facility_id: int | None = None
    patient_kana: str | None = None
    patient_birth_date: date | None = None
    patient_sex: str | None = None
    patient_demand: str | None = None
    demand_amount: int | None = None
    received_on: date | None = None
    specialty: str | None = None
    exclusions: tuple[str, ...] = field(default_factory=tuple)
    # Recorded when known; the masking step looks for them in the documents.
    patient_address: str | None = None
    patient_phone: str | None = None
    patient_insurance_no: str | None = None
    clinic_patient_id: str | None = None


def default_specialty(procedure: str) -> Specialty:
    """Surgery goes to plastic surgery; skin and internal treatments to dermatology."""
    category = PROCEDURES[procedure].category
    return Specialty.PLASTIC_SURGERY if category is ProcedureCategory.SURGICAL else Specialty.DERMATOLOGY


def assessment_course(course: str) -> str:
    """The engine knows 'all' and 'non_surgical'; the current scheme's courses cover everything."""
    return "non_surgical" if course == "non_surgical" else "all"


def _validate(data: IntakeData) -> IntakeData:
    """data with its free text cleaned (text_fields), or an InputError naming what is wrong."""
    data = replace(data, patient_name=clean_text(data.patient_name, PATIENT_NAME),
                   patient_kana=clean_optional(data.patient_kana, PATIENT_KANA),
                   summary=clean_text(data.summary, CASE_SUMMARY),
                   patient_demand=clean_optional(data.patient_demand, PATIENT_DEMAND),
                   patient_address=clean_optional(data.patient_address, PATIENT_ADDRESS),
                   patient_phone=clean_optional(data.patient_phone, PATIENT_PHONE),
                   patient_insurance_no=clean_optional(data.patient_insurance_no, PATIENT_INSURANCE_NO),
                   clinic_patient_id=clean_optional(data.clinic_patient_id, CLINIC_PATIENT_ID))
    if not data.patient_name:
        raise InputError("patient_name: must not be empty", ja="患者氏名を入力してください")
    if data.procedure not in PROCEDURES:
        raise InputError(f"procedure: unknown procedure code '{data.procedure}'",
                         ja="施術の種類が正しくありません")
    if data.outcome_kind not in tuple(OutcomeKind):
        raise InputError(f"outcome_kind: must be one of {', '.join(OutcomeKind)}",
                         ja="転帰の区分が正しくありません")
    if data.outcome_kind == OutcomeKind.AFTER_EFFECT and not (
        data.disability_grade and 1 <= data.disability_grade <= 14
    ):
        raise InputError("disability_grade: an after-effect needs a grade from 1 to 14",
                         ja="後遺障害には1〜14級の等級が必要です")
    if data.claim_date < data.incident_date:
        raise InputError("claim_date: the claim cannot precede the incident",
                         ja="請求日が事故日より前になっています")
    if data.demand_amount is not None and data.demand_amount < 0:
        raise InputError("demand_amount: must not be negative", ja="請求額は0以上にしてください")
    if not data.summary.strip():
        raise InputError("summary: describe what happened", ja="事案の概要を入力してください")
    if data.specialty:
        try:
            Specialty(data.specialty)
        except ValueError:
            raise InputError(f"specialty: unknown specialty '{data.specialty}'",
                             ja=f"診療科「{data.specialty}」は登録できる専門科ではありません") from None
    return data


def _next_case_no(session: Session, year: int) -> str:
    prefix = f"{year}-"
    last = session.scalar(
        sa.select(sa.func.max(Case.case_no)).where(Case.case_no.like(prefix + "%"))
    )
    seq = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


def new_alias() -> str:
    """A stable, case-specific pseudonym for the patient, shown to reviewers."""
    return "患者" + secrets.token_hex(3).upper()


def register_case(vault: Vault, actor: Actor, data: IntakeData, *, today: date | None = None,
                  run_check: bool = True) -> int:
    """Registers a claim (受付); by default runs the coverage check (受理審査) at once."""
    with write(vault, actor, Action.REGISTER_CASE) as uow:
        session = uow.session
        data = _validate(data)
        today = today or date.today()
        contract = session.get(Contract, data.contract_id)
        if contract is None:
            raise InputError(f"contract: no contract {data.contract_id}", ja="契約が見つかりません")
        if data.insured_doctor_id is not None:
            doctor = session.get(InsuredDoctor, data.insured_doctor_id)
            if doctor is None or doctor.contract_id != contract.id:
                raise InputError("insured_doctor: not insured under this contract",
                                 ja="この契約の被共済者ではありません")
        case = Case(
            case_no=_next_case_no(session, (data.received_on or today).year),
            state=CaseState.RECEIVED.value, member_id=contract.member_id, contract_id=contract.id,
            insured_doctor_id=data.insured_doctor_id,
            facility_id=data.facility_id or contract.facility_id,
            specialty=data.specialty or default_specialty(data.procedure).value,
            patient_name=data.patient_name.strip(), patient_kana=data.patient_kana,
            patient_birth_date=data.patient_birth_date, patient_sex=data.patient_sex,
            patient_alias=new_alias(), patient_address=data.patient_address,
            patient_phone=data.patient_phone, patient_insurance_no=data.patient_insurance_no,
            clinic_patient_id=data.clinic_patient_id, procedure=data.procedure,
            incident_date=data.incident_date, claim_date=data.claim_date,
            received_on=data.received_on or today, summary=data.summary.strip(),
            patient_demand=data.patient_demand, demand_amount=data.demand_amount,
            outcome_kind=data.outcome_kind, disability_grade=data.disability_grade,
            exclusions=json.dumps(list(data.exclusions)),
        )
        session.add(case)
        session.flush()
        audit.record(session, actor, "case.register", "case", case.id, case_id=case.id,
                     detail={"case_no": case.case_no, "procedure": case.procedure})
        if run_check:
            _run_check(session, actor, case, contract)
        search.index_case(session, case.id)
        return case.id


def coverage_for(case: Case, contract: Contract) -> CoverageResult:
    return check_coverage(
        incident_date=case.incident_date, claim_date=case.claim_date, procedure=case.procedure,
        course=assessment_course(contract.course), period_start=contract.period_start,
        period_end=contract.period_end, retro_date=contract.retro_date,
        exclusions=json.loads(case.exclusions), facility_rider=contract.facility_rider,
    )


def _run_check(session: Session, actor: Actor, case: Case, contract: Contract) -> CoverageResult:
    if case.state != CaseState.COVERAGE_CHECK:
        check_transition(case.state, CaseState.COVERAGE_CHECK)
    result = coverage_for(case, contract)
    case.coverage_covered = result.covered
    case.coverage_reasons = json.dumps(list(result.reasons))
    case.state = CaseState.COVERAGE_CHECK.value
    audit.record(session, actor, "case.coverage_check", "case", case.id, case_id=case.id,
                 detail={"covered": result.covered, "reasons": list(result.reasons)})
    return result


def override_coverage(vault: Vault, actor: Actor, case_id: int, reason: str) -> None:
    """The board decides to review a case the check found not covered, with a recorded reason."""
    with write(vault, actor, Action.OVERRIDE_COVERAGE) as uow:
        session = uow.session
        reason = clean_text(reason, OVERRIDE_REASON)
        if not reason:
            raise InputError("reason: an override needs a reason", ja="理由を入力してください")
        case = load_case(session, actor, case_id)
        guard_override(session, case)
        case.coverage_override = reason
        audit.record(session, actor, "case.coverage_override", "case", case.id, case_id=case.id,
                     detail={"reason": reason})


def mark_not_covered(vault: Vault, actor: Actor, case_id: int) -> None:
    """Sends a not-covered case to its exit (対象外); the not-covered letter explains why."""
    with write(vault, actor, Action.REGISTER_CASE) as uow:
        session = uow.session
        case = load_case(session, actor, case_id)
        guard_not_covered(session, case)
        case.state = CaseState.NOT_COVERED.value
        case.decided_on = date.today()
        audit.record(session, actor, "case.not_covered", "case", case.id, case_id=case.id,
                     detail={"reasons": json.loads(case.coverage_reasons)})


def withdraw_case(vault: Vault, actor: Actor, case_id: int, reason: str) -> None:
    with write(vault, actor, Action.WITHDRAW_CASE) as uow:
        session = uow.session
        reason = clean_text(reason, WITHDRAW_REASON)
        if not reason:
            raise InputError("reason: a withdrawal needs a reason", ja="取下げの理由を入力してください")
        case = load_case(session, actor, case_id)
        guard_withdraw(session, case)
        case.state = CaseState.WITHDRAWN.value
        case.withdrawn_reason = reason
        audit.record(session, actor, "case.withdraw", "case", case.id, case_id=case.id,
                     detail={"reason": reason})
