"""Banner: a one-line notice across the top of a tab, with an optional button to act on it."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

# (background, border, text): calm for information, stronger for something to acknowledge.
INFO = ("#fff6d6", "#e6c65c", "#5c4400")
NOTICE = ("#e3efff", "#7aa7e0", "#0d3a73")


class Banner(QFrame):
    """Hidden until given a text; the button, if any, is the only thing Tab stops at."""

    def __init__(self, name: str, colours: tuple[str, str, str] = INFO,
                 button_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        background, border, text = colours
        self.setStyleSheet(f"QFrame#{name} {{ background: {background}; border: 1px solid {border};"
                           f" border-radius: 3px; }} QLabel {{ color: {text}; }}")
        self.label = QLabel()
        self.label.setObjectName(f"{name}Text")
        self.label.setWordWrap(True)
        self.button: QPushButton | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        if button_text is not None:
            self.button = QPushButton(button_text)
            self.button.setObjectName(f"{name}Button")
            layout.addWidget(self.button)
        self.hide()

    def show_text(self, text: str | None) -> None:
        """Shows the banner with this text, or hides it for None or ""."""
        self.label.setText(text or "")
        self.setVisible(bool(text))
