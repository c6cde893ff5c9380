"""RowTableModel: the shared base of the tables that show a list of read-model rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt


class RowTableModel(QAbstractTableModel):
    """Frozen rows under fixed columns; subclasses set `columns` (an IntEnum) and `headers`
    (column -> QT_TRANSLATE_NOOP text in the subclass's own context) and implement data()."""

    columns: type[IntEnum]
    headers: Mapping[Any, str]

    def __init__(self, lang: str = "ja", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.columns)):
            # The context is the subclass's name, as QT_TRANSLATE_NOOP recorded it.
            return QCoreApplication.translate(type(self).__name__,
                                              self.headers[self.columns(section)])
        return None
