"""The reviewer's landing view: their open assignments, earliest due first, overdue in red."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases.review import MY_ASSIGNMENTS_PAGE, MyAssignments, my_assignments
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.row_model import RowTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class MyAssignmentCol(IntEnum):
    NUMBER = 0
    PATIENT = 1
    PROCEDURE = 2
    DUE = 3
    STATUS = 4
    QUESTION = 5


_HEADERS = {
    MyAssignmentCol.NUMBER: QT_TRANSLATE_NOOP("MyAssignmentTableModel", "Case no."),
    MyAssignmentCol.PATIENT: QT_TRANSLATE_NOOP("MyAssignmentTableModel", "Patient"),
    MyAssignmentCol.PROCEDURE: QT_TRANSLATE_NOOP("MyAssignmentTableModel", "Procedure"),
    MyAssignmentCol.DUE: QT_TRANSLATE_NOOP("MyAssignmentTableModel", "Opinion due"),
    MyAssignmentCol.STATUS: QT_TRANSLATE_NOOP("MyAssignmentTableModel", "Status"),
    MyAssignmentCol.QUESTION: QT_TRANSLATE_NOOP("MyAssignmentTableModel", "Board's question"),
}


class MyAssignmentTableModel(RowTableModel):
    columns = MyAssignmentCol
    headers = _HEADERS

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, col = self._rows[index.row()], MyAssignmentCol(index.column())
        if role == ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == MyAssignmentCol.NUMBER:
                return row.case_no
            if col == MyAssignmentCol.PATIENT:
                return row.alias
            if col == MyAssignmentCol.PROCEDURE:
                return fmt.procedure_text(row.procedure, self._lang)
            if col == MyAssignmentCol.DUE:
                return fmt.day(row.due_on)
            if col == MyAssignmentCol.STATUS:
                return fmt.assignment_status_text(row.status, self._lang)
            return row.question or ""
        if row.overdue:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#a61b1b"))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#fde8e8"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate("MyAssignmentTableModel",
                                                  "The opinion is overdue")
        return None


class MyAssignmentsPanel(QWidget):
    case_activated = Signal(int)
    """Emitted on the GUI thread with the case id when the reviewer opens an assignment."""

    def __init__(self, ctx: AppContext, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self.setObjectName("my_assignments")
        self.title = QLabel(self.tr("My assignments"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setObjectName("assignmentSummary")
        # A busy reviewer's list is read a page at a time; the summary counts all of it.
        self._shown = MY_ASSIGNMENTS_PAGE
        self.more_button = QPushButton()
        self.more_button.setObjectName("moreAssignments")
        self.more_button.clicked.connect(self.show_more)
        self.more_button.hide()
        self.model = MyAssignmentTableModel(ctx.lang, self)
        self.view = QTableView()
        self.view.setObjectName("myAssignmentTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setWordWrap(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(MyAssignmentCol.QUESTION, QHeaderView.ResizeMode.Stretch)
        for col, width in ((MyAssignmentCol.NUMBER, 110), (MyAssignmentCol.PATIENT, 120),
                           (MyAssignmentCol.PROCEDURE, 170), (MyAssignmentCol.DUE, 110),
                           (MyAssignmentCol.STATUS, 110)):
            self.view.setColumnWidth(col, width)
        self.view.doubleClicked.connect(self._on_view_activated)
        self.view.activated.connect(self._on_view_activated)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        more_row = QHBoxLayout()
        more_row.addStretch(1)
        more_row.addWidget(self.more_button)
        layout.addLayout(more_row)
        # A bound slot, not a lambda: Qt drops the connection when this widget goes.
        ctx.events.changes_applied.connect(self._on_changes_applied)
        self.refresh()

    def refresh(self) -> None:
        today, shown = self._today, self._shown
        self._ctx.run(lambda vault, actor: my_assignments(vault, actor, today, limit=shown),
                      self._on_loaded, parent=self)

    def show_more(self) -> None:
        self._shown += MY_ASSIGNMENTS_PAGE
        self.refresh()

    def _on_loaded(self, mine: MyAssignments) -> None:
        self.model.set_rows(mine.rows)
        self.summary.setText(self.tr("%1 to write, %2 overdue").replace("%1", f"{mine.to_write:,}")
                             .replace("%2", f"{mine.overdue:,}"))
        self.summary.setStyleSheet("color: #a61b1b;" if mine.overdue else "")
        self.more_button.setText(self.tr("Show %1 more").replace("%1", str(MY_ASSIGNMENTS_PAGE)))
        self.more_button.setVisible(mine.more)

    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.row_at(index.row()).case_id)

    @Slot(object)
    def _on_changes_applied(self, changes: Changes) -> None:
        if changes.touches(ChangeKind.CASES, ChangeKind.ASSIGNMENTS, ChangeKind.OPINIONS):
            self.refresh()
