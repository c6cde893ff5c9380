"""DashboardPanel: key figures, six charts and the aggregate table, loaded off the GUI thread."""

from __future__ import annotations

import calendar
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.cases.statistics import AggregateUse, Dashboard, aggregate_uses, dashboard
from reviewdesk.letters.maintenance import letters_needing_maintenance
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.dashboard import charts
from reviewdesk.ui.dashboard.models import AggregateCol, AggregateTableModel

CHARTED_CONTRACTS = 8  # the fullest; the table below lists them all


# What the figures are computed from.
DASHBOARD_KINDS = (ChangeKind.CASES, ChangeKind.ASSIGNMENTS, ChangeKind.OPINIONS, ChangeKind.FINDINGS,
                   ChangeKind.ASSESSMENTS, ChangeKind.PAYMENTS, ChangeKind.MEMBERS, ChangeKind.LETTERS)


class _Figure(QFrame):
    """A key figure: a large value over its caption."""

    def __init__(self, name: str, caption: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("–")
        self.value.setObjectName(f"{name}Value")
        self.value.setStyleSheet("font-size: 17pt; font-weight: bold;")
        self.caption = QLabel(caption)
        self.caption.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class DashboardPanel(QWidget):
    dashboard_loaded = Signal(object)
    """Emitted on the GUI thread with the Dashboard just shown."""

    def __init__(self, ctx: AppContext, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._today = today
        self._stale = False
        self._loading = False
        self._again = False  # changes arrived while the figures were being read
        self.data: Dashboard | None = None
        self.title = QLabel(self.tr("Dashboard"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.as_of = QLabel()
        self.as_of.setObjectName("dashboardAsOf")
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("dashboardRefresh")
        self.refresh_button.clicked.connect(self.refresh)

        self.figures = {
            "open": _Figure("figureOpen", self.tr("Open cases")),
            "overdue": _Figure("figureOverdue", self.tr("Overdue reviews")),
            "findings": _Figure("figureFindings", self.tr("Findings this year")),
            "payouts": _Figure("figurePayouts", self.tr("Paid this year")),
            "median": _Figure("figureMedian", self.tr("Median days, intake to decision")),
            "renewal": _Figure("figureRenewal", self.tr("Letters needing long-term renewal")),
        }
        self.state_chart = charts.new_view("stateChart")
        self.outcome_chart = charts.new_view("outcomeChart")
        self.month_chart = charts.new_view("monthChart")
        self.payout_chart = charts.new_view("payoutChart")
        self.aggregate_chart = charts.new_view("aggregateChart")
        self.duration_chart = charts.new_view("durationChart")

        self.aggregate_model = AggregateTableModel(ctx.lang, self)
        self.aggregate_view = QTableView()
        self.aggregate_view.setObjectName("aggregateTable")
        self.aggregate_view.setModel(self.aggregate_model)
        self.aggregate_view.verticalHeader().hide()
        self.aggregate_view.verticalHeader().setDefaultSectionSize(24)
        self.aggregate_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.aggregate_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.aggregate_view.setMinimumHeight(180)
        header = self.aggregate_view.horizontalHeader()
        header.setSectionResizeMode(AggregateCol.MEMBER, QHeaderView.ResizeMode.Stretch)
        for col, width in ((AggregateCol.CONTRACT, 120), (AggregateCol.PERIOD, 190),
                           (AggregateCol.LIMIT, 130), (AggregateCol.USED, 130),
                           (AggregateCol.REMAINING, 130), (AggregateCol.SHARE, 80)):
            self.aggregate_view.setColumnWidth(col, width)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(12)
        top.addWidget(self.as_of)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        figures = QHBoxLayout()
        for figure in self.figures.values():
            figures.addWidget(figure, 1)
        grid = QGridLayout()
        for i, view in enumerate((self.state_chart, self.outcome_chart, self.month_chart,
                                  self.aggregate_chart, self.duration_chart, self.payout_chart)):
            grid.addWidget(view, i // 3, i % 3)
        self.aggregate_heading = QLabel(
            self.tr("Annual aggregates by contract year, fullest first (in force: bold)"))
        self.aggregate_heading.setStyleSheet("font-weight: bold;")
        # The table lists the fullest contract years; the board has thousands, read on request.
        self._all_aggregates = False
        self.all_aggregates_button = QPushButton()
        self.all_aggregates_button.setObjectName("allAggregates")
        self.all_aggregates_button.clicked.connect(self.show_all_aggregates)
        self.all_aggregates_button.hide()
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(figures)
        inner.addLayout(grid)
        inner.addWidget(self.aggregate_heading)
        inner.addWidget(self.aggregate_view)
        all_row = QHBoxLayout()
        all_row.addStretch(1)
        all_row.addWidget(self.all_aggregates_button)
        inner.addLayout(all_row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        ctx.events.changes_applied.connect(self._on_changes_applied)
        self.refresh()

    # Loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        today = self._today
        self._stale = self._again = False
        self._loading = True
        self.refresh_button.setEnabled(False)
        self._ctx.run(lambda vault, actor: dashboard(vault, actor, today), self._show, parent=self,
                      on_error=self._on_failed)
        if allowed(self._ctx.actor, Action.READ_ALL_CASES):  # reviewers read no letters
            self._ctx.run(letters_needing_maintenance, self._show_renewal, parent=self)

    def _show_renewal(self, count: int) -> None:
        figure = self.figures["renewal"].value
        figure.setText(f"{count:,}")
        figure.setStyleSheet("font-size: 17pt; font-weight: bold;" + (" color: #a61b1b;" if count else ""))

    def _on_changes_applied(self, changes: Changes) -> None:
        if not changes.touches(*DASHBOARD_KINDS):
            return
        if not self.isVisible():  # the figures are read again when the tab is shown
            self._stale = True
        elif self._loading:  # once more when these are in, not once per commit of the board
            self._again = True
        else:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def show_all_aggregates(self) -> None:
        self._all_aggregates = True
        self.all_aggregates_button.hide()
        today = self._today
        self._ctx.run(lambda vault, actor: aggregate_uses(vault, actor, today), self._show_aggregates,
                      parent=self)

    def _show_aggregates(self, rows: tuple[AggregateUse, ...]) -> None:
        self.aggregate_model.set_rows(rows)

    def _loaded(self) -> None:
        self._loading = False
        self.refresh_button.setEnabled(True)
        if self._again:
            self.refresh()

    def _on_failed(self, exc: BaseException) -> None:
        self._loading = self._again = False
        self.refresh_button.setEnabled(True)
        self._ctx.show_error(self, exc)

    def _show(self, d: Dashboard) -> None:
        self.data = d
        lang = self._ctx.lang
        self.as_of.setText(self.tr("as of %1").replace("%1", fmt.day(d.today)))
        self.figures["open"].value.setText(
            self.tr("%1 of %2").replace("%1", f"{d.open_cases:,}").replace("%2", f"{d.total_cases:,}"))
        self.figures["overdue"].value.setText(
            self.tr("%1 (%2 cases)").replace("%1", f"{d.overdue_reviews:,}")
            .replace("%2", f"{d.overdue_cases:,}"))
        self.figures["overdue"].value.setStyleSheet(
            "font-size: 17pt; font-weight: bold;" + (" color: #a61b1b;" if d.overdue_reviews else ""))
        self.figures["findings"].value.setText(f"{d.findings_total:,}")
        self.figures["payouts"].value.setText(fmt.yen(d.payouts_total, lang))
        self.figures["median"].value.setText(
            "–" if d.decision_days_median is None else f"{d.decision_days_median:g}")
        self._draw_charts(d)
        self.aggregate_model.set_rows(d.aggregates)
        self.all_aggregates_button.setText(self.tr("Show all %1 contract years")
                                           .replace("%1", f"{d.aggregate_years:,}"))
        self.all_aggregates_button.setVisible(not self._all_aggregates
                                              and d.aggregate_years > len(d.aggregates))
        if self._all_aggregates:
            self.show_all_aggregates()
        self.dashboard_loaded.emit(d)
        self._loaded()

    def _draw_charts(self, d: Dashboard) -> None:
        lang = self._ctx.lang
        charts.horizontal_bars(self.state_chart, self.tr("Cases by state"),
                               [f"{fmt.state_text(s.state, lang)} {s.count:,}" for s in d.by_state],
                               [s.count for s in d.by_state])
        charts.pie(self.outcome_chart, self.tr("Findings in %1").replace("%1", str(d.year)),
                   [(fmt.finding_text(f.outcome, lang),
                     charts.OUTCOME_COLOURS.get(f.outcome, charts.GREY), f.count)
                    for f in d.findings], self.tr("No findings yet"))
        months = [self._month(m.month) for m in d.months]
        charts.columns(self.month_chart,
                       self.tr("Received and found by month, %1").replace("%1", str(d.year)),
                       months, [(self.tr("Received"), charts.BLUE, [m.received for m in d.months]),
                                (self.tr("Findings"), charts.ORANGE, [m.findings for m in d.months])])
        charts.columns(self.payout_chart,
                       self.tr("Paid by month, %1 (10,000 yen)").replace("%1", str(d.year)),
                       months, [(self.tr("Paid"), charts.RED, [m.payouts / 10_000 for m in d.months])])
        shown = d.aggregates[:CHARTED_CONTRACTS]
        charts.used_against_limits(self.aggregate_chart,
                                   self.tr("Annual aggregate used (fullest contract years)"),
                                   [a.contract_no for a in shown], [a.share for a in shown],
                                   self.tr("Used"), self.tr("Remaining"))
        median = ("–" if d.decision_days_median is None else f"{d.decision_days_median:g}")
        charts.columns(self.duration_chart,
                       self.tr("Days from intake to decision (past year; median %1)").replace("%1", median),
                       [f"≤{b.last_day}" if b.last_day is not None else f">{b.first_day - 1}"
                        for b in d.decision_buckets],
                       [(self.tr("Decisions"), charts.GREEN, [b.count for b in d.decision_buckets])])

    def _month(self, month: int) -> str:
        return str(month) if self._ctx.lang == "ja" else calendar.month_abbr[month]
