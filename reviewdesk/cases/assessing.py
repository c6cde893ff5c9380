"""Assessment of a liable case (査定): prefill, compute with the engine, approve (four eyes), pay."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import load_case, read_case, require_open
from reviewdesk.cases.assessment import (
    EXCLUSION_CODES,
    SEXES,
    AssessmentResult,
    Scenario,
    assess,
    current_edition,
    load_edition,
    load_json,
    parse_scenario,
)
from reviewdesk.cases.concurrency import Revision, require_current
from reviewdesk.cases.intake import assessment_course
from reviewdesk.cases.outcomes import LIABLE_OUTCOMES, parse_patient_fault
from reviewdesk.cases.states import CaseState, check_transition
from reviewdesk.errors import NotFound, RuleViolation
from reviewdesk.labels import labeller
from reviewdesk.store.models import Assessment, Case, Contract, Finding, Payment, User, utcnow
from reviewdesk.store.vault import Vault

# Seed 002's anesthesia rider when the contract does not state its own figures.
DEFAULT_ANESTHESIA_ATTACHMENT = 1_000_000
DEFAULT_ANESTHESIA_LIMIT = 100_000_000


class AssessmentStatus(StrEnum):
    COMPUTED = "computed"  # 計算済（未承認）
    APPROVED = "approved"  # 承認済 (four eyes)
    SUPERSEDED = "superseded"  # 差替え: a later computation replaced it


ASSESSMENT_STATUS_LABELS: dict[AssessmentStatus, tuple[str, str]] = {
    AssessmentStatus.COMPUTED: ("計算済（未承認）", "Computed (not approved)"),
    AssessmentStatus.APPROVED: ("承認済", "Approved"),
    AssessmentStatus.SUPERSEDED: ("差替え", "Superseded"),
}


assessment_status_label = labeller(AssessmentStatus, ASSESSMENT_STATUS_LABELS)


@dataclass(frozen=True)
class CommitteeInputs:
    """What the committee enters itself (ASSESSMENT.md section 5); the rest comes from the case."""

    victim_age: int
    victim_sex: str
    annual_income: int = 0
    household_role: str = "other"
    dependents: int = 0
    loss_years: int | None = None
    treatment_costs: int = 0
    hospital_days: int = 0
    lost_wages: int = 0
    hospital_outpatient_consolation: int = 0
    funeral_costs: int = 0
    other_costs: int = 0
    death_consolation: int | None = None
    patient_fault: Decimal | str = Decimal(0)
    prior_payments: int = 0
    lawyer_fee_award: bool = False
    other_insurance_paid: int = 0
    litigation_costs: int = 0
    anesthesia_cause: bool = False


@dataclass(frozen=True)
class Prefill:
    """The scenario's fields taken from the case, its contract and the board's finding."""

    case_id: int
    case_no: str
    incident_date: date
    claim_date: date
    procedure: str
    outcome_kind: str
    disability_grade: int | None
    insured_share: Decimal
    exclusions: tuple[str, ...]
    course: str  # the engine's course: all or non_surgical
    contract_course: str
    period_start: date
    period_end: date
    retro_date: date | None
    per_claim_limit: int
    deductible: int
    annual_aggregate: int | None
    aggregate_used: int
    litigation_costs_in_aggregate: bool
    anesthesia_rider: tuple[int, int] | None  # (attachment, rider_limit)
    facility_rider: bool
    victim_age: int | None  # suggested from the patient's birth date, when known
    victim_sex: str | None

    def scenario(self, inputs: CommitteeInputs) -> dict[str, Any]:
        """Section 5's scenario JSON (as a dict) from the prefill and the committee's inputs."""
        share = parse_patient_fault(inputs.patient_fault)
        return {
            "incident_date": self.incident_date.isoformat(),
            "claim_date": self.claim_date.isoformat(),
            "procedure": self.procedure,
            "victim": {"age": inputs.victim_age, "sex": inputs.victim_sex,
                       "annual_income": inputs.annual_income,
                       "household_role": inputs.household_role, "dependents": inputs.dependents},
            "outcome": {"kind": self.outcome_kind, "disability_grade": self.disability_grade,
                        "loss_years": inputs.loss_years},
            "damages": {"treatment_costs": inputs.treatment_costs,
                        "hospital_days": inputs.hospital_days, "lost_wages": inputs.lost_wages,
                        "hospital_outpatient_consolation": inputs.hospital_outpatient_consolation,
                        "funeral_costs": inputs.funeral_costs, "other_costs": inputs.other_costs,
                        "death_consolation": inputs.death_consolation},
            "patient_fault": str(share if share is not None else 0),
            "insured_share": str(self.insured_share),
            "prior_payments": inputs.prior_payments,
            "lawyer_fee_award": inputs.lawyer_fee_award,
            "other_insurance_paid": inputs.other_insurance_paid,
            "litigation_costs": inputs.litigation_costs,
            "anesthesia_cause": inputs.anesthesia_cause,
            "exclusions": list(self.exclusions),
            "policy": {
                "course": self.course, "period_start": self.period_start.isoformat(),
                "period_end": self.period_end.isoformat(),
                "retro_date": self.retro_date.isoformat() if self.retro_date else None,
                "per_claim_limit": self.per_claim_limit, "deductible": self.deductible,
                "annual_aggregate": self.annual_aggregate, "aggregate_used": self.aggregate_used,
                "litigation_costs_in_aggregate": self.litigation_costs_in_aggregate,
                "anesthesia_rider": ({"attachment": self.anesthesia_rider[0],
                                      "rider_limit": self.anesthesia_rider[1]}
                                     if self.anesthesia_rider else None),
                "facility_rider": self.facility_rider,
            },
        }


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    case_id: int
    case_no: str
    version: int
    status: str  # AssessmentStatus
    edition: str
    covered: bool
    total_damages: int
    liability: int
    indemnity: int
    litigation: int
    anesthesia_layer: int
    payout_total: int
    computed_by: int
    computed_by_name: str
    computed_at: datetime
    approved_by: int | None
    approved_by_name: str | None
    approved_at: datetime | None
    inputs: Scenario
    result: AssessmentResult


@dataclass(frozen=True)
class AggregateStatus:
    contract_id: int
    annual_aggregate: int | None
    used: int
    remaining: int | None


def aggregate_used(session: Session, contract_id: int) -> int:
    """What earlier approved payouts of this contract year already drew from its aggregate."""
    total = sa.func.coalesce(sa.func.sum(Payment.counts_to_aggregate), 0)
    return int(session.scalar(sa.select(total)
                              .where(Payment.contract_id == contract_id)) or 0)


def decode_assessment(row: Assessment) -> tuple[Scenario, AssessmentResult]:
    """A stored assessment's inputs and result as the engine's objects; JSON is only their storage."""
    return (parse_scenario(load_json(row.inputs_json, f"assessment {row.id} inputs")),
            AssessmentResult.from_dict(load_json(row.result_json, f"assessment {row.id} result")))


def _age_on(birth: date | None, day: date) -> int | None:
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _liable_finding(session: Session, case: Case) -> Finding:
    finding = session.scalars(sa.select(Finding).where(Finding.case_id == case.id)
                              .order_by(Finding.id.desc()).limit(1)).first()
    if finding is None or finding.outcome not in LIABLE_OUTCOMES:
        raise RuleViolation(f"case {case.case_no} has no liable finding to assess",
                            ja="有責の審査結果がないため査定できません")
    return finding


def _prefill(session: Session, case: Case) -> Prefill:
    finding = _liable_finding(session, case)
    contract = session.get(Contract, case.contract_id)
    assert contract is not None
    rider = None
    if contract.anesthesia_class:
        rider = (contract.anesthesia_attachment or DEFAULT_ANESTHESIA_ATTACHMENT,
                 contract.anesthesia_limit or DEFAULT_ANESTHESIA_LIMIT)
    return Prefill(
        case_id=case.id, case_no=case.case_no, incident_date=case.incident_date,
        claim_date=case.claim_date, procedure=case.procedure, outcome_kind=case.outcome_kind,
        disability_grade=case.disability_grade,
        insured_share=Decimal(finding.insured_share or "1"),
        exclusions=tuple(e for e in json.loads(case.exclusions) if e in EXCLUSION_CODES),
        course=assessment_course(contract.course), contract_course=contract.course,
        period_start=contract.period_start, period_end=contract.period_end,
        retro_date=contract.retro_date, per_claim_limit=contract.per_claim_limit,
        deductible=contract.deductible, annual_aggregate=contract.annual_aggregate,
        aggregate_used=aggregate_used(session, contract.id),
        litigation_costs_in_aggregate=contract.litigation_costs_in_aggregate,
        anesthesia_rider=rider, facility_rider=contract.facility_rider,
        victim_age=_age_on(case.patient_birth_date, case.incident_date),
        victim_sex=case.patient_sex if case.patient_sex in SEXES else None)


def _assessable(session: Session, actor: Actor, case_id: int) -> Case:
    case = load_case(session, actor, case_id)
    require_open(case)
    if case.state != CaseState.ASSESSMENT:
        raise RuleViolation(f"case {case.case_no} is not awaiting assessment "
                            f"(state '{case.state}')",
                            ja="査定待ちの事案ではありません")
    return case


def prefill(vault: Vault, actor: Actor, case_id: int) -> Prefill:
    """The assessment's inputs as the case, its contract and the finding give them."""
    with read(vault, actor, Action.COMPUTE_ASSESSMENT) as session:
        return _prefill(session, _assessable(session, actor, case_id))


