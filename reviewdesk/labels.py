"""Domain codes in Japanese and English: every (ja, en) label table is read the same way."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def labeller(enum: type[E], table: Mapping[E, tuple[str, str]]) -> Callable[..., str]:
    """label(code, lang="ja"): the code's Japanese or English label; ValueError if unknown."""

    def label(code: str, lang: str = "ja") -> str:
        ja, en = table[enum(code)]
        return ja if lang == "ja" else en

    return label
