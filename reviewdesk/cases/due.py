"""When a reviewer's opinion is overdue: one definition, in Python and in SQL."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from reviewdesk.cases.review_terms import AssignmentStatus
from reviewdesk.cases.states import CaseState
from reviewdesk.store.models import Assignment, Case

AWAITING = AssignmentStatus.ASSIGNED.value  # an assignment whose opinion has not been submitted
# Opinions are awaited while the case is under review; once decided, withdrawn or closed, a
# missing opinion is no longer anybody's to chase.
AWAITED_IN = (CaseState.PEER_REVIEW.value, CaseState.BOARD_REVIEW.value, CaseState.DEFERRED.value)


def is_overdue(status: str, due_on: date | None, today: date, case_state: str) -> bool:
    """An assignment still awaiting its opinion after its due date, on a case under review."""
    return (status == AWAITING and due_on is not None and due_on < today
            and case_state in AWAITED_IN)


def overdue_clause(today: date) -> sa.ColumnElement[bool]:
    """`is_overdue` over Assignment joined to its Case."""
    return sa.and_(past_due_clause(today), awaited_clause())


def past_due_clause(today: date) -> sa.ColumnElement[bool]:
    """The assignment's half of `overdue_clause`."""
    return sa.and_(Assignment.status == AWAITING, Assignment.due_on < today)


def awaited_clause() -> sa.ColumnElement[bool]:
    """The case's half of `overdue_clause`: opinions are still awaited on it."""
    return Case.state.in_(AWAITED_IN)
