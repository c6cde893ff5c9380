"""FindingDialog: the chair records the board's finding on one agenda item, with the vote."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.cases import findings
from reviewdesk.cases.meeting_terms import VoteChoice
from reviewdesk.cases.meetings import AgendaRow, AttendeeRow
from reviewdesk.cases.outcomes import Element, FindingOutcome, Judgement, judgement_label
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.buttons import action_buttons
from reviewdesk.ui.context import AppContext


class FindingDialog(QDialog):
    finding_recorded = Signal(int)
    """Emitted on the GUI thread with the new finding's id after record_finding committed it."""

    def __init__(self, ctx: AppContext, item: AgendaRow, attendance: tuple[AttendeeRow, ...],
                 parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._item, self._today = ctx, item, today
        lang = ctx.lang
        self.setWindowTitle(self.tr("Finding on %1").replace("%1", item.case_no))
        self.setMinimumWidth(640)
        self.outcome = QComboBox()
        self.outcome.setObjectName("findingOutcome")
        for outcome in FindingOutcome:
            self.outcome.addItem(fmt.finding_text(outcome, lang), outcome.value)
        self.share = QLineEdit()
        self.share.setObjectName("findingShare")
        self.share.setPlaceholderText(self.tr("e.g. 0.6 (partly liable only)"))
        self.reasons: dict[str, QPlainTextEdit] = {}
        self.judgements: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Finding"), self.outcome)
        form.addRow(self.tr("Insured's share"), self.share)
        for element in (e.value for e in Element):
            # No judgement is preselected: the chair states each one (認める・認めない・判断せず).
            judgement = QComboBox()
            judgement.setObjectName(f"judgement_{element}")
            judgement.addItem(self.tr("— choose —"), None)
            for choice in Judgement:
                judgement.addItem(judgement_label(choice, lang), choice.value)
            edit = QPlainTextEdit()
            edit.setObjectName(f"reason_{element}")
            edit.setTabChangesFocus(True)  # Tab moves on; the keyboard is never trapped
            edit.setFixedHeight(54)
            self.reasons[element], self.judgements[element] = edit, judgement
            column = QVBoxLayout()
            column.addWidget(judgement)
            column.addWidget(edit)
            form.addRow(fmt.element_text(element, lang), column)
        self.summary = QPlainTextEdit()
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(54)
        self.question = QLineEdit()
        self.question.setObjectName("deferredQuestion")
        self.question.setPlaceholderText(self.tr("only when the finding is deferred"))
        form.addRow(self.tr("Summary"), self.summary)
        form.addRow(self.tr("Information requested"), self.question)

        recused = {r.user_id for r in item.recusals}
        self.voters = [a for a in attendance if a.present and a.user_id not in recused]
        self.votes: dict[int, QComboBox] = {}
        self.dissents: dict[int, QLineEdit] = {}
        votes_box = QGroupBox(self.tr("Vote"))
        grid = QGridLayout(votes_box)
        for row, voter in enumerate(self.voters):
            combo = QComboBox()
            combo.setObjectName(f"vote_{voter.user_id}")
            combo.addItem(self.tr("— vote —"), None)  # no default: each vote is recorded
            for vote in VoteChoice:
                combo.addItem(fmt.vote_text(vote, lang), vote.value)
            dissent = QLineEdit()
            dissent.setPlaceholderText(self.tr("dissenting opinion (optional)"))
            grid.addWidget(QLabel(voter.name), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(dissent, row, 2)
            self.votes[voter.user_id], self.dissents[voter.user_id] = combo, dissent
        if item.recusals:
            grid.addWidget(QLabel(self.tr("Recused: %1").replace(
                "%1", "、".join(r.name for r in item.recusals))), len(self.voters), 0, 1, 3)

        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addLayout(form)
        inner.addWidget(votes_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        self.buttons, self.record_button = action_buttons(self, self.tr("Record the finding"))
        self.record_button.setObjectName("recordFindingButton")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.resize(700, 720)

    def value(self) -> findings.FindingInput:
        # A member without a vote is left out: the service names who has not voted.
        votes = tuple(findings.VoteInput(uid, str(combo.currentData()),
                                         self.dissents[uid].text().strip() or None)
                      for uid, combo in self.votes.items() if combo.currentData() is not None)
        judgements = {element: str(combo.currentData()) for element, combo in self.judgements.items()
                      if combo.currentData() is not None}
        return findings.FindingInput(
            outcome=str(self.outcome.currentData()), insured_share=self.share.text().strip() or None,
            **{f"{element}_reason": edit.toPlainText() for element, edit in self.reasons.items()},
            summary=self.summary.toPlainText(),
            deferred_question=self.question.text().strip() or None, votes=votes,
            judgements=judgements)

    def submit(self) -> None:
        data = self.value()
        item_id, today = self._item.item_id, self._today
        self.record_button.setEnabled(False)
        self._ctx.run(lambda vault, actor: findings.record_finding(vault, actor, item_id, data, today),
                      self._on_recorded,
                      parent=self,
                      on_error=self._on_failed)

    def _on_recorded(self, finding_id: int) -> None:
        self.finding_recorded.emit(finding_id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.record_button.setEnabled(True)
        self._ctx.show_error(self, exc)
