"""The dashboard's table: each contract in force with an annual aggregate, used against its limit."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SHARE_ROLE = Qt.ItemDataRole.UserRole + 2  # used / limit as a float
NEARLY_USED = 0.8  # from this share on, the row is marked


class AggregateCol(IntEnum):
    CONTRACT = 0
    MEMBER = 1
    PERIOD = 2
    LIMIT = 3
    USED = 4
    REMAINING = 5
    SHARE = 6


_HEADERS = {
    AggregateCol.CONTRACT: QT_TRANSLATE_NOOP("AggregateTableModel", "Contract"),
    AggregateCol.MEMBER: QT_TRANSLATE_NOOP("AggregateTableModel", "Member"),
    AggregateCol.PERIOD: QT_TRANSLATE_NOOP("AggregateTableModel", "Contract year"),
    AggregateCol.LIMIT: QT_TRANSLATE_NOOP("AggregateTableModel", "Annual aggregate"),
    AggregateCol.USED: QT_TRANSLATE_NOOP("AggregateTableModel", "Used"),
    AggregateCol.REMAINING: QT_TRANSLATE_NOOP("AggregateTableModel", "Remaining"),
    AggregateCol.SHARE: QT_TRANSLATE_NOOP("AggregateTableModel", "Used %"),
}
_RIGHT = (AggregateCol.LIMIT, AggregateCol.USED, AggregateCol.REMAINING, AggregateCol.SHARE)


class AggregateTableModel(RowTableModel):
    columns = AggregateCol
    headers = _HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], AggregateCol(index.column())
        if role == ID_ROLE:
            return row.contract_id
        if role == SHARE_ROLE:
            return row.share
        if role == Qt.ItemDataRole.DisplayRole:
            if col == AggregateCol.CONTRACT:
                return row.contract_no
            if col == AggregateCol.MEMBER:
                return row.member_name
            if col == AggregateCol.PERIOD:
                return f"{fmt.day(row.period_start)} – {fmt.day(row.period_end)}"
            if col == AggregateCol.LIMIT:
                return fmt.yen(row.limit, self._lang)
            if col == AggregateCol.USED:
                return fmt.yen(row.used, self._lang)
            if col == AggregateCol.REMAINING:
                return fmt.yen(row.remaining, self._lang)
            return f"{row.share * 100:.1f} %"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in _RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.in_force:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.share >= NEARLY_USED:
            return QBrush(QColor("#a61b1b"))
        return None
