"""ASSESSMENT.md section 7's worked example and the seed's 500,000 -> 400,000, to the yen."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from reviewdesk.cases.assessment import assess, load_edition, parse_scenario

EDITION = load_edition("akai-hon-2024")

# The scenario printed in ASSESSMENT.md section 5, verbatim.
WORKED_EXAMPLE: dict[str, Any] = {
    "incident_date": "2023-05-10",
    "claim_date": "2023-08-01",
    "procedure": "filler",
    "victim": {"age": 35, "sex": "female", "annual_income": 4000000,
               "household_role": "other", "dependents": 0},
    "outcome": {"kind": "after_effect", "disability_grade": 12, "loss_years": 10},
    "damages": {"treatment_costs": 800000, "hospital_days": 0, "lost_wages": 300000,
                "hospital_outpatient_consolation": 900000, "funeral_costs": 0,
                "other_costs": 0, "death_consolation": None},
    "patient_fault": "0.1", "insured_share": "1", "prior_payments": 0,
    "lawyer_fee_award": False, "other_insurance_paid": 0, "litigation_costs": 0,
    "anesthesia_cause": False, "exclusions": [],
    "policy": {"course": "all", "period_start": "2023-01-01", "period_end": "2023-12-31",
               "retro_date": "2020-01-01", "per_claim_limit": 10000000, "deductible": 100000,
               "annual_aggregate": None, "aggregate_used": 0,
               "litigation_costs_in_aggregate": False, "anesthesia_rider": None},
}  # fmt: skip


def test_worked_example_of_section_7() -> None:
    result = assess(parse_scenario(copy.deepcopy(WORKED_EXAMPLE)), EDITION)
    # L(10, 3%) = 8.5302 (published); incident 2023 so r = 3 %.
    assert result.leibniz == Decimal("8.5302")
    assert result.statutory_rate == Decimal("0.03")
    # lost_future_earnings = floor(4,000,000 x 0.14 x 8.5302) = 4,776,912
    # consolation = 900,000 + 2,900,000 = 3,800,000
    assert [(line.code, line.amount) for line in result.damage_lines] == [
        ("treatment_costs", 800_000),
        ("hospital_misc", 0),
        ("funeral_costs", 0),
        ("other_costs", 0),
        ("lost_wages", 300_000),
        ("lost_future_earnings", 4_776_912),
        ("consolation", 3_800_000),
    ]
    # total = 800,000 + 0 + 0 + 300,000 + 4,776,912 + 3,800,000 = 9,676,912
    assert result.total_damages == 9_676_912
    # after_fault = floor(9,676,912 x 0.9) = floor(8,709,220.8) = 8,709,220 = liability
    assert result.liability_steps.after_fault == 8_709_220
    assert result.liability == 8_709_220
    # indemnity = min(8,709,220 - 100,000, 10,000,000) = 8,609,220
    assert result.payout.to_dict() == {
        "indemnity": 8_609_220,
        "litigation": 0,
        "anesthesia_layer": 0,
        "total": 8_609_220,
    }
    assert result.coverage.covered and result.coverage.reasons == ()


def test_worked_example_output_has_the_fixed_keys() -> None:
    out = assess(parse_scenario(copy.deepcopy(WORKED_EXAMPLE)), EDITION).to_dict()
    assert out["edition"] == "akai-hon-2024"
    assert out["coverage"]["covered"] is True and out["coverage"]["reasons"] == []
    assert out["damages"]["total"] == 9_676_912
    assert out["damages"]["lines"][5] == {
        "code": "lost_future_earnings",
        "label": "逸失利益",
        "amount": 4_776_912,
    }
    assert out["liability"] == 8_709_220
    assert out["payout"]["total"] == 8_609_220
    assert all({"step", "formula", "value"} <= set(step) for step in out["trace"])


def test_seed_500000_settlement_with_the_100000_deductible_pays_400000() -> None:
    # Seed 003: damages settled at 500,000, deductible 100,000 -> 500,000 - 100,000 = 400,000.
    data = copy.deepcopy(WORKED_EXAMPLE)
    data["outcome"] = {"kind": "injury"}
    data["damages"] = {"treatment_costs": 500_000}
    data["patient_fault"] = "0"
    result = assess(parse_scenario(data), EDITION)
    assert result.total_damages == 500_000
    assert result.liability == 500_000
    assert result.payout.indemnity == 400_000
    assert result.payout.total == 400_000
