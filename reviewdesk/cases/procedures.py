"""The procedure catalogue (DOMAIN.md): fixed codes, their labels and the non-surgical twelve."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

Lang = Literal["ja", "en"]


class ProcedureCategory(StrEnum):
    """Where a procedure sits in aesthetic medicine; decides which course can cover it."""

    SURGICAL = "surgical"  # 美容外科
    NON_SURGICAL = "non_surgical"  # 美容皮膚科
    INTERNAL = "internal"  # 美容内科


CATEGORY_LABELS: MappingProxyType[ProcedureCategory, tuple[str, str]] = MappingProxyType(
    {
        ProcedureCategory.SURGICAL: ("美容外科", "Cosmetic surgery"),
        ProcedureCategory.NON_SURGICAL: ("美容皮膚科", "Cosmetic dermatology"),
        ProcedureCategory.INTERNAL: ("美容内科", "Cosmetic internal medicine"),
    }
)


@dataclass(frozen=True)
class Procedure:
    """One catalogue entry; `code` is what cases and scenarios store."""

    code: str
    label_ja: str
    label_en: str
    category: ProcedureCategory

    def label(self, lang: Lang = "ja") -> str:
        return self.label_ja if lang == "ja" else self.label_en


_S, _N, _I = ProcedureCategory.SURGICAL, ProcedureCategory.NON_SURGICAL, ProcedureCategory.INTERNAL

# Order is the catalogue's order in DOMAIN.md, so pick lists show it as the board knows it.
_CATALOGUE: tuple[Procedure, ...] = (
    Procedure("double_eyelid", "二重瞼", "Double eyelid surgery", _S),
    Procedure("rhinoplasty", "隆鼻", "Rhinoplasty", _S),
    Procedure("breast_augmentation", "豊胸", "Breast augmentation", _S),
    Procedure("liposuction", "脂肪吸引", "Liposuction", _S),
    Procedure("face_lift", "リフトアップ", "Face lift", _S),
    Procedure("other_surgery", "その他の手術", "Other surgery", _S),
    Procedure("peeling", "ピーリング", "Chemical peeling", _N),
    Procedure("laser", "レーザー", "Laser therapy", _N),
    Procedure("radiofrequency", "高周波（ラジオ波）", "Radiofrequency therapy", _N),
    Procedure("ultrasound", "超音波", "Ultrasound therapy", _N),
    Procedure("near_infrared", "近赤外線", "Near-infrared therapy", _N),
    Procedure("botulinum_toxin", "ボツリヌストキシン", "Botulinum toxin", _N),
    Procedure("filler", "フィラー", "Filler injection", _N),
    Procedure("retinoic_acid", "レチノイン酸", "Retinoic acid therapy", _N),
    Procedure("whitening_agent", "美白剤", "Whitening agent", _N),
    Procedure("pdt", "PDT", "Photodynamic therapy (PDT)", _N),
    Procedure("light", "光治療（IPL・LED）", "Light therapy (IPL, LED)", _N),
    Procedure("iontophoresis", "イオン導入", "Iontophoresis", _N),
    Procedure("detox", "デトックス", "Detox", _I),
    Procedure("drip_infusion", "点滴治療", "Intravenous drip therapy", _I),
)

PROCEDURES: MappingProxyType[str, Procedure] = MappingProxyType({p.code: p for p in _CATALOGUE})

# The twelve therapies of the non-surgical course (seed 002, ※1); the internal-medicine
# procedures are not among them, so that course does not cover them.
NON_SURGICAL_CODES: frozenset[str] = frozenset(
    p.code for p in _CATALOGUE if p.category is ProcedureCategory.NON_SURGICAL
)


def is_procedure(code: object) -> bool:
    """True when `code` is a catalogue code."""
    return isinstance(code, str) and code in PROCEDURES


def procedure_label(code: str, lang: Lang = "ja") -> str:
    """The label of a catalogue code; KeyError for a code outside the catalogue."""
    return PROCEDURES[code].label(lang)


def category_label(category: ProcedureCategory | str, lang: Lang = "ja") -> str:
    """The label of a procedure category, e.g. 美容皮膚科."""
    ja, en = CATEGORY_LABELS[ProcedureCategory(category)]
    return ja if lang == "ja" else en
