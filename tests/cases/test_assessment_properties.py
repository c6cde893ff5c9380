"""Properties that hold for every scenario: non-negative, capped, monotone, deterministic."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewdesk.cases.assessment import (
    EXCLUSION_CODES,
    AssessmentResult,
    assess,
    parse_scenario,
)
from reviewdesk.cases.procedures import PROCEDURES
from reviewdesk.errors import InputError
from tests.cases.test_assessment_worked_examples import EDITION

PROPERTY = settings(max_examples=200, deadline=None)

money = st.integers(0, 50_000_000)
small_money = st.integers(0, 5_000_000)
ratio = st.one_of(
    st.decimals(0, 1, places=2).map(str),
    st.sampled_from([0, 1, 0.1, 0.25, 0.7]),
)
days = st.integers(0, 3650)


@st.composite
def scenarios(draw: st.DrawFn, covered: bool | None = None) -> dict[str, Any]:
    """A valid section-5 scenario; `covered` forces the coverage check's answer when given."""
    period_start = draw(st.dates(date(2015, 1, 1), date(2027, 12, 31)))
    period_end = period_start + timedelta(days=364)
    if covered is None:
        claim = draw(st.dates(period_start - timedelta(days=400), period_end + timedelta(days=400)))
    else:
        claim = draw(st.dates(period_start, period_end))
    incident = claim - timedelta(days=draw(st.integers(0, 2000)))
    kind = draw(st.sampled_from(["injury", "after_effect", "death"]))
    outcome: dict[str, Any] = {"kind": kind}
    if kind == "after_effect":
        outcome["disability_grade"] = draw(st.integers(1, 14))
    age = draw(st.integers(0, 90))
    if kind != "injury" and (age >= 67 or draw(st.booleans())):
        outcome["loss_years"] = draw(st.integers(0, 60))
    aggregate = draw(st.one_of(st.none(), money))
    rider = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries(
                {"attachment": small_money, "rider_limit": st.integers(0, 10**8)}
            ),
        )
    )
    exclusions = draw(st.lists(st.sampled_from(EXCLUSION_CODES), max_size=2))
    course = draw(st.sampled_from(["all", "non_surgical"]))
    procedure = draw(st.sampled_from(sorted(PROCEDURES)))
    if covered:
        exclusions, course = [], "all"
    retro = None if covered else draw(st.one_of(st.none(), st.dates(date(2010, 1, 1), period_end)))
    return {
        "incident_date": incident.isoformat(),
        "claim_date": claim.isoformat(),
        "procedure": procedure,
        "victim": {
            "age": age,
            "sex": draw(st.sampled_from(["female", "male"])),
            "annual_income": draw(st.integers(0, 30_000_000)),
            "household_role": draw(st.sampled_from(["breadwinner", "spouse_or_mother", "other"])),
            "dependents": draw(st.integers(0, 4)),
        },
        "outcome": outcome,
        "damages": {
            "treatment_costs": draw(small_money),
            "hospital_days": draw(st.integers(0, 400)),
            "lost_wages": draw(small_money),
            "hospital_outpatient_consolation": draw(small_money),
            "funeral_costs": draw(small_money),
            "other_costs": draw(small_money),
            "death_consolation": draw(st.one_of(st.none(), st.integers(0, 40_000_000))),
        },
        "patient_fault": draw(ratio),
        "insured_share": draw(ratio),
        "prior_payments": draw(st.one_of(st.just(0), small_money)),
        "lawyer_fee_award": draw(st.booleans()),
        "other_insurance_paid": draw(st.one_of(st.just(0), small_money)),
        "litigation_costs": draw(st.one_of(st.just(0), small_money)),
        "anesthesia_cause": draw(st.booleans()),
        "exclusions": exclusions,
        "policy": {
            "course": course,
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "retro_date": retro.isoformat() if retro else None,
            "per_claim_limit": draw(st.sampled_from([1, 2, 3, 5, 10, 20, 100])) * 1_000_000,
            "deductible": draw(st.sampled_from([0, 100_000, 1_000_000])),
            "annual_aggregate": aggregate,
            "aggregate_used": draw(money) if aggregate is not None else 0,
            "litigation_costs_in_aggregate": draw(st.booleans()),
            "anesthesia_rider": rider,
        },
    }


