"""Finding a patient's identifiers in text, robust to width, spacing, line breaks and separators.

Text is compared after NFKC per character (full-width digits, half-width kana, ㍼) with
whitespace dropped, hiragana read as katakana and letters case-folded. Each compared character
remembers the original characters it came from, so an occurrence maps back to an exact span.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from reviewdesk.cases.masking.identity import IdentifierKind, PatientIdentity, identifier_variants


class View(Enum):
    NAME = "name"  # also ignores the middle dot in タナカ・ハナコ
    ADDRESS = "address"  # every dash-like character reads as one hyphen; ヶ, ケ and が alike
    DATE = "date"
    NUMBER = "number"  # ignores separators: hyphens, dashes, ー, brackets, middle dots


VIEW_OF_KIND = {
    IdentifierKind.NAME: View.NAME, IdentifierKind.KANA: View.NAME,
    IdentifierKind.ADDRESS: View.ADDRESS, IdentifierKind.BIRTH_DATE: View.DATE,
    IdentifierKind.PHONE: View.NUMBER, IdentifierKind.INSURANCE_NO: View.NUMBER,
    IdentifierKind.CLINIC_PATIENT_ID: View.NUMBER,
}
_DASHES = frozenset("-‐‑‒–—―−ー─━ｰ")
_SEPARATORS = _DASHES | frozenset("()・")
_VOICING = {"\u3099": "\u3099", "\u309a": "\u309a", "\u309b": "\u3099", "\u309c": "\u309a"}


@dataclass(frozen=True)
class Needle:
    kind: IdentifierKind
    view: View
    folded: str


@dataclass(frozen=True)
class Occurrence:
    """Characters [start, end) of the searched text hold an identifier of this kind."""

    start: int
    end: int
    kind: IdentifierKind


def needles_for(identity: PatientIdentity) -> list[Needle]:
    """The folded forms to search for, each once (the first kind to claim a form keeps it)."""
    seen: dict[tuple[View, str], Needle] = {}
    for kind, variant in identifier_variants(identity):
        view = VIEW_OF_KIND[kind]
        folded = fold(variant, view)[0]
        if folded and (view, folded) not in seen:
            seen[(view, folded)] = Needle(kind, view, folded)
    return list(seen.values())


def find_occurrences(text: str, needles: list[Needle]) -> list[Occurrence]:
    """Every occurrence in `text`, in order; where occurrences overlap the longest is kept."""
    found: list[Occurrence] = []
    folded_views: dict[View, tuple[str, list[int], list[int]]] = {}
    for needle in needles:
        if needle.view not in folded_views:
            folded_views[needle.view] = fold(text, needle.view)
        folded, starts, ends = folded_views[needle.view]
        at = folded.find(needle.folded)
        while at >= 0:
            start, end = starts[at], ends[at + len(needle.folded) - 1]
            if _stands_alone(text, start, end, needle):
                found.append(Occurrence(start, end, needle.kind))
            at = folded.find(needle.folded, at + 1)
    kept: list[Occurrence] = []
    for occurrence in sorted(found, key=lambda o: (o.start - o.end, o.start)):
        if all(occurrence.end <= k.start or occurrence.start >= k.end for k in kept):
            kept.append(occurrence)
    return sorted(kept, key=lambda o: o.start)


def fold(text: str, view: View) -> tuple[str, list[int], list[int]]:
    """The compared form of `text`, and for each of its characters the original [start, end)."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        for c in _fold_char(ch, view):
            if c in _VOICING and out:
                # Half-width ｶﾞ is two characters; NFKC per character leaves a loose mark.
                out[-1] = unicodedata.normalize("NFC", out[-1] + _VOICING[c])
                ends[-1] = i + 1
                continue
            out.append(c)
            starts.append(i)
            ends.append(i + 1)
    return "".join(out), starts, ends


@lru_cache(maxsize=8192)
def _fold_char(ch: str, view: View) -> str:
    out = []
    for c in unicodedata.normalize("NFKC", ch).casefold():
        if c.isspace() or c == "\x00":
            continue
        if "ぁ" <= c <= "ゖ":
            c = chr(ord(c) + 0x60)
        if view is View.NAME and c == "・":
            continue
        if view is View.NUMBER and c in _SEPARATORS:
            continue
        if view is View.ADDRESS:
            if c in _DASHES:
                c = "-"
            elif c in "ヶケガ":
                c = "ガ"
        out.append(c)
    return "".join(out)


def _stands_alone(text: str, start: int, end: int, needle: Needle) -> bool:
    """A number or date is not part of a longer one: 1234 is not found inside 912345."""
    if needle.view not in (View.NUMBER, View.DATE):
        return True
    skip = _SEPARATORS if needle.view is View.NUMBER else frozenset()
    before = _neighbour(text, range(start - 1, -1, -1), skip)
    after = _neighbour(text, range(end, len(text)), skip)
    return not (_same_class(before, needle.folded[0]) or _same_class(after, needle.folded[-1]))


def _neighbour(text: str, indexes: range, skip: frozenset[str]) -> str:
    for i in indexes:
        c = unicodedata.normalize("NFKC", text[i])[:1]
        if c and c not in skip:
            return c
    return ""


def _same_class(a: str, b: str) -> bool:
    if not a:
        return False
    if a.isascii() and b.isascii():
        return (a.isdigit() and b.isdigit()) or (a.isalpha() and b.isalpha())
    return False