def compute_assessment(vault: Vault, actor: Actor, case_id: int, inputs: CommitteeInputs, *,
                       edition: str | None = None, today: date | None = None,
                       loaded: Revision | None = None) -> int:
    """Computes with the engine and stores inputs, edition and result; supersedes a draft.

    `loaded`: the latest version the member's form was based on (Revision.of(id, version));
    a computation by another member since refuses this one (cases/concurrency.py)."""
    with write(vault, actor, Action.COMPUTE_ASSESSMENT) as uow:
        session = uow.session
        rules = load_edition(edition) if edition else current_edition(today)
        case = _assessable(session, actor, case_id)
        scenario = parse_scenario(_prefill(session, case).scenario(inputs))
        result = assess(scenario, rules)
        earlier = session.scalars(sa.select(Assessment).where(Assessment.case_id == case.id)
                                  .order_by(Assessment.version)).all()
        require_current("assessment", loaded, Revision.of(earlier[-1].id, earlier[-1].version)
                        if earlier else Revision(None, 0))
        for old in earlier:
            if old.status == AssessmentStatus.COMPUTED:
                old.status = AssessmentStatus.SUPERSEDED.value
        row = Assessment(
            case_id=case.id, version=(earlier[-1].version + 1) if earlier else 1,
            status=AssessmentStatus.COMPUTED.value, edition=result.edition,
            inputs_json=json.dumps(scenario.to_dict(), ensure_ascii=False),
            result_json=json.dumps(result.to_dict(), ensure_ascii=False),
            liability=result.liability, payout_total=result.payout.total,
            computed_by=actor.user_id)
        session.add(row)
        session.flush()
        audit.record(session, actor, "assessment.compute", "assessment", row.id, case_id=case.id,
                     detail={"version": row.version, "edition": row.edition,
                             "liability": row.liability, "payout_total": row.payout_total})
        return row.id


