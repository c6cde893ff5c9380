"""The button row of a dialog: its action is what Enter does; Cancel never takes over."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QPushButton, QWidget


def action_buttons(dialog: QDialog, text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and the dialog's action. The box is made inside the dialog so setDefault takes
    effect; otherwise the dialog later picks its first auto-default button (Cancel), and
    Enter in a field throws away what was typed."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    action = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAutoDefault(False)
    action.setAutoDefault(True)
    action.setDefault(True)
    return box, action


def tab_chain(*widgets: QWidget) -> None:
    """Tab visits the widgets in this order, whatever order they were made or reparented in."""
    for before, after in pairwise(widgets):
        QWidget.setTabOrder(before, after)


def _reading_order(layout: QLayout) -> list[QWidget]:
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if (widget := item.widget()) is not None:
            if isinstance(widget, QDialogButtonBox):
                continue
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(widget)
            elif widget.layout() is not None:
                found.extend(_reading_order(widget.layout()))
        elif (inner := item.layout()) is not None:
            found.extend(_reading_order(inner))
    return found


def tab_in_reading_order(dialog: QDialog, action: QPushButton, cancel: QPushButton | None) -> None:
    """Tab goes through the dialog's inputs in reading order (its layout's), then its action,
    then Cancel. Call once the layout is complete. Without it Tab follows the order the widgets
    joined the dialog: a box made first, or fields made without a parent, put Cancel first."""
    layout = dialog.layout()
    inputs = _reading_order(layout) if layout is not None else []
    tab_chain(*inputs, action, *([cancel] if cancel is not None else []))
