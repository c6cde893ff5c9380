"""Where a mask goes: boxes as fractions of a displayed page, spans of decoded text."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reviewdesk.cases.masking.errors import MaskingError


@dataclass(frozen=True)
class Box:
    """A rectangle on one page as fractions (0..1) of the page as displayed (after /Rotate and
    the crop box), origin top-left; `page` is 0-based."""

    page: int
    left: float
    top: float
    right: float
    bottom: float


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of a text document's decoded text."""

    start: int
    end: int


@dataclass(frozen=True)
class PageSize:
    """Points for PDFs, pixels for images, as displayed."""

    width: float
    height: float


def checked_boxes(boxes: Sequence[Box], page_count: int) -> dict[int, list[Box]]:
    """The boxes per page, clamped to the page; a box off the document or not a number is refused."""
    by_page: dict[int, list[Box]] = {}
    for box in boxes:
        numbers = (box.left, box.top, box.right, box.bottom)
        if not isinstance(box.page, int) or not 0 <= box.page < page_count:
            raise MaskingError(f"mask on page {box.page + 1 if isinstance(box.page, int) else box.page}, "
                               f"but the document has {page_count} page(s)",
                               ja=f"マスクの位置が資料のページ範囲外です（{page_count}ページの資料）")
        if not all(isinstance(n, int | float) and math.isfinite(n) for n in numbers):
            raise MaskingError("mask position is not a number", ja="マスクの位置が正しくありません")
        left, right = sorted((_clamp(box.left), _clamp(box.right)))
        top, bottom = sorted((_clamp(box.top), _clamp(box.bottom)))
        by_page.setdefault(box.page, []).append(Box(box.page, left, top, right, bottom))
    return by_page


def checked_spans(spans: Sequence[Span], length: int) -> list[Span]:
    for span in spans:
        start, end = span.start, span.end
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length):
            raise MaskingError(f"mask span {start}..{end} is outside the text ({length} characters)",
                               ja="マスクの範囲が本文の範囲外です")
    return list(spans)


def pixel_rect(box: Box, width: int, height: int) -> tuple[int, int, int, int] | None:
    """The box as inclusive pixel corners covering every pixel it touches; None if it has no area."""
    left, top = math.floor(box.left * width), math.floor(box.top * height)
    right, bottom = math.ceil(box.right * width) - 1, math.ceil(box.bottom * height) - 1
    if right < left or bottom < top:
        return None
    return left, top, min(right, width - 1), min(bottom, height - 1)


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
