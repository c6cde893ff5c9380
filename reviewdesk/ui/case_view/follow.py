"""CaseTab: what every tab of an open case shares: reload on changes to its case, quietly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewdesk.errors import NotFound
from reviewdesk.store.changes import Changes

if TYPE_CHECKING:
    from reviewdesk.ui.context import AppContext


class CaseTab:
    """Mixin (before the Qt base class) for a widget showing one case through `load()`.

    Whoever changes the case (this tab, another screen, another seat), the tab reloads. A load
    refused as NotFound means the case just left the user's view (a conflict declared, an
    assignment withdrawn): the case view closes itself, so no dialog is shown for it.
    """

    _ctx: AppContext
    case_id: int

    def follow_case(self) -> None:
        # A bound slot, so the connection ends with the widget.
        self._ctx.events.changes_applied.connect(self._on_case_changes)

    def _on_case_changes(self, changes: Changes) -> None:
        if changes.touches_case(self.case_id):
            self.load()  # type: ignore[attr-defined]

    def _on_load_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, NotFound):
            self._ctx.show_error(self, exc)  # type: ignore[arg-type]
