"""The board's outcomes, the legal elements of an opinion and the insured's share rules."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from reviewdesk.errors import InputError
from reviewdesk.labels import labeller


class FindingOutcome(StrEnum):
    """The board's finding (審査結果), also what a reviewer recommends."""

    LIABLE = "liable"  # 有責
    PARTLY_LIABLE = "partly_liable"  # 一部有責
    NOT_LIABLE = "not_liable"  # 無責
    DEFERRED = "deferred"  # 判定保留


FINDING_OUTCOME_LABELS: dict[FindingOutcome, tuple[str, str]] = {
    FindingOutcome.LIABLE: ("有責", "Liable"),
    FindingOutcome.PARTLY_LIABLE: ("一部有責", "Partly liable"),
    FindingOutcome.NOT_LIABLE: ("無責", "Not liable"),
    FindingOutcome.DEFERRED: ("判定保留", "Deferred"),
}
# The outcomes that make the association pay (and the case go to assessment).
LIABLE_OUTCOMES = frozenset({FindingOutcome.LIABLE, FindingOutcome.PARTLY_LIABLE})


class Element(StrEnum):
    """The legal elements an opinion answers and a finding gives reasons on."""

    NEGLIGENCE = "negligence"  # 過失
    CAUSATION = "causation"  # 因果関係
    DUTY_TO_EXPLAIN = "duty_to_explain"  # 説明義務違反
    DAMAGE = "damage"  # 損害


ELEMENT_LABELS: dict[Element, tuple[str, str]] = {
    Element.NEGLIGENCE: ("過失", "Negligence"),
    Element.CAUSATION: ("因果関係", "Causation"),
    Element.DUTY_TO_EXPLAIN: ("説明義務違反", "Breach of the duty to explain"),
    Element.DAMAGE: ("損害", "Damage"),
}
# The elements on which physicians' disagreement flags a case, and a finding needs reasons.
CORE_ELEMENTS = (Element.NEGLIGENCE, Element.CAUSATION)


class Answer(StrEnum):
    """A reviewer's answer on one element, given with a rationale."""

    YES = "yes"
    NO = "no"
    UNDETERMINED = "undetermined"


ANSWER_LABELS: dict[Answer, tuple[str, str]] = {
    Answer.YES: ("あり", "Yes"),
    Answer.NO: ("なし", "No"),
    Answer.UNDETERMINED: ("判断できない", "Undetermined"),
}


class Judgement(StrEnum):
    """The board's judgement on one legal element of a finding, given with its reason."""

    ACCEPTED = "accepted"  # 認める
    REJECTED = "rejected"  # 認めない
    NOT_DECIDED = "not_decided"  # 判断せず


JUDGEMENT_LABELS: dict[Judgement, tuple[str, str]] = {
    Judgement.ACCEPTED: ("認める", "Accepted"),
    Judgement.REJECTED: ("認めない", "Not accepted"),
    Judgement.NOT_DECIDED: ("判断せず", "Not decided"),
}


judgement_label = labeller(Judgement, JUDGEMENT_LABELS)


finding_outcome_label = labeller(FindingOutcome, FINDING_OUTCOME_LABELS)


element_label = labeller(Element, ELEMENT_LABELS)


answer_label = labeller(Answer, ANSWER_LABELS)


# 「1割」, 「1割5分」, 「2割5分3厘」: tenths, hundredths, thousandths (after NFKC, so 「１割」 too).
_WARI = re.compile(r"(\d+(?:\.\d+)?)割(?:(\d)分)?(?:(\d)厘)?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def _ratio_text(text: str) -> Decimal:
    """「0.1」「１割」「10%」「０．１」「１０％」 as an exact Decimal; InvalidOperation otherwise."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if m := _WARI.fullmatch(text):
        tenths, hundredths, thousandths = m.groups()
        value = (Decimal(tenths).scaleb(-1) + Decimal(hundredths or 0).scaleb(-2)
                 + Decimal(thousandths or 0).scaleb(-3))
        return value.normalize() if value else Decimal(0)
    if m := _PERCENT.fullmatch(text):
        value = Decimal(m.group(1)).scaleb(-2)
        return value.normalize() if value else Decimal(0)
    return Decimal(text)


def parse_ratio(value: Decimal | str | int | None, field: str, name_ja: str) -> Decimal | None:
    """A ratio between 0 and 1 as an exact Decimal (never float): a decimal 「0.1」, tenths
    「1割」「1割5分」 or a percentage 「10%」, in half- or full-width digits. None and "" stay None.
    A bad value names its field: `field` in English, `name_ja` in Japanese."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        raise InputError(f"{field}: give the share as a decimal string, not a float",
                         ja=f"{name_ja}は小数の文字列で指定してください")
    try:
        share = value if isinstance(value, Decimal) else _ratio_text(str(value))
    except InvalidOperation:
        raise InputError(f"{field}: '{value}' is not a number",
                         ja=f"{name_ja}が数値ではありません（例: 0.1、1割、10%）") from None
    if not share.is_finite() or share < 0 or share > 1:
        raise InputError(f"{field}: must be between 0 and 1",
                         ja=f"{name_ja}は0から1の間で入力してください（例: 0.1、1割、10%）")
    return share


def parse_share(value: Decimal | str | int | None, field: str = "insured_share") -> Decimal | None:
    """The insured's share (負担割合) as an exact Decimal (see parse_ratio); None stays None."""
    return parse_ratio(value, field, "負担割合")


def parse_patient_fault(value: Decimal | str | int | None) -> Decimal | None:
    """The patient's own fault (過失相殺) as an exact Decimal (see parse_ratio)."""
    return parse_ratio(value, "patient_fault", "過失相殺")


def share_for_outcome(outcome: str, share: Decimal | None,
                      field: str = "insured_share") -> Decimal | None:
    """The share an outcome implies: 1 for liable, 0<s<1 for partly liable, else none."""
    if outcome not in tuple(FindingOutcome):
        raise InputError(f"outcome: must be one of {', '.join(FindingOutcome)}",
                         ja="判定の区分が正しくありません")
    if outcome == FindingOutcome.LIABLE:
        if share is not None and share != 1:
            raise InputError(f"{field}: a liable finding means a share of 1",
                             ja="有責の場合の負担割合は1です")
        return Decimal(1)
    if outcome == FindingOutcome.PARTLY_LIABLE:
        if share is None or not (0 < share < 1):
            raise InputError(f"{field}: partly liable needs a share above 0 and below 1",
                             ja="一部有責の場合は0より大きく1未満の負担割合が必要です")
        return share
    if share is not None and share != 0:
        raise InputError(f"{field}: only a liable or partly liable outcome carries a share",
                         ja="有責・一部有責以外では負担割合を入力できません")
    return None
