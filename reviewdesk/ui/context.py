"""The composition root's product: one AppContext (vault, actor, runner, prompts, settings, events)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import AccountRevoked
from reviewdesk.store.changes import Changes
from reviewdesk.store.vault import Vault
from reviewdesk.ui.messages import user_message
from reviewdesk.ui.prompts import Prompts
from reviewdesk.ui.settings import UiSettings
from reviewdesk.ui.tasks import TaskRunner

Operation = Callable[[Vault, Actor], Any]
"""A Qt-free call into the core, given the vault and the acting user; runs off the GUI thread."""

__all__ = ["AppContext", "AppEvents", "Operation", "UiSettings"]  # UiSettings: settings.py


class AppEvents(QObject):
    """Application-wide notifications; views refresh from these, not from each other."""

    changes_applied = Signal(object)
    """Emitted on the GUI thread with the `Changes` of every write committed to the vault,
    whoever made it (this window, a script's service call, or, on a server, another seat)."""

    session_revoked = Signal(str)
    """Emitted on the GUI thread when an action found the user's account disabled or its role
    changed; carries the message to show. The window locks for good."""

    _committed = Signal(object)
    """Emitted on whichever thread committed; relayed onto the GUI thread as changes_applied."""

    def __init__(self) -> None:
        super().__init__()
        # AutoConnection: direct when the commit ran on the GUI thread (tests, inline runs),
        # queued onto this object's thread when a worker committed.
        self._committed.connect(self._relay)

    def publish(self, changes: Changes) -> None:
        """The vault's listener: called by the core after each commit, on the committing thread."""
        if changes:
            self._committed.emit(changes)

    @Slot(object)  # PySide 6.8+ may crash delivering a cross-thread signal to an undecorated method
    def _relay(self, changes: Changes) -> None:
        self.changes_applied.emit(changes)


def _ignore(_result: object) -> None:
    return None


@dataclass
class AppContext:
    """What every window receives. `lang` is the interface language ("ja" or "en").

    Widgets act through `run`, never by calling services with `vault` and `actor` themselves.
    """

    vault: Vault
    actor: Actor
    tasks: TaskRunner
    prompts: Prompts
    settings: UiSettings
    lang: str = "ja"
    events: AppEvents = field(default_factory=AppEvents)

    def __post_init__(self) -> None:
        self.vault.subscribe(self.events.publish)

    def close(self) -> None:
        """Stops listening to the vault (a signed-out window, a finished screenshot run)."""
        self.vault.unsubscribe(self.events.publish)

    def may(self, action: Action) -> bool:
        """Whether the role holds an action at all (which screens exist); what may be done to a
        given case comes from the core's `available_actions`."""
        return allowed(self.actor, action)

    def run(self, op: Operation, on_done: Callable[[Any], None] | None = None, *,
            parent: QWidget, on_error: Callable[[BaseException], None] | None = None) -> None:
        """Runs op(vault, actor) off the GUI thread and delivers its result to on_done on it.

        A failure is shown in the one error dialog (or handed to on_error). What the operation
        wrote reaches every view as changes_applied, published by the vault on commit.
        """
        vault, actor = self.vault, self.actor

        def failed(exc: BaseException) -> None:
            if isinstance(exc, AccountRevoked):
                self.show_error(parent, exc)  # locks the window; widgets may still tidy up
                if on_error is not None:
                    on_error(exc)
            elif on_error is not None:
                on_error(exc)
            else:
                self.show_error(parent, exc)

        self.tasks.submit(lambda: op(vault, actor), on_done or _ignore, failed, parent)

    def show_error(self, parent: QWidget | None, exc: BaseException) -> None:
        """The one dialog for a failed action: a plain sentence in the interface's language.
        A disabled account, or one whose role changed, gets no dialog: the window locks."""
        if isinstance(exc, AccountRevoked):
            self.events.session_revoked.emit(user_message(exc, self.lang))
            return
        self.prompts.error(parent, QCoreApplication.translate("AppContext", "ReviewDesk"),
                           user_message(exc, self.lang))
