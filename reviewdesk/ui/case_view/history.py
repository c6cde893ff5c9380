"""The history tab: a case's audit events in a table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from reviewdesk.cases.history import HistoryRow
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel


def detail_text(detail: dict[str, object], lang: str) -> str:
    parts = []
    for key, value in detail.items():
        label = fmt.detail_key_text(key, lang)
        if key == "covered":
            value = fmt.coverage_text(bool(value), lang)
        elif key == "procedure":
            value = fmt.procedure_text(str(value), lang)
        elif key == "outcome":
            value = fmt.finding_text(str(value), lang)
        elif key == "state":
            value = fmt.state_text(str(value), lang)
        elif key == "size" and isinstance(value, int):
            value = fmt.size_text(value)
        elif key == "due_on":
            value = fmt.iso_day(value)
        elif key == "kind" and "letter_no" in detail:
            value = fmt.letter_kind_text(str(value), lang)
        parts.append(f"{label}: {value}")
    return "、".join(parts) if lang == "ja" else ", ".join(parts)


class HistoryCol(IntEnum):
    AT = 0
    USER = 1
    ACTION = 2
    DETAIL = 3


_HEADERS = {
    HistoryCol.AT: QT_TRANSLATE_NOOP("HistoryTableModel", "When"),
    HistoryCol.USER: QT_TRANSLATE_NOOP("HistoryTableModel", "User"),
    HistoryCol.ACTION: QT_TRANSLATE_NOOP("HistoryTableModel", "Action"),
    HistoryCol.DETAIL: QT_TRANSLATE_NOOP("HistoryTableModel", "Details"),
}
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class HistoryTableModel(RowTableModel):
    columns = HistoryCol
    headers = _HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], HistoryCol(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == HistoryCol.AT:
                return fmt.moment(row.at)
            if col == HistoryCol.USER:
                return row.name or row.username
            if col == HistoryCol.ACTION:
                return fmt.action_text(row.action, self._lang)
            return detail_text(row.detail, self._lang)
        return None


class HistoryPanel(QWidget):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryTableModel(lang, self)
        self.view = QTableView()
        self.view.setObjectName("historyTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(HistoryCol.DETAIL, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.model.set_rows(rows)
