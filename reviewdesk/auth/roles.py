"""The board's roles and reviewers' specialties, with their Japanese and English names."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reviewdesk.labels import labeller


class Role(StrEnum):
    SECRETARIAT = "secretariat"
    PHYSICIAN_REVIEWER = "physician_reviewer"
    LAWYER_REVIEWER = "lawyer_reviewer"
    BOARD_CHAIR = "board_chair"
    ASSESSMENT_COMMITTEE = "assessment_committee"
    AUDITOR = "auditor"


class Specialty(StrEnum):
    DERMATOLOGY = "dermatology"
    PLASTIC_SURGERY = "plastic_surgery"
    ANESTHESIOLOGY = "anesthesiology"


ROLE_LABELS: dict[Role, tuple[str, str]] = {
    Role.SECRETARIAT: ("事務局", "Secretariat"),
    Role.PHYSICIAN_REVIEWER: ("審査委員（医師）", "Physician reviewer"),
    Role.LAWYER_REVIEWER: ("審査委員（弁護士）", "Lawyer reviewer"),
    Role.BOARD_CHAIR: ("審査会委員長", "Board chair"),
    Role.ASSESSMENT_COMMITTEE: ("査定委員会", "Assessment committee"),
    Role.AUDITOR: ("監事", "Auditor"),
}

SPECIALTY_LABELS: dict[Specialty, tuple[str, str]] = {
    Specialty.DERMATOLOGY: ("皮膚科", "Dermatology"),
    Specialty.PLASTIC_SURGERY: ("形成外科", "Plastic surgery"),
    Specialty.ANESTHESIOLOGY: ("麻酔科", "Anesthesiology"),
}

REVIEWER_ROLES = frozenset({Role.PHYSICIAN_REVIEWER, Role.LAWYER_REVIEWER})
# Who sits on the review board and votes on findings (the chair presides and votes too).
BOARD_ROLES = frozenset({Role.PHYSICIAN_REVIEWER, Role.LAWYER_REVIEWER, Role.BOARD_CHAIR})


role_label = labeller(Role, ROLE_LABELS)


def specialty_label(specialty: str | None, lang: str = "ja") -> str:
    if not specialty:
        return ""
    ja, en = SPECIALTY_LABELS[Specialty(specialty)]
    return ja if lang == "ja" else en


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service runs; every permission check is made against it."""

    user_id: int | None
    username: str
    display_name: str
    role: Role
    specialty: Specialty | None = None

    @property
    def is_reviewer(self) -> bool:
        return self.role in REVIEWER_ROLES


# Acts of the application itself (creating a vault, generating the demo), never of a person.
SYSTEM = Actor(None, "system", "システム", Role.SECRETARIAT)
