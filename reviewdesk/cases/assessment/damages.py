"""The patient's damages (損害額, ASSESSMENT.md section 2): seven lines and their total."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reviewdesk.cases.intake_terms import OutcomeKind, outcome_kind_label, sex_label
from reviewdesk.errors import InputError

from .labels import DAMAGE_LINE_LABELS, HOUSEHOLD_ROLE_LABELS
from .leibniz import leibniz
from .rules import RuleEdition
from .scenario import Scenario
from .trace import TraceStep, floor_yen, percent, product, yen


@dataclass(frozen=True)
class DamageLine:
    """One line of the damages, e.g. 逸失利益 4,776,912円."""

    code: str
    label: str
    amount: int

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "label": self.label, "amount": self.amount}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DamageLine:
        """The inverse of `to_dict`."""
        return cls(code=data["code"], label=data["label"], amount=int(data["amount"]))


@dataclass(frozen=True)
class Damages:
    """The lines, their total, the loss-period figures used, and the working."""

    lines: tuple[DamageLine, ...]
    total: int
    loss_years: int | None
    statutory_rate: Decimal | None
    leibniz: Decimal | None
    steps: tuple[TraceStep, ...]

    def amount(self, code: str) -> int:
        return next(line.amount for line in self.lines if line.code == code)


def compute_damages(s: Scenario, rules: RuleEdition) -> Damages:
    """Section 2, line by line, with a trace step for each figure and sub-figure."""
    steps: list[TraceStep] = []
    d = s.damages

    def line(code: str, formula: str, amount: int) -> int:
        steps.append(TraceStep("damages", code, DAMAGE_LINE_LABELS[code], formula, amount))
        return amount

    amounts = {
        "treatment_costs": line(
            "treatment_costs", f"入力額 {yen(d.treatment_costs)}", d.treatment_costs
        ),
        "hospital_misc": line(
            "hospital_misc",
            f"入院 {d.hospital_days}日 × {yen(rules.hospital_misc_per_day)}/日",
            d.hospital_days * rules.hospital_misc_per_day,
        ),
        "funeral_costs": line("funeral_costs", *_funeral(s, rules)),
        "other_costs": line("other_costs", f"入力額 {yen(d.other_costs)}", d.other_costs),
        "lost_wages": line("lost_wages", f"入力額 {yen(d.lost_wages)}", d.lost_wages),
    }
    years: int | None = None
    rate: Decimal | None = None
    coefficient: Decimal | None = None
    if s.outcome.kind == OutcomeKind.INJURY:
        amounts["lost_future_earnings"] = line(
            "lost_future_earnings", "傷害のみ（後遺障害・死亡なし）のため計上しない", 0
        )
    else:
        years, rate, coefficient = _loss_period(s, rules, steps)
        formula, amount = _lost_future_earnings(s, rules, steps, years, rate, coefficient)
        amounts["lost_future_earnings"] = line("lost_future_earnings", formula, amount)
    amounts["consolation"] = line("consolation", *_consolation(s, rules, steps))

    total = sum(amounts.values())
    terms = " + ".join(f"{DAMAGE_LINE_LABELS[c]} {yen(a)}" for c, a in amounts.items())
    steps.append(TraceStep("damages", "total_damages", "損害額合計", terms, total))
    lines = tuple(DamageLine(c, DAMAGE_LINE_LABELS[c], a) for c, a in amounts.items())
    return Damages(lines, total, years, rate, coefficient, tuple(steps))


def _funeral(s: Scenario, rules: RuleEdition) -> tuple[str, int]:
    given = s.damages.funeral_costs
    if s.outcome.kind != OutcomeKind.DEATH:
        note = f"（入力額 {yen(given)} は計上しない）" if given else ""
        return f"死亡事案のみ計上（本件は{outcome_kind_label(s.outcome.kind)}）{note}", 0
    cap = rules.funeral_cap
    return f"min(実費 {yen(given)}, 上限 {yen(cap)})", min(given, cap)


def _loss_period(
    s: Scenario, rules: RuleEdition, steps: list[TraceStep]
) -> tuple[int, Decimal, Decimal]:
    """n, the statutory rate r and L(n, r), each as its own step."""
    age, end = s.victim.age, rules.working_age_end
    if s.outcome.loss_years is not None:
        years = s.outcome.loss_years
        how = f"委員会が定めた喪失期間 {years}年"
    else:
        years = end - age
        if years <= 0:
            # An older victim's period is the committee's judgement, not a default.
            raise InputError(
                f"outcome.loss_years: missing; the victim is {age}, at or past the end of "
                f"working age ({end}), so the committee must give the loss period in years",
                ja=f"患者の年齢（{age}歳）が就労可能年数の終期（{end}歳）以上のため、"
                   f"労働能力喪失期間（年）を入力してください",
            )
        how = f"就労可能年数の終期 {end}歳 − 年齢 {age}歳"
    steps.append(TraceStep("damages", "loss_years", "喪失期間", how, years, "years"))

    statutory = rules.statutory_rate_on(s.incident_date)
    steps.append(
        TraceStep(
            "damages",
            "statutory_rate",
            "法定利率",
            f"事故日 {s.incident_date.isoformat()} の法定利率"
            f"（{statutory.basis}、{statutory.start.isoformat()}から）",
            statutory.rate,
            "ratio",
        )
    )
    rate = statutory.rate
    coefficient = leibniz(years, rate, rules.leibniz_decimals)
    if years == 0:
        formula = "喪失期間0年のため 0"
    else:
        formula = (
            f"(1 − (1 + {rate})^−{years}) ÷ {rate}、"
            f"小数第{rules.leibniz_decimals}位未満を四捨五入"
        )
    steps.append(
        TraceStep("damages", "leibniz", "ライプニッツ係数", formula, coefficient, "coefficient")
    )
    return years, rate, coefficient


def _lost_future_earnings(
    s: Scenario,
    rules: RuleEdition,
    steps: list[TraceStep],
    years: int,
    rate: Decimal,
    coefficient: Decimal,
) -> tuple[str, int]:
    income = s.victim.annual_income
    l_words = f"ライプニッツ係数 {coefficient}（{years}年・{percent(rate)}）"
    if s.outcome.kind == OutcomeKind.AFTER_EFFECT:
        grade = _grade(s)
        loss_rate = rules.loss_rate(grade)
        steps.append(
            TraceStep(
                "damages",
                "loss_rate",
                "労働能力喪失率",
                f"後遺障害{grade}級の労働能力喪失率（自賠責）",
                loss_rate,
                "ratio",
            )
        )
        amount = floor_yen(product(income, loss_rate, coefficient))
        return f"floor(年収 {yen(income)} × 労働能力喪失率 {percent(loss_rate)} × {l_words})", amount
    expense, why = _living_expense(s, rules)
    steps.append(TraceStep("damages", "living_expense_rate", "生活費控除率", why, expense, "ratio"))
    amount = floor_yen(product(income, 1 - expense, coefficient))
    formula = f"floor(年収 {yen(income)} × (1 − 生活費控除率 {percent(expense)}) × {l_words})"
    return formula, amount


def _living_expense(s: Scenario, rules: RuleEdition) -> tuple[Decimal, str]:
    v, table = s.victim, rules.living_expense_rate
    if v.household_role == "breadwinner" and v.dependents >= 2:
        return table["breadwinner_two_or_more_dependents"], f"一家の支柱・被扶養者{v.dependents}人（2人以上）"
    if v.household_role == "breadwinner" and v.dependents == 1:
        return table["breadwinner_one_dependent"], "一家の支柱・被扶養者1人"
    # Everyone else by sex, a breadwinner with no dependents included (section 1).
    if v.household_role == "breadwinner":
        who = "一家の支柱・被扶養者なし"
    else:
        who = HOUSEHOLD_ROLE_LABELS[v.household_role]
    return table[v.sex], f"{sex_label(v.sex)}（{who}）"


def _consolation(s: Scenario, rules: RuleEdition, steps: list[TraceStep]) -> tuple[str, int]:
    base = s.damages.hospital_outpatient_consolation
    words = f"入通院慰謝料 {yen(base)}"
    given = s.damages.death_consolation
    if s.outcome.kind == OutcomeKind.AFTER_EFFECT:
        grade = _grade(s)
        extra = rules.after_effect_consolation[grade]
        steps.append(
            TraceStep(
                "damages",
                "after_effect_consolation",
                "後遺障害慰謝料",
                f"後遺障害{grade}級の基準額（赤い本）",
                extra,
            )
        )
        words += f" + 後遺障害慰謝料（{grade}級） {yen(extra)}"
    elif s.outcome.kind == OutcomeKind.DEATH:
        role = s.victim.household_role
        standard = rules.death_consolation[role]
        if given is None:
            extra, how = standard, f"{HOUSEHOLD_ROLE_LABELS[role]}の基準額（赤い本）"
        else:
            # The standard's amounts are guides (目安); a figure the committee gives wins for
            # every household role, and the standard is shown beside it.
            extra = given
            how = f"委員会の指定額（基準額 {HOUSEHOLD_ROLE_LABELS[role]} {yen(standard)}）"
        steps.append(TraceStep("damages", "death_consolation", "死亡慰謝料", how, extra))
        words += f" + 死亡慰謝料 {yen(extra)}"
    else:
        extra = 0
    if s.outcome.kind != OutcomeKind.DEATH and given is not None:
        words += f"（死亡慰謝料の入力 {yen(given)} は死亡事案のみ計上）"
    return words, base + extra


def _grade(s: Scenario) -> int:
    grade = s.outcome.disability_grade
    if grade is None:
        raise InputError("outcome.disability_grade: missing (required when kind is after_effect)",
                         ja="後遺障害の結果には後遺障害等級が必要です")
    return grade
