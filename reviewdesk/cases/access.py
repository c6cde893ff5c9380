"""Who may see which case: reviewers only their assignments; identity only for the secretariat."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases.review_terms import AssignmentStatus
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import NotFound, RuleViolation
from reviewdesk.store.models import Assignment, Case
from reviewdesk.store.vault import Vault

# A reviewer who declared a conflict is taken off the case and loses access to it.
ACTIVE_ASSIGNMENT_STATES = (AssignmentStatus.ASSIGNED.value, AssignmentStatus.SUBMITTED.value)


def visibility_clause(actor: Actor, *, dense: bool = False) -> sa.ColumnElement[bool]:
    """A WHERE clause over Case limiting it to what the actor may see. dense=True keeps it a
    filter that never drives the lookups: it hides the id from SQLite's rowid lookups, as
    search.matching_ids_clause's does, and PostgreSQL probes the reviewer's cases as one hashed
    set instead of joining them (a nested-loop join took 600 ms for a page of 200 of 28,000)."""
    if allowed(actor, Action.READ_ALL_CASES):
        return sa.true()
    if (assigned := assigned_case_ids(actor)) is not None:
        return _Probed((Case.id + 0).in_(assigned)) if dense else Case.id.in_(assigned)
    return sa.false()


class _Probed(sa.sql.expression.ColumnElement[bool]):
    """An IN (subquery) kept a filter: PostgreSQL turns a top-level IN into a join, never one
    under IS TRUE."""

    type = sa.Boolean()
    inherit_cache = False

    def __init__(self, condition: sa.ColumnElement[bool]) -> None:
        self.condition = condition

    def self_group(self, against: Any = None) -> sa.ColumnElement[bool]:
        # Already a condition: grouped as a plain boolean in an AND, SQLite would get "… = 1",
        # which its planner no longer reads as an IN (a busy reviewer's FTS5 search 60 -> 134 ms).
        return self


@compiles(_Probed)
def _compile_probed(element: _Probed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.condition, **kw))


@compiles(_Probed, "postgresql")
def _compile_probed_postgresql(element: _Probed, compiler: Any, **kw: Any) -> str:
    return f"({compiler.process(element.condition, **kw)}) IS TRUE"


def assigned_case_ids(actor: Actor) -> sa.Select[tuple[int]] | None:
    """The ids of the cases a reviewer sees, from their assignments; None for anyone else."""
    if allowed(actor, Action.READ_ALL_CASES) or actor.user_id is None \
            or not allowed(actor, Action.READ_ASSIGNED_CASES):
        return None
    return sa.select(Assignment.case_id).where(Assignment.reviewer_id == actor.user_id,
                                               Assignment.status.in_(ACTIVE_ASSIGNMENT_STATES))


def assigned_case_count(session: Session, actor: Actor) -> int | None:
    """How many cases a reviewer sees, counted from their assignments alone (cases are never
    deleted, so it is the count of visibility_clause's cases without reading one; a busy
    reviewer's 28,000 cases took 90 ms to count on a server); None for anyone else."""
    if (assigned := assigned_case_ids(actor)) is None:
        return None
    # Over the reviewer's own assignment rows only: under row-level security a co-reviewer's
    # row costs a definer call (a case_id IN (…) form read those too: 0.4-1.9 s at 28,000 cases).
    mine = assigned.subquery()
    return int(session.scalar(sa.select(sa.func.count(sa.distinct(mine.c.case_id)))) or 0)


@contextmanager
def read_case(vault: Vault, actor: Actor, case_id: int) -> Iterator[tuple[Session, Case]]:
    """The one way to read a case: the visibility rule is applied before anything else is read,
    and a case the actor may not see is as missing as one that does not exist."""
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        yield session, load_case(session, actor, case_id)


def can_see(session: Session, actor: Actor, case_id: int) -> bool:
    return session.scalar(
        sa.select(sa.func.count(Case.id)).where(Case.id == case_id, visibility_clause(actor))
    ) == 1


def lineage(session: Session, case_id: int) -> list[int]:
    """The case and the cases it appeals, nearest first: [appeal, original, original's original…]."""
    chain: list[int] = []
    current: int | None = case_id
    while current is not None and current not in chain:
        chain.append(current)
        current = session.scalar(sa.select(Case.appeal_of_id).where(Case.id == current))
    return chain


def appeals_of(session: Session, case_id: int) -> list[int]:
    """The appeals against the case, and the appeals against those, in the order registered."""
    found: list[int] = []
    frontier = [case_id]
    while frontier:
        frontier = [i for i in session.scalars(sa.select(Case.id).where(
            Case.appeal_of_id.in_(frontier)).order_by(Case.id)) if i not in found and i != case_id]
        found.extend(frontier)
    return found


def can_see_through_appeal(session: Session, actor: Actor, case_id: int) -> bool:
    """Whether the actor may see the case itself or an appeal against it.

    An appeal carries its original's file over: the appeal's panel (never reviewers of the
    original) reads the original's documents and finding through the appeal. This grants that
    much only: the original case itself stays out of their lists and views.
    """
    return can_see(session, actor, case_id) or any(
        can_see(session, actor, appeal) for appeal in appeals_of(session, case_id))


def load_case(session: Session, actor: Actor, case_id: int) -> Case:
    """The case, if the actor may see it; otherwise the same NotFound as a missing case."""
    case = session.get(Case, case_id)
    if case is None or not can_see(session, actor, case_id):
        raise NotFound(f"no case {case_id}", ja="該当する事案はありません")
    return case


def case_id_for_number(session: Session, actor: Actor, case_no: str) -> int:
    case_id = session.scalar(
        sa.select(Case.id).where(Case.case_no == case_no, visibility_clause(actor))
    )
    if case_id is None:
        raise NotFound(f"no case {case_no}", ja=f"事案 {case_no} はありません")
    return case_id


def require_open(case: Case) -> None:
    """Closed (archived) cases are read-only until the secretariat reopens them."""
    if case.state == CaseState.CLOSED:
        raise RuleViolation(
            f"case {case.case_no} is closed and read-only; reopen it first (secretariat, with a reason)",
            ja=f"事案 {case.case_no} は完結済みのため変更できません（事務局が理由を付して再開できます）",
        )


def sees_originals(actor: Actor) -> bool:
    """The secretariat and the chair read documents as received; everyone else the masked copy
    (documents.py)."""
    return allowed(actor, Action.READ_ORIGINAL_DOCUMENTS)


def search_scope(actor: Actor) -> tuple[str, ...]:
    """The search index columns the actor may search (search.py): reviewers not the opinions
    (blind review), and only readers of originals the unmasked documents."""
    scope = ["base"]
    if allowed(actor, Action.READ_ALL_CASES):
        scope.append("opinions")
    if sees_originals(actor):
        scope.append("originals")
    return tuple(scope)


def patient_display(case: Case, actor: Actor) -> str:
    """The patient's name for the secretariat, the stable case alias for everyone else."""
    return case.patient_name if allowed(actor, Action.SEE_PATIENT_IDENTITY) else case.patient_alias


def patient_column(actor: Actor) -> sa.ColumnElement[str]:
    """`patient_display` in a query, labelled "patient": other seats may not even select the
    name on a server (auth/server_security.py)."""
    shown = Case.patient_name if allowed(actor, Action.SEE_PATIENT_IDENTITY) else Case.patient_alias
    return shown.label("patient")
