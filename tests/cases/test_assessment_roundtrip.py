"""The stored JSON forms are exact inverses: a scenario and a result read back equal what was written."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from reviewdesk.cases.assessment import (
    AssessmentResult,
    CoverageResult,
    DamageLine,
    Liability,
    Payout,
    TraceStep,
    assess,
    list_editions,
    parse_scenario,
    trace_from_dicts,
)
from tests.cases.test_assessment_properties import PROPERTY, scenarios
from tests.cases.test_assessment_worked_examples import EDITION

EDITIONS = list_editions()


@st.composite
def varied_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    """The property tests' scenarios, with the facility rider (which they never set) sometimes on."""
    data = draw(scenarios())
    data["policy"]["facility_rider"] = draw(st.booleans())
    return data


def _stored(data: dict[str, Any]) -> Any:
    """What the vault keeps and reads back: JSON text, as compute_assessment writes it."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def _same_types(a: AssessmentResult, b: AssessmentResult) -> None:
    """Equality alone would let 1 == True == Decimal(1) through: the value types survive too."""
    assert [type(s.value) for s in a.trace] == [type(s.value) for s in b.trace]
    for x, y in ((a.statutory_rate, b.statutory_rate), (a.leibniz, b.leibniz)):
        assert type(x) is type(y) and (x is None or isinstance(x, Decimal))
        if x is not None:
            assert str(x) == str(y)  # the same digits, not merely the same value
    assert all(isinstance(v, int) for v in b.payout.to_dict().values())


@PROPERTY
@given(varied_scenarios(), st.sampled_from(EDITIONS))
def test_a_result_reads_back_as_the_engine_returned_it(data: dict[str, Any], edition: Any) -> None:
    result = assess(parse_scenario(copy.deepcopy(data)), edition)
    assert AssessmentResult.from_dict(result.to_dict()) == result
    back = AssessmentResult.from_dict(_stored(result.to_dict()))
    assert back == result
    _same_types(result, back)
    assert back.to_dict() == result.to_dict()


@PROPERTY
@given(varied_scenarios())
def test_a_scenario_reads_back_as_it_was(data: dict[str, Any]) -> None:
    scenario = parse_scenario(copy.deepcopy(data))
    assert parse_scenario(scenario.to_dict()) == scenario
    back = parse_scenario(_stored(scenario.to_dict()))
    assert back == scenario
    assert back.to_dict() == scenario.to_dict()
    assert assess(back, EDITION) == assess(scenario, EDITION)


def test_the_parts_read_back_on_their_own() -> None:
    coverage = CoverageResult(covered=False, reasons=("intentional", "intoxication"))
    assert CoverageResult.from_dict(coverage.to_dict()) == coverage
    line = DamageLine("consolation", "慰謝料", 1_500_000)
    assert DamageLine.from_dict(line.to_dict()) == line
    liability = Liability(9_676_912, 8_709_220, 8_709_220, 0, 8_709_220)
    assert Liability.from_dict(liability.to_dict()) == liability
    payout = Payout(8_609_220, 500_000, 0, 9_109_220)
    assert Payout.from_dict(payout.to_dict()) == payout
    steps = (
        TraceStep("damages", "leibniz", "ライプニッツ係数", "32年・3%", Decimal("20.3888"), "coefficient"),
        TraceStep("liability", "after_fault", "過失相殺後", "floor(…)", 8_709_220),
        TraceStep("coverage", "coverage", "受理審査", "…", True, "flag"),
    )
    back = trace_from_dicts(_stored({"trace": [s.to_dict() for s in steps]})["trace"])
    assert back == steps
    assert [type(s.value) for s in back] == [Decimal, int, bool]
    assert str(back[0].value) == "20.3888"
