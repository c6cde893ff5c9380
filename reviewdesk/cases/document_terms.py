"""The masking states of a document, with their labels (documents.py holds the rule)."""

from __future__ import annotations

from enum import StrEnum

from reviewdesk.labels import labeller


class MaskingStatus(StrEnum):
    PENDING = "pending"  # not yet masked: hidden from everyone who may not read originals
    MASKED = "masked"  # マスキング済
    NO_PERSONAL_DATA = "no_personal_data"  # 個人情報なし, by a deliberate act


MASKING_LABELS: dict[MaskingStatus, tuple[str, str]] = {
    MaskingStatus.PENDING: ("マスキング待ち", "Awaiting masking"),
    MaskingStatus.MASKED: ("マスキング済", "Masked"),
    MaskingStatus.NO_PERSONAL_DATA: ("個人情報なし", "No personal data"),
}
masking_label = labeller(MaskingStatus, MASKING_LABELS)

# The states under which readers of masked copies see a document.
RELEASED = (MaskingStatus.MASKED.value, MaskingStatus.NO_PERSONAL_DATA.value)
