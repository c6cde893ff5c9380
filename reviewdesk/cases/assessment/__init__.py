"""The assessment engine (査定): pure code from a scenario and a rule edition to a traced result."""

from __future__ import annotations

from .coverage import CoverageResult, check_coverage, coverage_of
from .damages import DamageLine
from .engine import AssessmentResult, assess
from .labels import (
    COURSE_LABELS,
    DAMAGE_LINE_CODES,
    DAMAGE_LINE_LABELS,
    DAMAGE_LINE_LABELS_EN,
    HOUSEHOLD_ROLE_LABELS,
    HOUSEHOLD_ROLE_LABELS_EN,
    REASON_CODES,
    REASON_LABELS,
    REASON_LABELS_EN,
    damage_line_label,
    household_role_label,
    reason_label,
)
from .leibniz import leibniz
from .liability import Liability
from .parse import load_json, parse_scenario, parse_scenario_text
from .payout import Payout
from .rules import (
    RuleEdition,
    RulesError,
    StatutoryRate,
    current_edition,
    edition_for,
    list_editions,
    load_edition,
)
from .scenario import (
    COURSES,
    EXCLUSION_CODES,
    HOUSEHOLD_ROLES,
    OUTCOME_KINDS,
    SEXES,
    AnesthesiaRider,
    DamageInputs,
    Outcome,
    Policy,
    Scenario,
    Victim,
)
from .text import render_text
from .trace import TraceStep, trace_from_dicts

__all__ = [
    "COURSES",
    "COURSE_LABELS",
    "DAMAGE_LINE_CODES",
    "DAMAGE_LINE_LABELS",
    "DAMAGE_LINE_LABELS_EN",
    "EXCLUSION_CODES",
    "HOUSEHOLD_ROLES",
    "HOUSEHOLD_ROLE_LABELS",
    "HOUSEHOLD_ROLE_LABELS_EN",
    "OUTCOME_KINDS",
    "REASON_CODES",
    "REASON_LABELS",
    "REASON_LABELS_EN",
    "SEXES",
    "AnesthesiaRider",
    "AssessmentResult",
    "CoverageResult",
    "DamageInputs",
    "DamageLine",
    "Liability",
    "Outcome",
    "Payout",
    "Policy",
    "RuleEdition",
    "RulesError",
    "Scenario",
    "StatutoryRate",
    "TraceStep",
    "Victim",
    "assess",
    "check_coverage",
    "coverage_of",
    "current_edition",
    "damage_line_label",
    "edition_for",
    "household_role_label",
    "leibniz",
    "list_editions",
    "load_edition",
    "load_json",
    "parse_scenario",
    "parse_scenario_text",
    "reason_label",
    "render_text",
    "trace_from_dicts",
]
