"""Trace steps (what was computed, how, and the value) and the exact arithmetic they record."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, Inexact, localcontext
from typing import Any, Literal

Unit = Literal["yen", "ratio", "coefficient", "years", "flag"]
Section = Literal["damages", "liability", "coverage", "payout"]

SECTION_LABELS = {
    "damages": "損害額",
    "liability": "法律上の損害賠償金",
    "coverage": "受理審査",
    "payout": "支払額",
}
SECTION_LABELS_EN = {
    "damages": "Damages",
    "liability": "Legal liability",
    "coverage": "Coverage",
    "payout": "Payout",
}


def section_label(section: str, lang: str = "ja") -> str:
    """The heading of a trace section, e.g. 損害額; the code itself if unknown."""
    return (SECTION_LABELS if lang == "ja" else SECTION_LABELS_EN).get(section, section)


@dataclass(frozen=True)
class TraceStep:
    """One line of the working: `formula` in words, so the committee can redo it by hand."""

    section: Section
    step: str
    label: str
    formula: str
    value: int | Decimal | bool
    unit: Unit = "yen"

    def to_dict(self) -> dict[str, object]:
        value = self.value
        return {
            "section": self.section,
            "step": self.step,
            "label": self.label,
            "formula": self.formula,
            # Decimals as strings: a JSON float would lose the exact coefficient.
            "value": str(value) if isinstance(value, Decimal) else value,
            "unit": self.unit,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TraceStep:
        """The inverse of `to_dict`: a string value is a Decimal written exactly, so it is one again."""
        value = data["value"]
        return cls(
            section=data["section"],
            step=data["step"],
            label=data["label"],
            formula=data["formula"],
            value=Decimal(value) if isinstance(value, str) else value,
            unit=data.get("unit", "yen"),
        )

    def display_value(self) -> str:
        """The value as the text output and letters show it."""
        if self.unit == "yen":
            return yen(int(self.value))
        if self.unit == "years":
            return f"{self.value}年"
        if self.unit == "ratio":
            return percent(Decimal(self.value))
        if self.unit == "flag":
            return "対象" if self.value else "対象外"
        return str(self.value)


def trace_from_dicts(items: Iterable[Mapping[str, Any]]) -> tuple[TraceStep, ...]:
    """Trace steps from a stored result's "trace" list (see `TraceStep.from_dict`)."""
    return tuple(TraceStep.from_dict(d) for d in items)


def floor_yen(value: Decimal) -> int:
    """Round down to the whole yen (円未満切捨て); the inputs are never negative."""
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


def product(*factors: Decimal | int) -> Decimal:
    """The exact product of the factors; traps rounding (bounded inputs never need any)."""
    with localcontext() as ctx:
        ctx.prec = 80
        ctx.traps[Inexact] = True
        result = Decimal(1)
        for f in factors:
            result *= Decimal(f)
        return result


def floor_ratio(numerator: Decimal | int, denominator: int) -> int:
    """floor(numerator / denominator) for non-negative values, exactly (Decimal // truncates)."""
    with localcontext() as ctx:
        ctx.prec = 80
        return int(Decimal(numerator) // Decimal(denominator))


def yen(amount: int) -> str:
    """4776912 -> '4,776,912円'."""
    return f"{amount:,}円"


def percent(ratio: Decimal) -> str:
    """Decimal('0.14') -> '14%'; Decimal('0.333') -> '33.3%'."""
    value = (ratio * 100).normalize()
    # normalize() writes 100 as 1E+2; format it back to plain digits.
    return f"{value:f}%"
