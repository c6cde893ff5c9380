"""MaskTextView: a text document's decoded text with its masked spans highlighted.

Spans count the characters of the decoded text (Python's code points); Qt counts UTF-16 units
and makes one paragraph break of "\\r\\n". The view translates between the two, so a span
selected here masks exactly those characters and no neighbour.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from reviewdesk.cases import masking
from reviewdesk.ui.masking.entries import MaskEntry

CHECKED = QColor(240, 110, 110)
SELECTED = QColor(250, 190, 60)
UNCHECKED_LINE = QColor(200, 0, 0)


def qt_positions(text: str) -> list[int]:
    """For each index 0..len(text) of the text, its position in a QTextDocument holding it."""
    out, pos, i = [], 0, 0
    while i < len(text):
        ch = text[i]
        out.append(pos)
        if ch == "\r" and i + 1 < len(text) and text[i + 1] == "\n":
            out.append(pos)  # "\r\n" is one paragraph break: the "\n" sits where the "\r" does
            i += 2
            pos += 1
            continue
        pos += 2 if ord(ch) > 0xFFFF else 1
        i += 1
    out.append(pos)
    return out


class MaskTextView(QPlainTextEdit):
    """Read-only; Tab moves the focus on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maskText")
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._text = ""
        self._positions: list[int] = [0]

    @property
    def source_text(self) -> str:
        return self._text

    def set_source_text(self, text: str) -> None:
        self._text = text
        self._positions = qt_positions(text)
        self.setPlainText(text)

    def to_qt(self, index: int) -> int:
        return self._positions[max(0, min(index, len(self._positions) - 1))]

    def from_qt(self, position: int) -> int:
        return min(bisect_left(self._positions, position), len(self._text))

    def selected_span(self) -> masking.Span | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.from_qt(cursor.selectionStart()), self.from_qt(cursor.selectionEnd())
        return masking.Span(start, end) if end > start else None

    def _cursor(self, span: masking.Span) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(span.start))
        cursor.setPosition(self.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def show_span(self, span: masking.Span) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_qt(span.start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def highlight(self, entries: Iterable[MaskEntry], selected: Iterable[str]) -> None:
        chosen = set(selected)
        marks = []
        for entry in entries:
            if entry.span is None:
                continue
            fmt = QTextCharFormat()
            if entry.key in chosen:
                fmt.setBackground(SELECTED)
            elif entry.checked:
                fmt.setBackground(CHECKED)
            if not entry.checked:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(UNCHECKED_LINE)
            mark = QTextEdit.ExtraSelection()
            mark.cursor = self._cursor(entry.span)  # type: ignore[attr-defined]
            mark.format = fmt  # type: ignore[attr-defined]
            marks.append(mark)
        self.setExtraSelections(marks)
