"""Plain-text documents: decoding the encodings Japanese records come in, masking by character."""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence

from reviewdesk.cases.masking.errors import MaskingError
from reviewdesk.cases.masking.geometry import Span, checked_spans

MASK_CHAR = "\u25a0"  # ■
MAX_TEXT_BYTES = 50 * 1024 * 1024
_CHARSET = re.compile(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]")
_LINE_BREAKS = frozenset("\r\n\u2028\u2029\x0b\x0c\x85")


def decode(mime_type: str, content: bytes) -> str:
    """The text of a text document: a declared charset, a BOM, UTF-8, Shift_JIS (cp932), EUC-JP."""
    if len(content) > MAX_TEXT_BYTES:
        raise MaskingError(f"text document of {len(content):,} bytes is over the limit of {MAX_TEXT_BYTES:,}",
                           ja=f"テキスト資料が大きすぎます（{len(content) // 1_000_000} MB。上限は "
                              f"{MAX_TEXT_BYTES // 1_000_000} MB です）")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if content.startswith(bom):
            return _decoded(content, [encoding])
    declared = _CHARSET.search(mime_type)
    candidates = []
    if declared:
        try:
            name = codecs.lookup(declared.group(1)).name
            # Files labelled Shift_JIS are written by Windows, with its extensions (①, ㈱).
            candidates.append("cp932" if name.startswith("shift_jis") else name)
        except LookupError:
            pass  # an unknown label is no reason to refuse: the usual encodings follow
    return _decoded(content, [*candidates, "utf-8", "cp932", "euc_jp"])


def mask_text(text: str, spans: Sequence[Span]) -> tuple[str, int]:
    """The text with every masked character replaced by ■; line breaks stay, so does the layout."""
    chars = list(text)
    spans = checked_spans(spans, len(text))
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] not in _LINE_BREAKS:
                chars[i] = MASK_CHAR
    return "".join(chars), len(spans)


def _decoded(content: bytes, encodings: list[str]) -> str:
    decoded: list[str] = []
    for encoding in dict.fromkeys(encodings):
        try:
            text = content.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if encoding in ("utf-8", "utf-8-sig", "utf-16") or encoding == encodings[0]:
            return text
        decoded.append(text)
    if not decoded:
        raise MaskingError("text document is in an unknown encoding",
                           ja="テキスト資料の文字コードを判別できません"
                              "（UTF-8、シフトJIS、EUC-JP のいずれかにしてください）")
    # EUC-JP bytes often decode as Shift_JIS too, as a string of half-width katakana.
    return min(decoded, key=lambda t: len(_HALF_WIDTH_KANA.findall(t)))
