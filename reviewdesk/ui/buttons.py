"""The button row of a dialog: its action is what Enter does; Cancel never takes over."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


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
