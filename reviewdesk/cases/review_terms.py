"""The words of peer review: the status of a reviewer's assignment and of an opinion."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reviewdesk.labels import labeller


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


assignment_status_label = labeller(AssignmentStatus, ASSIGNMENT_STATUS_LABELS)


opinion_status_label = labeller(OpinionStatus, OPINION_STATUS_LABELS)


# Conflicts of interest (利益相反) ------------------------------------------------------------
# A reason is a code plus the data it names, so each language renders it; where reasons are
# stored (a recusal's reason) they are stored as JSON by `encode_reasons` and read back by
# `reason_text`, which shows any other stored text (typed by a user, or an older row) as it is.

class ConflictCode(StrEnum):
    AFFILIATED_MEMBER = "affiliated_member"
    AFFILIATED_FACILITY = "affiliated_facility"
    INSURED_DOCTOR = "insured_doctor"
    NAMED_IN_CASE = "named_in_case"
    REVIEWED_ORIGINAL = "reviewed_original"
    DECLARED = "declared"


CONFLICT_TEXTS: dict[ConflictCode, tuple[str, str]] = {
    ConflictCode.AFFILIATED_MEMBER: ("{name} は被共済者である会員「{member}」の関係者です",
                                     "{name} is affiliated with the insured member {member}"),
    ConflictCode.AFFILIATED_FACILITY: ("{name} は被共済者の施設の関係者です",
                                       "{name} is affiliated with the insured's facility"),
    ConflictCode.INSURED_DOCTOR: ("{name} はこの事案の被共済者（医師）本人です",
                                  "{name} is the insured doctor of the case"),
    ConflictCode.NAMED_IN_CASE: ("{name} は事案の記載に名前があります", "{name} is named in the case"),
    ConflictCode.REVIEWED_ORIGINAL: ("{name} はこの異議申立の原事案を査読しました",
                                     "{name} reviewed the original case of this appeal"),
    ConflictCode.DECLARED: ("利益相反の申告: {reason}", "declared a conflict: {reason}"),
}


@dataclass(frozen=True)
class ConflictReason:
    """Why a person may not review or decide a case: a code and the names it needs."""

    code: ConflictCode
    data: Mapping[str, str] = field(default_factory=dict)

    def text(self, lang: str = "ja") -> str:
        ja, en = CONFLICT_TEXTS[self.code]
        return (ja if lang == "ja" else en).format_map(dict(self.data))

    def as_json(self) -> dict[str, object]:
        return {"code": self.code.value, "data": dict(self.data)}


def conflict_texts(reasons: Iterable[ConflictReason], lang: str = "ja") -> str:
    return ("、" if lang == "ja" else "; ").join(r.text(lang) for r in reasons)


def encode_reasons(reasons: Iterable[ConflictReason]) -> str:
    """The stored form of reasons: JSON of codes and data, rendered per language when shown."""
    return json.dumps({"conflicts": [r.as_json() for r in reasons]}, ensure_ascii=False)


def decode_reasons(stored: str) -> list[ConflictReason] | None:
    """The reasons in a stored text, or None when it is plain text (typed, or an older row)."""
    if not stored.startswith("{"):
        return None
    try:
        items = json.loads(stored)["conflicts"]
        return [ConflictReason(ConflictCode(i["code"]), {str(k): str(v) for k, v in i["data"].items()})
                for i in items]
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def reason_text(stored: str, lang: str = "ja") -> str:
    """A stored reason in the language asked for; plain text is shown as it was written."""
    reasons = decode_reasons(stored)
    return stored if reasons is None else conflict_texts(reasons, lang)
