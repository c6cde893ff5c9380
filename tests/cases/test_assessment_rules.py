"""Rule editions: found as files, chosen by date or name, and an old one still recomputes."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from reviewdesk.cases.assessment import (
    RulesError,
    assess,
    current_edition,
    edition_for,
    list_editions,
    load_edition,
    parse_scenario,
)
from reviewdesk.errors import InputError
from reviewdesk.resources import resource_path
from tests.cases.test_assessment_scenarios import build

BUNDLED = resource_path("rules", "akai-hon-2024.toml")


def test_bundled_edition_has_the_tables_of_assessment_md() -> None:
    e = load_edition("akai-hon-2024")
    assert e.effective_from == date(2024, 1, 1)
    assert "ASSESSMENT.md" in e.source and "damages_reference.md" in e.source
    assert [e.loss_rate_percent[g] for g in range(1, 15)] == [
        100, 100, 100, 92, 79, 67, 56, 45, 35, 27, 20, 14, 9, 5,
    ]  # fmt: skip
    assert [e.after_effect_consolation[g] // 10_000 for g in range(1, 15)] == [
        2800, 2370, 1990, 1670, 1400, 1180, 1000, 830, 690, 550, 420, 290, 180, 110,
    ]  # fmt: skip
    assert dict(e.death_consolation) == {
        "breadwinner": 28_000_000,
        "spouse_or_mother": 25_000_000,
        "other": 20_000_000,
    }
    assert dict(e.living_expense_rate) == {
        "breadwinner_two_or_more_dependents": Decimal("0.30"),
        "breadwinner_one_dependent": Decimal("0.40"),
        "female": Decimal("0.30"),
        "male": Decimal("0.50"),
    }
    assert (e.hospital_misc_per_day, e.funeral_cap, e.lawyer_fee_rate) == (
        1_500,
        1_500_000,
        Decimal("0.10"),
    )
    assert e.working_age_end == 67 and e.leibniz_decimals == 4


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        ("1990-01-01", "0.05"),
        ("2020-03-31", "0.05"),
        ("2020-04-01", "0.03"),
        ("2027-01-01", "0.03"),
    ],
)
def test_statutory_rate_by_incident_date(day: str, rate: str) -> None:
    edition = load_edition("akai-hon-2024")
    assert edition.statutory_rate_on(date.fromisoformat(day)).rate == Decimal(rate)


def test_incident_before_any_statutory_rate_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^incident_date: "):
        load_edition("akai-hon-2024").statutory_rate_on(date(1890, 1, 1))


def test_unknown_edition_names_the_known_ones() -> None:
    expected = r"^edition: unknown rule edition 'akai-hon-1999' \(known: .*akai-hon-2024"
    with pytest.raises(InputError, match=expected):
        load_edition("akai-hon-1999")


def test_edition_for_a_date_before_every_edition() -> None:
    with pytest.raises(InputError, match=r"^edition: no rule edition is in force on 2000-01-01"):
        edition_for(date(2000, 1, 1))


def _new_edition(folder: Path, name: str, effective: str, other_consolation: int) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace('edition = "akai-hon-2024"', f'edition = "{name}"')
    text = text.replace("effective_from = 2024-01-01", f"effective_from = {effective}")
    text = text.replace("other = 20_000_000", f"other = {other_consolation}")
    (folder / f"{name}.toml").write_text(text, encoding="utf-8")


def test_a_new_edition_is_a_new_file_and_old_assessments_recompute(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path)
    _new_edition(tmp_path, "akai-hon-2027", "2027-01-01", 22_000_000)
    assert [e.edition for e in list_editions(tmp_path)] == ["akai-hon-2024", "akai-hon-2027"]
    assert edition_for(date(2026, 12, 31), tmp_path).edition == "akai-hon-2024"
    assert edition_for(date(2027, 1, 1), tmp_path).edition == "akai-hon-2027"
    assert current_edition(date(2030, 1, 1), tmp_path).edition == "akai-hon-2027"

    # Death of an "other" victim with no lost earnings (loss_years 0), no fault:
    # damages = the death consolation of the edition: 20,000,000 (2024) or 22,000,000 (2027).
    scenario = parse_scenario(
        build({"outcome": {"kind": "death", "loss_years": 0}, "damages": {}, "patient_fault": "0"})
    )
    old = assess(scenario, load_edition("akai-hon-2024", tmp_path))
    new = assess(scenario, load_edition("akai-hon-2027", tmp_path))
    assert (old.edition, old.total_damages) == ("akai-hon-2024", 20_000_000)
    assert (new.edition, new.total_damages) == ("akai-hon-2027", 22_000_000)


def test_file_name_must_be_the_edition_name(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path / "renamed.toml")
    with pytest.raises(RulesError, match="edition is 'akai-hon-2024', not 'renamed'"):
        list_editions(tmp_path)


def test_two_editions_on_one_day_are_refused(tmp_path: Path) -> None:
    shutil.copy(BUNDLED, tmp_path)
    _new_edition(tmp_path, "twin", "2024-01-01", 20_000_000)
    with pytest.raises(RulesError, match="share effective_from 2024-01-01"):
        list_editions(tmp_path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("12 = 14\n", ""),  # a grade missing from the loss-rate table
        ('male = "0.50"', 'male = "1.5"'),  # a rate above 1
        ("funeral_cap = 1_500_000", "funeral_cap = -1"),
        ("effective_from = 2024-01-01", 'effective_from = "soon"'),
        ("[leibniz]", "[leibniz"),  # not TOML
    ],
)
def test_malformed_rules_are_refused(tmp_path: Path, old: str, new: str) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "akai-hon-2024.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesError, match=r"^rules file akai-hon-2024\.toml: "):
        list_editions(tmp_path)


def test_empty_rules_folder(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="no rule edition found"):
        list_editions(tmp_path)
