"""What the policy pays (支払額, ASSESSMENT.md section 4), step by step."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .coverage import CoverageResult
from .scenario import Scenario
from .trace import TraceStep, floor_ratio, product, yen


@dataclass(frozen=True)
class Payout:
    """The four payout figures of section 5's output."""

    indemnity: int
    litigation: int
    anesthesia_layer: int
    total: int

    def to_dict(self) -> dict[str, int]:
        return {
            "indemnity": self.indemnity,
            "litigation": self.litigation,
            "anesthesia_layer": self.anesthesia_layer,
            "total": self.total,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Payout:
        """The inverse of `to_dict`."""
        return cls(
            indemnity=int(data["indemnity"]),
            litigation=int(data["litigation"]),
            anesthesia_layer=int(data["anesthesia_layer"]),
            total=int(data["total"]),
        )


NOTHING = Payout(0, 0, 0, 0)


def _step(code: str, label: str, formula: str, value: int) -> TraceStep:
    return TraceStep("payout", code, label, formula, value)


def compute_payout(
    s: Scenario, liability: int, coverage: CoverageResult
) -> tuple[Payout, tuple[TraceStep, ...]]:
    """Section 4 when covered; every figure 0 (with the reasons in words) when not."""
    if not coverage.covered:
        why = "受理審査で対象外のため支払なし（" + "、".join(coverage.reason_labels) + "）"
        return NOTHING, tuple(
            _step(code, label, why, 0)
            for code, label in (
                ("indemnity", "保険金"),
                ("litigation", "争訟費用"),
                ("anesthesia_layer", "麻酔過誤上乗せ補償"),
                ("total", "支払額合計"),
            )
        )
    steps: list[TraceStep] = []
    indemnity, remaining = _indemnity(s, liability, steps)
    litigation = _litigation(s, liability, indemnity, remaining, steps)
    layer = _anesthesia_layer(s, liability, indemnity, steps)
    total = indemnity + litigation + layer
    steps.append(
        _step(
            "total",
            "支払額合計",
            f"保険金 {yen(indemnity)} + 争訟費用 {yen(litigation)} + 麻酔過誤上乗せ {yen(layer)}",
            total,
        )
    )
    return Payout(indemnity, litigation, layer, total), tuple(steps)


def _indemnity(s: Scenario, liability: int, steps: list[TraceStep]) -> tuple[int, int | None]:
    """Steps 1-3: the indemnity, and what is left of the annual aggregate (None: no aggregate)."""
    p = s.policy
    other = s.other_insurance_paid
    # Only other insurance that has already paid reduces this payout (seed 001).
    base = max(liability - other, 0)
    steps.append(
        _step(
            "base",
            "支払対象額",
            f"max(法律上の損害賠償金 {yen(liability)} − 他保険の既払額 {yen(other)}, 0)",
            base,
        )
    )
    per_claim = min(max(base - p.deductible, 0), p.per_claim_limit)
    steps.append(
        _step(
            "indemnity_per_claim",
            "保険金（1事故限度額まで）",
            f"min(max({yen(base)} − 免責金額 {yen(p.deductible)}, 0), "
            f"1事故の支払限度額 {yen(p.per_claim_limit)})",
            per_claim,
        )
    )
    if p.annual_aggregate is None:
        steps.append(_step("indemnity", "保険金", f"年間支払限度額の定めなし: {yen(per_claim)}", per_claim))
        return per_claim, None
    remaining = max(p.annual_aggregate - p.aggregate_used, 0)
    steps.append(
        _step(
            "aggregate_remaining",
            "年間支払限度額の残額",
            f"max(年間支払限度額 {yen(p.annual_aggregate)} − 使用済額 {yen(p.aggregate_used)}, 0)",
            remaining,
        )
    )
    indemnity = min(per_claim, remaining)
    steps.append(
        _step("indemnity", "保険金", f"min({yen(per_claim)}, 年間残額 {yen(remaining)})", indemnity)
    )
    return indemnity, remaining


def _litigation(
    s: Scenario, liability: int, indemnity: int, remaining: int | None, steps: list[TraceStep]
) -> int:
    """Step 4: in full up to the limit, pro-rated above it, and from the aggregate if so agreed."""
    costs, limit = s.litigation_costs, s.policy.per_claim_limit
    if liability <= limit:
        allowed = costs
        words = (
            f"争訟費用 {yen(costs)}（損害賠償金 {yen(liability)} ≤ "
            f"1事故の支払限度額 {yen(limit)} のため全額）"
        )
    else:
        allowed = floor_ratio(product(costs, limit), liability)
        words = (
            f"floor(争訟費用 {yen(costs)} × 1事故の支払限度額 {yen(limit)} ÷ "
            f"損害賠償金 {yen(liability)})（限度額超過のため按分）"
        )
    if not s.policy.litigation_costs_in_aggregate:
        steps.append(_step("litigation", "争訟費用", words + "、限度額の外枠で支払", allowed))
        return allowed
    if remaining is None:
        steps.append(
            _step(
                "litigation",
                "争訟費用",
                words + "、年間支払限度額の定めがないため年間枠の控除なし",
                allowed,
            )
        )
        return allowed
    steps.append(_step("litigation_allowed", "争訟費用（年間枠適用前）", words, allowed))
    left = remaining - indemnity  # never negative: the indemnity is at most `remaining`
    litigation = min(allowed, left)
    steps.append(
        _step(
            "litigation",
            "争訟費用",
            f"min({yen(allowed)}, 年間残額 {yen(remaining)} − 保険金 {yen(indemnity)})",
            litigation,
        )
    )
    return litigation


def _anesthesia_layer(s: Scenario, liability: int, indemnity: int, steps: list[TraceStep]) -> int:
    """Step 5: the rider's excess layer above what the base cover reached."""
    rider = s.policy.anesthesia_rider
    missing = []
    if rider is None:
        missing.append("麻酔過誤特約なし")
    if not s.anesthesia_cause:
        missing.append("麻酔に起因しない")
    if not s.outcome.is_severe:
        missing.append("死亡・後遺障害1〜2級（高度障害）に当たらない")
    if rider is None or missing:
        steps.append(
            _step("anesthesia_layer", "麻酔過誤上乗せ補償", "適用なし（" + "、".join(missing) + "）", 0)
        )
        return 0
    top = s.policy.deductible + indemnity
    floor_of_layer = max(rider.attachment, top)
    layer = min(max(liability - floor_of_layer, 0), rider.rider_limit)
    steps.append(
        _step(
            "anesthesia_layer",
            "麻酔過誤上乗せ補償",
            f"min(max(損害賠償金 {yen(liability)} − "
            f"max(麻酔特約の免責（アタッチメント） {yen(rider.attachment)}, "
            f"免責金額 {yen(s.policy.deductible)} + 保険金 {yen(indemnity)}), 0), "
            f"特約限度額 {yen(rider.rider_limit)})",
            layer,
        )
    )
    return layer
