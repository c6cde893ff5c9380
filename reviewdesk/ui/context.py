"""The composition root's product: one AppContext (vault, actor, runner, prompts, settings, events)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.store.vault import Vault
from reviewdesk.ui.prompts import Prompts
from reviewdesk.ui.tasks import TaskRunner

DEFAULT_IDLE_MINUTES = 10
LANGUAGES = ("ja", "en")


class UiSettings:
    """QSettings for window state only: geometry, column layout, language, idle minutes.

    Nothing about a case or a patient is ever stored here (it is a plain file).
    """

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qs = QSettings("ReviewDesk", "ReviewDesk")
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._qs.value("ui/language", "ja"))
        return value if value in LANGUAGES else "ja"

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value if value in LANGUAGES else "ja")

    @property
    def idle_minutes(self) -> int:
        try:
            value = int(self._qs.value("security/idle_minutes", DEFAULT_IDLE_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES
        return value if 1 <= value <= 240 else DEFAULT_IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, value: int) -> None:
        self._qs.setValue("security/idle_minutes", int(value))

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self._qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes_value(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(key, value)

    def sync(self) -> None:
        self._qs.sync()


class AppEvents(QObject):
    """Application-wide notifications; views refresh from these, not from each other."""

    changes_applied = Signal(object)
    """Emitted on the GUI thread after a service changed data; carries the case id or None."""


@dataclass
class AppContext:
    """What every window receives. `lang` is the interface language ("ja" or "en")."""

    vault: Vault
    actor: Actor
    tasks: TaskRunner
    prompts: Prompts
    settings: UiSettings
    lang: str = "ja"
    events: AppEvents = field(default_factory=AppEvents)

    def may(self, action: Action) -> bool:
        """Whether to offer an action; the services check again whatever the UI shows."""
        return allowed(self.actor, action)
