"""Filling the finding dialog in UI tests: nothing is preselected, so every choice is made."""

from __future__ import annotations

from typing import Any


def fill_choices(dialog: Any, vote: str = "for", judgement: str = "rejected",
                 judgements: dict[str, str] | None = None) -> None:
    """Chooses a judgement for every element and a vote for every member who may vote."""
    for element, combo in dialog.judgements.items():
        combo.setCurrentIndex(combo.findData((judgements or {}).get(element, judgement)))
    for combo in dialog.votes.values():
        combo.setCurrentIndex(combo.findData(vote))
