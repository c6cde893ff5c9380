"""Glyph outlines of the bundled TrueType fonts, for drawing characters as paths, not text.

The seal is drawn from these: as vector outlines its characters are part of the picture, so
selecting or copying the sender's lines never picks up 「日本美容…印」 and a screen reader
never reads them. reportlab parses the font already; this reads the glyf table it leaves alone.
"""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterator
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

Point = tuple[float, float]
# A contour as path commands: ("M", (x, y)), ("L", (x, y)), ("C", (c1, c2, end)); font units.
Command = tuple[str, tuple[Point, ...]]

_lock = threading.Lock()

# Composite glyph flags (TrueType 'glyf' table).
_ARG_WORDS, _ARGS_XY, _SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO = 0x1, 0x2, 0x8, 0x20, 0x40, 0x80


class _Font:
    """The tables of one registered TrueType font needed to read glyph outlines."""

    def __init__(self, font_name: str) -> None:
        font = pdfmetrics.getFont(font_name)
        if not isinstance(font, TTFont):
            raise ValueError(f"{font_name} is not a TrueType font")
        face = font.face
        head = face.get_table("head")
        self.units_per_em: int = struct.unpack(">H", head[18:20])[0]
        long_offsets = struct.unpack(">h", head[50:52])[0] == 1
        loca = face.get_table("loca")
        if long_offsets:
            self.offsets = struct.unpack(f">{len(loca) // 4}L", loca)
        else:
            self.offsets = tuple(2 * x for x in struct.unpack(f">{len(loca) // 2}H", loca))
        self.glyf = face.get_table("glyf")
        self.char_to_glyph: dict[int, int] = face.charToGlyph

    def points(self, glyph: int, depth: int = 0) -> list[list[tuple[float, float, bool]]]:
        """The glyph's contours as (x, y, on_curve) points in font units."""
        start, end = self.offsets[glyph], self.offsets[glyph + 1]
        if end <= start or depth > 8:
            return []
        data = self.glyf[start:end]
        (contours,) = struct.unpack(">h", data[:2])
        if contours < 0:
            return self._composite(data, depth)
        ends = struct.unpack(f">{contours}H", data[10:10 + 2 * contours])
        at = 10 + 2 * contours
        (skip,) = struct.unpack(">H", data[at:at + 2])
        at += 2 + skip
        count = ends[-1] + 1 if ends else 0
        flags: list[int] = []
        while len(flags) < count:
            flag = data[at]
            at += 1
            flags.append(flag)
            if flag & 0x08:
                flags.extend([flag] * data[at])
                at += 1
        xs, at = _coordinates(data, at, flags, 0x02, 0x10)
        ys, at = _coordinates(data, at, flags, 0x04, 0x20)
        out, first = [], 0
        for last in ends:
            out.append([(xs[i], ys[i], bool(flags[i] & 0x01)) for i in range(first, last + 1)])
            first = last + 1
        return out

    def _composite(self, data: bytes, depth: int) -> list[list[tuple[float, float, bool]]]:
        out: list[list[tuple[float, float, bool]]] = []
        at = 10
        while True:
            flags, glyph = struct.unpack(">HH", data[at:at + 4])
            at += 4
            if flags & _ARG_WORDS:
                dx, dy = struct.unpack(">hh", data[at:at + 4])
                at += 4
            else:
                dx, dy = struct.unpack(">bb", data[at:at + 2])
                at += 2
            if not flags & _ARGS_XY:
                dx = dy = 0  # point matching: rare in CJK fonts, placed unshifted
            a, b, c, d = 1.0, 0.0, 0.0, 1.0
            if flags & _SCALE:
                a = d = _f2dot14(data, at)
                at += 2
            elif flags & _XY_SCALE:
                a, d = _f2dot14(data, at), _f2dot14(data, at + 2)
                at += 4
            elif flags & _TWO_BY_TWO:
                a, b, c, d = (_f2dot14(data, at + 2 * k) for k in range(4))
                at += 8
            for contour in self.points(glyph, depth + 1):
                out.append([(a * x + c * y + dx, b * x + d * y + dy, on) for x, y, on in contour])
            if not flags & _MORE:
                return out


def _f2dot14(data: bytes, at: int) -> float:
    return float(struct.unpack(">h", data[at:at + 2])[0]) / 16384


def _coordinates(data: bytes, at: int, flags: list[int], short: int, same: int
                 ) -> tuple[list[float], int]:
    values: list[float] = []
    value = 0
    for flag in flags:
        if flag & short:
            delta = data[at]
            at += 1
            value += delta if flag & same else -delta
        elif not flag & same:
            value += struct.unpack(">h", data[at:at + 2])[0]
            at += 2
        values.append(value)
    return values, at


@lru_cache(maxsize=4)
def _font(font_name: str) -> _Font:
    with _lock:
        return _Font(font_name)


def units_per_em(font_name: str) -> int:
    return _font(font_name).units_per_em


@lru_cache(maxsize=256)
def outline(font_name: str, char: str) -> tuple[tuple[Command, ...], ...]:
    """The character's contours as path commands (quadratic curves raised to cubic), in font
    units with the baseline at y = 0; empty for a character the font lacks or a blank."""
    font = _font(font_name)
    glyph = font.char_to_glyph.get(ord(char), 0)
    return tuple(tuple(_commands(contour)) for contour in font.points(glyph) if contour)


def _commands(points: list[tuple[float, float, bool]]) -> Iterator[Command]:
    """One closed TrueType contour as move, line and cubic curve commands."""
    # Start on an on-curve point; between two off-curve points lies an implied on-curve one.
    expanded: list[tuple[float, float, bool]] = []
    for i, point in enumerate(points):
        before = points[i - 1]
        if not point[2] and not before[2]:
            expanded.append(((before[0] + point[0]) / 2, (before[1] + point[1]) / 2, True))
        expanded.append(point)
    start = next((i for i, p in enumerate(expanded) if p[2]), None)
    if start is None:
        return
    ring = expanded[start:] + expanded[:start] + [expanded[start]]
    current = (ring[0][0], ring[0][1])
    yield "M", (current,)
    i = 1
    while i < len(ring):
        x, y, on = ring[i]
        if on:
            current = (x, y)
            yield "L", (current,)
            i += 1
            continue
        end = (ring[i + 1][0], ring[i + 1][1])
        c1 = (current[0] + 2 / 3 * (x - current[0]), current[1] + 2 / 3 * (y - current[1]))
        c2 = (end[0] + 2 / 3 * (x - end[0]), end[1] + 2 / 3 * (y - end[1]))
        yield "C", (c1, c2, end)
        current = end
        i += 2
