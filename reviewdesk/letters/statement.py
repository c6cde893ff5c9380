"""The assessment's working as letters print it: named steps in Japanese a lawyer can redo by hand.

The engine's trace (reviewdesk.cases.assessment.trace) keeps the formula words of `reviewdesk
assess`, which ASSESSMENT.md fixes. A letter goes to a member and a lawyer, so it says the same
steps as a calculation statement: 和暦 dates, 「円未満切捨て」, every value with its unit (円,
年, ％), no min/max/floor. Values come from the stored trace (so a stored assessment prints
as approved); the words around them come from the stored inputs and the rule edition.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reviewdesk.cases.assessment.engine import AssessmentResult
from reviewdesk.cases.assessment.labels import COURSE_LABELS, HOUSEHOLD_ROLE_LABELS, REASON_LABELS
from reviewdesk.cases.assessment.rules import RuleEdition, RulesError, load_edition
from reviewdesk.cases.assessment.scenario import Scenario
from reviewdesk.cases.assessment.trace import TraceStep
from reviewdesk.cases.intake_terms import OutcomeKind
from reviewdesk.cases.procedures import PROCEDURES
from reviewdesk.letters.content import format_yen
from reviewdesk.letters.era import wareki

Row = tuple[str, str, str]  # (step, statement, value with its unit)

FLOOR = "（円未満切捨て）"
NOT_BELOW_ZERO = "（0円を下回るときは0円）"


def percent(ratio: Decimal | int) -> str:
    """Decimal("0.14") -> 14％; Decimal("0.333") -> 33.3％."""
    value = (Decimal(ratio) * 100).normalize()
    return f"{value:f}％"


def display_value(step: TraceStep) -> str:
    """A step's value with its unit: 4,776,912円, 10年, 年3％, 14％, 8.5302, 対象."""
    if step.unit == "yen":
        return format_yen(int(step.value))
    if step.unit == "years":
        return f"{step.value}年"
    if step.unit == "ratio":
        text = percent(Decimal(step.value))
        return f"年{text}" if step.step == "statutory_rate" else text
    if step.unit == "flag":
        return "対象" if step.value else "対象外"
    return str(step.value)


def edition_title(edition: str) -> str:
    """The full name of a rule edition, e.g. 当会査定基準（2024年版）…; the code if unknown."""
    try:
        return load_edition(edition).title
    except RulesError:
        return edition


def statement(scenario: Scenario, result: AssessmentResult) -> tuple[Row, ...]:
    """Every trace step as (named step, calculation in words, value with unit)."""
    try:
        rules: RuleEdition | None = load_edition(result.edition)
    except RulesError:
        rules = None
    values = {s.step: s for s in result.trace}
    writer = _Writer(scenario, result, rules, values)
    rows = []
    for step in result.trace:
        words = writer.words(step)
        rows.append((_NAMES.get(step.step, step.label), words, display_value(step)))
    return tuple(rows)


_NAMES = {
    "loss_years": "労働能力喪失期間",
    "statutory_rate": "法定利率",
    "lost_future_earnings": "逸失利益",
    "after_fault": "過失相殺後の額",
    "insured_part": "被共済者の負担部分",
    "after_prior": "既払金控除後の額",
    "coverage": "受理審査（補償の対象か）",
    "base": "共済金の支払対象額",
    "indemnity_per_claim": "免責金額・1事故の支払限度額の適用",
    "aggregate_remaining": "年間支払限度額の残額",
    "indemnity": "共済金（損害賠償金）",
    "litigation_allowed": "争訟費用（年間支払限度額の適用前）",
    "litigation": "争訟費用",
    "anesthesia_layer": "麻酔過誤賠償責任（上乗せ補償）",
    "total": "お支払いする共済金の合計",
}


