"""Helpers shared by the administration tabs: a read-only table, a job with plain-words errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from reviewdesk.ui.context import AppContext, Operation


def make_table(model: Any, name: str, stretch: int | None = None) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def run(ctx: AppContext, owner: QWidget, fn: Operation, on_done: Callable[[Any], None],
        on_error: Callable[[], None] | None = None) -> None:
    """ctx.run with a tidy-up (re-enabling buttons, hiding bars) before the one error dialog."""

    def failed(exc: BaseException) -> None:
        if on_error is not None:
            on_error()
        ctx.show_error(owner, exc)

    ctx.run(fn, on_done, parent=owner, on_error=failed)


def selected_row(view: QTableView) -> int | None:
    rows = view.selectionModel().selectedRows()
    return rows[0].row() if rows else None
