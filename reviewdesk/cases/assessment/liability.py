"""The insured's legal liability (法律上の損害賠償金, ASSESSMENT.md section 3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from .rules import RuleEdition
from .scenario import Scenario
from .trace import TraceStep, floor_yen, percent, product, yen


@dataclass(frozen=True)
class Liability:
    """Each figure of section 3; `liability` is what the policy is asked to answer for."""

    after_fault: int
    insured_part: int
    after_prior: int
    lawyer_fee: int
    liability: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Liability:
        """The inverse of `to_dict`."""
        return cls(**{f.name: int(data[f.name]) for f in fields(cls)})


def compute_liability(
    s: Scenario, total_damages: int, rules: RuleEdition
) -> tuple[Liability, tuple[TraceStep, ...]]:
    """Offset the patient's fault, take the insured's share, deduct prior payments, add the fee."""
    fault, share = s.patient_fault, s.insured_share
    after_fault = floor_yen(product(total_damages, 1 - fault))
    insured_part = floor_yen(product(after_fault, share))
    after_prior = max(insured_part - s.prior_payments, 0)
    rate = rules.lawyer_fee_rate
    if s.lawyer_fee_award:
        lawyer_fee = floor_yen(product(after_prior, rate))
        fee_words = f"floor({yen(after_prior)} × {percent(rate)})"
    else:
        lawyer_fee = 0
        fee_words = "弁護士費用の認容なし"
    liability = after_prior + lawyer_fee

    def step(code: str, label: str, formula: str, value: int) -> TraceStep:
        return TraceStep("liability", code, label, formula, value)

    steps = (
        step(
            "after_fault",
            "過失相殺後",
            f"floor(損害額合計 {yen(total_damages)} × (1 − 患者の過失 {percent(fault)}))",
            after_fault,
        ),
        step(
            "insured_part",
            "被保険者の負担部分",
            f"floor({yen(after_fault)} × 被保険者の負担割合 {percent(share)})",
            insured_part,
        ),
        step(
            "after_prior",
            "既払金控除後",
            f"max({yen(insured_part)} − 既払金 {yen(s.prior_payments)}, 0)",
            after_prior,
        ),
        step("lawyer_fee", "弁護士費用", fee_words, lawyer_fee),
        step(
            "liability",
            "法律上の損害賠償金",
            f"{yen(after_prior)} + 弁護士費用 {yen(lawyer_fee)}",
            liability,
        ),
    )
    return Liability(after_fault, insured_part, after_prior, lawyer_fee, liability), steps
