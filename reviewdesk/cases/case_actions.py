"""The lifecycle acts on a whole case, their guards, and which of them an actor may take now.

The services call these guards before they act, and `available_actions` runs the same guards
to tell the UI which buttons to show: one rule, never a copy in a widget.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.cases.access import require_open
from reviewdesk.cases.outcomes import FindingOutcome
from reviewdesk.cases.states import CaseState, check_transition
from reviewdesk.errors import RuleViolation
from reviewdesk.store.models import Case, Finding


class CaseAction(StrEnum):
    OVERRIDE = "override"  # the chair has the board review a case found not covered
    NOT_COVERED = "not_covered"
    WITHDRAW = "withdraw"
    NOTIFY = "notify"
    CLOSE = "close"
    REOPEN = "reopen"
    APPEAL = "appeal"
    ASSIGN_REVIEWER = "assign_reviewer"
    WRITE_OPINION = "write_opinion"
    DECLARE_CONFLICT = "declare_conflict"


def guard_override(session: Session, case: Case) -> None:
    if case.state != CaseState.COVERAGE_CHECK or case.coverage_covered is not False:
        raise RuleViolation("only a case found not covered at its coverage check can be overridden",
                            ja="受理審査で対象外とされた事案のみ覆すことができます")


def guard_not_covered(session: Session, case: Case) -> None:
    if case.coverage_covered is not False or case.coverage_override:
        raise RuleViolation("the case is covered (or the board overrode the check)",
                            ja="この事案は対象です（または審査会が受理を決定しています）")
    check_transition(case.state, CaseState.NOT_COVERED)


def guard_withdraw(session: Session, case: Case) -> None:
    require_open(case)
    check_transition(case.state, CaseState.WITHDRAWN)


def guard_notify(session: Session, case: Case) -> None:
    """The lifecycle's part; the service also insists on the signed letters and names them."""
    require_open(case)
    check_transition(case.state, CaseState.NOTIFIED)


def guard_close(session: Session, case: Case) -> None:
    require_open(case)
    check_transition(case.state, CaseState.CLOSED)


def guard_reopen(session: Session, case: Case) -> None:
    if case.state != CaseState.CLOSED or not case.state_before_close:
        raise RuleViolation(f"case {case.case_no} is not closed", ja="完結済みの事案ではありません")


def contested_finding(session: Session, case: Case) -> Finding:
    """The board's last (non-deferred) finding that an appeal contests; the appeal guard."""
    finding = session.scalar(sa.select(Finding).where(
        Finding.case_id == case.id, Finding.outcome != FindingOutcome.DEFERRED.value)
        .order_by(Finding.id.desc()).limit(1))
    if finding is None or case.state not in (CaseState.DECIDED, CaseState.NOTIFIED,
                                             CaseState.CLOSED):
        raise RuleViolation(f"case {case.case_no} has no finding of the board to contest",
                            ja="異議申立の対象となる審査結果がありません")
    pending = session.scalar(sa.select(Case.case_no).where(
        Case.appeal_of_id == case.id,
        Case.state.notin_((CaseState.CLOSED.value, CaseState.WITHDRAWN.value))))
    if pending:
        raise RuleViolation(f"an appeal against {case.case_no} is already open ({pending})",
                            ja=f"この事案への異議申立はすでに受け付けています（{pending}）")
    return finding


def guard_appeal(session: Session, case: Case) -> None:
    contested_finding(session, case)


# The acts on the case as a whole (the overview's buttons); the others belong to peer review.
LIFECYCLE_ACTIONS = (CaseAction.OVERRIDE, CaseAction.NOT_COVERED, CaseAction.WITHDRAW,
                     CaseAction.NOTIFY, CaseAction.CLOSE, CaseAction.REOPEN, CaseAction.APPEAL)

# Opinions are written while the case is in review; the board may still ask for more.
WRITABLE_STATES = (CaseState.PEER_REVIEW, CaseState.BOARD_REVIEW)


def guard_assign_reviewer(session: Session, case: Case) -> None:
    """The case's part; the service also checks the reviewer (active, specialty, conflicts)."""
    require_open(case)
    if case.state == CaseState.COVERAGE_CHECK and not (case.coverage_covered
                                                        or case.coverage_override):
        raise RuleViolation(
            f"case {case.case_no} was found not covered; peer review needs the board's override",
            ja="受理審査で対象外とされた事案です。審査会の受理決定が必要です")
    if case.state != CaseState.PEER_REVIEW:
        check_transition(case.state, CaseState.PEER_REVIEW)


def guard_write_opinion(session: Session, case: Case) -> None:
    require_open(case)
    if case.state not in WRITABLE_STATES:
        raise RuleViolation(f"case {case.case_no} is not in peer review; opinions are closed",
                            ja="査読中の事案ではないため意見を記入できません")


def guard_declare_conflict(session: Session, case: Case) -> None:
    require_open(case)


Guard = Callable[[Session, Case], None]
CASE_ACTIONS: dict[CaseAction, tuple[Action, Guard]] = {
    CaseAction.OVERRIDE: (Action.OVERRIDE_COVERAGE, guard_override),
    CaseAction.NOT_COVERED: (Action.REGISTER_CASE, guard_not_covered),
    CaseAction.WITHDRAW: (Action.WITHDRAW_CASE, guard_withdraw),
    CaseAction.NOTIFY: (Action.ISSUE_LETTER, guard_notify),
    CaseAction.CLOSE: (Action.CLOSE_CASE, guard_close),
    CaseAction.REOPEN: (Action.REOPEN_CASE, guard_reopen),
    CaseAction.APPEAL: (Action.REGISTER_APPEAL, guard_appeal),
    CaseAction.ASSIGN_REVIEWER: (Action.ASSIGN_REVIEWER, guard_assign_reviewer),
    CaseAction.WRITE_OPINION: (Action.WRITE_OPINION, guard_write_opinion),
    CaseAction.DECLARE_CONFLICT: (Action.DECLARE_CONFLICT, guard_declare_conflict),
}


def available_actions(session: Session, actor: Actor, case: Case) -> frozenset[CaseAction]:
    """The case acts this actor may take on this case now: permitted and allowed by the guard."""
    available = set()
    for name, (action, guard) in CASE_ACTIONS.items():
        if not allowed(actor, action):
            continue
        try:
            guard(session, case)
        except RuleViolation:
            continue
        available.add(name)
    return frozenset(available)
