"""QtCharts views of the dashboard's figures; each builder takes plain values and translated words."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter

from reviewdesk.cases.outcomes import FindingOutcome

BLUE, ORANGE, GREY, RED, GREEN = "#3b6ea8", "#d9822b", "#c9ced6", "#b8322a", "#4f8a4b"
OUTCOME_COLOURS = {FindingOutcome.LIABLE: RED, FindingOutcome.PARTLY_LIABLE: ORANGE,
                   FindingOutcome.NOT_LIABLE: GREEN, FindingOutcome.DEFERRED: GREY}
MIN_HEIGHT = 260


def new_view(name: str) -> QChartView:
    view = QChartView()
    view.setObjectName(name)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(MIN_HEIGHT)
    view.setMinimumWidth(360)
    return view


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(max(font.pointSizeF(), 10.5))
    chart.setTitleFont(font)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setVisible(False)
    return chart


def nice_step(maximum: float, ticks: int = 5) -> int:
    """A whole step of 1, 2 or 5 times a power of ten giving at most `ticks` intervals."""
    rough = max(maximum, 1) / ticks
    power = 10 ** max(0, math.floor(math.log10(rough)))
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return int(factor * power)
    return int(10 * power)


def _count_axis(maximum: float) -> QValueAxis:
    axis = QValueAxis()
    step = nice_step(maximum)
    top = step * max(1, math.ceil(max(maximum, 1) * 1.05 / step))  # room above the tallest
    axis.setRange(0, top)
    axis.setTickCount(int(top // step) + 1)
    axis.setLabelFormat("%d")
    return axis


def _category_axis(labels: Sequence[str]) -> QBarCategoryAxis:
    axis = QBarCategoryAxis()
    axis.append(list(labels))
    axis.setTruncateLabels(False)  # short Japanese labels fit; "…" would hide them all
    font = QFont(axis.labelsFont())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7.5))
    axis.setLabelsFont(font)
    return axis


def _install(view: QChartView, chart: QChart) -> None:
    old = view.chart()
    view.setChart(chart)
    if old is not None and old is not chart:
        old.deleteLater()


def horizontal_bars(view: QChartView, title: str, labels: Sequence[str], values: Sequence[int],
                    colour: str = BLUE) -> None:
    """One bar per label, top to bottom in the order given."""
    chart = _chart(title)
    bars = QBarSet(title)
    bars.setColor(QColor(colour))
    bars.setBorderColor(QColor(colour))
    bars.append([float(v) for v in reversed(values)])  # a horizontal series draws bottom up
    series = QHorizontalBarSeries()
    series.append(bars)
    chart.addSeries(series)
    categories = _category_axis(list(reversed(labels)))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    axis = _count_axis(max(values, default=0))
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    _install(view, chart)


def columns(view: QChartView, title: str, labels: Sequence[str],
            sets: Sequence[tuple[str, str, Sequence[float]]]) -> None:
    """Vertical bars per label; sets are (name, colour, values); a legend when more than one."""
    chart = _chart(title)
    series = QBarSeries()
    top = 0.0
    for name, colour, values in sets:
        bars = QBarSet(name)
        bars.setColor(QColor(colour))
        bars.setBorderColor(QColor(colour))
        bars.append([float(v) for v in values])
        series.append(bars)
        top = max(top, *values, 0.0)
    chart.addSeries(series)
    categories = _category_axis(labels)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    axis = _count_axis(top)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    if len(sets) > 1:
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    _install(view, chart)


def pie(view: QChartView, title: str, slices: Sequence[tuple[str, str, int]],
        empty_text: str) -> None:
    """Slices are (label, colour, count); labelled with their counts; a grey ring when empty."""
    chart = _chart(title)
    series = QPieSeries()
    series.setHoleSize(0.35)
    shown = [(label, colour, n) for label, colour, n in slices if n > 0]
    if not shown:
        piece = series.append(empty_text, 1)
        piece.setColor(QColor(GREY))
        piece.setLabelVisible(True)
    for label, colour, n in shown:
        piece = series.append(f"{label} {n:,}", n)
        piece.setColor(QColor(colour))
        piece.setLabelVisible(True)
    chart.addSeries(series)
    _install(view, chart)


def used_against_limits(view: QChartView, title: str, labels: Sequence[str],
                        shares: Sequence[float], used_name: str, remaining_name: str) -> None:
    """Stacked bars in per cent: each contract's used share, then what remains."""
    chart = _chart(title)
    used, remaining = QBarSet(used_name), QBarSet(remaining_name)
    used.setColor(QColor(ORANGE))
    used.setBorderColor(QColor(ORANGE))
    remaining.setColor(QColor(GREY))
    remaining.setBorderColor(QColor(GREY))
    clipped = [min(max(s, 0.0), 1.0) * 100 for s in reversed(shares)]
    used.append(clipped)
    remaining.append([100 - v for v in clipped])
    series = QHorizontalStackedBarSeries()
    series.append(used)
    series.append(remaining)
    chart.addSeries(series)
    categories = _category_axis(list(reversed(labels)))
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    axis = QValueAxis()
    axis.setRange(0, 100)
    axis.setTickCount(6)
    axis.setLabelFormat("%d%%")
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    _install(view, chart)