def run(data: dict[str, Any]) -> AssessmentResult:
    return assess(parse_scenario(copy.deepcopy(data)), EDITION)


@PROPERTY
@given(scenarios())
def test_no_figure_is_negative(data: dict[str, Any]) -> None:
    r = run(data)
    figures = [r.total_damages, r.liability, *r.payout.to_dict().values()]
    figures += [line.amount for line in r.damage_lines]
    assert all(f >= 0 for f in figures)
    assert r.payout.total == r.payout.indemnity + r.payout.litigation + r.payout.anesthesia_layer


@PROPERTY
@given(scenarios())
def test_indemnity_within_the_limit_and_the_aggregate(data: dict[str, Any]) -> None:
    r = run(data)
    policy = data["policy"]
    assert r.payout.indemnity <= policy["per_claim_limit"]
    assert r.payout.indemnity <= r.liability
    if policy["annual_aggregate"] is not None:
        remaining = max(policy["annual_aggregate"] - policy["aggregate_used"], 0)
        assert r.payout.indemnity <= remaining
        if policy["litigation_costs_in_aggregate"]:
            assert r.payout.indemnity + r.payout.litigation <= remaining
    if policy["anesthesia_rider"] is not None:
        assert r.payout.anesthesia_layer <= policy["anesthesia_rider"]["rider_limit"]
    else:
        assert r.payout.anesthesia_layer == 0


DAMAGE_ITEMS = [
    ("damages", "treatment_costs"),
    ("damages", "hospital_days"),
    ("damages", "lost_wages"),
    ("damages", "hospital_outpatient_consolation"),
    ("damages", "funeral_costs"),
    ("damages", "other_costs"),
    ("damages", "death_consolation"),
    ("victim", "annual_income"),
]


@PROPERTY
@given(scenarios(), st.sampled_from(DAMAGE_ITEMS), st.integers(1, 10_000_000))
def test_raising_a_damage_item_never_lowers_the_liability(
    data: dict[str, Any], item: tuple[str, str], more: int
) -> None:
    group, key = item
    before = run(data)
    raised = copy.deepcopy(data)
    current = raised[group].get(key)
    if current is None:  # death_consolation not given: raise it from the standard amount
        current = EDITION.death_consolation[raised["victim"]["household_role"]]
    raised[group][key] = current + (more if key != "hospital_days" else more % 1000)
    after = run(raised)
    assert after.total_damages >= before.total_damages
    assert after.liability >= before.liability


@PROPERTY
@given(scenarios(), st.sampled_from(EXCLUSION_CODES))
def test_a_scenario_that_is_not_covered_pays_nothing(data: dict[str, Any], code: str) -> None:
    data["exclusions"] = [code]
    r = run(data)  # no facility rider in generated policies, so every code excludes
    assert not r.coverage.covered and code in r.coverage.reasons
    assert r.payout.to_dict() == dict.fromkeys(
        ("indemnity", "litigation", "anesthesia_layer", "total"), 0
    )
    # The damages and the liability are still computed and shown.
    assert r.total_damages == run(data | {"exclusions": []}).total_damages


@PROPERTY
@given(scenarios(covered=True))
def test_generated_covered_scenarios_are_covered(data: dict[str, Any]) -> None:
    assert run(data).coverage.covered


@PROPERTY
@given(scenarios())
def test_the_same_input_always_gives_the_same_output(data: dict[str, Any]) -> None:
    first = run(data)
    assert run(data) == first
    assert run(data).to_dict() == first.to_dict()
    # A stored scenario (its to_dict) assesses to the same result.
    assert run(parse_scenario(copy.deepcopy(data)).to_dict()) == first


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**15), 10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["0.5", "1e999", "1e-999", "-0", "2023-02-29", "2024-02-29", "NaN"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _paths(data: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    return found


@PROPERTY
@given(scenarios(), st.data(), json_values)
def test_any_bad_value_is_an_input_error_never_a_crash(
    data: dict[str, Any], pick: st.DataObject, value: Any
) -> None:
    *parents, last = pick.draw(st.sampled_from(_paths(data)))
    target = data
    for key in parents:
        target = target[key]
    target[last] = value
    try:
        result = run(data)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and ": " in message
    else:
        assert result.payout.total >= 0
