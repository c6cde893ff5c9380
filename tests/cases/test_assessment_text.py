"""The Japanese text breakdown: labels, amounts with separators and 円, formulas in words."""

from __future__ import annotations

import unicodedata

from reviewdesk.cases.assessment import assess, parse_scenario, render_text
from tests.cases.test_assessment_scenarios import EDITION, RIDER, build


def text_of(changes: dict[str, object] | None = None) -> str:
    return render_text(assess(parse_scenario(build(changes)), EDITION))


def test_worked_example_as_text() -> None:
    text = text_of()
    assert text.startswith("査定結果（査定基準 akai-hon-2024、2024-01-01施行）\n")
    for section in ("【損害額】", "【法律上の損害賠償金】", "【受理審査】", "【支払額】"):
        assert section in text
    assert "  逸失利益" in text and "4,776,912円" in text
    assert "floor(年収 4,000,000円 × 労働能力喪失率 14% × ライプニッツ係数 8.5302（10年・3%）)" in text
    assert "損害額合計" in text and "9,676,912円" in text
    assert "ライプニッツ係数" in text and "8.5302" in text
    # Each payout step with its formula in words.
    assert "min(max(8,709,220円 − 免責金額 100,000円, 0), 1事故の支払限度額 10,000,000円)" in text
    assert "支払額合計" in text and "8,609,220円" in text
    assert text.endswith("支払額 8,609,220円（保険金 8,609,220円、争訟費用 0円、麻酔過誤上乗せ 0円）\n")


def test_sections_come_in_the_order_of_assessment_md() -> None:
    text = text_of()
    positions = [text.index(s) for s in ("【損害額】", "【法律上の損害賠償金】", "【受理審査】", "【支払額】")]
    assert positions == sorted(positions)


def test_not_covered_lists_the_reasons_in_japanese() -> None:
    text = text_of({"claim_date": "2024-02-01", "exclusions": ["intoxication"]})
    assert "対象外" in text
    assert "・クレーム申出日が補償期間外" in text
    assert "・麻薬使用・酒気帯び状態での医療行為" in text
    assert "支払額 0円" in text


def test_anesthesia_layer_formula_in_words() -> None:
    text = text_of(
        {"outcome": {"kind": "after_effect", "disability_grade": 2, "loss_years": 0},
         "damages": {}, "patient_fault": "0", "anesthesia_cause": True,
         "policy.anesthesia_rider": RIDER}
    )  # fmt: skip
    assert "麻酔過誤上乗せ補償" in text
    assert "13,600,000円" in text
    assert "特約限度額 100,000,000円" in text


def test_amounts_are_right_aligned() -> None:
    # Step lines ("  label   value"), not formula lines (indented six), end at one column.
    step_lines = [
        line
        for line in text_of().splitlines()
        if line.startswith("  ") and not line.startswith("      ") and line.endswith("円")
    ]
    assert len(step_lines) > 10
    assert len({_display_width(line) for line in step_lines}) == 1


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
