"""Payout amounts are the assessment's result: reviewers see none, not even through the order."""

from __future__ import annotations

from datetime import date

from reviewdesk.cases import assessing
from reviewdesk.cases.queries import CaseFilter, SortKey, case_detail, count_cases, list_cases
from tests.cases import flow


def _paid_then_open(world) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    paid = flow.liable(world)  # the lower case number, the only amount
    assessment = assessing.compute_assessment(world.vault, world["assessor"], paid, flow.INPUTS,
                                              today=flow.TODAY)
    assessing.approve_assessment(world.vault, world["assessor2"], assessment, today=date(2026, 12, 2))
    return paid, flow.reviewed(world)  # derm and lawyer reviewed both


def test_reviewers_see_no_amounts_in_the_list_or_the_overview(world) -> None:
    paid, _open = _paid_then_open(world)
    staff = {r.id: r.amount for r in list_cases(world.vault, world["secretary"])}
    assert staff[paid] is not None and staff[paid] > 0
    assert case_detail(world.vault, world["auditor"], paid).payout_total == staff[paid]
    for name in ("derm", "lawyer"):
        rows = list_cases(world.vault, world[name])
        assert paid in [r.id for r in rows] and all(r.amount is None for r in rows)
        assert case_detail(world.vault, world[name], paid).payout_total is None


def test_sorting_or_filtering_by_amount_betrays_nothing_to_reviewers(world) -> None:
    paid, open_case = _paid_then_open(world)
    by_amount = [r.id for r in list_cases(world.vault, world["secretary"], sort=SortKey.AMOUNT)]
    assert by_amount == [paid, open_case]  # descending: the amount first
    for name in ("derm", "lawyer"):
        actor = world[name]
        for descending in (True, False):
            assert ([r.id for r in list_cases(world.vault, actor, sort=SortKey.AMOUNT, descending=descending)]
                    == [r.id for r in list_cases(world.vault, actor, sort=SortKey.NUMBER,
                                                 descending=descending)])
        # An amount range does not narrow a reviewer's list (it would reveal the amounts).
        f = CaseFilter(min_amount=1)
        assert count_cases(world.vault, actor, f) == count_cases(world.vault, actor) == 2
    assert [r.id for r in list_cases(world.vault, world["secretary"], CaseFilter(min_amount=1))] == [paid]
