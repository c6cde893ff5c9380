"""RegisterCaseDialog: the secretariat records a new claim (受付) with register_case."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases.intake import IntakeData, register_case
from reviewdesk.cases.intake_terms import OutcomeKind, Sex
from reviewdesk.cases.members import DOCTOR_CATEGORIES
from reviewdesk.cases.pickers import (
    ContractChoice,
    contract_choices,
    contract_members,
    contracts_for_claim,
)
from reviewdesk.cases.procedures import CATEGORY_LABELS, PROCEDURES
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.buttons import action_buttons, tab_in_reading_order
from reviewdesk.ui.context import AppContext

MAX_YEN = 2_000_000_000


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class RegisterCaseDialog(QDialog):
    """Opened with open() (not exec), so the idle lock can hide it without ending it."""

    case_registered = Signal(int)
    """Emitted on the GUI thread with the new case's id after register_case committed it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 today: date | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._all_contracts: list[ContractChoice] = []
        self._contracts: list[ContractChoice] = []  # those shown: the member's, covering the claim
        today = today or date.today()
        lang = ctx.lang
        self.setWindowTitle(self.tr("Register a case"))
        self.setMinimumWidth(620)

        self.member_combo = QComboBox()
        self.member_combo.setObjectName("memberCombo")
        self.contract_combo = QComboBox()
        self.contract_combo.setObjectName("contractCombo")
        self.contract_combo.currentIndexChanged.connect(self._on_contract_combo_changed)
        self.any_period = QCheckBox(self.tr("Also contracts whose period does not cover the claim date"))
        self.any_period.setObjectName("anyPeriod")
        self.contract_info = QLabel()
        self.contract_info.setObjectName("contractInfo")
        self.contract_info.setWordWrap(True)
        self.contract_info.setStyleSheet("color: #555;")
        self.doctor_combo = QComboBox()
        self.patient_name = QLineEdit()
        self.patient_name.setObjectName("patientName")
        self.patient_kana = QLineEdit()
        self.birth_known = QCheckBox(self.tr("known"))
        self.birth_date = QDateEdit(_qdate(date(1990, 1, 1)))
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setDisplayFormat("yyyy-MM-dd")
        self.birth_date.setEnabled(False)
        self.birth_known.toggled.connect(self.birth_date.setEnabled)
        # Optional identifiers: masking looks for them in the documents (and only masking).
        self.patient_address = QLineEdit()
        self.patient_address.setObjectName("patientAddress")
        self.patient_phone = QLineEdit()
        self.patient_phone.setObjectName("patientPhone")
        self.patient_insurance_no = QLineEdit()
        self.patient_insurance_no.setObjectName("patientInsuranceNo")
        self.clinic_patient_id = QLineEdit()
        self.clinic_patient_id.setObjectName("clinicPatientId")
        for edit in (self.patient_address, self.patient_phone, self.patient_insurance_no,
                     self.clinic_patient_id):
            edit.setPlaceholderText(self.tr("optional: found and masked in the documents"))
        self.sex_combo = QComboBox()
        self.sex_combo.addItem(self.tr("(not recorded)"), "")
        for sex in Sex:
            self.sex_combo.addItem(fmt.sex_text(sex, lang), sex.value)
        self.procedure_combo = QComboBox()
        self.procedure_combo.setObjectName("procedureCombo")
        for category, labels in CATEGORY_LABELS.items():
            self.procedure_combo.addItem(f"── {labels[0] if lang == 'ja' else labels[1]} ──", "")
            index = self.procedure_combo.count() - 1
            self.procedure_combo.model().item(index).setEnabled(False)
            for proc in PROCEDURES.values():
                if proc.category is category:
                    self.procedure_combo.addItem(proc.label("ja" if lang == "ja" else "en"), proc.code)
        self.procedure_combo.setCurrentIndex(1)
        self.incident_date = self._date_edit(today)
        self.claim_date = self._date_edit(today)
        self.claim_date.setObjectName("claimDate")
        self.received_on = self._date_edit(today)
        self.outcome_combo = QComboBox()
        for kind in OutcomeKind:
            self.outcome_combo.addItem(fmt.outcome_kind_text(kind, lang), kind.value)
        self.grade_spin = QSpinBox()
        self.grade_spin.setRange(1, 14)
        self.grade_spin.setSuffix(self.tr(" grade"))
        self.outcome_combo.currentIndexChanged.connect(self._on_outcome_combo_changed)
        self._on_outcome_combo_changed()
        self.demand_edit = QLineEdit()
        self.demand_amount = QSpinBox()
        self.demand_amount.setRange(0, MAX_YEN)
        self.demand_amount.setSingleStep(10_000)
        self.demand_amount.setGroupSeparatorShown(True)
        self.demand_amount.setSuffix(self.tr(" yen"))
        self.summary_edit = QPlainTextEdit()
        self.summary_edit.setObjectName("summaryEdit")
        self.summary_edit.setTabChangesFocus(True)  # Tab moves on; a keyboard user is never trapped
        self.summary_edit.setMinimumHeight(90)

        form = QFormLayout()
        form.addRow(self.tr("Member"), self.member_combo)
        form.addRow(self.tr("Contract"), self.contract_combo)
        form.addRow("", self.contract_info)
        form.addRow("", self.any_period)
        form.addRow(self.tr("Insured doctor"), self.doctor_combo)
        form.addRow(self.tr("Patient name"), self.patient_name)
        form.addRow(self.tr("Patient name (kana)"), self.patient_kana)
        birth = QHBoxLayout()
        birth.addWidget(self.birth_known)
        birth.addWidget(self.birth_date, 1)
        form.addRow(self.tr("Birth date"), birth)
        form.addRow(self.tr("Sex"), self.sex_combo)
        form.addRow(self.tr("Patient's address"), self.patient_address)
        form.addRow(self.tr("Patient's phone"), self.patient_phone)
        form.addRow(self.tr("Insurance number"), self.patient_insurance_no)
        form.addRow(self.tr("Clinic's patient ID"), self.clinic_patient_id)
        form.addRow(self.tr("Procedure"), self.procedure_combo)
        form.addRow(self.tr("Incident date"), self.incident_date)
        form.addRow(self.tr("Claim date"), self.claim_date)
        form.addRow(self.tr("Received on"), self.received_on)
        outcome = QHBoxLayout()
        outcome.addWidget(self.outcome_combo, 1)
        outcome.addWidget(self.grade_spin)
        form.addRow(self.tr("Outcome"), outcome)
        form.addRow(self.tr("Patient's demand"), self.demand_edit)
        form.addRow(self.tr("Amount demanded"), self.demand_amount)
        form.addRow(self.tr("Summary"), self.summary_edit)

        self.buttons, self.register_button = action_buttons(self, self.tr("Register"))
        self.register_button.setObjectName("registerButton")
        self.register_button.setEnabled(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        tab_in_reading_order(self, self.register_button,
                             self.buttons.button(QDialogButtonBox.StandardButton.Cancel))
        # Claims-made: the claim date, not the incident date, decides which contracts apply.
        self.member_combo.currentIndexChanged.connect(self._filter_contracts)
        self.claim_date.dateChanged.connect(self._filter_contracts)
        self.any_period.toggled.connect(self._filter_contracts)
        self._pristine = self._typed_state()
        ctx.run(contract_choices,
                self._on_contracts_loaded,
                parent=self)

    @staticmethod
    def _date_edit(value: date) -> QDateEdit:
        edit = QDateEdit(_qdate(value))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _on_contracts_loaded(self, contracts: list[ContractChoice]) -> None:
        self._all_contracts = contracts
        self.member_combo.blockSignals(True)
        self.member_combo.clear()
        self.member_combo.addItem(self.tr("(all members)"), 0)
        for member_id, member_no, name in contract_members(contracts):
            self.member_combo.addItem(f"{member_no}　{name}", member_id)
        self.member_combo.blockSignals(False)
        self._filter_contracts()

    def _filter_contracts(self, *_args: object) -> None:
        """Shows the contracts of the chosen member whose period covers the claim date."""
        current = self.contract_combo.currentData()
        self._contracts = contracts_for_claim(
            self._all_contracts, _pydate(self.claim_date.date()),
            int(self.member_combo.currentData() or 0) or None, self.any_period.isChecked())
        self.contract_combo.blockSignals(True)
        self.contract_combo.clear()
        for c in self._contracts:
            self.contract_combo.addItem(
                f"{c.contract_no}　{c.member_name}　"
                f"{fmt.day(c.period_start)} – {fmt.day(c.period_end)}", c.id)
        self.contract_combo.setCurrentIndex(max(self.contract_combo.findData(current), 0))
        self.contract_combo.blockSignals(False)
        if current is None or self.contract_combo.currentData() != current:
            self._on_contract_combo_changed()  # a new contract: its doctors
        self.register_button.setEnabled(bool(self._contracts))

    def _contract(self) -> ContractChoice | None:
        index = self.contract_combo.currentIndex()
        return self._contracts[index] if 0 <= index < len(self._contracts) else None

    def _on_contract_combo_changed(self, _index: int = 0) -> None:
        contract = self._contract()
        self.doctor_combo.clear()
        self.doctor_combo.addItem(self.tr("(none)"), 0)
        if contract is None:
            self.contract_info.setText(
                self.tr("No contract of this member covers the claim date.") if self._all_contracts
                else "")
            return
        lang = self._ctx.lang
        for d in contract.doctors:
            category = DOCTOR_CATEGORIES.get(d.category, (d.category, d.category))
            self.doctor_combo.addItem(f"{d.name}（{category[0] if lang == 'ja' else category[1]}）",
                                      d.id)
        if contract.doctors:
            self.doctor_combo.setCurrentIndex(1)
        self.contract_info.setText(
            f"{fmt.course_text(contract.course, lang)} / {fmt.yen(contract.per_claim_limit, lang)} / "
            f"{fmt.day(contract.period_start)} – {fmt.day(contract.period_end)}"
            + (f" / {contract.facility_name}" if contract.facility_name else ""))

    def _on_outcome_combo_changed(self, _index: int = 0) -> None:
        self.grade_spin.setEnabled(self.outcome_combo.currentData() == OutcomeKind.AFTER_EFFECT)

    def intake_data(self) -> IntakeData:
        contract = self._contract()
        outcome = str(self.outcome_combo.currentData())
        return IntakeData(
            contract_id=contract.id if contract else 0,
            patient_name=self.patient_name.text(),
            procedure=str(self.procedure_combo.currentData() or ""),
            incident_date=_pydate(self.incident_date.date()),
            claim_date=_pydate(self.claim_date.date()),
            summary=self.summary_edit.toPlainText(),
            outcome_kind=outcome,
            disability_grade=self.grade_spin.value() if outcome == OutcomeKind.AFTER_EFFECT else None,
            insured_doctor_id=int(self.doctor_combo.currentData() or 0) or None,
            patient_kana=self.patient_kana.text().strip() or None,
            patient_birth_date=_pydate(self.birth_date.date()) if self.birth_known.isChecked() else None,
            patient_sex=self.sex_combo.currentData() or None,
            patient_demand=self.demand_edit.text().strip() or None,
            demand_amount=self.demand_amount.value() or None,
            received_on=_pydate(self.received_on.date()),
            patient_address=self.patient_address.text().strip() or None,
            patient_phone=self.patient_phone.text().strip() or None,
            patient_insurance_no=self.patient_insurance_no.text().strip() or None,
            clinic_patient_id=self.clinic_patient_id.text().strip() or None,
        )

    def _typed_state(self) -> tuple[object, ...]:
        return (self.patient_name.text(), self.patient_kana.text(), self.demand_edit.text(),
                self.demand_amount.value(), self.summary_edit.toPlainText(),
                self.patient_address.text(), self.patient_phone.text(),
                self.patient_insurance_no.text(), self.clinic_patient_id.text())

    def reject(self) -> None:
        """Escape, Cancel or closing the window: asks first when something was typed."""
        if self._typed_state() != self._pristine and not self._ctx.prompts.confirm(
                self, self.tr("Discard the case?"),
                self.tr("What you typed has not been registered. Close and discard it?")):
            return
        super().reject()

    def submit(self) -> None:
        data = self.intake_data()
        self.register_button.setEnabled(False)
        self._ctx.run(lambda vault, actor: register_case(vault, actor, data),
                      self._on_registered,
                      parent=self,
                      on_error=self._on_failed)

    def _on_registered(self, case_id: int) -> None:
        self.case_registered.emit(case_id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.register_button.setEnabled(True)
        self._ctx.show_error(self, exc)

