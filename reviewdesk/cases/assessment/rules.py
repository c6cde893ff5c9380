"""Rule editions: the court-standard tables read from resources/rules/*.toml, one file each."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reviewdesk.cases.intake_terms import Sex
from reviewdesk.errors import InputError, ReviewDeskError
from reviewdesk.resources import resource_path

from .scenario import HOUSEHOLD_ROLES

GRADES = range(1, 15)
LIVING_EXPENSE_KEYS = (
    "breadwinner_two_or_more_dependents",
    "breadwinner_one_dependent",
    Sex.FEMALE.value,
    Sex.MALE.value,
)


class RulesError(ReviewDeskError):
    """A rules file is missing or malformed: the installation is broken, not the user's input."""

    exit_code = 1


@dataclass(frozen=True)
class StatutoryRate:
    """A statutory interest rate (法定利率) in force from `start` until the next entry."""

    start: date
    rate: Decimal
    basis: str


@dataclass(frozen=True)
class RuleEdition:
    """One edition of the rule tables; every figure the engine takes from outside the scenario."""

    edition: str
    title: str
    effective_from: date
    source: str
    working_age_end: int
    leibniz_decimals: int
    loss_rate_percent: Mapping[int, int]
    after_effect_consolation: Mapping[int, int]
    death_consolation: Mapping[str, int]
    living_expense_rate: Mapping[str, Decimal]
    hospital_misc_per_day: int
    funeral_cap: int
    lawyer_fee_rate: Decimal
    statutory_rates: tuple[StatutoryRate, ...]

    def statutory_rate_on(self, day: date) -> StatutoryRate:
        """The rate in force on `day` (the incident date, 民法417条の2)."""
        found = [r for r in self.statutory_rates if r.start <= day]
        if not found:
            raise InputError(
                f"incident_date: {day.isoformat()} is before the first statutory rate of "
                f"edition {self.edition} ({self.statutory_rates[0].start.isoformat()})",
                ja=f"事故日（{day.isoformat()}）が査定基準 {self.edition} の法定利率の適用開始日"
                   f"（{self.statutory_rates[0].start.isoformat()}）より前です",
            )
        return found[-1]

    def loss_rate(self, grade: int) -> Decimal:
        """労働能力喪失率 of a disability grade as a ratio, e.g. 0.14 for grade 12."""
        return Decimal(self.loss_rate_percent[grade]) / 100


def rules_dir() -> Path:
    """The folder of bundled editions."""
    return resource_path("rules")


def list_editions(directory: Path | None = None) -> tuple[RuleEdition, ...]:
    """Every edition found in the folder, oldest effective_from first."""
    folder = directory or rules_dir()
    editions = [_read(path) for path in sorted(folder.glob("*.toml"))]
    if not editions:
        raise RulesError(f"rules: no rule edition found in {folder}",
                         ja="査定基準のファイルが見つかりません。インストールを確認してください")
    by_date: dict[date, str] = {}
    for e in editions:
        if e.effective_from in by_date:
            # Two editions on one day would make edition_for() depend on file order.
            raise RulesError(
                f"rules: editions {by_date[e.effective_from]} and {e.edition} share "
                f"effective_from {e.effective_from.isoformat()}",
                ja=f"査定基準 {by_date[e.effective_from]} と {e.edition} の適用開始日が同じです",
            )
        by_date[e.effective_from] = e.edition
    return tuple(sorted(editions, key=lambda e: e.effective_from))


def load_edition(name: str, directory: Path | None = None) -> RuleEdition:
    """The edition called `name`; InputError (exit 2) naming the known ones if there is none."""
    editions = list_editions(directory)
    for e in editions:
        if e.edition == name:
            return e
    known = ", ".join(e.edition for e in editions)
    raise InputError(f"edition: unknown rule edition {name!r} (known: {known})",
                     ja=f"査定基準「{name}」はありません（あるもの: {known}）")


def edition_for(on: date, directory: Path | None = None) -> RuleEdition:
    """The latest edition whose effective_from is on or before `on`."""
    editions = [e for e in list_editions(directory) if e.effective_from <= on]
    if not editions:
        raise InputError(f"edition: no rule edition is in force on {on.isoformat()}",
                         ja=f"{on.isoformat()} に適用される査定基準がありません")
    return editions[-1]


def current_edition(today: date | None = None, directory: Path | None = None) -> RuleEdition:
    """The edition in force today: what a new assessment uses unless told otherwise."""
    return edition_for(today or date.today(), directory)


def _read(path: Path) -> RuleEdition:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulesError(f"rules file {path.name}: cannot be read ({exc})",
                         ja=f"査定基準のファイル {path.name} を読み込めません") from exc
    try:
        edition = _build(data)
    except (KeyError, TypeError, ValueError, InvalidOperation) as exc:
        raise RulesError(f"rules file {path.name}: malformed ({exc!r})",
                         ja=f"査定基準のファイル {path.name} の書式に誤りがあります") from exc
    if edition.edition != path.stem:
        # The file name is the edition's name, so a stored edition name finds its file.
        raise RulesError(
            f"rules file {path.name}: edition is {edition.edition!r}, not {path.stem!r}",
            ja=f"査定基準のファイル {path.name} の版名（{edition.edition}）がファイル名と一致しません",
        )
    return edition


def _build(data: dict[str, Any]) -> RuleEdition:
    fixed = data["fixed_amounts"]
    rates = tuple(
        StatutoryRate(start=_date(r["from"]), rate=_ratio(r["rate"]), basis=str(r["basis"]))
        for r in data["statutory_rates"]
    )
    if not rates or any(r.rate <= 0 for r in rates):
        raise ValueError("statutory_rates must be present and above 0")
    return RuleEdition(
        edition=str(data["edition"]),
        title=str(data["title"]),
        effective_from=_date(data["effective_from"]),
        source=str(data["source"]),
        working_age_end=_int(data["working_age_end"]),
        leibniz_decimals=_int(data["leibniz"]["decimals"]),
        loss_rate_percent=_by_grade(data["labour_capacity_loss_percent"], upper=100),
        after_effect_consolation=_by_grade(data["after_effect_consolation"]),
        death_consolation=MappingProxyType(
            {role: _int(data["death_consolation"][role]) for role in HOUSEHOLD_ROLES}
        ),
        living_expense_rate=MappingProxyType(
            {key: _ratio(data["living_expense_rate"][key]) for key in LIVING_EXPENSE_KEYS}
        ),
        hospital_misc_per_day=_int(fixed["hospital_misc_per_day"]),
        funeral_cap=_int(fixed["funeral_cap"]),
        lawyer_fee_rate=_ratio(fixed["lawyer_fee_rate"]),
        statutory_rates=tuple(sorted(rates, key=lambda r: r.start)),
    )


def _by_grade(table: dict[str, Any], upper: int | None = None) -> Mapping[int, int]:
    values = {g: _int(table[str(g)]) for g in GRADES}
    if upper is not None and any(v > upper for v in values.values()):
        raise ValueError(f"a value above {upper}")
    return MappingProxyType(values)


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a non-negative integer, got {value!r}")
    return value


def _ratio(value: Any) -> Decimal:
    # Rates are strings in the file so that "0.03" is exactly three hundredths.
    if not isinstance(value, str):
        raise ValueError(f"expected a rate as a string, got {value!r}")
    ratio = Decimal(value)
    if not ratio.is_finite() or not 0 <= ratio <= 1:
        raise ValueError(f"rate outside 0..1: {value!r}")
    return ratio


def _date(value: Any) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise ValueError(f"expected a TOML date, got {value!r}")
    return value
