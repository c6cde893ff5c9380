"""The assessment as a readable Japanese breakdown (`reviewdesk assess --format text`)."""

from __future__ import annotations

import unicodedata

from .engine import AssessmentResult
from .trace import SECTION_LABELS, TraceStep, yen

_LABEL_COLUMNS = 30
_VALUE_COLUMNS = 16
_SECTIONS = ("damages", "liability", "coverage", "payout")


def render_text(result: AssessmentResult) -> str:
    """Every trace step under its section: label, value, and the formula in words below."""
    out = [
        f"査定結果（査定基準 {result.edition}、{result.edition_effective_from.isoformat()}施行）",
        "",
    ]
    for section in _SECTIONS:
        out.append(f"【{SECTION_LABELS[section]}】")
        for step in result.trace:
            if step.section == section:
                out.extend(_step_lines(step))
        if section == "coverage" and not result.coverage.covered:
            out.extend(f"    ・{label}" for label in result.coverage.reason_labels)
        out.append("")
    p = result.payout
    out.append(
        f"損害額 {yen(result.total_damages)} / 法律上の損害賠償金 {yen(result.liability)} / "
        f"支払額 {yen(p.total)}（保険金 {yen(p.indemnity)}、争訟費用 {yen(p.litigation)}、"
        f"麻酔過誤上乗せ {yen(p.anesthesia_layer)}）"
    )
    return "\n".join(out) + "\n"


def _step_lines(step: TraceStep) -> list[str]:
    label = _pad(step.label, _LABEL_COLUMNS)
    value = step.display_value()
    value = " " * max(_VALUE_COLUMNS - _width(value), 0) + value
    return [f"  {label}{value}", f"      {step.formula}"]


def _width(text: str) -> int:
    # Full-width (Japanese) characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, columns: int) -> str:
    return text + " " * max(columns - _width(text), 1)
