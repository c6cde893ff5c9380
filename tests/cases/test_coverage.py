"""The coverage check of ASSESSMENT.md section 6, one reason at a time, on plain values."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from reviewdesk.cases.assessment import (
    EXCLUSION_CODES,
    REASON_CODES,
    REASON_LABELS,
    REASON_LABELS_EN,
    check_coverage,
    reason_label,
)
from reviewdesk.errors import InputError

D = date.fromisoformat
COVERED: dict[str, Any] = {
    "incident_date": D("2023-05-10"),
    "claim_date": D("2023-08-01"),
    "procedure": "filler",
    "course": "all",
    "period_start": D("2023-01-01"),
    "period_end": D("2023-12-31"),
    "retro_date": D("2020-01-01"),
}


def check(**changes: Any) -> tuple[bool, tuple[str, ...]]:
    result = check_coverage(**(COVERED | changes))
    return result.covered, result.reasons


def test_covered() -> None:
    assert check() == (True, ())


@pytest.mark.parametrize("claim", ["2023-01-01", "2023-12-31"])
def test_claim_on_the_period_bounds_is_covered(claim: str) -> None:
    assert check(claim_date=D(claim)) == (True, ())


def test_claim_after_the_period() -> None:
    assert check(claim_date=D("2024-01-01")) == (False, ("claim_outside_period",))


def test_claim_before_the_period_is_reported_as_before_enrolment_only() -> None:
    assert check(incident_date=D("2022-10-01"), claim_date=D("2022-12-31")) == (
        False,
        ("claim_before_enrolment",),
    )


def test_incident_before_retro_date() -> None:
    assert check(retro_date=D("2023-05-11")) == (False, ("before_retro_date",))
    assert check(retro_date=D("2023-05-10")) == (True, ())  # on the retro date: covered


def test_no_retro_date_means_no_retro_check() -> None:
    assert check(retro_date=None, incident_date=D("1999-01-01")) == (True, ())


def test_procedure_outside_the_non_surgical_course() -> None:
    assert check(course="non_surgical", procedure="rhinoplasty") == (
        False,
        ("procedure_outside_course",),
    )
    # Internal medicine is not among the twelve therapies either.
    assert check(course="non_surgical", procedure="drip_infusion") == (
        False,
        ("procedure_outside_course",),
    )
    assert check(course="non_surgical", procedure="laser") == (True, ())
    assert check(course="all", procedure="rhinoplasty") == (True, ())


@pytest.mark.parametrize("code", EXCLUSION_CODES)
def test_each_exclusion_is_a_reason(code: str) -> None:
    assert check(exclusions=[code]) == (False, (code,))


def test_facility_management_is_covered_with_the_facility_rider() -> None:
    assert check(exclusions=["facility_management"], facility_rider=True) == (True, ())
    # The rider lifts that exclusion only.
    assert check(exclusions=["intoxication", "facility_management"], facility_rider=True) == (
        False,
        ("intoxication",),
    )


def test_several_reasons_in_the_order_of_section_6() -> None:
    covered, reasons = check(
        claim_date=D("2024-03-01"),
        retro_date=D("2023-06-01"),
        course="non_surgical",
        procedure="liposuction",
        exclusions=["unregistered_facility", "intentional", "intentional"],
    )
    assert not covered
    assert reasons == (
        "claim_outside_period",
        "before_retro_date",
        "procedure_outside_course",
        "intentional",
        "unregistered_facility",
    )


def test_unknown_codes_are_input_errors() -> None:
    with pytest.raises(InputError, match=r"^exclusions: "):
        check(exclusions=["bad_luck"])
    with pytest.raises(InputError, match=r"^procedure: "):
        check(procedure="tattoo")
    with pytest.raises(InputError, match=r"^policy\.course: "):
        check(course="gold")


def test_every_reason_has_labels() -> None:
    assert set(REASON_LABELS) == set(REASON_LABELS_EN) == set(REASON_CODES)
    assert set(EXCLUSION_CODES) < set(REASON_CODES)
    assert reason_label("before_retro_date") == "事故発生日が遡及日より前"
    assert reason_label("intentional", "en") == "Intentional act"
