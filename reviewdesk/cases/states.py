"""The case lifecycle (DOMAIN.md "A case's life"): states, their labels and allowed moves."""

from __future__ import annotations

from enum import StrEnum

from reviewdesk.errors import RuleViolation
from reviewdesk.labels import labeller


class CaseState(StrEnum):
    RECEIVED = "received"  # 受付
    COVERAGE_CHECK = "coverage_check"  # 受理審査
    PEER_REVIEW = "peer_review"  # 査読
    BOARD_REVIEW = "board_review"  # 審査会
    ASSESSMENT = "assessment"  # 査定
    DECIDED = "decided"  # 決定
    NOTIFIED = "notified"  # 通知済
    CLOSED = "closed"  # 完結
    WITHDRAWN = "withdrawn"  # 取下げ
    NOT_COVERED = "not_covered"  # 対象外
    DEFERRED = "deferred"  # 判定保留


STATE_LABELS: dict[CaseState, tuple[str, str]] = {
    CaseState.RECEIVED: ("受付", "Received"),
    CaseState.COVERAGE_CHECK: ("受理審査", "Coverage check"),
    CaseState.PEER_REVIEW: ("査読", "Peer review"),
    CaseState.BOARD_REVIEW: ("審査会", "Board review"),
    CaseState.ASSESSMENT: ("査定", "Assessment"),
    CaseState.DECIDED: ("決定", "Decided"),
    CaseState.NOTIFIED: ("通知済", "Notified"),
    CaseState.CLOSED: ("完結", "Closed"),
    CaseState.WITHDRAWN: ("取下げ", "Withdrawn"),
    CaseState.NOT_COVERED: ("対象外", "Not covered"),
    CaseState.DEFERRED: ("判定保留", "Deferred"),
}

S = CaseState
# Which states each state may move to; the services add the guards that need data
# (opinions submitted, quorum, signed letters) and name what is missing.
TRANSITIONS: dict[CaseState, frozenset[CaseState]] = {
    S.RECEIVED: frozenset({S.COVERAGE_CHECK, S.WITHDRAWN}),
    S.COVERAGE_CHECK: frozenset({S.PEER_REVIEW, S.NOT_COVERED, S.WITHDRAWN}),
    S.PEER_REVIEW: frozenset({S.BOARD_REVIEW, S.WITHDRAWN}),
    S.BOARD_REVIEW: frozenset({S.ASSESSMENT, S.DECIDED, S.DEFERRED, S.PEER_REVIEW, S.WITHDRAWN}),
    S.DEFERRED: frozenset({S.PEER_REVIEW, S.WITHDRAWN}),
    S.ASSESSMENT: frozenset({S.DECIDED, S.WITHDRAWN}),
    S.DECIDED: frozenset({S.NOTIFIED}),
    S.NOTIFIED: frozenset({S.CLOSED}),
    S.NOT_COVERED: frozenset({S.CLOSED}),
    S.WITHDRAWN: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),  # reopening is its own audited act (archive.reopen_case)
}



state_label = labeller(CaseState, STATE_LABELS)


def check_transition(current: str, target: CaseState) -> None:
    """Refuses a move the lifecycle does not allow, naming both states."""
    now = CaseState(current)
    if target not in TRANSITIONS[now]:
        raise RuleViolation(
            f"a case in state '{now.value}' cannot move to '{target.value}'",
            ja=f"「{state_label(now)}」の事案を「{state_label(target)}」に進めることはできません",
        )
