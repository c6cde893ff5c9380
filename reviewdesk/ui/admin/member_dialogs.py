"""Dialogs adding a member, a facility, a contract year or an insured doctor (secretariat)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from reviewdesk.cases import members
from reviewdesk.ui.admin.common import run
from reviewdesk.ui.buttons import tab_in_reading_order
from reviewdesk.ui.context import AppContext, Operation

MAX_YEN = 2_000_000_000


def _optional(edit: QLineEdit) -> str | None:
    return edit.text().strip() or None


def _yen_box(value: int, minimum: int = 0) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, MAX_YEN)
    box.setSingleStep(100_000)
    box.setGroupSeparatorShown(True)
    box.setSuffix(" 円")
    box.setValue(value)
    return box


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _FormDialog(QDialog):
    """A form whose OK runs `store()` (each dialog's service call) off the GUI thread."""

    store: Callable[[], Callable[[], Any]]
    record_added = Signal(int)
    """Emitted on the GUI thread with the new record's id once the service has stored it."""

    def __init__(self, ctx: AppContext, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        self.required: list[QLineEdit] = []  # not every service refuses an empty name

    def finish_form(self) -> None:
        self.form.addRow(self.buttons)
        # The buttons were made before the fields: Tab goes through the fields, OK, Cancel.
        tab_in_reading_order(self, self.buttons.button(QDialogButtonBox.StandardButton.Ok),
                             self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        self.setMinimumWidth(420)

    def _on_ok_clicked(self) -> None:
        if any(not edit.text().strip() for edit in self.required):
            self._ctx.prompts.error(self, self.windowTitle(),
                                    QCoreApplication.translate(
                                        "_FormDialog", "Fill in the required fields (marked *)."))
            return
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        run(self._ctx, self, self.store(), self._on_stored,
            lambda: ok.setEnabled(True))

    def _on_stored(self, record_id: int) -> None:
        self.record_added.emit(record_id)
        self.accept()


class MemberDialog(_FormDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New member"), parent)
        self.member_no, self.name, self.representative = QLineEdit(), QLineEdit(), QLineEdit()
        self.address, self.phone, self.email = QLineEdit(), QLineEdit(), QLineEdit()
        self.member_no.setObjectName("memberNo")
        self.name.setObjectName("memberName")
        self.required = [self.member_no, self.name]
        for label, edit in ((self.tr("Member no. *"), self.member_no), (self.tr("Name *"), self.name),
                            (self.tr("Representative"), self.representative),
                            (self.tr("Address"), self.address), (self.tr("Phone"), self.phone),
                            (self.tr("E-mail"), self.email)):
            self.form.addRow(label, edit)
        self.finish_form()

    def store(self) -> Operation:
        no, name = self.member_no.text().strip(), self.name.text()
        extra = dict(representative=_optional(self.representative), address=_optional(self.address),
                     phone=_optional(self.phone), email=_optional(self.email))
        return lambda vault, actor: members.add_member(vault, actor, no, name, **extra)  # type: ignore[arg-type]


class FacilityDialog(_FormDialog):
    def __init__(self, ctx: AppContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New facility"), parent)
        self._member_id = member_id
        self.name, self.address, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.name.setObjectName("facilityName")
        self.required = [self.name]
        self.form.addRow(self.tr("Facility *"), self.name)
        self.form.addRow(self.tr("Address"), self.address)
        self.form.addRow(self.tr("Phone"), self.phone)
        self.finish_form()

    def store(self) -> Operation:
        member_id = self._member_id
        name, address, phone = self.name.text(), _optional(self.address), _optional(self.phone)
        return lambda vault, actor: members.add_facility(vault, actor, member_id, name, address, phone)


class ContractDialog(_FormDialog):
    def __init__(self, ctx: AppContext, member_id: int,
                 facilities: list[members.FacilityRow], today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New contract year"), parent)
        self._member_id = member_id
        lang = ctx.lang
        day = today or date.today()
        self.contract_no = QLineEdit()
        self.contract_no.setObjectName("contractNo")
        self.course = QComboBox()
        for code, labels in members.COURSES.items():
            self.course.addItem(labels[0 if lang == "ja" else 1], code)
        self.per_claim = _yen_box(members.CURRENT_LIMITS[3], 1)
        self.deductible = _yen_box(100_000)
        self.aggregate = _yen_box(0)
        self.aggregate.setSpecialValueText(self.tr("none"))
        self.start = _date_edit(date(day.year, 1, 1))
        self.end = _date_edit(date(day.year, 12, 31))
        self.facility = QComboBox()
        self.facility.addItem(self.tr("(all of the member's)"), None)
        for f in facilities:
            self.facility.addItem(f.name, f.id)
        self.required = [self.contract_no]
        for label, widget in ((self.tr("Contract no. *"), self.contract_no), (self.tr("Course"), self.course),
                              (self.tr("Per claim"), self.per_claim),
                              (self.tr("Deductible"), self.deductible),
                              (self.tr("Annual aggregate"), self.aggregate),
                              (self.tr("From"), self.start), (self.tr("To"), self.end),
                              (self.tr("Facility"), self.facility)):
            self.form.addRow(label, widget)
        self.finish_form()

    def store(self) -> Operation:
        member_id = self._member_id
        no = self.contract_no.text().strip()
        terms = members.ContractTerms(
            course=str(self.course.currentData()), per_claim_limit=self.per_claim.value(),
            deductible=self.deductible.value(),
            annual_aggregate=self.aggregate.value() or None,
            period_start=self.start.date().toPython(), period_end=self.end.date().toPython(),
            facility_id=self.facility.currentData())
        return lambda vault, actor: members.add_contract(vault, actor, member_id, no, terms)


class DoctorDialog(_FormDialog):
    def __init__(self, ctx: AppContext, contract_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, self.tr("New insured doctor"), parent)
        self._contract_id = contract_id
        self.name, self.license_no = QLineEdit(), QLineEdit()
        self.name.setObjectName("doctorName")
        self.category = QComboBox()
        for code, labels in members.DOCTOR_CATEGORIES.items():
            self.category.addItem(labels[0 if ctx.lang == "ja" else 1], code)
        self.anesthesiology = QCheckBox(self.tr("Registered anaesthesiologist"))
        self.required = [self.name]
        self.form.addRow(self.tr("Name *"), self.name)
        self.form.addRow(self.tr("Category"), self.category)
        self.form.addRow(self.tr("Licence no."), self.license_no)
        self.form.addRow("", self.anesthesiology)
        self.finish_form()

    def store(self) -> Operation:
        contract_id = self._contract_id
        name, category = self.name.text(), str(self.category.currentData())
        license_no, anest = _optional(self.license_no), self.anesthesiology.isChecked()
        return lambda vault, actor: members.add_insured_doctor(vault, actor, contract_id, name, category,
                                                  license_no=license_no,
                                                  anesthesiology_registered=anest)
