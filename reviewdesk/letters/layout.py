"""Page geometry shared by the renderer and the signer, so the signature lands in reserved space."""

from __future__ import annotations

import re
from collections.abc import Callable

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH = 210 * MM  # A4
PAGE_HEIGHT = 297 * MM
MARGIN_LEFT = 25 * MM
MARGIN_RIGHT = 20 * MM
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 22 * MM

FOOTER_BASELINE = 9 * MM  # page "n / m" and the document number

# The visible signature block sits at the bottom right of the last page, partly in the bottom
# margin above the footer. The renderer keeps SIGNATURE_RESERVE of the text frame's bottom free
# on the last page, so the block never covers text.
SIGNATURE_WIDTH = 80 * MM
SIGNATURE_HEIGHT = 22 * MM
SIGNATURE_BOTTOM = 13.5 * MM
SIGNATURE_RESERVE = SIGNATURE_BOTTOM + SIGNATURE_HEIGHT - MARGIN_BOTTOM + 3 * MM


def signature_box(page_width: float = PAGE_WIDTH) -> tuple[float, float, float, float]:
    """(x1, y1, x2, y2) in points of the signature block on a page of that width."""
    x2 = page_width - MARGIN_RIGHT
    return (x2 - SIGNATURE_WIDTH, SIGNATURE_BOTTOM, x2, SIGNATURE_BOTTOM + SIGNATURE_HEIGHT)


# ---- line breaking (禁則処理) for the letters' running text and table cells

# A line never starts with these (closing brackets, punctuation, small kana, prolonged sound).
NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!）」』】〕〉》］｝)]}ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    "％%円銭"
)
# A line never ends with these (opening brackets, and 〒 or a sign before its number).
NO_LINE_END = frozenset("（「『【〔〈《［｛([{〒−-＋+¥￥")
# Runs no line break may enter: a date (令和8年11月21日, 2026年11月21日), an amount or another
# number with its unit (9,775,257円, −100,000円, 3％, 10年, 2,000万円), a postal code or phone
# number (〒100-0005, 03-0000-0000), a Latin word (PAdES).
_UNBREAKABLE = re.compile(
    r"(?:令和|平成|昭和|大正|明治)?(?:\d+|元)年(?:\d+月(?:\d+日)?)?"
    r"|(?:\d+月\d+日)"
    r"|[〒−\-＋+]?\d[\d,，.．:/\-]*(?:万|億|千)?[%％円銭年月日歳級名号倍割]?"
    r"|[A-Za-z][A-Za-z'’\-]*"
)


def _tokens(text: str) -> list[str]:
    """The text cut into pieces no line break may enter (_UNBREAKABLE runs, every other
    character on its own); then a 禁則 character joins the piece before it (NO_LINE_START) or
    the piece after it (NO_LINE_END)."""
    pieces: list[str] = []
    at = 0
    for match in _UNBREAKABLE.finditer(text):
        pieces.extend(text[at:match.start()])
        pieces.append(match.group())
        at = match.end()
    pieces.extend(text[at:])
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        piece, carry = carry + piece, ""
        if piece[-1] in NO_LINE_END:
            carry = piece
            continue
        if merged and piece[0] in NO_LINE_START:
            merged[-1] += piece
        else:
            merged.append(piece)
    if carry:
        merged.append(carry)
    return merged


def wrap_lines(text: str, width_of: Callable[[str], float], width: float,
               first_indent: float = 0.0) -> list[str]:
    """The text broken into lines no wider than `width` (the first `first_indent` narrower),
    never inside an amount or a number and never against 禁則: no line starts with 、。）」 etc.
    and none ends with an opening bracket. A piece wider than a whole line is cut by character
    as the last resort. Explicit newlines are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        room = width - first_indent if not lines else width
        for piece in _tokens(paragraph):
            if not line or width_of(line + piece) <= room:
                line += piece
                continue
            if line.strip():
                lines.append(line)
            room = width
            line = piece.lstrip(" ")
            while width_of(line) > room and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and width_of(line[:cut]) > room:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines
