"""UiSettings: the window state kept between runs (a plain QSettings file, nothing about a case).

Its own module so the login window can read the language without importing the core.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

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
