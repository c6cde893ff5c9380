"""Assessment of liable cases: prefill, engine computation, supersession, four eyes, payments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from reviewdesk.cases import assessing
from reviewdesk.cases.assessing import CommitteeInputs
from reviewdesk.cases.assessment import assess, current_edition, parse_scenario
from reviewdesk.cases.members import ContractTerms, add_contract
from reviewdesk.cases.queries import case_detail
from reviewdesk.errors import InputError, PermissionDenied, RuleViolation
from reviewdesk.store.models import AuditEvent, Payment
from tests.cases.flow import INPUTS, TODAY, reviewed
from tests.cases.flow import liable as _liable

LIABILITY = 8_709_220  # floor(9,676,912 x 0.9), by hand in section 7
INDEMNITY = LIABILITY - 100_000


def test_prefill_from_case_contract_and_finding(world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable(world, share="0.7", patient_birth_date=date(1990, 6, 1), patient_sex="female")
    p = assessing.prefill(world.vault, world["assessor"], case_id)
    assert (p.incident_date, p.claim_date, p.procedure, p.outcome_kind, p.disability_grade) == (
        date(2026, 3, 2), date(2026, 5, 11), "filler", "after_effect", 12)
    assert (p.insured_share, p.course, p.contract_course) == (Decimal("0.7"), "all", "facility")
    assert (p.per_claim_limit, p.deductible, p.annual_aggregate, p.aggregate_used) == (
        10_000_000, 100_000, 30_000_000, 0)
    assert (p.retro_date, p.anesthesia_rider, p.victim_age, p.victim_sex) == (
        date(2020, 1, 1), None, 35, "female")
    scenario = p.scenario(INPUTS)
    assert scenario["insured_share"] == "0.7" and scenario["policy"]["period_end"] == "2026-12-31"
    parse_scenario(scenario)  # the engine's own parser accepts what we build


def test_compute_stores_inputs_edition_and_the_hand_checked_result(world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable(world)
    assessment_id = assessing.compute_assessment(world.vault, world["assessor"], case_id, INPUTS,
                                                 today=TODAY)
    [row] = assessing.list_assessments(world.vault, world["chair"], case_id)
    assert (row.id, row.version, row.status, row.edition) == (
        assessment_id, 1, "computed", current_edition(TODAY).edition)
    assert (row.total_damages, row.liability, row.indemnity, row.litigation, row.payout_total) == (
        9_676_912, LIABILITY, INDEMNITY, 500_000, INDEMNITY + 500_000)
    # The stored inputs reproduce the stored result with the stored edition.
    again = assess(row.inputs, current_edition(TODAY))
    assert again == row.result
    assert case_detail(world.vault, world["secretary"], case_id).state == "assessment"
    with pytest.raises(InputError, match=r"victim\.sex"):
        assessing.compute_assessment(world.vault, world["assessor"], case_id,
                                     CommitteeInputs(victim_age=35, victim_sex="x"))
    with pytest.raises(PermissionDenied):
        assessing.list_assessments(world.vault, world["derm"], case_id)


def test_recomputation_supersedes_and_four_eyes_approve(world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable(world)
    v, first = world.vault, assessing.compute_assessment(world.vault, world["assessor"], case_id,
                                                         INPUTS, today=TODAY)
    second = assessing.compute_assessment(v, world["assessor"], case_id,
                                          CommitteeInputs(**{**INPUTS.__dict__, "patient_fault": "0.2"}),
                                          today=TODAY)
    assert [(r.version, r.status) for r in assessing.list_assessments(v, world["assessor"], case_id)] == [
        (1, "superseded"), (2, "computed")]
    with pytest.raises(RuleViolation, match="superseded"):
        assessing.approve_assessment(v, world["assessor2"], first, today=date(2026, 12, 2))
    with pytest.raises(RuleViolation, match="four eyes"):
        assessing.approve_assessment(v, world["assessor"], second, today=date(2026, 12, 2))
    assessing.approve_assessment(v, world["assessor2"], second, today=date(2026, 12, 2))
    detail = case_detail(v, world["secretary"], case_id)
    liability = (9_676_912 * 8) // 10
    assert (detail.state, detail.decided_on, detail.payout_total) == (
        "decided", date(2026, 12, 2), liability - 100_000 + 500_000)
    with v.reading() as s:
        payments = s.execute(sa.select(Payment.kind, Payment.amount, Payment.counts_to_aggregate)
                             .order_by(Payment.id)).all()
        assert [tuple(p) for p in payments] == [("indemnity", liability - 100_000, liability - 100_000),
                                                ("litigation", 500_000, 0)]
        assert s.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc())).first() == \
            "assessment.approve"
    [_, approved] = assessing.list_assessments(v, world["auditor"], case_id)
    assert (approved.status, approved.approved_by, approved.approved_by_name) == (
        "approved", world["assessor2"].user_id, "査定 二子")
    with pytest.raises(RuleViolation, match="not awaiting assessment"):
        assessing.compute_assessment(v, world["assessor"], case_id, INPUTS, today=TODAY)


def test_payments_draw_on_the_contract_years_aggregate(world) -> None:  # type: ignore[no-untyped-def]
    contract_id = add_contract(world.vault, world["admin"], world.member_id, "C-2026-0002", ContractTerms(
        course="all", per_claim_limit=10_000_000, period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31), annual_aggregate=10_000_000,
        litigation_costs_in_aggregate=True))
    first = _liable(world, contract_id=contract_id, insured_doctor_id=None)
    second = _liable(world, contract_id=contract_id, insured_doctor_id=None)
    v, a1, a2 = world.vault, world["assessor"], world["assessor2"]
    one = assessing.compute_assessment(v, a1, first, INPUTS, today=TODAY)
    stale = assessing.compute_assessment(v, a1, second, INPUTS, today=TODAY)
    assessing.approve_assessment(v, a2, one, today=TODAY)
    used = INDEMNITY + 500_000  # litigation counts here: the contract puts it in the aggregate
    assert assessing.aggregate_status(v, world["secretary"], contract_id) == assessing.AggregateStatus(
        contract_id, 10_000_000, used, 10_000_000 - used)
    with pytest.raises(RuleViolation, match="aggregate changed"):
        assessing.approve_assessment(v, a2, stale, today=TODAY)
    assert assessing.prefill(v, a1, second).aggregate_used == used
    fresh = assessing.compute_assessment(v, a1, second, INPUTS, today=TODAY)
    row = assessing.list_assessments(v, a1, second)[-1]
    assert (row.id, row.indemnity, row.litigation) == (fresh, 10_000_000 - used, 0)
    assessing.approve_assessment(v, a2, fresh, today=TODAY)
    assert assessing.aggregate_status(v, a1, contract_id).remaining == 0


def test_only_a_liable_case_in_assessment_is_computed(world) -> None:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    with pytest.raises(RuleViolation, match="not awaiting assessment"):
        assessing.compute_assessment(world.vault, world["assessor"], case_id, INPUTS, today=TODAY)
    with pytest.raises(RuleViolation, match="not awaiting assessment"):
        assessing.prefill(world.vault, world["assessor"], case_id)


def test_without_an_aggregate_earlier_payments_do_not_stale_an_assessment(world) -> None:  # type: ignore[no-untyped-def]
    contract_id = add_contract(world.vault, world["admin"], world.member_id, "C-2026-0003", ContractTerms(
        course="practitioner", per_claim_limit=5_000_000, period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31)))
    first, second = (_liable(world, contract_id=contract_id, insured_doctor_id=None) for _ in range(2))
    v, a1, a2 = world.vault, world["assessor"], world["assessor2"]
    one, two = (assessing.compute_assessment(v, a1, c, INPUTS, today=TODAY) for c in (first, second))
    assessing.approve_assessment(v, a2, one, today=TODAY)
    assessing.approve_assessment(v, a2, two, today=TODAY)
    # Each pays the 5,000,000 per-claim limit; the liability exceeds it, so the litigation
    # costs are pro-rated by limit / liability (ASSESSMENT.md section 4, step 4).
    litigation = 500_000 * 5_000_000 // LIABILITY
    assert [case_detail(v, a1, c).payout_total for c in (first, second)] == [
        5_000_000 + litigation] * 2
    assert assessing.aggregate_status(v, a1, contract_id) == assessing.AggregateStatus(
        contract_id, None, 10_000_000, None)
