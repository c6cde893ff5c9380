"""The words of peer review: the status of a reviewer's assignment and of an opinion."""

from __future__ import annotations

from enum import StrEnum


class AssignmentStatus(StrEnum):
    ASSIGNED = "assigned"  # 査読中: the opinion is awaited
    SUBMITTED = "submitted"  # 提出済
    WITHDRAWN_CONFLICT = "withdrawn_conflict"  # 利益相反で辞退


ASSIGNMENT_STATUS_LABELS: dict[AssignmentStatus, tuple[str, str]] = {
    AssignmentStatus.ASSIGNED: ("査読中", "Reviewing"),
    AssignmentStatus.SUBMITTED: ("提出済", "Submitted"),
    AssignmentStatus.WITHDRAWN_CONFLICT: ("利益相反で辞退", "Withdrawn (conflict)"),
}


class OpinionStatus(StrEnum):
    DRAFT = "draft"  # 下書き
    SUBMITTED = "submitted"  # 提出済: never edited again


OPINION_STATUS_LABELS: dict[OpinionStatus, tuple[str, str]] = {
    OpinionStatus.DRAFT: ("下書き", "Draft"),
    OpinionStatus.SUBMITTED: ("提出済", "Submitted"),
}


def assignment_status_label(status: str, lang: str = "ja") -> str:
    ja, en = ASSIGNMENT_STATUS_LABELS[AssignmentStatus(status)]
    return ja if lang == "ja" else en


def opinion_status_label(status: str, lang: str = "ja") -> str:
    ja, en = OPINION_STATUS_LABELS[OpinionStatus(status)]
    return ja if lang == "ja" else en
