"""Table models of the opinions tab: a case's reviewer assignments and its opinions."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reviewdesk.auth.roles import role_label, specialty_label
from reviewdesk.cases.opinions import OpinionRow
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1

def reviewer_text(role: str, specialty: str | None, lang: str) -> str:
    text = role_label(role, lang)
    return f"{text}・{specialty_label(specialty, lang)}" if specialty else text


class AssignmentCol(IntEnum):
    REVIEWER = 0
    ROLE = 1
    ASSIGNED = 2
    DUE = 3
    STATUS = 4


_ASSIGNMENT_HEADERS = {
    AssignmentCol.REVIEWER: QT_TRANSLATE_NOOP("AssignmentTableModel", "Reviewer"),
    AssignmentCol.ROLE: QT_TRANSLATE_NOOP("AssignmentTableModel", "Role"),
    AssignmentCol.ASSIGNED: QT_TRANSLATE_NOOP("AssignmentTableModel", "Assigned"),
    AssignmentCol.DUE: QT_TRANSLATE_NOOP("AssignmentTableModel", "Due"),
    AssignmentCol.STATUS: QT_TRANSLATE_NOOP("AssignmentTableModel", "Status"),
}


class AssignmentTableModel(RowTableModel):
    columns = AssignmentCol
    headers = _ASSIGNMENT_HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], AssignmentCol(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == AssignmentCol.REVIEWER:
                return row.reviewer
            if col == AssignmentCol.ROLE:
                return reviewer_text(row.reviewer_role, row.specialty, self._lang)
            if col == AssignmentCol.ASSIGNED:
                return fmt.day(row.assigned_on)
            if col == AssignmentCol.DUE:
                return fmt.day(row.due_on)
            return fmt.assignment_status_text(row.status, self._lang)
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(QColor("#a61b1b"))
        return None


class OpinionCol(IntEnum):
    AUTHOR = 0
    VERSION = 1
    STATUS = 2
    RECOMMENDED = 3
    SUBMITTED = 4


_OPINION_HEADERS = {
    OpinionCol.AUTHOR: QT_TRANSLATE_NOOP("OpinionTableModel", "Author"),
    OpinionCol.VERSION: QT_TRANSLATE_NOOP("OpinionTableModel", "Version"),
    OpinionCol.STATUS: QT_TRANSLATE_NOOP("OpinionTableModel", "Status"),
    OpinionCol.RECOMMENDED: QT_TRANSLATE_NOOP("OpinionTableModel", "Recommends"),
    OpinionCol.SUBMITTED: QT_TRANSLATE_NOOP("OpinionTableModel", "Submitted"),
}


class OpinionTableModel(RowTableModel):
    columns = OpinionCol
    headers = _OPINION_HEADERS

    def rows(self) -> list[OpinionRow]:
        return list(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], OpinionCol(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == OpinionCol.AUTHOR:
                return row.author
            if col == OpinionCol.VERSION:
                return f"v{row.version}"
            if col == OpinionCol.STATUS:
                return fmt.opinion_status_text(row.status, self._lang)
            if col == OpinionCol.RECOMMENDED:
                return fmt.finding_text(row.recommended_finding, self._lang)
            return fmt.moment(row.submitted_at)
        return None
