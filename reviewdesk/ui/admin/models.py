"""Table models of the administration screen: users, members, contracts, insured doctors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from reviewdesk.auth.roles import specialty_label
from reviewdesk.auth.users import UserRow
from reviewdesk.cases.members import (
    DOCTOR_CATEGORIES,
    ContractRow,
    FacilityRow,
    InsuredDoctorRow,
    MemberRow,
)
from reviewdesk.ui import formatting as fmt

ID_ROLE = Qt.ItemDataRole.UserRole + 1
R = TypeVar("R")
Column = tuple[str, Callable[[Any, str], str]]  # (untranslated header, text of a row)


class _RowsModel(QAbstractTableModel, Generic[R]):
    """Rows of frozen dataclasses with an `id`, shown through a column list; read-only."""

    CONTEXT = "AdminTableModel"
    COLUMNS: Sequence[Column] = ()
    RIGHT: frozenset[int] = frozenset()

    def __init__(self, lang: str = "ja", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rows(self) -> list[R]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][0])
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):  # tip: cut-off text
            return self.COLUMNS[index.column()][1](row, self._lang)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra(row, index.column(), role)

    def extra(self, row: R, column: int, role: int) -> Any:
        return None


def _pair(table: dict[str, tuple[str, str]], code: str, lang: str) -> str:
    pair = table.get(code)
    return code if pair is None else pair[0 if lang == "ja" else 1]


class UserTableModel(_RowsModel[UserRow]):
    CONTEXT = "UserTableModel"
    COLUMNS = (
        (QT_TRANSLATE_NOOP("UserTableModel", "User name"), lambda r, _l: r.username),
        (QT_TRANSLATE_NOOP("UserTableModel", "Name"), lambda r, _l: r.display_name),
        (QT_TRANSLATE_NOOP("UserTableModel", "Role"), lambda r, lang: fmt.role_text(r.role, lang)),
        (QT_TRANSLATE_NOOP("UserTableModel", "Specialty"),
         lambda r, lang: specialty_label(r.specialty, lang) if r.specialty else ""),
        (QT_TRANSLATE_NOOP("UserTableModel", "Status"), lambda r, lang: _user_status(r, lang)),
    )

    def extra(self, row: UserRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.disabled:
            return QBrush(QColor("#888888"))
        return None


def _user_status(row: UserRow, lang: str) -> str:
    if row.disabled:
        return "無効" if lang == "ja" else "Disabled"
    if row.locked_until is not None:
        return ("ロック中 " if lang == "ja" else "Locked ") + fmt.moment(row.locked_until)
    return "有効" if lang == "ja" else "Active"


class MemberTableModel(_RowsModel[MemberRow]):
    CONTEXT = "MemberTableModel"
    COLUMNS = (
        (QT_TRANSLATE_NOOP("MemberTableModel", "Member no."), lambda r, _l: r.member_no),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Name"), lambda r, _l: r.name),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Representative"), lambda r, _l: r.representative or ""),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Phone"), lambda r, _l: r.phone or ""),
        (QT_TRANSLATE_NOOP("MemberTableModel", "Contracts"), lambda r, _l: str(r.contracts)),
    )
    RIGHT = frozenset({4})


class ContractTableModel(_RowsModel[ContractRow]):
    CONTEXT = "ContractTableModel"
    COLUMNS = (
        (QT_TRANSLATE_NOOP("ContractTableModel", "Contract no."), lambda r, _l: r.contract_no),
        (QT_TRANSLATE_NOOP("ContractTableModel", "Course"), lambda r, lang: fmt.course_text(r.course, lang)),
        (QT_TRANSLATE_NOOP("ContractTableModel", "Period"),
         lambda r, _l: f"{fmt.day(r.period_start)} – {fmt.day(r.period_end)}"),
        (QT_TRANSLATE_NOOP("ContractTableModel", "Per claim"),
         lambda r, lang: fmt.yen(r.per_claim_limit, lang)),
        (QT_TRANSLATE_NOOP("ContractTableModel", "Annual aggregate"),
         lambda r, lang: fmt.yen(r.annual_aggregate, lang)),
        (QT_TRANSLATE_NOOP("ContractTableModel", "Deductible"), lambda r, lang: fmt.yen(r.deductible, lang)),
        (QT_TRANSLATE_NOOP("ContractTableModel", "Doctors"), lambda r, _l: str(r.doctors)),
    )
    RIGHT = frozenset({3, 4, 5, 6})


class DoctorTableModel(_RowsModel[InsuredDoctorRow]):
    CONTEXT = "DoctorTableModel"
    COLUMNS = (
        (QT_TRANSLATE_NOOP("DoctorTableModel", "Name"), lambda r, _l: r.name),
        (QT_TRANSLATE_NOOP("DoctorTableModel", "Category"),
         lambda r, lang: _pair(DOCTOR_CATEGORIES, r.category, lang)),
        (QT_TRANSLATE_NOOP("DoctorTableModel", "Licence no."), lambda r, _l: r.license_no or ""),
        (QT_TRANSLATE_NOOP("DoctorTableModel", "Anaesthesiology"),
         lambda r, lang: ("登録" if lang == "ja" else "registered") if r.anesthesiology_registered else ""),
    )


class FacilityTableModel(_RowsModel[FacilityRow]):
    CONTEXT = "FacilityTableModel"
    COLUMNS = (
        (QT_TRANSLATE_NOOP("FacilityTableModel", "Facility"), lambda r, _l: r.name),
        (QT_TRANSLATE_NOOP("FacilityTableModel", "Address"), lambda r, _l: r.address or ""),
        (QT_TRANSLATE_NOOP("FacilityTableModel", "Phone"), lambda r, _l: r.phone or ""),
    )
