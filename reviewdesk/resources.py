"""Locates the bundled data files: the top-level resources/ folder beside the package."""

from __future__ import annotations

import os
from pathlib import Path

# resources/ sits beside the package in the repository (ARCHITECTURE.md); a frozen build
# (packaging/) copies it to the same relative place or names it in REVIEWDESK_RESOURCES.
_ROOT = Path(os.environ.get("REVIEWDESK_RESOURCES") or Path(__file__).resolve().parent.parent / "resources")


def resource_path(*parts: str) -> Path:
    """A file or folder inside resources/, e.g. resource_path("rules", "2024.toml")."""
    return _ROOT.joinpath(*parts)
