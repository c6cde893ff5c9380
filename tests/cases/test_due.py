"""Overdue has one definition, and the SQL form agrees with the Python one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from reviewdesk.cases import review
from reviewdesk.cases.due import is_overdue, overdue_clause
from reviewdesk.cases.statistics import dashboard
from reviewdesk.store.models import Assignment, Case
from tests.cases.flow import TODAY, intake

DUE = date(2026, 12, 4)


@pytest.mark.parametrize(("status", "due_on", "today", "state", "expected"), [
    ("assigned", DUE, date(2026, 12, 5), "peer_review", True),
    ("assigned", DUE, DUE, "peer_review", False),  # due today is not yet late
    ("assigned", DUE, date(2026, 12, 3), "peer_review", False),
    ("submitted", DUE, date(2027, 1, 5), "peer_review", False),
    ("conflict", DUE, date(2027, 1, 5), "peer_review", False),
    ("assigned", DUE, date(2027, 1, 5), "board_review", True),  # still awaited by the board
    ("assigned", DUE, date(2027, 1, 5), "deferred", True),
    ("assigned", DUE, date(2027, 1, 5), "decided", False),  # the board no longer waits for it
    ("assigned", DUE, date(2027, 1, 5), "closed", False),
    ("assigned", None, date(2027, 1, 5), "peer_review", False),
])
def test_is_overdue(status, due_on, today, state, expected) -> None:  # type: ignore[no-untyped-def]
    assert is_overdue(status, due_on, today, state) is expected


def test_the_sql_clause_the_lists_and_the_dashboard_agree(world) -> None:  # type: ignore[no-untyped-def]
    case_id = intake(world)
    for name in ("derm", "lawyer"):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id,
                               today=TODAY)
    with world.vault.reading() as s:
        rows = s.execute(sa.select(Assignment.status, Assignment.due_on, Case.state)
                         .join(Case, Case.id == Assignment.case_id)).all()
    due = rows[0].due_on
    for today in (due, due + timedelta(days=1)):
        expected = sum(is_overdue(r.status, r.due_on, today, r.state) for r in rows)
        with world.vault.reading() as s:
            in_sql = s.scalar(sa.select(sa.func.count(Assignment.id))
                              .join(Case, Case.id == Assignment.case_id).where(overdue_clause(today)))
        listed = review.overdue_assignments(world.vault, world["secretary"], today)
        board = dashboard(world.vault, world["secretary"], today=today)
        assert in_sql == len(listed) == board.overdue_reviews == expected
        flags = [a.overdue for a in review.list_assignments(world.vault, world["secretary"],
                                                            case_id, today)]
        assert sum(flags) == expected
    assert expected == 2
