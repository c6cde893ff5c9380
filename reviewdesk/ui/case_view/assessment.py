"""The assessment tab: stored versions with their working, and for the committee the input form
whose breakdown the pure engine recomputes as values change, saving and four-eyes approval."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.cases import assessing
from reviewdesk.cases.assessment import (
    HOUSEHOLD_ROLES,
    SEXES,
    assess,
    current_edition,
    parse_scenario,
)
from reviewdesk.cases.assessment.rules import RuleEdition
from reviewdesk.cases.concurrency import Revision, StaleEdit
from reviewdesk.cases.queries import CaseDetail
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import ReviewDeskError
from reviewdesk.store.vault import Vault
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.assessment_models import (
    AssessmentTableModel,
    TraceCol,
    TraceTableModel,
)
from reviewdesk.ui.case_view.follow import CaseTab
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.messages import user_message

RECOMPUTE_DELAY_MS = 150
MAX_YEN = 2_000_000_000

# The committee's yen inputs, in ASSESSMENT.md section 5's order.
YEN_FIELDS = ("annual_income", "treatment_costs", "lost_wages", "hospital_outpatient_consolation",
              "funeral_costs", "other_costs", "prior_payments", "other_insurance_paid",
              "litigation_costs")


def _yen_spin(suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, MAX_YEN)
    spin.setSingleStep(10_000)
    spin.setGroupSeparatorShown(True)
    spin.setSuffix(suffix)
    return spin


class AssessmentInputsForm(QGroupBox):
    """CommitteeInputs as widgets; `changed` fires on every edit."""

    changed = Signal()
    """Emitted on the GUI thread whenever an input changes."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Committee's inputs"))
        yen = self.tr(" yen")
        self.victim_age = QSpinBox()
        self.victim_age.setRange(0, 120)
        self.victim_age.setSuffix(self.tr(" years old"))
        self.victim_sex = QComboBox()
        for sex in SEXES:
            self.victim_sex.addItem(fmt.sex_text(sex, lang), sex.value)
        self.household_role = QComboBox()
        for code in HOUSEHOLD_ROLES:
            self.household_role.addItem(fmt.household_role_text(code, lang), code)
        self.dependents = QSpinBox()
        self.dependents.setRange(0, 20)
        self.loss_years = QSpinBox()
        self.loss_years.setRange(0, 80)
        self.loss_years.setSpecialValueText(self.tr("from the age"))
        self.hospital_days = QSpinBox()
        self.hospital_days.setRange(0, 3650)
        self.hospital_days.setSuffix(self.tr(" days"))
        self.death_consolation = QSpinBox()
        self.death_consolation.setRange(-1, MAX_YEN)
        self.death_consolation.setSingleStep(100_000)
        self.death_consolation.setGroupSeparatorShown(True)
        self.death_consolation.setSpecialValueText(self.tr("standard amount"))
        self.death_consolation.setValue(-1)
        self.death_consolation.setSuffix(yen)
        self.patient_fault = QLineEdit("0")
        self.patient_fault.setObjectName("patientFault")
        self.patient_fault.setPlaceholderText("0.1 / 1割 / 10%")  # what the core's parser reads
        self.lawyer_fee_award = QCheckBox(self.tr("award lawyer's fees (10 %)"))
        self.anesthesia_cause = QCheckBox(self.tr("caused by anesthesia"))
        self.yen: dict[str, QSpinBox] = {name: _yen_spin(yen) for name in YEN_FIELDS}
        for name, spin in self.yen.items():
            spin.setObjectName(name)

        form = QFormLayout(self)
        form.addRow(self.tr("Patient's age"), self.victim_age)
        form.addRow(self.tr("Sex"), self.victim_sex)
        form.addRow(self.tr("Annual income"), self.yen["annual_income"])
        form.addRow(self.tr("Household role"), self.household_role)
        form.addRow(self.tr("Dependents"), self.dependents)
        form.addRow(self.tr("Years of lost earnings"), self.loss_years)
        form.addRow(self.tr("Treatment costs"), self.yen["treatment_costs"])
        form.addRow(self.tr("Days in hospital"), self.hospital_days)
        form.addRow(self.tr("Lost wages"), self.yen["lost_wages"])
        form.addRow(self.tr("Consolation for treatment"), self.yen["hospital_outpatient_consolation"])
        form.addRow(self.tr("Funeral costs"), self.yen["funeral_costs"])
        form.addRow(self.tr("Other costs"), self.yen["other_costs"])
        form.addRow(self.tr("Consolation for death"), self.death_consolation)
        form.addRow(self.tr("Patient's fault (0–1)"), self.patient_fault)
        form.addRow(self.tr("Prior payments"), self.yen["prior_payments"])
        form.addRow(self.tr("Paid by other insurance"), self.yen["other_insurance_paid"])
        form.addRow(self.tr("Litigation costs"), self.yen["litigation_costs"])
        form.addRow(self.lawyer_fee_award)
        form.addRow(self.anesthesia_cause)

        for spin in (self.victim_age, self.dependents, self.loss_years, self.hospital_days,
                     self.death_consolation, *self.yen.values()):
            spin.valueChanged.connect(self.changed)
        for combo in (self.victim_sex, self.household_role):
            combo.currentIndexChanged.connect(self.changed)
        self.patient_fault.textChanged.connect(self.changed)
        for box in (self.lawyer_fee_award, self.anesthesia_cause):
            box.toggled.connect(self.changed)

    def set_prefill(self, p: assessing.Prefill) -> None:
        self.blockSignals(True)
        if p.victim_age is not None:
            self.victim_age.setValue(p.victim_age)
        if p.victim_sex:
            self.victim_sex.setCurrentIndex(max(self.victim_sex.findData(p.victim_sex), 0))
        self.blockSignals(False)

    def value(self) -> assessing.CommitteeInputs:
        y = {name: spin.value() for name, spin in self.yen.items()}
        return assessing.CommitteeInputs(
            victim_age=self.victim_age.value(), victim_sex=str(self.victim_sex.currentData()),
            household_role=str(self.household_role.currentData()),
            dependents=self.dependents.value(),
            loss_years=self.loss_years.value() or None,
            hospital_days=self.hospital_days.value(),
            death_consolation=(None if self.death_consolation.value() < 0
                               else self.death_consolation.value()),
            patient_fault=self.patient_fault.text().strip() or "0",
            lawyer_fee_award=self.lawyer_fee_award.isChecked(),
            anesthesia_cause=self.anesthesia_cause.isChecked(),
            **y)


