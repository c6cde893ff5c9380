"""ReviewDesk: the review board's case files, opinions, findings, assessments and letters."""

__version__ = "0.1.0"
