"""Labels (Japanese, English) of the assessment's codes, for the text output, letters and GUI."""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal

Lang = Literal["ja", "en"]

# Damage lines of ASSESSMENT.md section 2, in its order.
DAMAGE_LINE_CODES = (
    "treatment_costs",
    "hospital_misc",
    "funeral_costs",
    "other_costs",
    "lost_wages",
    "lost_future_earnings",
    "consolation",
)

DAMAGE_LINE_LABELS = MappingProxyType({
    "treatment_costs": "治療費",
    "hospital_misc": "入院雑費",
    "funeral_costs": "葬儀費",
    "other_costs": "その他",
    "lost_wages": "休業損害",
    "lost_future_earnings": "逸失利益",
    "consolation": "慰謝料",
})  # fmt: skip

DAMAGE_LINE_LABELS_EN = MappingProxyType({
    "treatment_costs": "Treatment costs",
    "hospital_misc": "Hospital sundries",
    "funeral_costs": "Funeral costs",
    "other_costs": "Other costs",
    "lost_wages": "Lost wages",
    "lost_future_earnings": "Lost future earnings",
    "consolation": "Consolation",
})  # fmt: skip

# Coverage reasons of section 6, in its order; the exclusion codes double as reasons.
REASON_CODES = (
    "claim_outside_period",
    "before_retro_date",
    "claim_before_enrolment",
    "procedure_outside_course",
    "intentional",
    "guaranteed_result",
    "defamation_or_privacy",
    "facility_management",
    "intoxication",
    "unregistered_facility",
)

REASON_LABELS = MappingProxyType({
    "claim_outside_period": "クレーム申出日が補償期間外",
    "before_retro_date": "事故発生日が遡及日より前",
    "claim_before_enrolment": "加入前に既に申し出られていたクレーム",
    "procedure_outside_course": "加入コース（非外科）の対象外の施術",
    "intentional": "故意による事故",
    "guaranteed_result": "結果保証による加重責任",
    "defamation_or_privacy": "名誉毀損・秘密漏洩",
    "facility_management": "施設の所有・使用・管理に起因する責任",
    "intoxication": "麻薬使用・酒気帯び状態での医療行為",
    "unregistered_facility": "申込書記載外の施設での医療行為",
})  # fmt: skip

REASON_LABELS_EN = MappingProxyType({
    "claim_outside_period": "Claim first made outside the policy period",
    "before_retro_date": "Incident before the retroactive date",
    "claim_before_enrolment": "Claim already made before enrolment",
    "procedure_outside_course": "Procedure outside the non-surgical course",
    "intentional": "Intentional act",
    "guaranteed_result": "Liability aggravated by a guaranteed result",
    "defamation_or_privacy": "Defamation or breach of confidentiality",
    "facility_management": "Ownership, use or management of the facility",
    "intoxication": "Act under narcotics or alcohol",
    "unregistered_facility": "Act outside the registered facility",
})  # fmt: skip

# The patient's sex and outcome kind are intake's words: reviewdesk.cases.intake_terms.
HOUSEHOLD_ROLE_LABELS = MappingProxyType(
    {"breadwinner": "一家の支柱", "spouse_or_mother": "母親・配偶者", "other": "その他"}
)
HOUSEHOLD_ROLE_LABELS_EN = MappingProxyType(
    {"breadwinner": "Breadwinner", "spouse_or_mother": "Spouse or mother", "other": "Other"}
)
COURSE_LABELS = MappingProxyType({"all": "全科コース", "non_surgical": "非外科コース"})


def damage_line_label(code: str, lang: Lang = "ja") -> str:
    """The label of a damage line code, e.g. 逸失利益."""
    return (DAMAGE_LINE_LABELS if lang == "ja" else DAMAGE_LINE_LABELS_EN)[code]


def household_role_label(code: str, lang: Lang = "ja") -> str:
    """The label of a household role code, e.g. 一家の支柱."""
    return (HOUSEHOLD_ROLE_LABELS if lang == "ja" else HOUSEHOLD_ROLE_LABELS_EN)[code]


def reason_label(code: str, lang: Lang = "ja") -> str:
    """The label of a coverage reason code, e.g. 事故発生日が遡及日より前."""
    return (REASON_LABELS if lang == "ja" else REASON_LABELS_EN)[code]
