"""Registers the bundled IPAex TrueType fonts with reportlab once per process."""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reviewdesk.resources import resource_path

MINCHO = "IPAexMincho"
GOTHIC = "IPAexGothic"

_FILES = {MINCHO: "ipaexm.ttf", GOTHIC: "ipaexg.ttf"}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Parse each TTF once (about 60 ms apiece); later letters reuse the parsed fonts.

    TrueType, not a CID reference: reportlab embeds a subset of the glyphs (FontFile2), so the
    letter looks the same in every viewer, years from now."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, file_name in _FILES.items():
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
        _registered = True
