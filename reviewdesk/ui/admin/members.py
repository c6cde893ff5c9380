"""The members tab: members; for the chosen one its facilities and contract years; their doctors."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.roles import Actor
from reviewdesk.cases import members
from reviewdesk.store.vault import Vault
from reviewdesk.ui.admin.common import make_table, run, selected_row
from reviewdesk.ui.admin.member_dialogs import (
    ContractDialog,
    DoctorDialog,
    FacilityDialog,
    MemberDialog,
)
from reviewdesk.ui.admin.models import (
    ContractTableModel,
    DoctorTableModel,
    FacilityTableModel,
    MemberTableModel,
)
from reviewdesk.ui.context import AppContext


def _section(title: str, view: QWidget, button: QPushButton) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    head = QHBoxLayout()
    label = QLabel(title)
    label.setStyleSheet("font-weight: bold;")
    head.addWidget(label)
    head.addStretch(1)
    head.addWidget(button)
    layout.addLayout(head)
    layout.addWidget(view, 1)
    return box


class MembersTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("membersTab")
        self._ctx = ctx
        lang = ctx.lang
        self.member_model = MemberTableModel(lang, self)
        self.member_view = make_table(self.member_model, "memberTable", stretch=1)
        self._widths(self.member_view, (85, None, 95, 110, 50))
        self.facility_model = FacilityTableModel(lang, self)
        self.facility_view = make_table(self.facility_model, "facilityTable", stretch=1)
        self._widths(self.facility_view, (230, None, 120))
        self.contract_model = ContractTableModel(lang, self)
        self.contract_view = make_table(self.contract_model, "contractTable", stretch=1)
        self._widths(self.contract_view, (110, None, 185, 95, 95, 85, 45))
        self.doctor_model = DoctorTableModel(lang, self)
        self.doctor_view = make_table(self.doctor_model, "doctorTable", stretch=0)
        self._widths(self.doctor_view, (None, 190, 110, 100))

        self.add_member_button = QPushButton(self.tr("Add member…"))
        self.add_member_button.setObjectName("addMemberButton")
        self.add_member_button.clicked.connect(self.show_member_dialog)
        self.add_facility_button = QPushButton(self.tr("Add facility…"))
        self.add_facility_button.setObjectName("addFacilityButton")
        self.add_facility_button.clicked.connect(self.show_facility_dialog)
        self.add_contract_button = QPushButton(self.tr("Add contract year…"))
        self.add_contract_button.setObjectName("addContractButton")
        self.add_contract_button.clicked.connect(self.show_contract_dialog)
        self.add_doctor_button = QPushButton(self.tr("Add doctor…"))
        self.add_doctor_button.setObjectName("addDoctorButton")
        self.add_doctor_button.clicked.connect(self.show_doctor_dialog)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_section(self.tr("Facilities"), self.facility_view, self.add_facility_button))
        right.addWidget(_section(self.tr("Contract years"), self.contract_view, self.add_contract_button))
        right.addWidget(_section(self.tr("Insured doctors of the contract year"), self.doctor_view,
                                 self.add_doctor_button))
        right.setSizes([140, 260, 160])
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(_section(self.tr("Members"), self.member_view, self.add_member_button))
        splitter.addWidget(right)
        splitter.setSizes([470, 780])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.member_view.selectionModel().selectionChanged.connect(lambda *_: self._load_member())
        self.contract_view.selectionModel().selectionChanged.connect(lambda *_: self._load_doctors())
        self._update_buttons()
        self.refresh()

    @staticmethod
    def _widths(view: QTableView, widths: tuple[int | None, ...]) -> None:
        for column, width in enumerate(widths):
            if width is not None:  # None: the stretching column
                view.setColumnWidth(column, width)

    # Loading -----------------------------------------------------------------------------

    def _run(self, fn: Any, on_done: Any) -> None:
        run(self._ctx, self, fn, on_done)

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.member_id
        self._run(members.list_members, lambda rows: self._show(rows, keep))

    def _show(self, rows: list[members.MemberRow], select_id: int | None) -> None:
        self.member_model.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.id == select_id), 0 if rows else None)
        if index is not None:
            self.member_view.selectRow(index)
        self._load_member()

    @property
    def member_id(self) -> int | None:
        row = selected_row(self.member_view)
        return self.member_model.row_at(row).id if row is not None else None

    @property
    def contract_id(self) -> int | None:
        row = selected_row(self.contract_view)
        return self.contract_model.row_at(row).id if row is not None else None

    def _load_member(self, contract_id: int | None = None) -> None:
        member_id = self.member_id
        self._update_buttons()
        if member_id is None:
            self.facility_model.set_rows([])
            self.contract_model.set_rows([])
            self.doctor_model.set_rows([])
            return

        def load(vault: Vault, actor: Actor) -> tuple[list[members.FacilityRow], list[members.ContractRow]]:
            return (members.list_facilities(vault, actor, member_id),
                    members.list_contracts(vault, actor, member_id))

        self._run(load, lambda result: self._show_member(member_id, *result, contract_id))

    def _show_member(self, member_id: int, facilities: list[members.FacilityRow],
                     contracts: list[members.ContractRow], contract_id: int | None) -> None:
        if member_id != self.member_id:  # another member was chosen meanwhile
            return
        self.facility_model.set_rows(facilities)
        self.contract_model.set_rows(contracts)
        index = next((i for i, c in enumerate(contracts) if c.id == contract_id),
                     0 if contracts else None)
        if index is not None:
            self.contract_view.selectRow(index)
        self._load_doctors()

    def _load_doctors(self) -> None:
        contract_id = self.contract_id
        self._update_buttons()
        if contract_id is None:
            self.doctor_model.set_rows([])
            return
        self._run(lambda vault, actor: members.list_insured_doctors(vault, actor, contract_id),
                  lambda rows: self._show_doctors(contract_id, rows))

    def _show_doctors(self, contract_id: int, rows: list[members.InsuredDoctorRow]) -> None:
        if contract_id == self.contract_id:
            self.doctor_model.set_rows(rows)

    def _update_buttons(self) -> None:
        self.add_facility_button.setEnabled(self.member_id is not None)
        self.add_contract_button.setEnabled(self.member_id is not None)
        self.add_doctor_button.setEnabled(self.contract_id is not None)

    # Adding ------------------------------------------------------------------------------

    def _open(self, dialog: Any, on_added: Any) -> Any:
        dialog.record_added.connect(on_added)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_member_dialog(self) -> MemberDialog:
        return self._open(MemberDialog(self._ctx, self), lambda new_id: self.refresh(new_id))

    def show_facility_dialog(self) -> FacilityDialog | None:
        member_id = self.member_id
        if member_id is None:
            return None
        return self._open(FacilityDialog(self._ctx, member_id, self),
                          lambda _id: self._load_member(self.contract_id))

    def show_contract_dialog(self) -> ContractDialog | None:
        member_id = self.member_id
        if member_id is None:
            return None
        return self._open(ContractDialog(self._ctx, member_id, self.facility_model.rows(),
                                         parent=self),
                          lambda new_id: self.refresh_member(new_id))

    def show_doctor_dialog(self) -> DoctorDialog | None:
        contract_id = self.contract_id
        if contract_id is None:
            return None
        return self._open(DoctorDialog(self._ctx, contract_id, self),
                          lambda _id, c=contract_id: self.refresh_member(c))

    def refresh_member(self, contract_id: int) -> None:
        """The member list (its contract counts) and the chosen member, selecting contract_id."""
        member_id = self.member_id
        self._run(members.list_members,
                  lambda rows: self._show_keeping(rows, member_id, contract_id))

    def _show_keeping(self, rows: list[members.MemberRow], member_id: int | None,
                      contract_id: int) -> None:
        blocker = self.member_view.selectionModel().blockSignals(True)
        self.member_model.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.id == member_id), None)
        if index is not None:
            self.member_view.selectRow(index)
        self.member_view.selectionModel().blockSignals(blocker)
        self._load_member(contract_id)
