"""Renders the application icon (resources/icons/reviewdesk.svg) for the installers.

    python packaging/render_icons.py OUT_DIR

writes reviewdesk-<size>.png (Linux's hicolor theme), reviewdesk.ico (Windows) and
reviewdesk.icns (macOS). The SVG stays the one source; nothing rendered is kept in git.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (16, 32, 48, 64, 128, 256, 512)
SOURCE = Path(__file__).resolve().parent.parent / "resources" / "icons" / "reviewdesk.svg"


def render(out: Path) -> list[Path]:
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    svg = QSvgRenderer(str(SOURCE))
    if not svg.isValid():
        raise SystemExit(f"render_icons: cannot read {SOURCE}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        svg.render(painter)
        painter.end()
        path = out / f"reviewdesk-{size}.png"
        if not image.save(str(path)):
            raise SystemExit(f"render_icons: cannot write {path}")
        written.append(path)
    largest = Image.open(out / f"reviewdesk-{SIZES[-1]}.png")
    largest.save(out / "reviewdesk.ico", sizes=[(s, s) for s in SIZES if s <= 256])
    largest.save(out / "reviewdesk.icns")
    return [*written, out / "reviewdesk.ico", out / "reviewdesk.icns"]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/render_icons.py OUT_DIR")
    for path in render(Path(sys.argv[1])):
        print(path)
