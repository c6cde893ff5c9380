"""The words of meetings: the kinds of committee, a meeting's status and a member's vote."""

from __future__ import annotations

from enum import StrEnum

from reviewdesk.labels import labeller


class MeetingKind(StrEnum):
    REVIEW_BOARD = "review_board"  # 審査会
    ASSESSMENT_COMMITTEE = "assessment_committee"  # 査定委員会


MEETING_KIND_LABELS: dict[MeetingKind, tuple[str, str]] = {
    MeetingKind.REVIEW_BOARD: ("審査会", "Review board"),
    MeetingKind.ASSESSMENT_COMMITTEE: ("査定委員会", "Assessment committee"),
}


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"  # 予定
    HELD = "held"  # 開催済


MEETING_STATUS_LABELS: dict[MeetingStatus, tuple[str, str]] = {
    MeetingStatus.SCHEDULED: ("予定", "Scheduled"),
    MeetingStatus.HELD: ("開催済", "Held"),
}


class VoteChoice(StrEnum):
    """A board member's vote on a finding."""

    FOR = "for"  # 賛成
    AGAINST = "against"  # 反対
    ABSTAIN = "abstain"  # 棄権


VOTE_LABELS: dict[VoteChoice, tuple[str, str]] = {
    VoteChoice.FOR: ("賛成", "For"),
    VoteChoice.AGAINST: ("反対", "Against"),
    VoteChoice.ABSTAIN: ("棄権", "Abstain"),
}


meeting_kind_label = labeller(MeetingKind, MEETING_KIND_LABELS)


meeting_status_label = labeller(MeetingStatus, MEETING_STATUS_LABELS)


vote_label = labeller(VoteChoice, VOTE_LABELS)
