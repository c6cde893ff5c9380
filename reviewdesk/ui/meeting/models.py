"""Table models of the meetings screen: meetings and one meeting's agenda."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from reviewdesk.cases.meeting_terms import MeetingStatus
from reviewdesk.cases.meetings import MeetingRow
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MeetingCol(IntEnum):
    DATE = 0
    KIND = 1
    TITLE = 2
    STATUS = 3
    PRESENT = 4


_MEETING_HEADERS = {
    MeetingCol.DATE: QT_TRANSLATE_NOOP("MeetingTableModel", "Date"),
    MeetingCol.KIND: QT_TRANSLATE_NOOP("MeetingTableModel", "Meeting"),
    MeetingCol.TITLE: QT_TRANSLATE_NOOP("MeetingTableModel", "Title"),
    MeetingCol.STATUS: QT_TRANSLATE_NOOP("MeetingTableModel", "Status"),
    MeetingCol.PRESENT: QT_TRANSLATE_NOOP("MeetingTableModel", "Present"),
}


class MeetingTableModel(RowTableModel):
    columns = MeetingCol
    headers = _MEETING_HEADERS

    def rows(self) -> list[MeetingRow]:
        return list(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], MeetingCol(index.column())
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == MeetingCol.DATE:
                return fmt.day(row.held_on)
            if col == MeetingCol.KIND:
                return fmt.meeting_kind_text(row.kind, self._lang)
            if col == MeetingCol.TITLE:
                return row.title
            if col == MeetingCol.STATUS:
                return fmt.meeting_status_text(row.status, self._lang)
            return f"{row.present}/{row.committee_size}"
        if (role == Qt.ItemDataRole.ForegroundRole and col == MeetingCol.PRESENT
                and row.status == MeetingStatus.HELD and not row.quorum_met):
            return QBrush(QColor("#a61b1b"))
        return None


class AgendaCol(IntEnum):
    POSITION = 0
    NUMBER = 1
    PROCEDURE = 2
    STATE = 3
    RECUSED = 4
    QUORUM = 5
    DECIDED = 6


_AGENDA_HEADERS = {
    AgendaCol.POSITION: QT_TRANSLATE_NOOP("AgendaTableModel", "No."),
    AgendaCol.NUMBER: QT_TRANSLATE_NOOP("AgendaTableModel", "Case no."),
    AgendaCol.PROCEDURE: QT_TRANSLATE_NOOP("AgendaTableModel", "Procedure"),
    AgendaCol.STATE: QT_TRANSLATE_NOOP("AgendaTableModel", "State"),
    AgendaCol.RECUSED: QT_TRANSLATE_NOOP("AgendaTableModel", "Recused"),
    AgendaCol.QUORUM: QT_TRANSLATE_NOOP("AgendaTableModel", "Quorum"),
    AgendaCol.DECIDED: QT_TRANSLATE_NOOP("AgendaTableModel", "Finding"),
}


class AgendaTableModel(RowTableModel):
    columns = AgendaCol
    headers = _AGENDA_HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], AgendaCol(index.column())
        lang = self._lang
        if role == ID_ROLE:
            return row.item_id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == AgendaCol.POSITION:
                return str(row.position)
            if col == AgendaCol.NUMBER:
                return row.case_no
            if col == AgendaCol.PROCEDURE:
                return fmt.procedure_text(row.procedure, lang)
            if col == AgendaCol.STATE:
                return fmt.state_text(row.state, lang)
            if col == AgendaCol.RECUSED:
                return "、".join(r.name for r in row.recusals)
            if col == AgendaCol.QUORUM:
                mark = "○" if row.quorum.met else "×"
                return f"{mark} {row.quorum.present}/{row.quorum.needed}"
            return fmt.finding_text(row.outcome, lang) if row.decided else ""
        if role == Qt.ItemDataRole.ToolTipRole and col == AgendaCol.RECUSED and row.recusals:
            return "\n".join(f"{r.name}: {r.reason_text(self._lang)}" for r in row.recusals)
        if role == Qt.ItemDataRole.ForegroundRole and col == AgendaCol.QUORUM and not row.quorum.met:
            return QBrush(QColor("#a61b1b"))
        return None
