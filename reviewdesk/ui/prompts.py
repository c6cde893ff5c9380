"""Every modal question the application asks (confirm, files, text, errors), in one injectable object."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class Prompts(Protocol):
    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool: ...
    def open_paths(self, parent: QWidget | None, caption: str, filter_: str) -> list[Path]: ...
    def open_path(self, parent: QWidget | None, caption: str, filter_: str) -> Path | None: ...
    def save_path(self, parent: QWidget | None, caption: str, suggested: str,
                  filter_: str) -> Path | None: ...
    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "") -> str | None: ...
    def error(self, parent: QWidget | None, title: str, text: str) -> None: ...
    def info(self, parent: QWidget | None, title: str, text: str) -> None: ...


class QtPrompts:
    """The real dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def open_paths(self, parent: QWidget | None, caption: str, filter_: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(parent, caption, "", filter_)
        return [Path(n) for n in names]

    def open_path(self, parent: QWidget | None, caption: str, filter_: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, caption, "", filter_)
        return Path(name) if name else None

    def save_path(self, parent: QWidget | None, caption: str, suggested: str,
                  filter_: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, suggested, filter_)
        return Path(name) if name else None

    def ask_text(self, parent: QWidget | None, title: str, label: str,
                 text: str = "") -> str | None:
        value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)
