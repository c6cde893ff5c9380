"""The coverage check (受理審査, ASSESSMENT.md section 6), on plain values so intake can call it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from reviewdesk.cases.procedures import NON_SURGICAL_CODES, PROCEDURES, procedure_label
from reviewdesk.errors import InputError

from .labels import COURSE_LABELS, REASON_LABELS
from .scenario import COURSES, EXCLUSION_CODES, Scenario


@dataclass(frozen=True)
class CoverageResult:
    """Whether the claim is covered, and if not every reason, in the order of section 6."""

    covered: bool
    reasons: tuple[str, ...]

    @property
    def reason_labels(self) -> tuple[str, ...]:
        return tuple(REASON_LABELS[r] for r in self.reasons)

    def to_dict(self) -> dict[str, object]:
        return {
            "covered": self.covered,
            "reasons": list(self.reasons),
            "reason_labels": list(self.reason_labels),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CoverageResult:
        """The inverse of `to_dict` (the labels follow from the reason codes)."""
        return cls(covered=bool(data["covered"]), reasons=tuple(data["reasons"]))


def check_coverage(
    *,
    incident_date: date,
    claim_date: date,
    procedure: str,
    course: str,
    period_start: date,
    period_end: date,
    retro_date: date | None = None,
    exclusions: Iterable[str] = (),
    facility_rider: bool = False,
) -> CoverageResult:
    """Every reason the claim is not covered; covered when there is none."""
    if course not in COURSES:
        raise InputError(f"policy.course: must be one of {', '.join(COURSES)}; got {course!r}",
                         ja=f"コース「{course}」は定められたコースではありません")
    if procedure not in PROCEDURES:
        raise InputError(f"procedure: unknown procedure code {procedure!r}",
                         ja=f"施術のコード「{procedure}」は施術一覧にありません")
    reasons: list[str] = []
    # Claims-made: the claim must be first made within the period. A claim that precedes
    # the period was already a claim at enrolment, which is the more telling reason.
    if claim_date > period_end:
        reasons.append("claim_outside_period")
    if retro_date is not None and incident_date < retro_date:
        reasons.append("before_retro_date")
    if claim_date < period_start:
        reasons.append("claim_before_enrolment")
    if course == "non_surgical" and procedure not in NON_SURGICAL_CODES:
        reasons.append("procedure_outside_course")
    found: set[str] = set()
    for code in exclusions:
        if code not in EXCLUSION_CODES:
            raise InputError(f"exclusions: unknown exclusion code {code!r}",
                             ja=f"免責事由のコード「{code}」は定められたコードではありません")
        found.add(code)
    if facility_rider:
        # The facility rider covers accidents from the facility's use or management.
        found.discard("facility_management")
    # Reasons follow section 6's order, whatever order the board entered the findings in.
    reasons.extend(code for code in EXCLUSION_CODES if code in found)
    return CoverageResult(covered=not reasons, reasons=tuple(reasons))


def coverage_of(scenario: Scenario) -> CoverageResult:
    """The coverage check on a full scenario."""
    p = scenario.policy
    return check_coverage(
        incident_date=scenario.incident_date,
        claim_date=scenario.claim_date,
        procedure=scenario.procedure,
        course=p.course,
        period_start=p.period_start,
        period_end=p.period_end,
        retro_date=p.retro_date,
        exclusions=scenario.exclusions,
        facility_rider=p.facility_rider,
    )



def explain_coverage(scenario: Scenario, result: CoverageResult) -> str:
    """The check in words for the trace: what was compared, and the outcome."""
    p = scenario.policy
    checks = [
        f"クレーム申出日 {scenario.claim_date.isoformat()}・補償期間 "
        f"{p.period_start.isoformat()}〜{p.period_end.isoformat()}",
        f"事故日 {scenario.incident_date.isoformat()}・遡及日 "
        + (p.retro_date.isoformat() if p.retro_date else "なし"),
        f"施術 {procedure_label(scenario.procedure)}・{COURSE_LABELS[p.course]}",
        "除外事由 " + ("、".join(REASON_LABELS[c] for c in scenario.exclusions) or "なし"),
    ]
    if p.facility_rider:
        checks.append("施設特約あり")
    outcome = "対象" if result.covered else "対象外（" + "、".join(result.reason_labels) + "）"
    return " / ".join(checks) + f" → {outcome}"
