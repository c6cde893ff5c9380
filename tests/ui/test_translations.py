"""The Japanese translation is complete: every string the UI marks for translation has one."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import reviewdesk

UI = Path(reviewdesk.__file__).parent / "ui"
TS = Path(reviewdesk.__file__).parents[1] / "resources" / "i18n" / "reviewdesk_ja.ts"


def _translated() -> dict[str, str]:
    out = {}
    for context in ET.parse(TS).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in ("unfinished", "obsolete",
                                                                             "vanished"):
                out[message.findtext("source") or ""] = translation.text or ""
    return out


def _marked_strings() -> set[str]:
    found = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            args = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name == "tr" and args:
                found.add(args[0])
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                found.add(args[1])
    return found


def test_every_marked_ui_string_has_a_japanese_translation() -> None:
    translated = _translated()
    missing = sorted(s for s in _marked_strings() if not translated.get(s))
    assert missing == []
