"""What the case record knows about the patient, and every way a document may write it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reviewdesk.cases.masking.era import era_of, kanji_digits, kanji_number


class IdentifierKind(StrEnum):
    NAME = "name"
    KANA = "kana"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    PHONE = "phone"
    INSURANCE_NO = "insurance_no"
    CLINIC_PATIENT_ID = "clinic_patient_id"


IDENTIFIER_LABELS: dict[IdentifierKind, tuple[str, str]] = {
    IdentifierKind.NAME: ("氏名", "Name"),
    IdentifierKind.KANA: ("氏名（カナ）", "Name (kana)"),
    IdentifierKind.BIRTH_DATE: ("生年月日", "Date of birth"),
    IdentifierKind.ADDRESS: ("住所", "Address"),
    IdentifierKind.PHONE: ("電話番号", "Phone number"),
    IdentifierKind.INSURANCE_NO: ("保険証番号", "Insurance number"),
    IdentifierKind.CLINIC_PATIENT_ID: ("医療機関の患者ID", "Clinic patient ID"),
}


@dataclass(frozen=True)
class PatientIdentity:
    """The patient as the case record knows them; every field but the name may be unknown."""

    name: str
    kana: str | None = None
    birth_date: date | None = None
    address: str | None = None
    phone: str | None = None
    insurance_no: str | None = None
    clinic_patient_id: str | None = None


# A surname or given name alone still identifies the patient ("田中様"), but one or two kana
# match inside ordinary words, so parts shorter than this are left to the secretariat's eye.
MIN_KANJI_PART = 2
MIN_KANA_PART = 3

_PREFECTURE = re.compile(r"^\s*(東京都|北海道|(?:京都|大阪)府|\S{2,3}県)\s*")
_BLOCK_NUMBER = re.compile(r"(\d+)\s*[-‐−ー－]\s*(\d+)(?:\s*[-‐−ー－]\s*(\d+))?\s*$")


def identifier_variants(identity: PatientIdentity) -> list[tuple[IdentifierKind, str]]:
    """Each identifier in the forms documents use; matching also ignores spacing and width.

    Forms that differ only in what matching ignores (full-width digits, spaces inside a name,
    hyphens inside a number) are listed where a secretariat would expect to see them.
    """
    variants: list[tuple[IdentifierKind, str]] = []

    def add(kind: IdentifierKind, *texts: str) -> None:
        for text in texts:
            if text.strip() and (kind, text) not in variants:
                variants.append((kind, text))

    add(IdentifierKind.NAME, *_name_forms(identity.name, MIN_KANJI_PART))
    if identity.kana:
        for script in (to_katakana(identity.kana), to_hiragana(identity.kana)):
            add(IdentifierKind.KANA, *_name_forms(script, MIN_KANA_PART))
    if identity.birth_date:
        add(IdentifierKind.BIRTH_DATE, *_date_forms(identity.birth_date))
    if identity.address:
        add(IdentifierKind.ADDRESS, *_address_forms(identity.address))
    if identity.phone:
        add(IdentifierKind.PHONE, *_phone_forms(identity.phone))
    if identity.insurance_no:
        add(IdentifierKind.INSURANCE_NO, identity.insurance_no.strip(), _unseparated(identity.insurance_no))
    if identity.clinic_patient_id:
        add(IdentifierKind.CLINIC_PATIENT_ID, identity.clinic_patient_id.strip(),
            _unseparated(identity.clinic_patient_id))
    return variants


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" and c not in "ヵヶ" else c for c in text)


def _name_forms(name: str, min_part: int) -> list[str]:
    parts = name.split()  # str.split also splits at the full-width space U+3000
    if not parts:
        return []
    forms = [" ".join(parts), "\u3000".join(parts), "".join(parts)]
    if len(parts) > 1:
        forms += [p for p in parts if len(p) >= min_part]
    return forms


def _date_forms(day: date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    forms = [f"{y}年{m}月{d}日", f"{y}年{m:02}月{d:02}日",
             f"{y}/{m:02}/{d:02}", f"{y}/{m}/{d}", f"{y}-{m:02}-{d:02}", f"{y}-{m}-{d}",
             f"{y}.{m}.{d}", f"{y}.{m:02}.{d:02}", f"{y}{m:02}{d:02}",
             f"{kanji_digits(y)}年{kanji_number(m)}月{kanji_number(d)}日"]
    era = era_of(day)
    if era:
        name, abbreviation, year = era
        years = [str(year), f"{year:02}"] + (["元"] if year == 1 else [])
        for ey in dict.fromkeys(years):
            forms += [f"{name}{ey}年{m}月{d}日", f"{name}{ey}年{m:02}月{d:02}日"]
        words = "元" if year == 1 else kanji_number(year)
        forms.append(f"{name}{words}年{kanji_number(m)}月{kanji_number(d)}日")
        for sep in "./-":
            forms += [f"{abbreviation}{year}{sep}{m}{sep}{d}",
                      f"{abbreviation}{year:02}{sep}{m:02}{sep}{d:02}"]
    return forms


def _address_forms(address: str) -> list[str]:
    address = address.strip()
    forms = [address]
    local = _PREFECTURE.sub("", address)
    if local and local != address:
        forms.append(local)
    # 「霞が関1-2-3」 is also written 「霞が関1丁目2番3号」 or 「霞が関1丁目2-3」.
    for text in list(forms):
        block = _BLOCK_NUMBER.search(text)
        if block:
            head, (a, b, c) = text[:block.start()], block.groups()
            forms += [f"{head}{a}丁目{b}番{c}号", f"{head}{a}丁目{b}-{c}"] if c else [f"{head}{a}丁目{b}番"]
    return forms


def _phone_forms(phone: str) -> list[str]:
    digits = _unseparated(phone)
    forms = [phone.strip(), digits]
    if digits.startswith("0") and len(digits) >= 10:
        forms.append("+81" + digits[1:])
    return forms


def _unseparated(text: str) -> str:
    """A number without its separators (matching ignores them; the list shows the bare form)."""
    return re.sub(r"[\s\-‐‑‒–—―−ー－ｰ()（）・]", "", text)
