"""Table models of the assessment tab: the stored versions and the lines of a computation's trace."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QFont

from reviewdesk.cases.assessing import AssessmentRow
from reviewdesk.cases.assessment.trace import TraceStep, section_label
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TraceCol(IntEnum):
    SECTION = 0
    ITEM = 1
    FORMULA = 2
    VALUE = 3


_TRACE_HEADERS = {
    TraceCol.SECTION: QT_TRANSLATE_NOOP("TraceTableModel", "Section"),
    TraceCol.ITEM: QT_TRANSLATE_NOOP("TraceTableModel", "Item"),
    TraceCol.FORMULA: QT_TRANSLATE_NOOP("TraceTableModel", "How"),
    TraceCol.VALUE: QT_TRANSLATE_NOOP("TraceTableModel", "Value"),
}
_TOTAL_STEPS = frozenset({"total_damages", "liability", "payout_total", "total"})


class TraceTableModel(RowTableModel):
    columns = TraceCol
    headers = _TRACE_HEADERS

    def set_steps(self, steps: Iterable[TraceStep]) -> None:
        self.set_rows(list(steps))

    def step_at(self, row: int) -> TraceStep:
        return self.row_at(row)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        step, col = self._rows[index.row()], TraceCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == TraceCol.SECTION:
                return section_label(step.section, self._lang)
            if col == TraceCol.ITEM:
                return step.label
            if col == TraceCol.FORMULA:
                return step.formula
            return step.display_value()
        if role == Qt.ItemDataRole.ToolTipRole and col == TraceCol.FORMULA:
            return step.formula
        if role == Qt.ItemDataRole.TextAlignmentRole and col == TraceCol.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and step.step in _TOTAL_STEPS:
            font = QFont()
            font.setBold(True)
            return font
        return None


class AssessmentCol(IntEnum):
    VERSION = 0
    STATUS = 1
    EDITION = 2
    DAMAGES = 3
    LIABILITY = 4
    PAYOUT = 5
    COMPUTED_BY = 6
    APPROVED_BY = 7


_ASSESSMENT_HEADERS = {
    AssessmentCol.VERSION: QT_TRANSLATE_NOOP("AssessmentTableModel", "Version"),
    AssessmentCol.STATUS: QT_TRANSLATE_NOOP("AssessmentTableModel", "Status"),
    AssessmentCol.EDITION: QT_TRANSLATE_NOOP("AssessmentTableModel", "Rules"),
    AssessmentCol.DAMAGES: QT_TRANSLATE_NOOP("AssessmentTableModel", "Damages"),
    AssessmentCol.LIABILITY: QT_TRANSLATE_NOOP("AssessmentTableModel", "Liability"),
    AssessmentCol.PAYOUT: QT_TRANSLATE_NOOP("AssessmentTableModel", "Payout"),
    AssessmentCol.COMPUTED_BY: QT_TRANSLATE_NOOP("AssessmentTableModel", "Computed by"),
    AssessmentCol.APPROVED_BY: QT_TRANSLATE_NOOP("AssessmentTableModel", "Approved by"),
}


class AssessmentTableModel(RowTableModel):
    columns = AssessmentCol
    headers = _ASSESSMENT_HEADERS

    def rows(self) -> list[AssessmentRow]:
        return list(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], AssessmentCol(index.column())
        lang = self._lang
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == AssessmentCol.VERSION:
                return f"v{row.version}"
            if col == AssessmentCol.STATUS:
                return fmt.assessment_status_text(row.status, lang)
            if col == AssessmentCol.EDITION:
                return row.edition
            if col == AssessmentCol.DAMAGES:
                return fmt.yen(row.total_damages, lang)
            if col == AssessmentCol.LIABILITY:
                return fmt.yen(row.liability, lang)
            if col == AssessmentCol.PAYOUT:
                return fmt.yen(row.payout_total, lang)
            if col == AssessmentCol.COMPUTED_BY:
                return row.computed_by_name
            return row.approved_by_name or ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
                AssessmentCol.DAMAGES, AssessmentCol.LIABILITY, AssessmentCol.PAYOUT):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
