"""The procedure catalogue of DOMAIN.md that scenarios, cases and the coverage check use."""

from __future__ import annotations

import pytest

from reviewdesk.cases.procedures import (
    NON_SURGICAL_CODES,
    PROCEDURES,
    ProcedureCategory,
    category_label,
    is_procedure,
    procedure_label,
)


def test_catalogue_codes_by_category() -> None:
    by_category = {
        c: [p.code for p in PROCEDURES.values() if p.category is c] for c in ProcedureCategory
    }
    assert by_category == {
        ProcedureCategory.SURGICAL: [
            "double_eyelid", "rhinoplasty", "breast_augmentation", "liposuction", "face_lift",
            "other_surgery",
        ],
        ProcedureCategory.NON_SURGICAL: [
            "peeling", "laser", "radiofrequency", "ultrasound", "near_infrared",
            "botulinum_toxin", "filler", "retinoic_acid", "whitening_agent", "pdt", "light",
            "iontophoresis",
        ],
        ProcedureCategory.INTERNAL: ["detox", "drip_infusion"],
    }  # fmt: skip


def test_the_twelve_non_surgical_therapies() -> None:
    assert len(NON_SURGICAL_CODES) == 12
    assert "filler" in NON_SURGICAL_CODES
    assert "detox" not in NON_SURGICAL_CODES and "rhinoplasty" not in NON_SURGICAL_CODES


@pytest.mark.parametrize(
    ("code", "ja", "en"),
    [
        ("double_eyelid", "二重瞼", "Double eyelid surgery"),
        ("radiofrequency", "高周波（ラジオ波）", "Radiofrequency therapy"),
        ("light", "光治療（IPL・LED）", "Light therapy (IPL, LED)"),
        ("drip_infusion", "点滴治療", "Intravenous drip therapy"),
    ],
)
def test_labels(code: str, ja: str, en: str) -> None:
    assert procedure_label(code) == ja
    assert procedure_label(code, "en") == en


def test_unknown_code() -> None:
    assert is_procedure("filler") and not is_procedure("tattoo") and not is_procedure(None)
    with pytest.raises(KeyError):
        procedure_label("tattoo")


def test_category_labels() -> None:
    assert category_label("non_surgical") == "美容皮膚科"
    assert category_label(ProcedureCategory.SURGICAL, "en") == "Cosmetic surgery"
