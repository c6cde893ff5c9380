"""The masks of the masking view as a checkable table: the engine's proposals and the
secretariat's own rectangles and text spans (手動)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QObject, Qt, Signal

from reviewdesk.cases import masking
from reviewdesk.ui.row_model import RowTableModel

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
MANUAL = "manual"


class MaskCol(IntEnum):
    KIND = 0  # with the checkbox: masked or not
    PAGE = 1
    FOUND = 2


_HEADERS = {
    MaskCol.KIND: QT_TRANSLATE_NOOP("MaskListModel", "Mask"),
    MaskCol.PAGE: QT_TRANSLATE_NOOP("MaskListModel", "Page"),
    MaskCol.FOUND: QT_TRANSLATE_NOOP("MaskListModel", "Found"),
}


@dataclass(frozen=True)
class MaskEntry:
    """One line of the list: a proposal (kind from the engine) or a manual mask."""

    key: str
    kind: Any  # masking.IdentifierKind, or MANUAL
    page: int | None  # 0-based; None for a span of a text document
    found: str  # the text found or selected ("" for a drawn rectangle)
    boxes: tuple[masking.Box, ...] = ()
    span: masking.Span | None = None
    checked: bool = True

    @property
    def manual(self) -> bool:
        return self.kind == MANUAL


def proposal_entry(p: masking.Proposal) -> MaskEntry:
    page = p.page if p.page is not None else (p.boxes[0].page if p.boxes else None)
    return MaskEntry(f"proposal:{p.key}", p.kind, page, p.found, tuple(p.boxes), p.span)


def _same_box(a: masking.Box, b: masking.Box, tolerance: float = 0.002) -> bool:
    return a.page == b.page and all(abs(x - y) <= tolerance for x, y in
                                    ((a.left, b.left), (a.top, b.top), (a.right, b.right),
                                     (a.bottom, b.bottom)))


def kind_text(kind: Any, lang: str) -> str:
    if kind == MANUAL:
        return QCoreApplication.translate("MaskListModel", "Manual")
    pair = masking.IDENTIFIER_LABELS.get(kind)
    if pair is None:
        return str(kind)
    return pair[0] if lang == "ja" else pair[1]


class MaskListModel(RowTableModel):
    """Entries in the order found (proposals), then as added (manual); checkable in KIND."""

    columns = MaskCol
    headers = _HEADERS

    edited = Signal()
    """Emitted on the GUI thread when the user checked or unchecked a mask in a view."""

    def __init__(self, lang: str = "ja", parent: QObject | None = None) -> None:
        super().__init__(lang, parent)
        self._serial = 0

    # Reading -----------------------------------------------------------------------------

    def entries(self) -> list[MaskEntry]:
        return list(self._rows)

    def row_of(self, key: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.key == key), -1)

    def entry(self, key: str) -> MaskEntry | None:
        row = self.row_of(key)
        return self._rows[row] if row >= 0 else None

    def checked_boxes(self) -> list[masking.Box]:
        return [b for e in self._rows if e.checked for b in e.boxes]

    def checked_spans(self) -> list[masking.Span]:
        return [e.span for e in self._rows if e.checked and e.span is not None]

    def proposal_count(self) -> int:
        return sum(not e.manual for e in self._rows)

    # Changing ----------------------------------------------------------------------------

    def new_key(self) -> str:
        self._serial += 1
        return f"{MANUAL}:{self._serial}"

    def add(self, entry: MaskEntry) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(entry)
        self.endInsertRows()
        return row

    def add_manual_box(self, box: masking.Box) -> MaskEntry:
        entry = MaskEntry(self.new_key(), MANUAL, box.page, "", (box,))
        self.add(entry)
        return entry

    def add_manual_span(self, span: masking.Span, text: str) -> MaskEntry:
        entry = MaskEntry(self.new_key(), MANUAL, None, text, (), span)
        self.add(entry)
        return entry

    def add_proposals(self, proposals: Iterable[masking.Proposal]) -> None:
        """Proposals go first, checked. A proposal the loaded masks already cover (a correction
        of an earlier masking) takes their place, so the list shows it once and by its kind."""
        entries = [proposal_entry(p) for p in proposals]
        covered: set[str] = set()
        for entry in entries:
            loaded = [e for e in self._rows if e.manual and e.key not in covered]
            if entry.span is not None:
                same = [e for e in loaded if e.span == entry.span]
            else:
                same = [e for e in loaded if len(e.boxes) == 1
                        and any(_same_box(e.boxes[0], b) for b in entry.boxes)]
                if len(same) < len(entry.boxes):
                    same = []
            covered.update(e.key for e in same)
        self.beginResetModel()
        self._rows = entries + [e for e in self._rows if e.key not in covered]
        self.endResetModel()

    def remove(self, keys: Sequence[str]) -> int:
        removed = 0
        for key in keys:
            row = self.row_of(key)
            if row < 0:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            removed += 1
        return removed

    def set_checked(self, key: str, checked: bool) -> None:
        row = self.row_of(key)
        if row >= 0 and self._rows[row].checked != checked:
            self._rows[row] = replace(self._rows[row], checked=checked)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(MaskCol) - 1))

    def set_all_checked(self, checked: bool) -> None:
        for entry in list(self._rows):
            self.set_checked(entry.key, checked)

    # Qt ----------------------------------------------------------------------------------

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == MaskCol.KIND:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry, col = self._rows[index.row()], MaskCol(index.column())
        if role == KEY_ROLE:
            return entry.key
        if role == Qt.ItemDataRole.CheckStateRole and col == MaskCol.KIND:
            return Qt.CheckState.Checked if entry.checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == MaskCol.KIND:
                return kind_text(entry.kind, self._lang)
            if col == MaskCol.PAGE:
                return "" if entry.page is None else str(entry.page + 1)
            if entry.found:
                return entry.found if role == Qt.ItemDataRole.ToolTipRole else " ".join(entry.found.split())
            if entry.boxes:
                return QCoreApplication.translate("MaskListModel", "(rectangle)")
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole and col == MaskCol.PAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != MaskCol.KIND
                or role != Qt.ItemDataRole.CheckStateRole):
            return False
        state = value.value if hasattr(value, "value") else value
        self.set_checked(self._rows[index.row()].key, state == Qt.CheckState.Checked.value)
        self.edited.emit()
        return True
