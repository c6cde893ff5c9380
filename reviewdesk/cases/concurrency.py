"""Two seats editing the same thing: the second save is refused, not silently lost.

A form remembers the revision of what it loaded (`Revision`) and hands it back with the save;
the service compares it with what is stored now, in the same write transaction (which holds
the server's write lock, or BEGIN IMMEDIATE on a file), so no save slips in between.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from reviewdesk.errors import RuleViolation

STALE_JA = "他の利用者が先に更新しました。最新の内容を読み込みました。"


class StaleEdit(RuleViolation):
    """Another seat saved first; the form keeps its text and loads the latest alongside."""


@dataclass(frozen=True)
class Revision:
    """What a form was loaded from: the row (None: there was none yet) and its revision."""

    row_id: int | None
    revision: int

    @classmethod
    def of(cls, row_id: int | None, revision: int | None) -> Revision:
        return cls(row_id, revision or 0)


def require_current(what: str, loaded: Revision | None, current: Revision) -> None:
    """Refuses a save based on anything but the current revision; None skips the check (a
    script that edits without a form)."""
    if loaded is not None and loaded != current:
        _stale(what)


def require_fields_unchanged(what: str, changing: Iterable[str], loaded: Mapping[str, object] | None,
                             current: Mapping[str, object]) -> None:
    """For a form of independent fields saved as its changes (settings): refuses the save if a
    field it changes was changed at another seat since the form loaded it. Fields only the
    other seat changed are kept: the two saves merge. None skips the check."""
    if loaded is not None and any(loaded[name] != current[name] for name in changing):
        _stale(what)


def _stale(what: str) -> None:
    raise StaleEdit(f"{what}: another user saved first; the latest version has been loaded "
                    "(your text is still in the form: check it and save again)", ja=STALE_JA)
