"""The history tab: a case's audit events in a table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from reviewdesk.cases.history import HistoryRow
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.row_model import RowTableModel

ACTION_LABELS: dict[str, tuple[str, str]] = {
    "case.register": ("受付", "Registered"),
    "case.coverage_check": ("受理審査", "Coverage check"),
    "case.coverage_override": ("受理審査の覆し", "Coverage overridden"),
    "case.not_covered": ("対象外", "Not covered"),
    "case.withdraw": ("取下げ", "Withdrawn"),
    "case.close": ("完結", "Closed"),
    "case.reopen": ("再開", "Reopened"),
    "case.transition": ("状態の変更", "State changed"),
    "document.add": ("資料の追加", "Document added"),
    "assignment.add": ("査読委員の指名", "Reviewer assigned"),
    "assignment.create": ("査読委員の指名", "Reviewer assigned"),
    "case.decide": ("決定", "Decided"),
    "case.notify": ("通知", "Notified"),
    "case.notified": ("通知", "Notified"),
    "case.appeal": ("異議申立", "Appeal registered"),
    "meeting.agenda_add": ("会議の議題に追加", "Put on a meeting's agenda"),
    "meeting.recusal": ("審議からの除斥", "Recusal"),
    "assignment.conflict": ("利益相反の申告", "Conflict declared"),
    "opinion.save": ("査読意見の保存", "Opinion saved"),
    "opinion.submit": ("査読意見の提出", "Opinion submitted"),
    "finding.record": ("審査結果の記録", "Finding recorded"),
    "assessment.compute": ("査定の計算", "Assessment computed"),
    "assessment.approve": ("査定の承認", "Assessment approved"),
    "letter.issue": ("通知書の発行", "Letter issued"),
    "letter.sign": ("通知書の署名", "Letter signed"),
}


DETAIL_LABELS: dict[str, tuple[str, str]] = {
    "case_no": ("事案番号", "case no."), "procedure": ("施術", "procedure"),
    "covered": ("受理審査", "coverage"), "filename": ("ファイル", "file"), "size": ("サイズ", "size"),
    "username": ("利用者", "user"), "version": ("版", "version"), "outcome": ("結果", "outcome"),
    "state": ("状態", "state"), "due_on": ("期限", "due"),
}


def detail_text(detail: dict[str, object], lang: str) -> str:
    parts = []
    for key, value in detail.items():
        label = DETAIL_LABELS.get(key, (key, key))[0 if lang == "ja" else 1]
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


def action_text(action: str, lang: str) -> str:
    pair = ACTION_LABELS.get(action)
    if pair is None:
        return action
    return pair[0] if lang == "ja" else pair[1]


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
                return row.username
            if col == HistoryCol.ACTION:
                return action_text(row.action, self._lang)
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
        header.setSectionResizeMode(HistoryCol.DETAIL, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(HistoryCol.AT, 140)
        self.view.setColumnWidth(HistoryCol.USER, 120)
        self.view.setColumnWidth(HistoryCol.ACTION, 150)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)

    def set_rows(self, rows: list[HistoryRow]) -> None:
        self.model.set_rows(rows)
