"""Reading scenarios: every input error is one line naming the field; valid input round-trips."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from reviewdesk.cases.assessment import load_json, parse_scenario, parse_scenario_text
from reviewdesk.errors import InputError
from tests.cases.test_assessment_scenarios import build

DROP = object()


def error_of(changes: dict[str, Any]) -> str:
    data = build()
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[key]
        if value is DROP:
            del target[last]
        else:
            target[last] = value
    with pytest.raises(InputError) as info:
        parse_scenario(data)
    message = str(info.value)
    assert "\n" not in message
    assert info.value.exit_code == 2
    return message


RATIO = 'must be a ratio from 0 to 1 (a number or a string such as "0.1"), got'
GRADE = "must be a disability grade from 1 to 14, got number"
UNKNOWN = "unknown field (not in the scenario)"
MISSING = "missing (required field)"
NOT_DATE = "must be a date as YYYY-MM-DD, got"


@pytest.mark.parametrize(
    ("changes", "field", "what"),
    [
        # missing fields, top level and nested
        ({"incident_date": DROP}, "incident_date", MISSING),
        ({"victim.age": DROP}, "victim.age", MISSING),
        ({"policy.deductible": DROP}, "policy.deductible", MISSING),
        ({"damages": DROP}, "damages", MISSING),
        ({"outcome.disability_grade": DROP}, "outcome.disability_grade",
         "missing (required when kind is after_effect)"),
        # unknown fields
        ({"colour": "red"}, "colour", UNKNOWN),
        ({"victim.name": "x"}, "victim.name", UNKNOWN),
        ({"policy.anesthesia_rider": {"attachment": 1, "rider_limit": 2, "layer": 3}},
         "policy.anesthesia_rider.layer", UNKNOWN),
        # wrong types
        ({"victim.age": "35"}, "victim.age",
         'must be a whole number (an age in years), got string "35"'),
        ({"victim.annual_income": True}, "victim.annual_income",
         "must be a whole number of yen, got boolean true"),
        ({"damages.treatment_costs": 1.5}, "damages.treatment_costs",
         "must be a whole number of yen, got number 1.5"),
        ({"prior_payments": "0"}, "prior_payments",
         'must be a whole number of yen, got string "0"'),
        ({"lawyer_fee_award": 1}, "lawyer_fee_award", "must be true or false, got number 1"),
        ({"patient_fault": True}, "patient_fault", f"{RATIO} boolean true"),
        ({"patient_fault": None}, "patient_fault", f"{RATIO} null"),
        ({"victim": [1]}, "victim", "must be a JSON object, got array"),
        ({"exclusions": "intentional"}, "exclusions",
         'must be a list of exclusion codes, got string "intentional"'),
        ({"outcome.kind": "coma"}, "outcome.kind",
         'must be one of injury, after_effect, death; got string "coma"'),
        ({"victim.sex": "x"}, "victim.sex", 'must be one of female, male; got string "x"'),
        ({"policy.course": "gold"}, "policy.course",
         'must be one of all, non_surgical; got string "gold"'),
        # negative money and counts
        ({"damages.lost_wages": -1}, "damages.lost_wages", "must not be negative, got -1"),
        ({"policy.per_claim_limit": -10}, "policy.per_claim_limit",
         "must not be negative, got -10"),
        ({"victim.dependents": -1}, "victim.dependents", "must be between 0 and 100, got -1"),
        # ratios outside 0..1
        ({"patient_fault": "1.1"}, "patient_fault",
         'must be a ratio from 0 to 1, got string "1.1"'),
        ({"insured_share": -0.5}, "insured_share", "must be a ratio from 0 to 1, got number -0.5"),
        ({"insured_share": "half"}, "insured_share",
         'must be a ratio from 0 to 1, got string "half"'),
        ({"insured_share": "NaN"}, "insured_share",
         'must be a ratio from 0 to 1, got string "NaN"'),
        ({"patient_fault": "0.12345678901"}, "patient_fault",
         "at most 10 decimal places, got 0.12345678901"),
        # grades outside 1..14
        ({"outcome.disability_grade": 0}, "outcome.disability_grade", f"{GRADE} 0"),
        ({"outcome.disability_grade": 15}, "outcome.disability_grade", f"{GRADE} 15"),
        # procedure not in the catalogue
        ({"procedure": "tattoo"}, "procedure",
         "unknown procedure code 'tattoo' (not in the catalogue)"),
        # dates that are not dates
        ({"incident_date": "2023-02-30"}, "incident_date", "not a real date: 2023-02-30"),
        ({"claim_date": "01/08/2023"}, "claim_date", f'{NOT_DATE} string "01/08/2023"'),
        ({"policy.period_start": 20230101}, "policy.period_start", f"{NOT_DATE} number 20230101"),
        ({"policy.retro_date": "20200101"}, "policy.retro_date", f'{NOT_DATE} string "20200101"'),
        # inconsistent dates
        ({"claim_date": "2023-05-09"}, "claim_date",
         "2023-05-09 is before incident_date 2023-05-10; a claim cannot precede the incident"),
        ({"policy.period_end": "2022-12-31"}, "policy.period_end",
         "2022-12-31 is before period_start 2023-01-01"),
        # exclusion codes
        ({"exclusions": ["intentional", "luck"]}, "exclusions[1]",
         'unknown exclusion code string "luck" (known: intentional, guaranteed_result, '
         "defamation_or_privacy, facility_management, intoxication, unregistered_facility)"),
    ],
)  # fmt: skip
def test_input_errors_name_the_field(changes: dict[str, Any], field: str, what: str) -> None:
    assert error_of(changes) == f"{field}: {what}"


def test_not_an_object() -> None:
    with pytest.raises(InputError, match=r"^scenario: must be a JSON object, got array$"):
        parse_scenario([])


NOT_JSON = "x.json: not valid JSON"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{", f"{NOT_JSON} (line 1, column 2: "
              "Expecting property name enclosed in double quotes)"),
        ("", f"{NOT_JSON} (line 1, column 1: Expecting value)"),
        ("hello", f"{NOT_JSON} (line 1, column 1: Expecting value)"),
        ('{"a": NaN}', f"{NOT_JSON} (NaN is not a JSON number)"),
        ('{"a": 1, "a": 2}', f"{NOT_JSON} (field 'a' appears twice in one object)"),
    ],
)  # fmt: skip
def test_text_that_is_not_json(text: str, expected: str) -> None:
    with pytest.raises(InputError) as info:
        parse_scenario_text(text, "x.json")
    assert str(info.value) == expected


def test_json_decimals_stay_exact() -> None:
    assert load_json('{"r": 0.07}', "x")["r"] == Decimal("0.07")


def test_optional_fields_default() -> None:
    data = build()
    for key in ("anesthesia_cause", "exclusions"):
        del data[key]
    data["damages"] = {}
    data["outcome"] = {"kind": "injury"}
    for key in ("retro_date", "annual_aggregate", "aggregate_used",
                "litigation_costs_in_aggregate", "anesthesia_rider"):  # fmt: skip
        del data["policy"][key]
    s = parse_scenario(data)
    assert s.anesthesia_cause is False and s.exclusions == ()
    assert s.damages.treatment_costs == 0 and s.damages.death_consolation is None
    assert s.policy.retro_date is None and s.policy.annual_aggregate is None
    assert s.policy.aggregate_used == 0 and s.policy.anesthesia_rider is None
    assert s.policy.facility_rider is False
    assert s.outcome.loss_years is None and s.outcome.disability_grade is None


def test_ratios_as_strings_or_numbers_are_the_same_decimal() -> None:
    as_string = parse_scenario(build({"patient_fault": "0.1"})).patient_fault
    as_float = parse_scenario(build({"patient_fault": 0.1})).patient_fault
    as_json = parse_scenario_text(json.dumps(build({"patient_fault": 0.1}))).patient_fault
    assert as_string == as_float == as_json == Decimal("0.1")
    assert parse_scenario(build({"insured_share": 1})).insured_share == 1


def test_fields_are_read_into_the_scenario() -> None:
    s = parse_scenario(build())
    assert s.incident_date == date(2023, 5, 10)
    assert s.victim.annual_income == 4_000_000
    assert s.outcome.disability_grade == 12 and s.outcome.loss_years == 10
    assert s.policy.per_claim_limit == 10_000_000


def test_scenario_round_trips_through_to_dict() -> None:
    s = parse_scenario(
        build({"policy.anesthesia_rider": {"attachment": 1, "rider_limit": 2},
               "exclusions": ["intoxication"], "policy.facility_rider": True})
    )  # fmt: skip
    again = parse_scenario(json.loads(json.dumps(s.to_dict())))
    assert again == s
