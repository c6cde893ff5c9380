"""Blind review in the read models: what a reviewer who has not submitted can learn."""

from __future__ import annotations

from reviewdesk.cases import review
from reviewdesk.cases.queries import CaseFilter, case_detail, count_cases, list_cases
from tests.cases import flow


def _assign(world, name: str, case_id: int, days: int) -> None:  # type: ignore[no-untyped-def]
    review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id,
                           business_days=days, today=flow.TODAY)


def test_another_reviewers_opinion_text_is_not_searchable_before_submitting(world) -> None:
    case_id = flow.intake(world)
    _assign(world, "derm", case_id, 10)
    _assign(world, "lawyer", case_id, 10)
    data = flow.opinion()
    data = type(data)(**{**data.__dict__, "negligence_rationale": "独特な所見として血管走行の破格を認めた"})
    flow.write(world, "derm", case_id, data)
    phrase = "血管走行の破格"
    assert [r.id for r in list_cases(world.vault, world["secretary"], CaseFilter(search=phrase))] == [case_id]
    assert count_cases(world.vault, world["secretary"], CaseFilter(search=phrase)) == 1
    assert list_cases(world.vault, world["lawyer"], CaseFilter(search=phrase)) == []
    assert count_cases(world.vault, world["lawyer"], CaseFilter(search=phrase)) == 0
    assert [r.id for r in list_cases(world.vault, world["lawyer"], CaseFilter(search="皮膚壊死"))] == [case_id]
    assert list_cases(world.vault, world["lawyer"], CaseFilter(search="破格")) == []  # short path too


def test_a_reviewer_sees_only_their_own_due_date(world) -> None:
    case_id = flow.intake(world)
    _assign(world, "derm", case_id, 5)
    _assign(world, "lawyer", case_id, 20)
    derm_due = list_cases(world.vault, world["derm"])[0].due_date
    lawyer_due = list_cases(world.vault, world["lawyer"])[0].due_date
    staff_due = list_cases(world.vault, world["secretary"])[0].due_date
    assert derm_due is not None and lawyer_due is not None
    assert derm_due < lawyer_due and staff_due == derm_due


def test_the_disagreement_flag_waits_for_the_reviewers_own_submission(world) -> None:
    case_id = flow.intake(world)
    for name in ("derm", "derm2", "lawyer"):
        _assign(world, name, case_id, 10)
    flow.write(world, "derm", case_id, flow.opinion(negligence="yes"))
    flow.write(world, "derm2", case_id, flow.opinion(finding="not_liable", negligence="no", causation="no"))
    assert case_detail(world.vault, world["secretary"], case_id).disagreement is True
    assert case_detail(world.vault, world["derm"], case_id).disagreement is True
    assert case_detail(world.vault, world["lawyer"], case_id).disagreement is None
    flow.write(world, "lawyer", case_id)
    assert case_detail(world.vault, world["lawyer"], case_id).disagreement is True
