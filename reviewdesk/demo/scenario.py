"""The assessment committee's inputs for a demo case, as an ASSESSMENT.md section 5 scenario."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from reviewdesk.cases.intake import assessment_course


def demo_scenario(rng: random.Random, *, incident_date: date, claim_date: date, procedure: str,
                  outcome_kind: str, grade: int | None, sex: str, age: int, share: str,
                  contract: dict[str, Any], aggregate_used: int) -> dict[str, Any]:
    """Plausible damages for the outcome, with the contract's limits; amounts in whole yen."""
    hospital_days = rng.choice((0, 0, 0, 3, 7, 14)) if outcome_kind != "death" else rng.randint(1, 30)
    damages: dict[str, Any] = {
        "treatment_costs": rng.randrange(80_000, 2_500_000, 1_000),
        "hospital_days": hospital_days,
        "lost_wages": rng.choice((0, rng.randrange(50_000, 1_200_000, 1_000))),
        "hospital_outpatient_consolation": rng.randrange(200_000, 1_500_000, 10_000),
        "funeral_costs": rng.randrange(1_000_000, 2_200_000, 10_000) if outcome_kind == "death" else 0,
        "other_costs": rng.choice((0, 0, rng.randrange(10_000, 300_000, 1_000))),
        "death_consolation": None,
    }
    outcome: dict[str, Any] = {"kind": outcome_kind}
    if outcome_kind == "after_effect":
        outcome["disability_grade"] = grade
        outcome["loss_years"] = rng.choice((5, 10, 15, min(67 - age, 30)))
    elif outcome_kind == "death":
        outcome["loss_years"] = max(67 - age, 5)
    rider = None
    if contract["anesthesia_class"]:
        rider = {"attachment": contract["anesthesia_attachment"],
                 "rider_limit": contract["anesthesia_limit"]}
    severe = outcome_kind == "death" or (outcome_kind == "after_effect" and (grade or 14) <= 2)
    policy: dict[str, Any] = {
        "course": assessment_course(contract["course"]),
        "period_start": contract["period_start"].isoformat(),
        "period_end": contract["period_end"].isoformat(),
        "per_claim_limit": contract["per_claim_limit"], "deductible": contract["deductible"],
        "annual_aggregate": contract["annual_aggregate"], "aggregate_used": aggregate_used,
        "litigation_costs_in_aggregate": contract["litigation_costs_in_aggregate"],
        "anesthesia_rider": rider,
    }
    if contract["retro_date"]:
        policy["retro_date"] = contract["retro_date"].isoformat()
    return {
        "incident_date": incident_date.isoformat(), "claim_date": claim_date.isoformat(),
        "procedure": procedure,
        "victim": {"age": age, "sex": sex,
                   "annual_income": rng.randrange(2_400_000, 7_200_000, 10_000),
                   "household_role": rng.choice(("other", "other", "spouse_or_mother", "breadwinner")),
                   "dependents": rng.choice((0, 0, 1, 2))},
        "outcome": outcome, "damages": damages,
        "patient_fault": rng.choice(("0", "0", "0.1", "0.2")), "insured_share": share,
        "prior_payments": rng.choice((0, 0, 0, 100_000)),
        "lawyer_fee_award": rng.random() < 0.3,
        "other_insurance_paid": 0,
        "litigation_costs": rng.choice((0, 0, rng.randrange(200_000, 1_500_000, 10_000))),
        "anesthesia_cause": bool(rider) and severe,
        "exclusions": [],
        "policy": policy,
    }