class _Writer:
    """The words of each step, from the inputs, the rule edition and the stored values."""

    def __init__(self, s: Scenario, result: AssessmentResult, rules: RuleEdition | None,
                 values: dict[str, TraceStep]) -> None:
        self.s, self.result, self.rules, self.values = s, result, rules, values

    def yen(self, code: str) -> str:
        return format_yen(int(self.values[code].value)) if code in self.values else "0円"

    def words(self, step: TraceStep) -> str:
        if not self.result.coverage.covered and step.section == "payout":
            return "受理審査の結果、補償の対象外のため、お支払いはありません。"
        method: Callable[[], str] | None = getattr(self, f"_{step.step}", None)
        try:
            return method() if method else _printable(step.formula)
        except (KeyError, TypeError, ValueError):
            return _printable(step.formula)

    # ---- damages

    def _treatment_costs(self) -> str:
        return "請求額のとおり認定"

    def _hospital_misc(self) -> str:
        days = self.s.damages.hospital_days
        if not days:
            return "入院なし"
        per_day = self.rules.hospital_misc_per_day if self.rules else None
        rate = f"日額{format_yen(per_day)}" if per_day else "日額"
        return f"入院{days}日 × {rate}"

    def _funeral_costs(self) -> str:
        if self.s.outcome.kind != OutcomeKind.DEATH:
            return "死亡事案に限り計上（本件は該当なし）"
        cap = f"（上限{format_yen(self.rules.funeral_cap)}）" if self.rules else ""
        return f"実費{format_yen(self.s.damages.funeral_costs)}{cap}"

    def _other_costs(self) -> str:
        return "請求額のとおり認定"

    def _lost_wages(self) -> str:
        return "請求額のとおり認定"

    def _loss_years(self) -> str:
        if self.s.outcome.loss_years is not None:
            return "査定委員会が定めた期間"
        end = self.rules.working_age_end if self.rules else 67
        return f"就労可能年数の終期{end}歳 − 年齢{self.s.victim.age}歳"

    def _statutory_rate(self) -> str:
        return (f"事故発生日（{wareki(self.s.incident_date)}）時点の法定利率"
                f"（民法第404条、第417条の2）")

    def _leibniz(self) -> str:
        years = self.values["loss_years"].value
        if not years:
            return "喪失期間が0年のため0"
        rate = percent(Decimal(self.values["statutory_rate"].value))
        decimals = self.rules.leibniz_decimals if self.rules else 4
        return (f"喪失期間{years}年・年{rate}に対応する中間利息控除の係数"
                f"（小数第{decimals + 1}位を四捨五入）")

    def _loss_rate(self) -> str:
        return f"後遺障害第{self.s.outcome.disability_grade}級（自賠責保険の労働能力喪失率表）"

    def _living_expense_rate(self) -> str:
        v = self.s.victim
        role = HOUSEHOLD_ROLE_LABELS[v.household_role]
        sex = "女性" if v.sex == "female" else "男性"
        return f"{role}・被扶養者{v.dependents}人・{sex}の控除率"

    def _lost_future_earnings(self) -> str:
        income = format_yen(self.s.victim.annual_income)
        coefficient = f"ライプニッツ係数{self.values['leibniz'].value}"
        if self.s.outcome.kind == OutcomeKind.AFTER_EFFECT:
            loss = percent(Decimal(self.values["loss_rate"].value))
            return f"基礎収入（年収）{income} × 労働能力喪失率{loss} × {coefficient}{FLOOR}"
        expense = percent(Decimal(self.values["living_expense_rate"].value))
        return f"基礎収入（年収）{income} × （1 − 生活費控除率{expense}） × {coefficient}{FLOOR}"

    def _after_effect_consolation(self) -> str:
        return f"後遺障害第{self.s.outcome.disability_grade}級の基準額"

    def _death_consolation(self) -> str:
        role = HOUSEHOLD_ROLE_LABELS[self.s.victim.household_role]
        if self.s.damages.death_consolation is None:
            return f"{role}の基準額"
        return "査定委員会が定めた額"

    def _consolation(self) -> str:
        parts = [f"入通院慰謝料{format_yen(self.s.damages.hospital_outpatient_consolation)}"]
        if "after_effect_consolation" in self.values:
            parts.append(f"後遺障害慰謝料{self.yen('after_effect_consolation')}")
        if "death_consolation" in self.values:
            parts.append(f"死亡慰謝料{self.yen('death_consolation')}")
        return " ＋ ".join(parts)

    def _total_damages(self) -> str:
        return " ＋ ".join(f"{line.label}{format_yen(line.amount)}"
                          for line in self.result.damage_lines)

    # ---- liability

    def _after_fault(self) -> str:
        return (f"損害額合計{self.yen('total_damages')} × （1 − 患者の過失割合"
                f"{percent(self.s.patient_fault)}）{FLOOR}")

    def _insured_part(self) -> str:
        return (f"過失相殺後の額{self.yen('after_fault')} × 被共済者の負担割合"
                f"{percent(self.s.insured_share)}{FLOOR}")

    def _after_prior(self) -> str:
        return (f"被共済者の負担部分{self.yen('insured_part')} − 既払金"
                f"{format_yen(self.s.prior_payments)}{NOT_BELOW_ZERO}")

    def _lawyer_fee(self) -> str:
        if not self.s.lawyer_fee_award:
            return "弁護士費用の認容なし"
        rate = percent(self.rules.lawyer_fee_rate) if self.rules else "10％"
        return f"既払金控除後の額{self.yen('after_prior')} × {rate}{FLOOR}"

    def _liability(self) -> str:
        return f"既払金控除後の額{self.yen('after_prior')} ＋ 弁護士費用{self.yen('lawyer_fee')}"

    # ---- coverage

    def _coverage(self) -> str:
        s, p = self.s, self.s.policy
        checks = [
            f"損害賠償請求を受けた日（{wareki(s.claim_date)}）と共済期間（{wareki(p.period_start)}"
            f"から{wareki(p.period_end)}まで）",
            f"事故発生日（{wareki(s.incident_date)}）と遡及日（"
            + (wareki(p.retro_date) if p.retro_date else "定めなし") + "）",
            f"施術（{PROCEDURES[s.procedure].label_ja}）と{COURSE_LABELS[p.course]}",
            "免責事由（" + ("、".join(REASON_LABELS[c] for c in s.exclusions) or "なし") + "）",
        ]
        verdict = ("いずれも補償の条件を満たす" if self.result.coverage.covered else
                   "補償の対象外（" + "、".join(self.result.coverage.reason_labels) + "）")
        return "、".join(checks) + f"を照合した結果、{verdict}"

    # ---- payout

    def _base(self) -> str:
        return (f"法律上の損害賠償金{self.yen('liability')} − 他の共済・保険契約による既払額"
                f"{format_yen(self.s.other_insurance_paid)}{NOT_BELOW_ZERO}")

    def _indemnity_per_claim(self) -> str:
        p = self.s.policy
        base = int(self.values["base"].value)
        after = max(base - p.deductible, 0)
        words = (f"支払対象額{format_yen(base)} − 免責金額{format_yen(p.deductible)} ＝ "
                 f"{format_yen(after)}")
        if after > p.per_claim_limit:
            return (f"{words}。1事故の支払限度額{format_yen(p.per_claim_limit)}を超えるため、"
                    f"支払限度額まで")
        return f"{words}（1事故の支払限度額{format_yen(p.per_claim_limit)}の範囲内）"

    def _aggregate_remaining(self) -> str:
        p = self.s.policy
        return (f"年間支払限度額{format_yen(p.annual_aggregate or 0)} − 本契約年度の既払額"
                f"{format_yen(p.aggregate_used)}{NOT_BELOW_ZERO}")

    def _indemnity(self) -> str:
        if "aggregate_remaining" not in self.values:
            return "年間支払限度額の定めがないため、上記の額"
        return (f"上記{self.yen('indemnity_per_claim')}と年間支払限度額の残額"
                f"{self.yen('aggregate_remaining')}のうち低い額")

    def _litigation_words(self) -> str:
        costs, limit = self.s.litigation_costs, self.s.policy.per_claim_limit
        liability = int(self.values["liability"].value)
        if liability <= limit:
            return (f"争訟費用{format_yen(costs)}の全額（法律上の損害賠償金が1事故の支払限度額"
                    f"{format_yen(limit)}以下のため）")
        return (f"争訟費用{format_yen(costs)} × 1事故の支払限度額{format_yen(limit)} ÷ "
                f"法律上の損害賠償金{format_yen(liability)}{FLOOR}（限度額を超えるため按分）")

    def _litigation_allowed(self) -> str:
        return self._litigation_words()

    def _litigation(self) -> str:
        if "litigation_allowed" in self.values:
            left = int(self.values["aggregate_remaining"].value) - int(self.values["indemnity"].value)
            return (f"上記{self.yen('litigation_allowed')}と、年間支払限度額の残額から共済金を"
                    f"差し引いた{format_yen(left)}のうち低い額")
        words = self._litigation_words()
        if self.s.policy.litigation_costs_in_aggregate:
            return words
        return words + "。1事故の支払限度額とは別枠でお支払いします"

    def _anesthesia_layer(self) -> str:
        rider = self.s.policy.anesthesia_rider
        missing = []
        if rider is None:
            missing.append("麻酔過誤賠償責任特約なし")
        if not self.s.anesthesia_cause:
            missing.append("麻酔に起因しない")
        if not self.s.outcome.is_severe:
            missing.append("死亡又は後遺障害第1級・第2級に当たらない")
        if rider is None or missing:
            return "適用なし（" + "、".join(missing) + "）"
        top = self.s.policy.deductible + int(self.values["indemnity"].value)
        floor_of_layer = max(rider.attachment, top)
        return (f"法律上の損害賠償金{self.yen('liability')}のうち、"
                f"{format_yen(floor_of_layer)}（特約の免責金額{format_yen(rider.attachment)}と、"
                f"免責金額及び共済金の合計{format_yen(top)}のうち高い額）を超える部分"
                f"（特約の支払限度額{format_yen(rider.rider_limit)}まで）")

    def _total(self) -> str:
        return (f"共済金{self.yen('indemnity')} ＋ 争訟費用{self.yen('litigation')} ＋ "
                f"麻酔過誤賠償責任{self.yen('anesthesia_layer')}")


# IPAex has the JIS forms of these signs, not the mathematical ones the engine writes.
_GLYPHS = str.maketrans({"≤": "≦", "≥": "≧"})


def _printable(text: str) -> str:
    return text.translate(_GLYPHS)
