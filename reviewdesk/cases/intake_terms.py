"""The words of intake: the patient's sex, the kind of outcome and the kinds of document.

Pure (no database), so the assessment engine can use the same codes and labels.
"""

from __future__ import annotations

from enum import StrEnum

from reviewdesk.labels import labeller


class Sex(StrEnum):
    FEMALE = "female"  # 女性
    MALE = "male"  # 男性
    OTHER = "other"  # その他


SEX_LABELS: dict[Sex, tuple[str, str]] = {
    Sex.FEMALE: ("女性", "Female"),
    Sex.MALE: ("男性", "Male"),
    Sex.OTHER: ("その他", "Other"),
}


class OutcomeKind(StrEnum):
    """What happened to the patient."""

    INJURY = "injury"  # 傷害
    AFTER_EFFECT = "after_effect"  # 後遺障害 (with a disability grade 1-14)
    DEATH = "death"  # 死亡


OUTCOME_KIND_LABELS: dict[OutcomeKind, tuple[str, str]] = {
    OutcomeKind.INJURY: ("傷害", "Injury"),
    OutcomeKind.AFTER_EFFECT: ("後遺障害", "After-effect"),
    OutcomeKind.DEATH: ("死亡", "Death"),
}


class DocumentKind(StrEnum):
    RECORD = "record"  # 診療録
    CONSENT = "consent"  # 同意書
    PHOTO = "photo"  # 写真
    CLAIMANT_LETTER = "claimant_letter"  # 請求者の書面
    OTHER = "other"  # その他


DOCUMENT_KIND_LABELS: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.RECORD: ("診療録", "Medical record"),
    DocumentKind.CONSENT: ("同意書", "Consent form"),
    DocumentKind.PHOTO: ("写真", "Photo"),
    DocumentKind.CLAIMANT_LETTER: ("請求者の書面", "Claimant's letter"),
    DocumentKind.OTHER: ("その他", "Other"),
}


sex_label = labeller(Sex, SEX_LABELS)


outcome_kind_label = labeller(OutcomeKind, OUTCOME_KIND_LABELS)


document_kind_label = labeller(DocumentKind, DOCUMENT_KIND_LABELS)
