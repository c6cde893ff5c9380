"""CaseTableModel: CaseRow pages fetched lazily through the task runner, sorted by the query."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from reviewdesk.cases.due import AWAITING, is_overdue
from reviewdesk.cases.queries import CaseFilter, CaseRow, SortKey
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.tasks import TaskRunner

PAGE_SIZE = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 3

# States in which an assignment's due date still matters.


class CaseCol(IntEnum):
    NUMBER = 0
    STATE = 1
    MEMBER = 2
    PROCEDURE = 3
    OUTCOME = 4
    CLAIM_DATE = 5
    DUE_DATE = 6
    AMOUNT = 7


SORT_KEYS: dict[CaseCol, SortKey] = {
    CaseCol.NUMBER: SortKey.NUMBER, CaseCol.STATE: SortKey.STATE, CaseCol.MEMBER: SortKey.MEMBER,
    CaseCol.PROCEDURE: SortKey.PROCEDURE, CaseCol.OUTCOME: SortKey.OUTCOME,
    CaseCol.CLAIM_DATE: SortKey.CLAIM_DATE, CaseCol.DUE_DATE: SortKey.DUE_DATE,
    CaseCol.AMOUNT: SortKey.AMOUNT,
}

_HEADERS = {
    CaseCol.NUMBER: QT_TRANSLATE_NOOP("CaseTableModel", "Case no."),
    CaseCol.STATE: QT_TRANSLATE_NOOP("CaseTableModel", "State"),
    CaseCol.MEMBER: QT_TRANSLATE_NOOP("CaseTableModel", "Member"),
    CaseCol.PROCEDURE: QT_TRANSLATE_NOOP("CaseTableModel", "Procedure"),
    CaseCol.OUTCOME: QT_TRANSLATE_NOOP("CaseTableModel", "Finding"),
    CaseCol.CLAIM_DATE: QT_TRANSLATE_NOOP("CaseTableModel", "Claim date"),
    CaseCol.DUE_DATE: QT_TRANSLATE_NOOP("CaseTableModel", "Opinion due"),
    CaseCol.AMOUNT: QT_TRANSLATE_NOOP("CaseTableModel", "Amount"),
}


@dataclass(frozen=True)
class CaseQuery:
    criteria: CaseFilter
    sort: SortKey
    descending: bool


# (query, offset, limit) -> rows, and query -> (rows in all, whether more cases match than
# those: queries.listed_count); both plain callables run off the GUI thread.
PageLoader = Callable[[CaseQuery, int, int], list[CaseRow]]
CountLoader = Callable[[CaseQuery], tuple[int, bool]]


class CaseTableModel(QAbstractTableModel):
    """Every matching case is a row from the start; pages of rows load when the view asks.

    rowCount() is the total, so the scroll bar is true and Ctrl+End jumps straight to the
    last case: only the pages the view paints are read (off the GUI thread), and at most
    MAX_PAGES stay in memory. A row not yet read shows an ellipsis until its page arrives.
    `_generation` drops pages that arrive after the query changed.
    """

    loading_changed = Signal(bool)
    """Emitted on the GUI thread when a count or page request starts (True) or ends (False)."""
    total_changed = Signal(int, bool)
    """Emitted on the GUI thread with the number of rows for the current query, and whether more
    cases match than that (queries.listed_count)."""
    load_failed = Signal(object)
    """Emitted on the GUI thread with the exception of a failed count or page request."""

    MAX_PAGES = 60

    def __init__(self, tasks: TaskRunner, load_page: PageLoader, count: CountLoader,
                 lang: str = "ja", today: date | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks, self._load_page, self._count = tasks, load_page, count
        self._more = False
        self._lang = lang
        self._today = today or date.today()
        self._pages: OrderedDict[int, list[CaseRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._wanted: set[int] = set()
        self._total = 0
        self._query = CaseQuery(CaseFilter(), SortKey.NUMBER, True)
        self._generation = 0
        self._counting = False
        self._again = False  # changes arrived while the first page was being read
        # Requests leave data() through a zero-delay timer: data() must never re-enter the model.
        self._request_timer = QTimer(self)
        self._request_timer.setSingleShot(True)
        self._request_timer.setInterval(0)
        self._request_timer.timeout.connect(self._request_wanted)

    # Queries -----------------------------------------------------------------------------

    @property
    def query(self) -> CaseQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def more(self) -> bool:
        """More cases match than the rows listed."""
        return self._more

    @property
    def busy(self) -> bool:
        return self._counting or bool(self._pending)

    def set_query(self, query: CaseQuery) -> None:
        """Replaces the criteria or order: counts again and loads the first page."""
        self._query = query
        self.refresh()

    def refresh_for_changes(self) -> None:
        """Reads again after a change, but never twice at once: changes that arrive while the
        count and first page are being read ask for one more read when they are in. With the
        whole board writing, each open list would otherwise start a search per commit."""
        if self._counting:
            self._again = True
        else:
            self.refresh()

    def refresh(self) -> None:
        self._again = False
        self._generation += 1
        generation, query = self._generation, self._query
        self._counting = True
        self._pending.clear()
        self._wanted.clear()
        self.loading_changed.emit(True)

        def job() -> tuple[tuple[int, bool], list[CaseRow]]:
            return self._count(query), self._load_page(query, 0, PAGE_SIZE)

        self._tasks.submit(job, lambda result: self._on_first_page(generation, result),
                           lambda exc: self._on_failed(generation, exc), self)

    def _on_first_page(self, generation: int, result: tuple[tuple[int, bool], list[CaseRow]]) -> None:
        if generation != self._generation:
            return
        (total, more), rows = result
        self.beginResetModel()
        self._pages = OrderedDict({0: list(rows)}) if rows else OrderedDict()
        self._total, self._more = total, more
        self.endResetModel()
        self._counting = False
        self.loading_changed.emit(self.busy)
        self.total_changed.emit(self._total, self._more)
        if self._again:
            self.refresh()

    def _on_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._counting = False
        self._again = False
        self._pending.clear()
        self.loading_changed.emit(False)
        self.load_failed.emit(exc)

    def ensure_loaded(self, row: int) -> None:
        """Asks for the page holding `row` (the benchmarks and Ctrl+End use it)."""
        self._want(row // PAGE_SIZE)

    def _want(self, page: int) -> None:
        if page not in self._pages and page not in self._pending:
            self._wanted.add(page)
            self._request_timer.start()

    def _request_wanted(self) -> None:
        generation, query = self._generation, self._query
        wanted, self._wanted = sorted(self._wanted), set()
        for page in wanted:
            if page in self._pages or page in self._pending:
                continue
            self._pending.add(page)
            self._tasks.submit(
                lambda page=page: self._load_page(query, page * PAGE_SIZE, PAGE_SIZE),
                lambda rows, page=page: self._on_page(generation, page, rows),
                lambda exc: self._on_failed(generation, exc), self)
        self.loading_changed.emit(self.busy)

    def _on_page(self, generation: int, page: int, rows: list[CaseRow]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(page)
        self._pages[page] = list(rows)
        while len(self._pages) > self.MAX_PAGES:  # forget the page used longest ago
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(first + PAGE_SIZE, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(CaseCol) - 1))
        self.loading_changed.emit(self.busy)

    def is_loaded(self, row: int) -> bool:
        page = self._pages.get(row // PAGE_SIZE)
        return page is not None and row % PAGE_SIZE < len(page)

    # Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CaseCol)

    def row_at(self, row: int) -> CaseRow | None:
        """The case on a row, or None while its page has not arrived."""
        page = self._pages.get(row // PAGE_SIZE)
        if page is None or row % PAGE_SIZE >= len(page):
            return None
        self._pages.move_to_end(row // PAGE_SIZE)
        return page[row % PAGE_SIZE]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(CaseCol)):
            return QCoreApplication.translate("CaseTableModel", _HEADERS[CaseCol(section)])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(CaseCol):
            query = CaseQuery(self._query.criteria, SORT_KEYS[CaseCol(column)],
                              order == Qt.SortOrder.DescendingOrder)
            # The view re-announces its indicator (setSortingEnabled, restoring the header):
            # the same order needs no new query.
            if query != self._query:
                self.set_query(query)

    def is_overdue(self, row: CaseRow) -> bool:
        # The row's due date is that of an opinion still awaited (queries._due).
        return is_overdue(AWAITING, row.due_date, self._today, row.state)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._total:
            return None
        row, col = self.row_at(index.row()), CaseCol(index.column())
        if row is None:
            self._want(index.row() // PAGE_SIZE)
            if role == Qt.ItemDataRole.DisplayRole:
                return "…" if col == CaseCol.NUMBER else ""
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == ID_ROLE:
            return row.id
        if role == RAW_ROLE:
            return self._raw(row, col)
        if role == OVERDUE_ROLE:
            return self.is_overdue(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == CaseCol.AMOUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and self.is_overdue(row):
            return QBrush(QColor("#a61b1b"))
        if role == Qt.ItemDataRole.BackgroundRole and self.is_overdue(row):
            return QBrush(QColor("#fde8e8"))
        if role == Qt.ItemDataRole.ToolTipRole and self.is_overdue(row):
            return QCoreApplication.translate("CaseTableModel", "The opinion is overdue")
        return None

    def _display(self, row: CaseRow, col: CaseCol) -> str:
        lang = self._lang
        if col == CaseCol.NUMBER:
            return row.number
        if col == CaseCol.STATE:
            return fmt.state_text(row.state, lang)
        if col == CaseCol.MEMBER:
            return row.member
        if col == CaseCol.PROCEDURE:
            return fmt.procedure_text(row.procedure, lang)
        if col == CaseCol.OUTCOME:
            return fmt.finding_text(row.outcome, lang)
        if col == CaseCol.CLAIM_DATE:
            return fmt.day(row.claim_date)
        if col == CaseCol.DUE_DATE:
            return fmt.day(row.due_date)
        return fmt.yen(row.amount, lang)

    @staticmethod
    def _raw(row: CaseRow, col: CaseCol) -> Any:
        value = (row.number, row.state, row.member, row.procedure, row.outcome or "",
                 row.claim_date.isoformat(), row.due_date.isoformat() if row.due_date else "",
                 row.amount if row.amount is not None else -1)[col]
        return value