class AssessmentPanel(CaseTab, QWidget):
    """Readers see the versions and their working; the committee also computes and approves."""


    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.case_id = ctx, case_id
        lang = ctx.lang
        self._prefill: assessing.Prefill | None = None
        self._based_on: Revision | None = None  # see _on_versions_loaded
        self._edition: RuleEdition | None = None
        self._state: str | None = None

        self.versions = AssessmentTableModel(lang, self)
        self.version_view = QTableView()
        self.version_view.setObjectName("assessmentVersions")
        self.version_view.setModel(self.versions)
        self.version_view.verticalHeader().hide()
        self.version_view.setWordWrap(False)
        self.version_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.version_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Every column as wide as its contents: at 1280×720 the approver fits without scrolling.
        self.version_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.version_view.horizontalHeader().setStretchLastSection(True)
        self.version_view.setMaximumHeight(150)
        self.version_view.selectionModel().currentRowChanged.connect(self._on_version_row_changed)

        self.trace = TraceTableModel(lang, self)
        self.trace_view = QTableView()
        self.trace_view.setObjectName("assessmentTrace")
        self.trace_view.setModel(self.trace)
        self.trace_view.verticalHeader().hide()
        # 区分, 項目 and the amount as wide as their text; the calculation takes the rest and
        # wraps, so nothing is clipped and nothing needs scrolling sideways.
        self.trace_view.setWordWrap(True)
        header = self.trace_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TraceCol.FORMULA, QHeaderView.ResizeMode.Stretch)
        self.trace_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("assessmentSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-size: 12pt; font-weight: bold;")

        self.form = AssessmentInputsForm(lang)
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(RECOMPUTE_DELAY_MS)
        self._recompute_timer.timeout.connect(self.recompute)
        self.form.changed.connect(self._recompute_timer.start)
        self.save_button = QPushButton(self.tr("Store this computation"))
        self.save_button.setObjectName("storeAssessmentButton")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.approve_button = QPushButton(self.tr("Approve…"))
        self.approve_button.setObjectName("approveAssessmentButton")
        self.approve_button.clicked.connect(self._on_approve_clicked)
        self.approve_button.setVisible(ctx.may(Action.APPROVE_ASSESSMENT))
        self.approve_button.setEnabled(False)
        self.note = QLabel()
        self.note.setObjectName("assessmentNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")

        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setMinimumWidth(360)
        self.form_scroll.hide()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Versions")))
        right_layout.addWidget(self.version_view)
        right_layout.addWidget(self.summary_label)
        right_layout.addWidget(self.trace_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.approve_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.form_scroll)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.save_button.hide()
        self.follow_case()
        self.load()

    # Loading -----------------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        return self._prefill is not None

    def set_detail(self, detail: CaseDetail) -> None:
        """The case's state decides whether the committee can compute now."""
        self._state = detail.state
        can_compute = (self._ctx.may(Action.COMPUTE_ASSESSMENT)
                       and detail.state == CaseState.ASSESSMENT)
        if can_compute and self._prefill is None:
            case_id = self.case_id

            def job(vault: Vault, actor: Actor) -> tuple[assessing.Prefill, RuleEdition]:
                return assessing.prefill(vault, actor, case_id), current_edition()

            self._ctx.run(job, self._on_prefill_loaded, parent=self)
        elif not can_compute:
            self._prefill = None
            self.form_scroll.hide()
            self.save_button.hide()
        self._update_buttons()

    def _on_prefill_loaded(self, result: tuple[assessing.Prefill, RuleEdition]) -> None:
        self._prefill, self._edition = result
        self.form.set_prefill(self._prefill)
        self.form_scroll.show()
        self.save_button.show()
        self.recompute()

    def load(self) -> None:
        case_id = self.case_id
        self._ctx.run(lambda vault, actor: assessing.list_assessments(vault, actor, case_id),
                      self._on_versions_loaded, parent=self, on_error=self._on_load_failed)

    def _on_versions_loaded(self, rows: list[assessing.AssessmentRow]) -> None:
        if self._based_on is None:
            # What the form computes on top of: another member's computation arriving later
            # (a refresh) does not move it, so saving after it is refused, not a silent overwrite.
            self._based_on = Revision.of(rows[-1].id, rows[-1].version) if rows else Revision(None, 0)
        self.versions.set_rows(rows)
        if rows and not self.editing:
            self.version_view.selectRow(len(rows) - 1)
        self._update_buttons()

    def _latest_computed(self) -> assessing.AssessmentRow | None:
        rows = [r for r in self.versions.rows() if r.status == assessing.AssessmentStatus.COMPUTED]
        return rows[-1] if rows else None

    def _update_buttons(self) -> None:
        latest = self._latest_computed()
        waiting = latest is not None and self._state == CaseState.ASSESSMENT
        self.approve_button.setEnabled(waiting and latest is not None
                                       and latest.computed_by != self._ctx.actor.user_id)
        if waiting and latest is not None and latest.computed_by == self._ctx.actor.user_id:
            self.note.setText(self.tr("Another member of the committee approves what you computed."))
        elif waiting:
            self.note.setText(self.tr("Version %1 awaits approval.").replace("%1", str(latest.version)))
        else:
            self.note.clear()

    # Live computation --------------------------------------------------------------------

    def recompute(self) -> None:
        """Runs the pure engine on the form's values (no I/O: the edition is already loaded)."""
        if self._prefill is None or self._edition is None:
            return
        try:
            scenario = parse_scenario(self._prefill.scenario(self.form.value()))
            result = assess(scenario, self._edition)
        except ReviewDeskError as exc:
            self.trace.set_steps([])
            self.summary_label.setText(self.tr("Cannot compute yet: %1").replace(
                "%1", user_message(exc, self._ctx.lang)))
            self.save_button.setEnabled(False)
            return
        self.trace.set_steps(result.trace)
        self._show_summary(result.total_damages, result.liability, result.payout.total,
                           result.edition)
        self.save_button.setEnabled(True)

    def _show_summary(self, damages: int, liability: int, payout: int, edition: str) -> None:
        lang = self._ctx.lang
        self.summary_label.setText(
            self.tr("Damages %1 / liability %2 / payout %3 (rules %4)")
            .replace("%1", fmt.yen(damages, lang)).replace("%2", fmt.yen(liability, lang))
            .replace("%3", fmt.yen(payout, lang)).replace("%4", edition))

    def _on_version_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.editing:
            return
        row = self.versions.row_at(current.row())
        self.trace.set_steps(row.result.trace)
        self._show_summary(row.total_damages, row.liability, row.payout_total, row.edition)

    # Actions -----------------------------------------------------------------------------

    def _on_save_clicked(self) -> None:
        inputs = self.form.value()
        case_id = self.case_id
        edition = self._edition.edition if self._edition else None
        based_on = self._based_on
        self._ctx.run(lambda vault, actor: assessing.compute_assessment(
            vault, actor, case_id, inputs, edition=edition, loaded=based_on),
                      lambda new_id: self._computed(new_id, based_on), parent=self,
                      on_error=self._on_save_failed)

    def _computed(self, new_id: int, based_on: Revision | None) -> None:
        self._based_on = Revision(new_id, (based_on.revision if based_on else 0) + 1)

    def _on_save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            self._based_on = None  # the form keeps its values; the next load is the new base
            self.load()
        self._ctx.show_error(self, exc)

    def _on_approve_clicked(self) -> None:
        latest = self._latest_computed()
        if latest is None:
            return
        if not self._ctx.prompts.confirm(
                self, self.tr("Approve the assessment"),
                self.tr("Approve version %1 with a payout of %2? The payment is recorded and the "
                        "case is decided.").replace("%1", str(latest.version))
                .replace("%2", fmt.yen(latest.payout_total, self._ctx.lang))):
            return
        assessment_id = latest.id
        self._ctx.run(lambda vault, actor: assessing.approve_assessment(vault, actor, assessment_id),
                      parent=self)



__all__ = ["AssessmentPanel"]