def approve_assessment(vault: Vault, actor: Actor, assessment_id: int,
                       today: date | None = None) -> None:
    """A second committee member approves: payments are recorded and the case is decided."""
    with write(vault, actor, Action.APPROVE_ASSESSMENT) as uow:
        session = uow.session
        today = today or date.today()
        row = session.get(Assessment, assessment_id)
        if row is None:
            raise NotFound(f"no assessment {assessment_id}", ja="査定が見つかりません")
        case = _assessable(session, actor, row.case_id)
        if row.status != AssessmentStatus.COMPUTED:
            raise RuleViolation(f"assessment version {row.version} is {row.status}; approve the "
                                "latest computation", ja="最新の査定のみ承認できます")
        if row.computed_by == actor.user_id:
            raise RuleViolation("four eyes: the member who computed an assessment cannot "
                                "approve it",
                                ja="査定を計算した委員は承認できません（別の委員の承認が必要です）")
        check_transition(case.state, CaseState.DECIDED)
        scenario, result = decode_assessment(row)
        used_now = aggregate_used(session, case.contract_id)
        if scenario.policy.annual_aggregate is not None and scenario.policy.aggregate_used != used_now:
            raise RuleViolation(
                "the contract year's aggregate changed since this assessment was computed; "
                "recompute it", ja="計算後に年間支払限度額の使用額が変わりました。再計算してください")
        contract = session.get(Contract, case.contract_id)
        assert contract is not None
        payout = result.payout
        # What draws on the annual aggregate, as the engine applies it (ASSESSMENT.md 4): the
        # indemnity always, litigation costs where the contract says so, never the rider's layer.
        counts = (("indemnity", payout.indemnity, True),
                  ("litigation", payout.litigation, contract.litigation_costs_in_aggregate),
                  ("anesthesia_layer", payout.anesthesia_layer, False))
        for kind, amount, in_aggregate in counts:
            if amount:
                session.add(Payment(contract_id=contract.id, case_id=case.id,
                                    assessment_id=row.id, kind=kind, amount=amount,
                                    counts_to_aggregate=amount if in_aggregate else 0,
                                    recorded_on=today))
        row.status = AssessmentStatus.APPROVED.value
        row.approved_by, row.approved_at = actor.user_id, utcnow()
        case.payout_total = payout.total
        case.state = CaseState.DECIDED.value
        case.decided_on = today
        audit.record(session, actor, "assessment.approve", "assessment", row.id, case_id=case.id,
                     detail={"version": row.version, "payout": payout.to_dict(),
                             "computed_by": row.computed_by})


