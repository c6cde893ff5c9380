"""Each rule of ASSESSMENT.md sections 2-4 in its own scenario, every figure worked by hand."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from reviewdesk.cases.assessment import AssessmentResult, assess, parse_scenario
from reviewdesk.errors import InputError
from tests.cases.test_assessment_worked_examples import EDITION, WORKED_EXAMPLE

RIDER = {"attachment": 1_000_000, "rider_limit": 100_000_000}


def build(changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The worked example with `changes` applied; keys are dotted paths ("victim.age")."""
    data = copy.deepcopy(WORKED_EXAMPLE)
    for path, value in (changes or {}).items():
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value
    return data


def run(changes: dict[str, Any] | None = None) -> AssessmentResult:
    return assess(parse_scenario(build(changes)), EDITION)


def injury(**damages: int) -> dict[str, Any]:
    """Changes for an injury-only claim with no patient fault and these damage items."""
    return {"outcome": {"kind": "injury"}, "damages": dict(damages), "patient_fault": "0"}


def death(
    role: str, sex: str, age: int, income: int, dependents: int, **damages: Any
) -> dict[str, Any]:
    """Changes for a death claim (incident 2022-03-01, r = 3 %), no fault, limit 20,000,000."""
    return {
        "incident_date": "2022-03-01",
        "claim_date": "2022-06-01",
        "policy.period_start": "2022-01-01",
        "policy.period_end": "2022-12-31",
        "policy.per_claim_limit": 20_000_000,
        "victim": {"age": age, "sex": sex, "annual_income": income,
                   "household_role": role, "dependents": dependents},
        "outcome": {"kind": "death"},
        "damages": dict(damages),
        "patient_fault": "0",
    }  # fmt: skip


def lines(result: AssessmentResult) -> tuple[int, ...]:
    return tuple(line.amount for line in result.damage_lines)


def payout(result: AssessmentResult) -> tuple[int, int, int, int]:
    p = result.payout
    return (p.indemnity, p.litigation, p.anesthesia_layer, p.total)


