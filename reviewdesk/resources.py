"""Locates the bundled data files (rule tables, letter templates, fonts, icons, translations).

One answer for every way the application runs:
- a PyInstaller bundle: resources/ inside the bundle (packaging/reviewdesk.spec puts it there);
- an installed wheel: reviewdesk/_resources inside the package (setup.py copies it there);
- a source checkout or an editable install: resources/ at the top of the repository.
REVIEWDESK_RESOURCES names another folder instead. Nothing is ever written there: an install
folder may be read-only, and is shared by every user of the machine.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _root() -> Path:
    named = os.environ.get("REVIEWDESK_RESOURCES")
    if named:
        return Path(named)
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "_resources"
    return installed if installed.is_dir() else package.parent / "resources"


_ROOT = _root()


def resource_path(*parts: str) -> Path:
    """A file or folder inside resources/, e.g. resource_path("rules", "2024.toml")."""
    return _ROOT.joinpath(*parts)
