"""CaseListPanel: filters, debounced search, saved filters and the lazily paged case table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import REVIEWER_ROLES
from reviewdesk.cases import saved_filters
from reviewdesk.cases.members import COURSES
from reviewdesk.cases.queries import CaseFilter, SortKey, list_cases, listed_count
from reviewdesk.cases.states import CaseState
from reviewdesk.store.changes import Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_list.model import CaseCol, CaseQuery, CaseTableModel
from reviewdesk.ui.context import AppContext

SEARCH_DEBOUNCE_MS = 350
FIRST_YEAR = 2000
_LAYOUT_KEY = "case_list/header"


class CaseListPanel(QWidget):
    """The list of cases the actor may see; reviewers land on their own assignments."""

    case_activated = Signal(int)
    """Emitted on the GUI thread when the user opens a case (double click or Enter); the case id."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 load_now: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.model = CaseTableModel(
            ctx.tasks,
            lambda q, offset, limit: list_cases(ctx.vault, ctx.actor, q.criteria, sort=q.sort,
                                                descending=q.descending, offset=offset,
                                                limit=limit),
            lambda q: listed_count(ctx.vault, ctx.actor, q.criteria),
            lang=ctx.lang, parent=self)
        self._saved: list[saved_filters.SavedFilterRow] = []
        self._build()
        self.model.total_changed.connect(self._on_model_total_changed)
        self.model.loading_changed.connect(self._on_model_loading_changed)
        self.model.load_failed.connect(self._on_model_load_failed)
        # A bound slot, not a lambda: Qt drops the connection when this widget goes.
        ctx.events.changes_applied.connect(self._on_changes_applied)
        self._load_reviewers()
        self._load_saved_filters()
        # A reviewer lands on their assignments; their list loads when first shown.
        self._loaded = False
        if load_now:
            self._load_first_time()

    # Building ----------------------------------------------------------------------------

    def _build(self) -> None:
        lang = self._ctx.lang
        self.title = QLabel(self.tr("Cases"))
        self.title.setObjectName("panelTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Search summaries, opinions, documents…"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())

        self.state_combo = QComboBox()
        self.state_combo.addItem(self.tr("All states"), "")
        for state in CaseState:
            self.state_combo.addItem(fmt.state_text(state.value, lang), state.value)
        self.course_combo = QComboBox()
        self.course_combo.addItem(self.tr("All courses"), "")
        for code in COURSES:
            self.course_combo.addItem(fmt.course_text(code, lang), code)
        self.reviewer_combo = QComboBox()
        self.reviewer_combo.addItem(self.tr("All reviewers"), 0)
        self.reviewer_combo.setVisible(self._ctx.may(Action.LIST_USERS))
        self.year_combo = QComboBox()
        self.year_combo.addItem(self.tr("All years"), 0)
        for year in range(date.today().year + 1, FIRST_YEAR - 1, -1):
            self.year_combo.addItem(self.tr("%1 claims").replace("%1", str(year)), year)
        for combo in (self.state_combo, self.course_combo, self.reviewer_combo, self.year_combo):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())

        self.saved_combo = QComboBox()
        self.saved_combo.setObjectName("savedFilters")
        self.saved_combo.setMinimumWidth(140)
        self.saved_combo.activated.connect(self._on_saved_combo_activated)
        self.save_filter_button = QPushButton(self.tr("Save filter…"))
        self.save_filter_button.clicked.connect(self._on_save_filter_clicked)
        self.delete_filter_button = QPushButton(self.tr("Delete"))
        self.delete_filter_button.clicked.connect(self._on_delete_filter_clicked)

        self.count_label = QLabel()
        self.count_label.setObjectName("caseCount")
        self.count_label.setMinimumWidth(120)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()

        self.view = QTableView()
        self.view.setObjectName("caseTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.setSortingEnabled(True)
        header = self.view.horizontalHeader()
        header.setSortIndicator(CaseCol.NUMBER, Qt.SortOrder.DescendingOrder)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionsMovable(True)
        for col, width in ((CaseCol.NUMBER, 100), (CaseCol.STATE, 90), (CaseCol.MEMBER, 220),
                           (CaseCol.PROCEDURE, 150), (CaseCol.OUTCOME, 80),
                           (CaseCol.CLAIM_DATE, 100), (CaseCol.DUE_DATE, 100),
                           (CaseCol.AMOUNT, 120)):
            self.view.setColumnWidth(col, width)
        header.setSectionResizeMode(CaseCol.MEMBER, QHeaderView.ResizeMode.Stretch)
        saved_layout = self._ctx.settings.bytes_value(_LAYOUT_KEY)
        if saved_layout is not None:
            header.restoreState(saved_layout)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.activated.connect(self._on_view_double_clicked)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        for w in (self.state_combo, self.course_combo, self.reviewer_combo, self.year_combo):
            filters.addWidget(w, 1)
        saved = QHBoxLayout()
        saved.addWidget(QLabel(self.tr("Saved filters:")))
        saved.addWidget(self.saved_combo)
        saved.addWidget(self.save_filter_button)
        saved.addWidget(self.delete_filter_button)
        saved.addStretch(1)
        saved.addWidget(self.busy)
        saved.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addLayout(saved)
        layout.addWidget(self.view, 1)

    def _load_first_time(self) -> None:
        if not self._loaded:
            self._loaded = True
            self.apply_filters()

    def showEvent(self, event: QShowEvent) -> None:
        self._load_first_time()
        super().showEvent(event)

    # Filters -----------------------------------------------------------------------------

    def criteria(self) -> CaseFilter:
        state = self.state_combo.currentData()
        reviewer = int(self.reviewer_combo.currentData() or 0)
        year = int(self.year_combo.currentData() or 0)
        own = self._ctx.actor.user_id if self._ctx.actor.is_reviewer else None
        return CaseFilter(
            states=(state,) if state else (),
            course=self.course_combo.currentData() or None,
            reviewer_id=reviewer or own,
            year=year or None,
            search=self.search_edit.text().strip(),
        )

    def set_criteria(self, f: CaseFilter) -> None:
        """Shows saved criteria in the widgets, then applies them once."""
        widgets = (self.state_combo, self.course_combo, self.reviewer_combo, self.year_combo,
                   self.search_edit)
        for w in widgets:
            w.blockSignals(True)
        try:
            self._select(self.state_combo, f.states[0] if f.states else "")
            self._select(self.course_combo, f.course or "")
            self._select(self.reviewer_combo, f.reviewer_id or 0)
            self._select(self.year_combo, f.year or 0)
            self.search_edit.setText(f.search)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.apply_filters()

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def apply_filters(self) -> None:
        self._search_timer.stop()
        current = self.model.query
        self.model.set_query(CaseQuery(self.criteria(), current.sort, current.descending))

    def focus_search(self) -> None:
        self._load_first_time()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def refresh(self) -> None:
        self.model.refresh()

    def selected_case_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.id if row else None

    def save_layout(self) -> None:
        self._ctx.settings.set_bytes_value(_LAYOUT_KEY, self.view.horizontalHeader().saveState())

    # Reviewers and saved filters ---------------------------------------------------------

    def _load_reviewers(self) -> None:
        if not self._ctx.may(Action.LIST_USERS):
            return
        from reviewdesk.auth.users import list_users
        self._ctx.run(lambda vault, actor: [u for u in list_users(vault, actor) if u.role in REVIEWER_ROLES],
                      self._on_reviewers_loaded,
                      parent=self)

    def _on_reviewers_loaded(self, users: list) -> None:
        self.reviewer_combo.blockSignals(True)
        for user in users:
            self.reviewer_combo.addItem(user.display_name, user.id)
        self.reviewer_combo.blockSignals(False)

    def _load_saved_filters(self) -> None:
        self._ctx.run(saved_filters.list_saved_filters,
                      self._on_saved_filters_loaded,
                      parent=self)

    def _on_saved_filters_loaded(self, rows: list[saved_filters.SavedFilterRow]) -> None:
        self._saved = rows
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("(choose)"), 0)
        for row in rows:
            self.saved_combo.addItem(row.name, row.id)
        self.delete_filter_button.setEnabled(bool(rows))

    def _on_saved_combo_activated(self, index: int) -> None:
        filter_id = self.saved_combo.itemData(index)
        for row in self._saved:
            if row.id == filter_id:
                self.set_criteria(row.criteria)

    def _on_save_filter_clicked(self) -> None:
        name = self._ctx.prompts.ask_text(self, self.tr("Save filter"),
                                          self.tr("Name of this filter:"))
        if not name:
            return
        criteria = self.criteria()
        self._ctx.run(lambda vault, actor: saved_filters.save_filter(vault, actor, name, criteria),
                      lambda _id: self._load_saved_filters(),
                      parent=self)

    def _on_delete_filter_clicked(self) -> None:
        filter_id = int(self.saved_combo.currentData() or 0)
        if not filter_id:
            return
        name = self.saved_combo.currentText()
        if not self._ctx.prompts.confirm(self, self.tr("Delete filter"),
                                         self.tr("Delete the saved filter “%1”?").replace("%1", name)):
            return
        self._ctx.run(lambda vault, actor: saved_filters.delete_filter(vault, actor, filter_id),
                      lambda _r: self._load_saved_filters(),
                      parent=self)

    # Model signals -----------------------------------------------------------------------

    def _on_model_total_changed(self, total: int, more: bool) -> None:
        shown = f"{total:,}"
        if more:  # a search found more than the list counts (queries.listed_count)
            self.count_label.setText(self.tr("More than %1 cases (the first %1 listed)").replace("%1", shown))
            self.count_label.setToolTip(self.tr("The list shows the first %1. Add a word to the search "
                                                "to narrow it down.").replace("%1", shown))
        else:
            self.count_label.setText(self.tr("%1 cases").replace("%1", shown))
            self.count_label.setToolTip("")

    def _on_model_loading_changed(self, loading: bool) -> None:
        self.busy.setVisible(loading)

    def _on_model_load_failed(self, exc: BaseException) -> None:
        self._ctx.show_error(self, exc)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:  # a row still loading opens nothing
            self.case_activated.emit(row.id)


    @Slot(object)
    def _on_changes_applied(self, changes: Changes) -> None:
        # Any case row may show a new state, outcome, amount or due date.
        if self._loaded and changes.case_ids:
            self.model.refresh_for_changes()


__all__ = ["CaseListPanel", "SortKey"]