# Each case: the changes to the worked example, then the expected damage lines
# (treatment, hospital misc, funeral, other, lost wages, lost future earnings, consolation),
# total damages, liability, and payout (indemnity, litigation, anesthesia layer, total).
CASES = [
    pytest.param(
        # Injury only: hospital misc = 10 x 1,500 = 15,000; no lost future earnings.
        # total = 300,000 + 15,000 + 0 + 5,000 + 200,000 + 0 + 500,000 = 1,020,000
        # indemnity = min(1,020,000 - 100,000, 10,000,000) = 920,000
        injury(treatment_costs=300_000, hospital_days=10, lost_wages=200_000,
               hospital_outpatient_consolation=500_000, other_costs=5_000),
        (300_000, 15_000, 0, 5_000, 200_000, 0, 500_000), 1_020_000, 1_020_000,
        (920_000, 0, 0, 920_000),
        id="injury-only",
    ),
    pytest.param(
        # Incident 2019-06-01, before 2020-04-01: r = 5 %, L(5, 5%) = 4.32947667 -> 4.3295.
        # lost = floor(3,000,000 x 0.05 (grade 14) x 4.3295) = floor(649,425) = 649,425
        # consolation = 1,000,000 + 1,100,000 (grade 14) = 2,100,000
        # total = 200,000 + 649,425 + 2,100,000 = 2,949,425 = liability (no fault)
        # per-claim limit 2,000,000: indemnity = min(2,949,425 - 100,000, 2,000,000) = 2,000,000
        {"incident_date": "2019-06-01", "claim_date": "2019-09-01",
         "policy.period_start": "2019-04-01", "policy.period_end": "2020-03-31",
         "policy.retro_date": "2015-01-01", "policy.per_claim_limit": 2_000_000,
         "victim.annual_income": 3_000_000, "patient_fault": "0",
         "outcome": {"kind": "after_effect", "disability_grade": 14, "loss_years": 5},
         "damages": {"treatment_costs": 200_000, "hospital_outpatient_consolation": 1_000_000}},
        (200_000, 0, 0, 0, 0, 649_425, 2_100_000), 2_949_425, 2_949_425,
        (2_000_000, 0, 0, 2_000_000),
        id="5-percent-before-2020-04-01-and-per-claim-limit",
    ),
    pytest.param(
        # The same on the last day of the 5 % rate: incident 2020-03-31 -> 649,425 again.
        {"incident_date": "2020-03-31", "claim_date": "2020-06-01",
         "policy.period_start": "2020-04-01", "policy.period_end": "2021-03-31",
         "victim.annual_income": 3_000_000, "patient_fault": "0",
         "outcome": {"kind": "after_effect", "disability_grade": 14, "loss_years": 5},
         "damages": {"treatment_costs": 200_000, "hospital_outpatient_consolation": 1_000_000}},
        (200_000, 0, 0, 0, 0, 649_425, 2_100_000), 2_949_425, 2_949_425,
        (2_849_425, 0, 0, 2_849_425),
        id="5-percent-on-2020-03-31",
    ),
    pytest.param(
        # Incident on 2020-04-01: r = 3 %, L(5, 3%) = 4.57970719 -> 4.5797.
        # lost = floor(3,000,000 x 0.05 x 4.5797) = floor(686,955) = 686,955
        # total = 200,000 + 686,955 + 2,100,000 = 2,986,955; indemnity = 2,886,955
        {"incident_date": "2020-04-01", "claim_date": "2020-06-01",
         "policy.period_start": "2020-04-01", "policy.period_end": "2021-03-31",
         "victim.annual_income": 3_000_000, "patient_fault": "0",
         "outcome": {"kind": "after_effect", "disability_grade": 14, "loss_years": 5},
         "damages": {"treatment_costs": 200_000, "hospital_outpatient_consolation": 1_000_000}},
        (200_000, 0, 0, 0, 0, 686_955, 2_100_000), 2_986_955, 2_986_955,
        (2_886_955, 0, 0, 2_886_955),
        id="3-percent-from-2020-04-01",
    ),
    pytest.param(
        # No loss_years: n = 67 - 35 = 32, L(32, 3%) = 20.38876553 -> 20.3888.
        # lost = floor(4,000,000 x 0.14 x 20.3888) = floor(11,417,728) = 11,417,728
        # total = 800,000 + 300,000 + 11,417,728 + 3,800,000 = 16,317,728
        # after_fault = floor(16,317,728 x 0.9) = floor(14,685,955.2) = 14,685,955
        # indemnity = min(14,585,955, 10,000,000) = 10,000,000
        {"outcome.loss_years": None},
        (800_000, 0, 0, 0, 300_000, 11_417_728, 3_800_000), 16_317_728, 14_685_955,
        (10_000_000, 0, 0, 10_000_000),
        id="after-effect-period-to-67",
    ),
    pytest.param(
        # Age 66, no loss_years: n = 1, L(1, 3%) = 0.97087379 -> 0.9709.
        # lost = floor(4,000,000 x 0.14 x 0.9709) = floor(543,704) = 543,704
        # total = 800,000 + 300,000 + 543,704 + 3,800,000 = 5,443,704
        # after_fault = floor(5,443,704 x 0.9) = floor(4,899,333.6) = 4,899,333
        {"victim.age": 66, "outcome.loss_years": None},
        (800_000, 0, 0, 0, 300_000, 543_704, 3_800_000), 5_443_704, 4_899_333,
        (4_799_333, 0, 0, 4_799_333),
        id="after-effect-age-66-one-year",
    ),
    pytest.param(
        # Older victim, committee's loss_years 7: L(7, 3%) = 6.23028296 -> 6.2303, grade 9 35 %.
        # lost = floor(2,000,000 x 0.35 x 6.2303) = 4,361,210
        # consolation = 0 + 6,900,000; total = 4,361,210 + 6,900,000 = 11,261,210
        # no fault; indemnity = min(11,161,210, 10,000,000) = 10,000,000
        {"victim.age": 72, "victim.annual_income": 2_000_000, "patient_fault": "0",
         "outcome": {"kind": "after_effect", "disability_grade": 9, "loss_years": 7},
         "damages": {}},
        (0, 0, 0, 0, 0, 4_361_210, 6_900_000), 11_261_210, 11_261_210,
        (10_000_000, 0, 0, 10_000_000),
        id="older-victim-with-loss-years",
    ),
    pytest.param(
        # Death, breadwinner with 2 dependents: living expense 30 %; n = 67 - 45 = 22,
        # L(22, 3%) = 15.93691664 -> 15.9369.
        # lost = floor(6,000,000 x 0.7 x 15.9369) = floor(66,934,980) = 66,934,980
        # funeral = min(2,000,000, 1,500,000) = 1,500,000 (the cap)
        # consolation = 0 + 28,000,000 (breadwinner)
        # total = 1,000,000 + 1,500,000 + 66,934,980 + 28,000,000 = 97,434,980
        # indemnity = min(97,334,980, 20,000,000) = 20,000,000
        death("breadwinner", "male", 45, 6_000_000, 2,
              treatment_costs=1_000_000, funeral_costs=2_000_000),
        (1_000_000, 0, 1_500_000, 0, 0, 66_934_980, 28_000_000), 97_434_980, 97_434_980,
        (20_000_000, 0, 0, 20_000_000),
        id="death-breadwinner-2-dependents-funeral-cap",
    ),
    pytest.param(
        # Death, breadwinner with exactly 1 dependent: 40 %; loss_years 17,
        # L(17, 3%) = 13.16611847 -> 13.1661.
        # lost = floor(5,000,000 x 0.6 x 13.1661) = 39,498,300
        # funeral 1,500,000 (exactly the cap); consolation 28,000,000
        # total = 1,500,000 + 39,498,300 + 28,000,000 = 68,998,300
        {**death("breadwinner", "female", 50, 5_000_000, 1, funeral_costs=1_500_000),
         "outcome": {"kind": "death", "loss_years": 17}},
        (0, 0, 1_500_000, 0, 0, 39_498_300, 28_000_000), 68_998_300, 68_998_300,
        (20_000_000, 0, 0, 20_000_000),
        id="death-breadwinner-1-dependent",
    ),
    pytest.param(
        # Death, breadwinner with no dependents, male: counted as anyone else, 50 %.
        # n = 67 - 30 = 37, L(37, 3%) = 22.16723544 -> 22.1672.
        # lost = floor(5,000,000 x 0.5 x 22.1672) = 55,418,000
        # total = 1,000,000 (funeral, under the cap) + 55,418,000 + 28,000,000 = 84,418,000
        death("breadwinner", "male", 30, 5_000_000, 0, funeral_costs=1_000_000),
        (0, 0, 1_000_000, 0, 0, 55_418_000, 28_000_000), 84_418_000, 84_418_000,
        (20_000_000, 0, 0, 20_000_000),
        id="death-breadwinner-no-dependents-male",
    ),
    pytest.param(
        # Death, spouse or mother, female: 30 %, consolation 25,000,000.
        # n = 67 - 40 = 27, L(27, 3%) = 18.32703147 -> 18.3270.
        # lost = floor(3,500,000 x 0.7 x 18.3270) = floor(44,901,150) = 44,901,150
        # funeral 1,200,000 (under the cap, paid as spent)
        # total = 1,200,000 + 44,901,150 + 25,000,000 = 71,101,150
        death("spouse_or_mother", "female", 40, 3_500_000, 0, funeral_costs=1_200_000),
        (0, 0, 1_200_000, 0, 0, 44_901_150, 25_000_000), 71_101_150, 71_101_150,
        (20_000_000, 0, 0, 20_000_000),
        id="death-spouse-or-mother-female",
    ),
    pytest.param(
        # Death, other, male: 50 %, consolation 20,000,000 by default.
        # n = 67 - 25 = 42, L(42, 3%) = 23.70135920 -> 23.7014.
        # lost = floor(3,000,000 x 0.5 x 23.7014) = floor(35,552,100) = 35,552,100
        # total = 35,552,100 + 20,000,000 = 55,552,100
        death("other", "male", 25, 3_000_000, 0),
        (0, 0, 0, 0, 0, 35_552_100, 20_000_000), 55_552_100, 55_552_100,
        (20_000_000, 0, 0, 20_000_000),
        id="death-other-male-default-consolation",
    ),
    pytest.param(
        # As above with the committee's death_consolation 23,000,000 (within 2,000-2,500万円).
        # total = 35,552,100 + 23,000,000 = 58,552,100
        death("other", "male", 25, 3_000_000, 0, death_consolation=23_000_000),
        (0, 0, 0, 0, 0, 35_552_100, 23_000_000), 58_552_100, 58_552_100,
        (20_000_000, 0, 0, 20_000_000),
        id="death-other-explicit-consolation",
    ),
    pytest.param(
        # An explicit death_consolation overrides a breadwinner's 28,000,000 too (our reading).
        # total = 1,000,000 + 55,418,000 + 30,000,000 = 86,418,000
        death("breadwinner", "male", 30, 5_000_000, 0,
              funeral_costs=1_000_000, death_consolation=30_000_000),
        (0, 0, 1_000_000, 0, 0, 55_418_000, 30_000_000), 86_418_000, 86_418_000,
        (20_000_000, 0, 0, 20_000_000),
        id="death-breadwinner-explicit-consolation",
    ),
    pytest.param(
        # Death, other, female: 30 %. hospital_outpatient_consolation adds to the death's.
        # n = 67 - 20 = 47, L(47, 3%) = 25.02470783 -> 25.0247.
        # lost = floor(2,500,000 x 0.7 x 25.0247) = floor(43,793,225) = 43,793,225
        # consolation = 300,000 + 20,000,000 = 20,300,000; hospital misc = 20 x 1,500 = 30,000
        # total = 30,000 + 43,793,225 + 20,300,000 = 64,123,225
        death("other", "female", 20, 2_500_000, 0,
              hospital_days=20, hospital_outpatient_consolation=300_000),
        (0, 30_000, 0, 0, 0, 43_793_225, 20_300_000), 64_123_225, 64_123_225,
        (20_000_000, 0, 0, 20_000_000),
        id="death-other-female",
    ),
    pytest.param(
        # Funeral costs and death_consolation are counted only for a death: here 0 and ignored.
        # total = 400,000 + 100,000 = 500,000; indemnity 400,000
        injury(treatment_costs=400_000, hospital_outpatient_consolation=100_000,
               funeral_costs=900_000) | {"damages.death_consolation": 20_000_000},
        (400_000, 0, 0, 0, 0, 0, 100_000), 500_000, 500_000,
        (400_000, 0, 0, 400_000),
        id="funeral-and-death-consolation-only-for-death",
    ),
    pytest.param(
        # Patient fault 30 %: after_fault = floor(1,500,000 x 0.7) = 1,050,000; indemnity 950,000
        injury(treatment_costs=1_000_000, hospital_outpatient_consolation=500_000)
        | {"patient_fault": "0.3"},
        (1_000_000, 0, 0, 0, 0, 0, 500_000), 1_500_000, 1_050_000,
        (950_000, 0, 0, 950_000),
        id="patient-fault",
    ),
    pytest.param(
        # Fault 0.07 given as a JSON number: floor(1,000,000 x 0.93) = 930,000 exactly
        # (a binary float would give 929,999.99... and floor to 929,999). indemnity 830,000.
        injury(treatment_costs=1_000_000) | {"patient_fault": 0.07},
        (1_000_000, 0, 0, 0, 0, 0, 0), 1_000_000, 930_000,
        (830_000, 0, 0, 830_000),
        id="patient-fault-as-number-is-exact",
    ),
    pytest.param(
        # Partly liable: fault 20 %, insured share 50 %.
        # after_fault = floor(2,345,679 x 0.8) = floor(1,876,543.2) = 1,876,543
        # insured_part = floor(1,876,543 x 0.5) = floor(938,271.5) = 938,271; indemnity 838,271
        injury(treatment_costs=2_345_679) | {"patient_fault": "0.2", "insured_share": "0.5"},
        (2_345_679, 0, 0, 0, 0, 0, 0), 2_345_679, 938_271,
        (838_271, 0, 0, 838_271),
        id="insured-share",
    ),
    pytest.param(
        # Prior payments: max(1,500,000 - 400,000, 0) = 1,100,000; indemnity 1,000,000
        injury(treatment_costs=1_500_000) | {"prior_payments": 400_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_100_000,
        (1_000_000, 0, 0, 1_000_000),
        id="prior-payments",
    ),
    pytest.param(
        # Prior payments above the liability: max(1,500,000 - 2,000,000, 0) = 0; nothing paid.
        injury(treatment_costs=1_500_000) | {"prior_payments": 2_000_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 0,
        (0, 0, 0, 0),
        id="prior-payments-exceed",
    ),
    pytest.param(
        # Lawyer's fee: after_fault = floor(1,500,000 x 0.9) = 1,350,000;
        # after_prior = 1,350,000 - 115,433 = 1,234,567; fee = floor(123,456.7) = 123,456
        # liability = 1,234,567 + 123,456 = 1,358,023; indemnity 1,258,023
        injury(treatment_costs=1_500_000)
        | {"patient_fault": "0.1", "prior_payments": 115_433, "lawyer_fee_award": True},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_358_023,
        (1_258_023, 0, 0, 1_258_023),
        id="lawyer-fee-award",
    ),
    pytest.param(
        # Other insurance already paid 600,000: base = 1,500,000 - 600,000 = 900,000;
        # indemnity = 900,000 - 100,000 = 800,000
        injury(treatment_costs=1_500_000) | {"other_insurance_paid": 600_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_500_000,
        (800_000, 0, 0, 800_000),
        id="other-insurance-paid",
    ),
    pytest.param(
        # Other insurance paid more than the liability: base = max(1,500,000 - 2,000,000, 0) = 0.
        injury(treatment_costs=1_500_000) | {"other_insurance_paid": 2_000_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_500_000,
        (0, 0, 0, 0),
        id="other-insurance-paid-everything",
    ),
    pytest.param(
        # Below the deductible: max(80,000 - 100,000, 0) = 0.
        injury(treatment_costs=80_000),
        (80_000, 0, 0, 0, 0, 0, 0), 80_000, 80_000,
        (0, 0, 0, 0),
        id="below-deductible",
    ),
    pytest.param(
        # Annual aggregate 5,000,000 with 4,200,000 used: remaining 800,000.
        # per claim = min(1,500,000 - 100,000, 2,000,000) = 1,400,000 -> min(1,400,000, 800,000)
        injury(treatment_costs=1_500_000)
        | {"policy.per_claim_limit": 2_000_000, "policy.annual_aggregate": 5_000_000,
           "policy.aggregate_used": 4_200_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_500_000,
        (800_000, 0, 0, 800_000),
        id="annual-aggregate-partly-used",
    ),
    pytest.param(
        # Aggregate already exceeded (used 5,500,000 of 5,000,000): remaining max(-500,000, 0) = 0.
        injury(treatment_costs=1_500_000)
        | {"policy.annual_aggregate": 5_000_000, "policy.aggregate_used": 5_500_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_500_000,
        (0, 0, 0, 0),
        id="annual-aggregate-exhausted",
    ),
    pytest.param(
        # Litigation costs in full: liability 1,500,000 <= limit 2,000,000 -> 300,000.
        # total = 1,400,000 + 300,000 = 1,700,000
        injury(treatment_costs=1_500_000)
        | {"litigation_costs": 300_000, "policy.per_claim_limit": 2_000_000},
        (1_500_000, 0, 0, 0, 0, 0, 0), 1_500_000, 1_500_000,
        (1_400_000, 300_000, 0, 1_700_000),
        id="litigation-in-full",
    ),
    pytest.param(
        # Litigation pro-rated: liability 3,000,000 > limit 2,000,000;
        # floor(500,000 x 2,000,000 / 3,000,000) = floor(333,333.3) = 333,333;
        # indemnity = min(2,900,000, 2,000,000) = 2,000,000; total 2,333,333
        injury(treatment_costs=3_000_000)
        | {"litigation_costs": 500_000, "policy.per_claim_limit": 2_000_000},
        (3_000_000, 0, 0, 0, 0, 0, 0), 3_000_000, 3_000_000,
        (2_000_000, 333_333, 0, 2_333_333),
        id="litigation-pro-rated",
    ),
    pytest.param(
        # Litigation drawn from the aggregate: remaining = 5,000,000 - 3,000,000 = 2,000,000;
        # indemnity = min(1,600,000 - 100,000, 2,000,000) = 1,500,000 (<= remaining);
        # litigation in full 800,000 (1,600,000 <= limit), then min(800,000, 2,000,000 - 1,500,000)
        # = 500,000; total = 2,000,000
        injury(treatment_costs=1_600_000)
        | {"litigation_costs": 800_000, "policy.per_claim_limit": 2_000_000,
           "policy.annual_aggregate": 5_000_000, "policy.aggregate_used": 3_000_000,
           "policy.litigation_costs_in_aggregate": True},
        (1_600_000, 0, 0, 0, 0, 0, 0), 1_600_000, 1_600_000,
        (1_500_000, 500_000, 0, 2_000_000),
        id="litigation-from-aggregate",
    ),
    pytest.param(
        # The same without litigation_costs_in_aggregate: litigation 800,000 on top; total 2,300,000
        injury(treatment_costs=1_600_000)
        | {"litigation_costs": 800_000, "policy.per_claim_limit": 2_000_000,
           "policy.annual_aggregate": 5_000_000, "policy.aggregate_used": 3_000_000},
        (1_600_000, 0, 0, 0, 0, 0, 0), 1_600_000, 1_600_000,
        (1_500_000, 800_000, 0, 2_300_000),
        id="litigation-outside-aggregate",
    ),
    pytest.param(
        # Anesthesia layer, death: loss_years 0 so L = 0 and no lost earnings.
        # total = 5,000,000 + 1,500,000 (funeral) + 20,000,000 = 26,500,000 = liability
        # indemnity = min(26,400,000, 2,000,000) = 2,000,000; top = 100,000 + 2,000,000
        # layer = min(max(26,500,000 - max(1,000,000, 2,100,000), 0), 100,000,000) = 24,400,000
        # total = 2,000,000 + 0 + 24,400,000 = 26,400,000
        {**death("other", "female", 60, 0, 0, treatment_costs=5_000_000, funeral_costs=1_500_000),
         "outcome": {"kind": "death", "loss_years": 0}, "anesthesia_cause": True,
         "policy.per_claim_limit": 2_000_000, "policy.anesthesia_rider": RIDER},
        (5_000_000, 0, 1_500_000, 0, 0, 0, 20_000_000), 26_500_000, 26_500_000,
        (2_000_000, 0, 24_400_000, 26_400_000),
        id="anesthesia-layer-death",
    ),
    pytest.param(
        # Anesthesia layer, grade 1, rider limit binding: liability = 3,000,000 + 28,000,000
        # = 31,000,000; indemnity = min(30,900,000, 1,000,000) = 1,000,000; top = 1,100,000;
        # layer = min(31,000,000 - max(1,000,000, 1,100,000), 20,000,000) = 20,000,000
        {"outcome": {"kind": "after_effect", "disability_grade": 1, "loss_years": 0},
         "damages": {"treatment_costs": 3_000_000}, "patient_fault": "0",
         "anesthesia_cause": True, "policy.per_claim_limit": 1_000_000,
         "policy.anesthesia_rider": {"attachment": 1_000_000, "rider_limit": 20_000_000}},
        (3_000_000, 0, 0, 0, 0, 0, 28_000_000), 31_000_000, 31_000_000,
        (1_000_000, 0, 20_000_000, 21_000_000),
        id="anesthesia-layer-grade-1-rider-limit",
    ),
    pytest.param(
        # Anesthesia layer, grade 2: liability = 23,700,000; indemnity 10,000,000;
        # layer = 23,700,000 - max(1,000,000, 10,100,000) = 13,600,000; total 23,600,000
        {"outcome": {"kind": "after_effect", "disability_grade": 2, "loss_years": 0},
         "damages": {}, "patient_fault": "0", "anesthesia_cause": True,
         "policy.anesthesia_rider": RIDER},
        (0, 0, 0, 0, 0, 0, 23_700_000), 23_700_000, 23_700_000,
        (10_000_000, 0, 13_600_000, 23_600_000),
        id="anesthesia-layer-grade-2",
    ),
    pytest.param(
        # Attachment above what the base cover reached: liability 5,000,000 (death, committee's
        # consolation); indemnity = min(4,900,000, 1,000,000) = 1,000,000; top = 1,100,000;
        # layer = 5,000,000 - max(3,000,000, 1,100,000) = 2,000,000; total 3,000,000
        {**death("other", "male", 80, 0, 0, death_consolation=5_000_000),
         "outcome": {"kind": "death", "loss_years": 0}, "anesthesia_cause": True,
         "policy.per_claim_limit": 1_000_000,
         "policy.anesthesia_rider": {"attachment": 3_000_000, "rider_limit": 100_000_000}},
        (0, 0, 0, 0, 0, 0, 5_000_000), 5_000_000, 5_000_000,
        (1_000_000, 0, 2_000_000, 3_000_000),
        id="anesthesia-layer-above-attachment",
    ),
    pytest.param(
        # Not applicable, wrong cause: as the death case but anesthesia_cause false -> layer 0.
        {**death("other", "female", 60, 0, 0, treatment_costs=5_000_000, funeral_costs=1_500_000),
         "outcome": {"kind": "death", "loss_years": 0}, "anesthesia_cause": False,
         "policy.per_claim_limit": 2_000_000, "policy.anesthesia_rider": RIDER},
        (5_000_000, 0, 1_500_000, 0, 0, 0, 20_000_000), 26_500_000, 26_500_000,
        (2_000_000, 0, 0, 2_000_000),
        id="anesthesia-not-the-cause",
    ),
    pytest.param(
        # Not applicable, not severe: grade 3 (19,900,000) is not death or grade 1-2.
        # indemnity = min(19,800,000, 10,000,000) = 10,000,000; layer 0
        {"outcome": {"kind": "after_effect", "disability_grade": 3, "loss_years": 0},
         "damages": {}, "patient_fault": "0", "anesthesia_cause": True,
         "policy.anesthesia_rider": RIDER},
        (0, 0, 0, 0, 0, 0, 19_900_000), 19_900_000, 19_900_000,
        (10_000_000, 0, 0, 10_000_000),
        id="anesthesia-not-severe",
    ),
    pytest.param(
        # Not applicable, no rider: the death case with anesthesia_rider null -> layer 0.
        {**death("other", "female", 60, 0, 0, treatment_costs=5_000_000, funeral_costs=1_500_000),
         "outcome": {"kind": "death", "loss_years": 0}, "anesthesia_cause": True,
         "policy.per_claim_limit": 2_000_000, "policy.anesthesia_rider": None},
        (5_000_000, 0, 1_500_000, 0, 0, 0, 20_000_000), 26_500_000, 26_500_000,
        (2_000_000, 0, 0, 2_000_000),
        id="anesthesia-no-rider",
    ),
    pytest.param(
        # Not covered (claim made after the period): damages and liability still computed as in
        # the worked example (9,676,912 and 8,709,220), every payout figure 0.
        {"claim_date": "2024-02-01"},
        (800_000, 0, 0, 0, 300_000, 4_776_912, 3_800_000), 9_676_912, 8_709_220,
        (0, 0, 0, 0),
        id="not-covered-pays-nothing",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "expected_lines", "total", "liability", "expected_payout"), CASES
)
def test_scenario(
    changes: dict[str, Any],
    expected_lines: tuple[int, ...],
    total: int,
    liability: int,
    expected_payout: tuple[int, int, int, int],
) -> None:
    result = run(changes)
    assert lines(result) == expected_lines
    assert result.total_damages == total
    assert result.liability == liability
    assert payout(result) == expected_payout


def test_older_victim_without_loss_years_is_refused() -> None:
    with pytest.raises(InputError, match=r"^outcome\.loss_years: .*67"):
        run({"victim.age": 67, "outcome.loss_years": None})


def test_injury_of_an_older_victim_needs_no_loss_years() -> None:
    # treatment 100,000 only: no lost future earnings, so no period is needed.
    result = run(injury(treatment_costs=100_000) | {"victim.age": 80})
    assert result.total_damages == 100_000
    assert result.loss_years is None


def test_not_covered_lists_reasons_and_trace_says_why() -> None:
    result = run({"claim_date": "2024-02-01", "exclusions": ["intentional"]})
    assert result.coverage.reasons == ("claim_outside_period", "intentional")
    payout_steps = [s for s in result.trace if s.section == "payout"]
    assert [s.value for s in payout_steps] == [0, 0, 0, 0]
    assert all("故意" in s.formula for s in payout_steps)


def test_anesthesia_not_applicable_step_gives_the_reason() -> None:
    step = run({"anesthesia_cause": False}).step("anesthesia_layer")
    assert step.value == 0
    assert "麻酔過誤特約なし" in step.formula and "麻酔に起因しない" in step.formula


def test_trace_follows_the_order_of_assessment_md() -> None:
    codes = [s.step for s in run({"policy.annual_aggregate": 5_000_000}).trace]
    assert codes == [
        "treatment_costs", "hospital_misc", "funeral_costs", "other_costs", "lost_wages",
        "loss_years", "statutory_rate", "leibniz", "loss_rate", "lost_future_earnings",
        "after_effect_consolation", "consolation", "total_damages",
        "after_fault", "insured_part", "after_prior", "lawyer_fee", "liability",
        "coverage",
        "base", "indemnity_per_claim", "aggregate_remaining", "indemnity", "litigation",
        "anesthesia_layer", "total",
    ]  # fmt: skip


def test_trace_formulas_are_words_with_the_figures() -> None:
    result = run()
    lost = result.step("lost_future_earnings")
    assert lost.formula == (
        "floor(年収 4,000,000円 × 労働能力喪失率 14% × ライプニッツ係数 8.5302（10年・3%）)"
    )
    assert result.step("after_fault").formula == (
        "floor(損害額合計 9,676,912円 × (1 − 患者の過失 10%))"
    )
    assert result.step("indemnity_per_claim").formula == (
        "min(max(8,709,220円 − 免責金額 100,000円, 0), 1事故の支払限度額 10,000,000円)"
    )
    assert result.step("leibniz").to_dict()["value"] == "8.5302"


def test_result_names_the_edition_it_used() -> None:
    assert run().to_dict()["edition"] == EDITION.edition == "akai-hon-2024"
