"""The overview tab: intake data, the coverage result with its reasons, the timeline, case actions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.roles import specialty_label
from reviewdesk.cases.case_actions import LIFECYCLE_ACTIONS
from reviewdesk.cases.queries import CaseDetail
from reviewdesk.ui import formatting as fmt


def _value(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label




class OverviewPanel(QWidget):
    """Shows a CaseDetail; its buttons say what the user asked for, the case view acts.

    A button shows when the role may take the action and the lifecycle allows it from the
    case's state (the services check both again).
    """

    action_requested = Signal(str)
    """Emitted on the GUI thread with the name of the case action the user asked for
    (a CaseAction)."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        texts = {
            "override": self.tr("Review despite the check…"),
            "not_covered": self.tr("Close as not covered…"),
            "withdraw": self.tr("Withdraw…"),
            "notify": self.tr("Mark as notified"),
            "close": self.tr("Close and archive…"),
            "reopen": self.tr("Reopen…"),
            "appeal": self.tr("Register an appeal…"),
        }
        self.buttons: dict[str, QPushButton] = {}
        for name in LIFECYCLE_ACTIONS:
            button = QPushButton(texts[name])
            button.setObjectName(f"{name}Button")
            button.setVisible(False)
            button.clicked.connect(lambda _c=False, n=name: self.action_requested.emit(n))
            self.buttons[name] = button
        self.withdraw_button = self.buttons["withdraw"]
        self.not_covered_button = self.buttons["not_covered"]
        self.override_button = self.buttons["override"]

        self._content = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._content)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for name in LIFECYCLE_ACTIONS:
            buttons.addWidget(self.buttons[name])
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def _offer(self, d: CaseDetail) -> None:
        # The core says what this user may do to this case now; the overview decides nothing.
        for name, button in self.buttons.items():
            button.setVisible(name in d.available_actions)

    def set_detail(self, d: CaseDetail) -> None:
        self._offer(d)
        lang = self._lang
        old = self._content.layout()
        if old is not None:
            QWidget().setLayout(old)  # reparent the old layout away so it is deleted
        columns = QHBoxLayout(self._content)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)

        case_box, case_form = self._group(self.tr("Case"))
        case_form.addRow(self.tr("Case no."), _value(d.number))
        case_form.addRow(self.tr("State"), _value(fmt.state_text(d.state, lang)))
        case_form.addRow(self.tr("Member"), _value(d.member))
        case_form.addRow(self.tr("Facility"), _value(d.facility or ""))
        case_form.addRow(self.tr("Contract"), _value(
            f"{d.contract_no}（{fmt.course_text(d.course, lang)}）" if lang == "ja"
            else f"{d.contract_no} ({fmt.course_text(d.course, lang)})"))
        case_form.addRow(self.tr("Insured doctor"), _value(d.insured_doctor or ""))
        case_form.addRow(self.tr("Specialty"), _value(specialty_label(d.specialty, lang)))
        if d.appeal_of:
            case_form.addRow(self.tr("Appeal of"), _value(d.appeal_of))
        left.addWidget(case_box)

        incident_box, inc = self._group(self.tr("Incident"))
        inc.addRow(self.tr("Patient"), _value(d.patient))
        if d.patient_identity_visible:
            inc.addRow(self.tr("Birth date"), _value(fmt.day(d.patient_birth_date)))
            for label, value in ((self.tr("Address"), d.patient_address),
                                 (self.tr("Phone"), d.patient_phone),
                                 (self.tr("Insurance no."), d.patient_insurance_no),
                                 (self.tr("Clinic's patient ID"), d.clinic_patient_id)):
                if value:
                    inc.addRow(label, _value(value))
        inc.addRow(self.tr("Sex"), _value(fmt.sex_text(d.patient_sex, lang)))
        inc.addRow(self.tr("Procedure"), _value(fmt.procedure_text(d.procedure, lang)))
        outcome = fmt.outcome_kind_text(d.outcome_kind, lang)
        if d.disability_grade:
            outcome += self.tr(" (grade %1)").replace("%1", str(d.disability_grade))
        inc.addRow(self.tr("Outcome"), _value(outcome))
        inc.addRow(self.tr("Patient's demand"), _value(d.patient_demand or ""))
        inc.addRow(self.tr("Amount demanded"), _value(fmt.yen(d.demand_amount, lang)))
        inc.addRow(self.tr("Summary"), _value(d.summary))
        left.addWidget(incident_box)
        left.addStretch(1)

        cov_box, cov = self._group(self.tr("Coverage check"))
        if d.coverage_covered is None:
            verdict = self.tr("Not checked yet")
        elif d.coverage_covered:
            verdict = self.tr("Covered")
        else:
            verdict = self.tr("Not covered")
        verdict_label = _value(verdict)
        verdict_label.setObjectName("coverageVerdict")
        if d.coverage_covered is False:
            verdict_label.setStyleSheet("color: #a61b1b; font-weight: bold;")
        cov.addRow(self.tr("Result"), verdict_label)
        if d.coverage_reasons:
            reasons = _value("\n".join("・" + fmt.reason_text(r, lang) for r in d.coverage_reasons))
            reasons.setObjectName("coverageReasons")
            cov.addRow(self.tr("Reasons"), reasons)
        if d.exclusions:
            cov.addRow(self.tr("Exclusions found"),
                       _value("\n".join("・" + fmt.reason_text(r, lang) for r in d.exclusions)))
        if d.coverage_override:
            cov.addRow(self.tr("Board's decision to review"), _value(d.coverage_override))
        right.addWidget(cov_box)

        time_box, timeline = self._group(self.tr("Timeline"))
        for label, when in ((self.tr("Incident"), d.incident_date), (self.tr("Claim"), d.claim_date),
                            (self.tr("Received"), d.received_on), (self.tr("Decided"), d.decided_on),
                            (self.tr("Closed"), d.closed_on),
                            (self.tr("Kept until"), d.retention_until)):
            if when is not None:
                timeline.addRow(label, _value(fmt.day(when)))
        right.addWidget(time_box)

        if d.outcome or d.payout_total is not None or d.withdrawn_reason:
            dec_box, dec = self._group(self.tr("Decision"))
            if d.outcome:
                dec.addRow(self.tr("Finding"), _value(fmt.finding_text(d.outcome, lang)))
            if d.payout_total is not None:
                dec.addRow(self.tr("Payout"), _value(fmt.yen(d.payout_total, lang)))
            if d.withdrawn_reason:
                dec.addRow(self.tr("Withdrawal reason"), _value(d.withdrawn_reason))
            if d.disagreement:
                dec.addRow(self.tr("Opinions"), _value(self.tr("The reviewers disagree")))
            right.addWidget(dec_box)
        right.addStretch(1)

    @staticmethod
    def _group(title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form
