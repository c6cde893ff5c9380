"""The application's icons: SVG files under resources/icons/, sharp at any screen density."""

from __future__ import annotations

import functools

from PySide6.QtGui import QIcon

from reviewdesk.resources import resource_path


@functools.cache
def icon(name: str) -> QIcon:
    """resources/icons/<name>.svg as a QIcon (Qt renders SVG at whatever size it is shown)."""
    return QIcon(str(resource_path("icons", f"{name}.svg")))