def list_assessments(vault: Vault, actor: Actor, case_id: int) -> list[AssessmentRow]:
    """Every version of the case's assessment; reviewers never see assessments."""
    require(actor, Action.READ_ALL_CASES)
    with read_case(vault, actor, case_id) as (session, case):
        rows = session.scalars(sa.select(Assessment).where(Assessment.case_id == case.id)
                               .order_by(Assessment.version)).all()
        names = {u.id: u.display_name for u in session.scalars(sa.select(User))}
        out = []
        for a in rows:
            scenario, result = decode_assessment(a)
            payout = result.payout
            out.append(AssessmentRow(
                a.id, case.id, case.case_no, a.version, a.status, a.edition,
                result.coverage.covered, result.total_damages, a.liability,
                payout.indemnity, payout.litigation, payout.anesthesia_layer, a.payout_total,
                a.computed_by, names[a.computed_by], a.computed_at, a.approved_by,
                names.get(a.approved_by) if a.approved_by else None, a.approved_at,
                scenario, result))
        return out


def aggregate_status(vault: Vault, actor: Actor, contract_id: int) -> AggregateStatus:
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        contract = session.get(Contract, contract_id)
        if contract is None:
            raise NotFound(f"no contract {contract_id}", ja="契約が見つかりません")
        used = aggregate_used(session, contract.id)
        remaining = (max(contract.annual_aggregate - used, 0)
                     if contract.annual_aggregate is not None else None)
        return AggregateStatus(contract.id, contract.annual_aggregate, used, remaining)

