"""Page geometry shared by the renderer and the signer, so the signature lands in reserved space."""

from __future__ import annotations

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
