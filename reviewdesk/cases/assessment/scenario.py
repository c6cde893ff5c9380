"""The assessment's inputs (ASSESSMENT.md section 5) as frozen dataclasses, and their codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reviewdesk.cases.intake_terms import OutcomeKind, Sex

OUTCOME_KINDS = tuple(OutcomeKind)
SEXES = (Sex.FEMALE, Sex.MALE)  # the court standard's tables know these two
HOUSEHOLD_ROLES = ("breadwinner", "spouse_or_mother", "other")
COURSES = ("all", "non_surgical")
# The plan's exclusions (seed 002), in the order of ASSESSMENT.md section 6.
EXCLUSION_CODES = (
    "intentional",
    "guaranteed_result",
    "defamation_or_privacy",
    "facility_management",
    "intoxication",
    "unregistered_facility",
)


@dataclass(frozen=True)
class Victim:
    """The patient whose damages are assessed."""

    age: int
    sex: str
    annual_income: int
    household_role: str
    dependents: int


@dataclass(frozen=True)
class Outcome:
    """What happened to the patient: injury, an after-effect of a grade, or death."""

    kind: str
    disability_grade: int | None = None
    loss_years: int | None = None

    @property
    def is_severe(self) -> bool:
        """Death or grade 1-2: what the anesthesia rider calls 死亡または高度障害."""
        if self.kind == OutcomeKind.DEATH:
            return True
        return self.kind == OutcomeKind.AFTER_EFFECT and self.disability_grade in (1, 2)


@dataclass(frozen=True)
class DamageInputs:
    """The damage items the committee enters; None for death_consolation = the standard's."""

    treatment_costs: int = 0
    hospital_days: int = 0
    lost_wages: int = 0
    hospital_outpatient_consolation: int = 0
    funeral_costs: int = 0
    other_costs: int = 0
    death_consolation: int | None = None


@dataclass(frozen=True)
class AnesthesiaRider:
    """The anesthesia excess layer (麻酔過誤賠償責任共済): above `attachment`, up to `rider_limit`."""

    attachment: int
    rider_limit: int


@dataclass(frozen=True)
class Policy:
    """The insured's cover as it bears on this claim."""

    course: str
    period_start: date
    period_end: date
    per_claim_limit: int
    deductible: int
    retro_date: date | None = None
    annual_aggregate: int | None = None
    aggregate_used: int = 0
    litigation_costs_in_aggregate: bool = False
    anesthesia_rider: AnesthesiaRider | None = None
    # Not in section 5's example: the facility rider (施設賠償) lifts the facility_management
    # exclusion (section 6); without it that exclusion always applies.
    facility_rider: bool = False


@dataclass(frozen=True)
class Scenario:
    """One claim to assess: the patient's loss, the findings on fault and shares, the cover."""

    incident_date: date
    claim_date: date
    procedure: str
    victim: Victim
    outcome: Outcome
    damages: DamageInputs
    patient_fault: Decimal
    insured_share: Decimal
    prior_payments: int
    lawyer_fee_award: bool
    other_insurance_paid: int
    litigation_costs: int
    policy: Policy
    anesthesia_cause: bool = False
    exclusions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The scenario as section-5 JSON (ratios as strings), so it can be stored and re-read."""
        p = self.policy
        rider = p.anesthesia_rider
        return {
            "incident_date": self.incident_date.isoformat(),
            "claim_date": self.claim_date.isoformat(),
            "procedure": self.procedure,
            "victim": {
                "age": self.victim.age,
                "sex": self.victim.sex,
                "annual_income": self.victim.annual_income,
                "household_role": self.victim.household_role,
                "dependents": self.victim.dependents,
            },
            "outcome": {
                "kind": self.outcome.kind,
                "disability_grade": self.outcome.disability_grade,
                "loss_years": self.outcome.loss_years,
            },
            "damages": {
                "treatment_costs": self.damages.treatment_costs,
                "hospital_days": self.damages.hospital_days,
                "lost_wages": self.damages.lost_wages,
                "hospital_outpatient_consolation": self.damages.hospital_outpatient_consolation,
                "funeral_costs": self.damages.funeral_costs,
                "other_costs": self.damages.other_costs,
                "death_consolation": self.damages.death_consolation,
            },
            "patient_fault": str(self.patient_fault),
            "insured_share": str(self.insured_share),
            "prior_payments": self.prior_payments,
            "lawyer_fee_award": self.lawyer_fee_award,
            "other_insurance_paid": self.other_insurance_paid,
            "litigation_costs": self.litigation_costs,
            "anesthesia_cause": self.anesthesia_cause,
            "exclusions": list(self.exclusions),
            "policy": {
                "course": p.course,
                "period_start": p.period_start.isoformat(),
                "period_end": p.period_end.isoformat(),
                "retro_date": p.retro_date.isoformat() if p.retro_date else None,
                "per_claim_limit": p.per_claim_limit,
                "deductible": p.deductible,
                "annual_aggregate": p.annual_aggregate,
                "aggregate_used": p.aggregate_used,
                "litigation_costs_in_aggregate": p.litigation_costs_in_aggregate,
                "anesthesia_rider": (
                    {"attachment": rider.attachment, "rider_limit": rider.rider_limit}
                    if rider
                    else None
                ),
                "facility_rider": p.facility_rider,
            },
        }
