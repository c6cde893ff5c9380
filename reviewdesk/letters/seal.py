"""The association's square seal (角印) as vector graphics in red, drawn on a reportlab canvas."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import FILL_NON_ZERO, Canvas

from reviewdesk.letters.glyphs import outline, units_per_em

# Vermilion seal ink, slightly translucent so the name it is pressed over still shows through.
SEAL_RED = Color(0.80, 0.10, 0.11, alpha=0.88)

# IPAex glyphs sit in an em box from -0.12 em to 0.88 em around the baseline; the middle of a
# kanji is therefore 0.38 em above the baseline.
_GLYPH_MIDDLE = 0.38


def draw_seal(
    canvas: Canvas,
    x: float,
    y: float,
    size: float,
    columns: Sequence[str],
    font_name: str,
    color: Color = SEAL_RED,
) -> None:
    """Draw the seal with its lower-left corner at (x, y). columns are read right to left, each
    top to bottom, as a 角印 is; characters are stretched to fill their cells."""
    if not columns or not all(columns):
        raise ValueError("a seal needs at least one character in every column")
    canvas.saveState()
    canvas.setStrokeColor(color)
    canvas.setFillColor(color)
    border = size * 0.07
    canvas.setLineWidth(border)
    half = border / 2
    canvas.roundRect(x + half, y + half, size - border, size - border, size * 0.025,
                     stroke=1, fill=0)

    margin = size * 0.115
    inner = size - 2 * margin
    cell_w = inner / len(columns)
    for index, column in enumerate(columns):
        cell_h = inner / len(column)
        font_size = cell_h * 1.04
        # Seal script fills its cell: stretch the glyphs sideways (percent) to the cell's shape.
        scale = cell_w / cell_h * 100 * 1.02
        centre_x = x + size - margin - cell_w * (index + 0.5)
        for row, char in enumerate(column):
            middle_y = y + size - margin - cell_h * (row + 0.5)
            width = stringWidth(char, font_name, font_size) * scale / 100
            # Outlines, not text: copying the sender's name and address never picks up the
            # seal's characters. Fill and stroke thickens the Mincho strokes towards the weight
            # of carved seal script.
            canvas.setLineWidth(font_size * 0.045)
            _draw_outline(canvas, char, font_name, font_size, scale / 100,
                          centre_x - width / 2, middle_y - font_size * _GLYPH_MIDDLE)
    canvas.restoreState()


def _draw_outline(canvas: Canvas, char: str, font_name: str, font_size: float, x_scale: float,
                  x: float, y: float) -> None:
    """The character's glyph as a filled and stroked path with its origin at (x, y)."""
    unit = font_size / units_per_em(font_name)
    path = canvas.beginPath()

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return x + point[0] * unit * x_scale, y + point[1] * unit

    for contour in outline(font_name, char):
        for command, points in contour:
            if command == "M":
                path.moveTo(*at(points[0]))
            elif command == "L":
                path.lineTo(*at(points[0]))
            else:
                path.curveTo(*at(points[0]), *at(points[1]), *at(points[2]))
        path.close()
    canvas.drawPath(path, stroke=1, fill=1, fillMode=FILL_NON_ZERO)
