"""The assessment: damages, liability, coverage and payout of one scenario under one edition."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .coverage import CoverageResult, coverage_of, explain_coverage
from .damages import DamageLine, compute_damages
from .liability import Liability, compute_liability
from .payout import Payout, compute_payout
from .rules import RuleEdition
from .scenario import Scenario
from .trace import TraceStep, trace_from_dicts


@dataclass(frozen=True)
class AssessmentResult:
    """Everything the committee, the letter and the store need; `to_dict` is section 5's output."""

    edition: str
    edition_effective_from: date
    coverage: CoverageResult
    damage_lines: tuple[DamageLine, ...]
    total_damages: int
    liability_steps: Liability
    payout: Payout
    trace: tuple[TraceStep, ...]
    loss_years: int | None = None
    statutory_rate: Decimal | None = None
    leibniz: Decimal | None = None

    @property
    def liability(self) -> int:
        return self.liability_steps.liability

    def step(self, code: str) -> TraceStep:
        """The trace step with this code (KeyError if the scenario has none)."""
        for s in self.trace:
            if s.step == code:
                return s
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "coverage": self.coverage.to_dict(),
            "damages": {
                "lines": [line.to_dict() for line in self.damage_lines],
                "total": self.total_damages,
            },
            "liability": self.liability,
            "payout": self.payout.to_dict(),
            "trace": [s.to_dict() for s in self.trace],
            # Extras beyond section 5's fixed keys:
            "edition_effective_from": self.edition_effective_from.isoformat(),
            "liability_steps": self.liability_steps.to_dict(),
            "loss_period": (
                None
                if self.loss_years is None
                else {
                    "years": self.loss_years,
                    "statutory_rate": str(self.statutory_rate),
                    "leibniz": str(self.leibniz),
                }
            ),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AssessmentResult:
        """The inverse of `to_dict`: a stored result as the engine returned it (yen as int, the
        rate and the coefficient as exact Decimals)."""
        period = data["loss_period"]
        return cls(
            edition=data["edition"],
            edition_effective_from=date.fromisoformat(data["edition_effective_from"]),
            coverage=CoverageResult.from_dict(data["coverage"]),
            damage_lines=tuple(DamageLine.from_dict(line) for line in data["damages"]["lines"]),
            total_damages=int(data["damages"]["total"]),
            liability_steps=Liability.from_dict(data["liability_steps"]),
            payout=Payout.from_dict(data["payout"]),
            trace=trace_from_dicts(data["trace"]),
            loss_years=None if period is None else int(period["years"]),
            statutory_rate=None if period is None else Decimal(period["statutory_rate"]),
            leibniz=None if period is None else Decimal(period["leibniz"]),
        )


def assess(scenario: Scenario, edition: RuleEdition) -> AssessmentResult:
    """Assess one scenario with one rule edition; the same inputs always give the same result."""
    damages = compute_damages(scenario, edition)
    liability, liability_steps = compute_liability(scenario, damages.total, edition)
    # The damages and liability are shown even when nothing is paid (section 4).
    coverage = coverage_of(scenario)
    coverage_step = TraceStep(
        "coverage",
        "coverage",
        "受理審査",
        explain_coverage(scenario, coverage),
        coverage.covered,
        "flag",
    )
    payout, payout_steps = compute_payout(scenario, liability.liability, coverage)
    return AssessmentResult(
        edition=edition.edition,
        edition_effective_from=edition.effective_from,
        coverage=coverage,
        damage_lines=damages.lines,
        total_damages=damages.total,
        liability_steps=liability,
        payout=payout,
        trace=(*damages.steps, *liability_steps, coverage_step, *payout_steps),
        loss_years=damages.loss_years,
        statutory_rate=damages.statutory_rate,
        leibniz=damages.leibniz,
    )
