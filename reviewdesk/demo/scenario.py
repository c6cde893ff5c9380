"""The assessment committee's inputs for a demo case, assembled as the assessment service does."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from reviewdesk.cases.assessing import CommitteeInputs, Prefill
from reviewdesk.cases.intake import assessment_course
from reviewdesk.cases.intake_terms import OutcomeKind


def demo_scenario(rng: random.Random, *, incident_date: date, claim_date: date, procedure: str,
                  outcome_kind: str, grade: int | None, sex: str, age: int, share: str,
                  contract: dict[str, Any], aggregate_used: int) -> dict[str, Any]:
    """Plausible damages for the outcome under the contract; amounts in whole yen."""
    rider = None
    if contract["anesthesia_class"]:
        rider = (contract["anesthesia_attachment"], contract["anesthesia_limit"])
    prefill = Prefill(
        case_id=0, case_no="", incident_date=incident_date, claim_date=claim_date,
        procedure=procedure, outcome_kind=outcome_kind, disability_grade=grade,
        insured_share=Decimal(share), exclusions=(), course=assessment_course(contract["course"]),
        contract_course=contract["course"], period_start=contract["period_start"],
        period_end=contract["period_end"], retro_date=contract["retro_date"],
        per_claim_limit=contract["per_claim_limit"], deductible=contract["deductible"],
        annual_aggregate=contract["annual_aggregate"], aggregate_used=aggregate_used,
        litigation_costs_in_aggregate=contract["litigation_costs_in_aggregate"],
        anesthesia_rider=rider, facility_rider=contract.get("facility_rider", False),
        victim_age=age, victim_sex=sex)
    severe = (outcome_kind == OutcomeKind.DEATH
              or (outcome_kind == OutcomeKind.AFTER_EFFECT and (grade or 14) <= 2))
    loss_years = None
    if outcome_kind == OutcomeKind.AFTER_EFFECT:
        loss_years = rng.choice((5, 10, 15, min(67 - age, 30)))
    elif outcome_kind == OutcomeKind.DEATH:
        loss_years = max(67 - age, 5)
    inputs = CommitteeInputs(
        victim_age=age, victim_sex=sex, annual_income=rng.randrange(2_400_000, 7_200_000, 10_000),
        household_role=rng.choice(("other", "other", "spouse_or_mother", "breadwinner")),
        dependents=rng.choice((0, 0, 1, 2)), loss_years=loss_years,
        treatment_costs=rng.randrange(80_000, 2_500_000, 1_000),
        hospital_days=(rng.choice((0, 0, 0, 3, 7, 14)) if outcome_kind != OutcomeKind.DEATH
                       else rng.randint(1, 30)),
        lost_wages=rng.choice((0, rng.randrange(50_000, 1_200_000, 1_000))),
        hospital_outpatient_consolation=rng.randrange(200_000, 1_500_000, 10_000),
        funeral_costs=rng.randrange(1_000_000, 2_200_000, 10_000) if outcome_kind == OutcomeKind.DEATH else 0,
        other_costs=rng.choice((0, 0, rng.randrange(10_000, 300_000, 1_000))),
        patient_fault=rng.choice(("0", "0", "0.1", "0.2")),
        prior_payments=rng.choice((0, 0, 0, 100_000)), lawyer_fee_award=rng.random() < 0.3,
        litigation_costs=rng.choice((0, 0, rng.randrange(200_000, 1_500_000, 10_000))),
        anesthesia_cause=bool(rider) and severe)
    return prefill.scenario(inputs)
