"""The board's outcomes, the legal elements of an opinion and the insured's share rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from reviewdesk.errors import InputError

# 有責 / 一部有責 / 無責 / 判定保留
FINDING_OUTCOMES = ("liable", "partly_liable", "not_liable", "deferred")
OUTCOME_LABELS = {"liable": "有責", "partly_liable": "一部有責", "not_liable": "無責",
                  "deferred": "判定保留"}
# 過失, 因果関係, 説明義務違反, 損害: each answered yes / no / undetermined with a rationale.
ELEMENTS = ("negligence", "causation", "duty_to_explain", "damage")
ELEMENT_LABELS = {"negligence": "過失", "causation": "因果関係", "duty_to_explain": "説明義務違反",
                  "damage": "損害"}
ANSWERS = ("yes", "no", "undetermined")


def parse_share(value: Decimal | str | int | None, field: str = "insured_share") -> Decimal | None:
    """A ratio as an exact Decimal (never float); None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        raise InputError(f"{field}: give the share as a decimal string, not a float")
    try:
        share = Decimal(str(value).strip())
    except InvalidOperation:
        raise InputError(f"{field}: '{value}' is not a number", ja="負担割合が数値ではありません") from None
    if not share.is_finite() or share < 0 or share > 1:
        raise InputError(f"{field}: must be between 0 and 1", ja="負担割合は0から1の間で入力してください")
    return share


def share_for_outcome(outcome: str, share: Decimal | None,
                      field: str = "insured_share") -> Decimal | None:
    """The share an outcome implies: 1 for liable, 0<s<1 for partly liable, else none."""
    if outcome not in FINDING_OUTCOMES:
        raise InputError(f"outcome: must be one of {', '.join(FINDING_OUTCOMES)}",
                         ja="判定の区分が正しくありません")
    if outcome == "liable":
        if share is not None and share != 1:
            raise InputError(f"{field}: a liable finding means a share of 1",
                             ja="有責の場合の負担割合は1です")
        return Decimal(1)
    if outcome == "partly_liable":
        if share is None or not (0 < share < 1):
            raise InputError(f"{field}: partly liable needs a share above 0 and below 1",
                             ja="一部有責の場合は0より大きく1未満の負担割合が必要です")
        return share
    if share is not None and share != 0:
        raise InputError(f"{field}: only a liable or partly liable outcome carries a share",
                         ja="有責・一部有責以外では負担割合を入力できません")
    return None
