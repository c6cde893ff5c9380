"""ReviewDesk: the review board's case files, opinions, findings, assessments and letters."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is pyproject.toml's, read from the installed metadata (a frozen bundle carries
    # it too); looked up only when asked, so importing the package stays cheap.
    if name == "__version__":
        from importlib.metadata import version

        return version("reviewdesk")
    raise AttributeError(f"module 'reviewdesk' has no attribute {name!r}")
