"""The secretariat's follow-up view: opinions past their due date, and cases whose physicians
disagree (the board wants another reviewer there)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.roles import specialty_label
from reviewdesk.cases.review import AssignmentRow, FlaggedCaseRow, flagged_cases, overdue_assignments
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.opinion_models import reviewer_text
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.row_model import RowTableModel

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OverdueCol(IntEnum):
    NUMBER = 0
    REVIEWER = 1
    ROLE = 2
    DUE = 3


_OVERDUE_HEADERS = {
    OverdueCol.NUMBER: QT_TRANSLATE_NOOP("OverdueTableModel", "Case no."),
    OverdueCol.REVIEWER: QT_TRANSLATE_NOOP("OverdueTableModel", "Reviewer"),
    OverdueCol.ROLE: QT_TRANSLATE_NOOP("OverdueTableModel", "Role"),
    OverdueCol.DUE: QT_TRANSLATE_NOOP("OverdueTableModel", "Was due"),
}


class OverdueTableModel(RowTableModel):
    columns = OverdueCol
    headers = _OVERDUE_HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], OverdueCol(index.column())
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == OverdueCol.NUMBER:
                return row.case_no
            if col == OverdueCol.REVIEWER:
                return row.reviewer
            if col == OverdueCol.ROLE:
                return reviewer_text(row.reviewer_role, row.specialty, self._lang)
            return fmt.day(row.due_on)
        return None


class FlaggedCol(IntEnum):
    NUMBER = 0
    STATE = 1
    PROCEDURE = 2
    SPECIALTY = 3
    DISPUTED = 4
    REVIEWERS = 5


_FLAGGED_HEADERS = {
    FlaggedCol.NUMBER: QT_TRANSLATE_NOOP("FlaggedTableModel", "Case no."),
    FlaggedCol.STATE: QT_TRANSLATE_NOOP("FlaggedTableModel", "State"),
    FlaggedCol.PROCEDURE: QT_TRANSLATE_NOOP("FlaggedTableModel", "Procedure"),
    FlaggedCol.SPECIALTY: QT_TRANSLATE_NOOP("FlaggedTableModel", "Specialty"),
    FlaggedCol.DISPUTED: QT_TRANSLATE_NOOP("FlaggedTableModel", "Disputed"),
    FlaggedCol.REVIEWERS: QT_TRANSLATE_NOOP("FlaggedTableModel", "Reviewers"),
}


class FlaggedTableModel(RowTableModel):
    columns = FlaggedCol
    headers = _FLAGGED_HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], FlaggedCol(index.column())
        lang = self._lang
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == FlaggedCol.NUMBER:
                return row.case_no
            if col == FlaggedCol.STATE:
                return fmt.state_text(row.state, lang)
            if col == FlaggedCol.PROCEDURE:
                return fmt.procedure_text(row.procedure, lang)
            if col == FlaggedCol.SPECIALTY:
                return specialty_label(row.specialty, lang)
            if col == FlaggedCol.DISPUTED:
                return "、".join(fmt.element_text(e, lang) for e in row.elements)
            return str(row.active_reviewers)
        return None


class AttentionPanel(QWidget):
    """Overdue opinions and disputed cases; double-click opens the case."""

    case_activated = Signal(int)
    """Emitted on the GUI thread with the id of the case the user opened."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 load_now: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("follow_up")
        self.title = QLabel(self.tr("Follow-up"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.overdue = OverdueTableModel(ctx.lang, self)
        self.flagged = FlaggedTableModel(ctx.lang, self)
        self.overdue_label = QLabel()
        self.flagged_label = QLabel()
        self.overdue_view = self._table(self.overdue, "overdueTable", OverdueCol.ROLE)
        self.flagged_view = self._table(self.flagged, "flaggedTable", FlaggedCol.DISPUTED)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.overdue_label)
        layout.addWidget(self.overdue_view, 1)
        layout.addWidget(self.flagged_label)
        layout.addWidget(self.flagged_view, 1)
        # A bound slot, not a lambda: Qt drops the connection when this widget goes.
        ctx.events.changes_applied.connect(self._on_changes_applied)
        if load_now:
            self.refresh()

    def _table(self, model: QAbstractTableModel, name: str, stretch: int) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.setColumnWidth(0, 110)
        view.doubleClicked.connect(self._on_view_activated)
        view.activated.connect(self._on_view_activated)
        return view

    def refresh(self) -> None:
        self._ctx.run(lambda vault, actor: (overdue_assignments(vault, actor), flagged_cases(vault, actor)),
                      self._on_loaded, parent=self)

    def _on_loaded(self, result: tuple[list[AssignmentRow], list[FlaggedCaseRow]]) -> None:
        overdue, flagged = result
        self.overdue.set_rows(overdue)
        self.flagged.set_rows(flagged)
        self.overdue_label.setText(self.tr("Opinions past their due date: %1")
                                   .replace("%1", str(len(overdue))))
        self.flagged_label.setText(self.tr("Physicians disagree; consider another reviewer: %1")
                                   .replace("%1", str(len(flagged))))

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(int(index.data(CASE_ID_ROLE)))

    @Slot(object)
    def _on_changes_applied(self, changes: Changes) -> None:
        if changes.touches(ChangeKind.CASES, ChangeKind.ASSIGNMENTS, ChangeKind.OPINIONS):
            self.refresh()
