"""The opinions tab: assignments, the opinions the actor may read (blind until their own is in),
the reviewer's structured opinion form, assigning reviewers and declaring a conflict."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import REVIEWER_ROLES, Actor
from reviewdesk.cases import review
from reviewdesk.cases.case_actions import CaseAction
from reviewdesk.cases.concurrency import Revision, StaleEdit
from reviewdesk.cases.opinions import (
    OpinionInput,
    OpinionRow,
    list_opinions,
    save_opinion,
    submit_opinion,
)
from reviewdesk.cases.outcomes import Answer, Element, FindingOutcome
from reviewdesk.cases.queries import CaseDetail
from reviewdesk.cases.review_terms import OpinionStatus
from reviewdesk.store.vault import Vault
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.follow import CaseTab
from reviewdesk.ui.case_view.opinion_models import (
    AssignmentCol,
    AssignmentTableModel,
    OpinionCol,
    OpinionTableModel,
)
from reviewdesk.ui.context import AppContext


def share_text(share: Decimal | None) -> str:
    return "" if share is None else f"{share.normalize():f}"


class OpinionForm(QGroupBox):
    """The reviewer's own opinion: each element answered with a rationale, a recommendation."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lang = lang
        self.setTitle(self.tr("My opinion"))
        self.answers: dict[str, QComboBox] = {}
        self.rationales: dict[str, QPlainTextEdit] = {}
        form = QFormLayout(self)
        self.status_label = QLabel()
        self.status_label.setObjectName("opinionStatus")
        self.status_label.setWordWrap(True)
        form.addRow(self.status_label)
        for element in (e.value for e in Element):
            combo = QComboBox()
            combo.setObjectName(f"answer_{element}")
            combo.addItem(self.tr("(not answered)"), "")
            for answer in Answer:
                combo.addItem(fmt.answer_text(answer, lang), answer.value)
            rationale = QPlainTextEdit()
            rationale.setObjectName(f"rationale_{element}")
            rationale.setPlaceholderText(self.tr("Rationale (required to submit)"))
            rationale.setFixedHeight(64)
            rationale.setTabChangesFocus(True)  # Tab moves on to the next element
            box = QVBoxLayout()
            box.addWidget(combo)
            box.addWidget(rationale)
            form.addRow(fmt.element_text(element, lang), box)
            self.answers[element], self.rationales[element] = combo, rationale
        self.recommended = QComboBox()
        self.recommended.setObjectName("recommendedFinding")
        self.recommended.addItem(self.tr("(not chosen)"), "")
        for outcome in FindingOutcome:
            self.recommended.addItem(fmt.finding_text(outcome, lang), outcome.value)
        self.share = QLineEdit()
        self.share.setObjectName("insuredShare")
        self.share.setPlaceholderText(self.tr("e.g. 0.6 (partly liable only)"))
        self.comments = QPlainTextEdit()
        self.comments.setObjectName("comments")
        self.comments.setFixedHeight(64)
        self.comments.setTabChangesFocus(True)
        form.addRow(self.tr("Recommended finding"), self.recommended)
        form.addRow(self.tr("Insured's share"), self.share)
        form.addRow(self.tr("Comments"), self.comments)
        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.setObjectName("saveOpinionButton")
        self.submit_button = QPushButton(self.tr("Submit…"))
        self.submit_button.setObjectName("submitOpinionButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        form.addRow(buttons)

    def value(self) -> OpinionInput:
        values: dict[str, Any] = {}
        for element in (e.value for e in Element):
            values[element] = self.answers[element].currentData() or None
            values[f"{element}_rationale"] = self.rationales[element].toPlainText()
        return OpinionInput(
            **values, recommended_finding=self.recommended.currentData() or None,
            insured_share=self.share.text().strip() or None,
            comments=self.comments.toPlainText())

    def set_value(self, row: OpinionRow | None) -> None:
        for element in (e.value for e in Element):
            answer = getattr(row, element) if row else None
            combo = self.answers[element]
            combo.setCurrentIndex(max(combo.findData(answer or ""), 0))
            self.rationales[element].setPlainText(getattr(row, f"{element}_rationale") if row else "")
        self.recommended.setCurrentIndex(
            max(self.recommended.findData((row.recommended_finding if row else None) or ""), 0))
        self.share.setText(share_text(row.insured_share) if row else "")
        self.comments.setPlainText(row.comments if row else "")


def _after_save(loaded: Revision, saved_id: int) -> Revision:
    """The revision a save based on `loaded` gave the opinion it wrote."""
    return Revision(saved_id, loaded.revision + 1 if loaded.row_id == saved_id else 1)


def opinion_html(row: OpinionRow, lang: str) -> str:
    """A read-only rendering; every user-written text is escaped."""
    e = html.escape
    parts = [f"<h3>{e(row.author)}　v{row.version}</h3>"]
    for element in (el.value for el in Element):
        parts.append(f"<p><b>{e(fmt.element_text(element, lang))}</b>: "
                     f"{e(fmt.answer_text(getattr(row, element), lang))}<br>"
                     f"{e(getattr(row, f'{element}_rationale')).replace(chr(10), '<br>')}</p>")
    finding = fmt.finding_text(row.recommended_finding, lang) or "—"
    share = share_text(row.insured_share)
    parts.append(f"<p><b>{'推奨する判定' if lang == 'ja' else 'Recommended finding'}</b>: "
                 f"{e(finding)}{'（' + e(share) + '）' if share else ''}</p>")
    if row.comments:
        parts.append(f"<p>{e(row.comments).replace(chr(10), '<br>')}</p>")
    return "".join(parts)


class OpinionsPanel(CaseTab, QWidget):
    """Everything about peer review on one case, as far as the actor may see and do."""

    case_left = Signal(int)
    """Emitted on the GUI thread with the case id after the reviewer withdrew for a conflict
    (they can no longer see the case)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self.case_id = ctx, case_id
        lang = ctx.lang
        self._own_latest: OpinionRow | None = None
        # What the form was last filled from (the save hands it back: cases/concurrency.py),
        # and the form's value then, to tell the user's unsaved edits from a refresh.
        self._loaded: Revision = Revision(None, 0)
        self._baseline: OpinionInput | None = None
        self.can_write = ctx.may(Action.WRITE_OPINION)

        self.assignments = AssignmentTableModel(lang, self)
        self.assignment_view = self._table(self.assignments, "assignmentTable")
        # Columns as wide as their text (「審査委員（医師）」 was clipped); the status takes the rest.
        header = self.assignment_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AssignmentCol.STATUS, QHeaderView.ResizeMode.Stretch)
        self.reviewer_combo = QComboBox()
        self.reviewer_combo.setObjectName("reviewerCombo")
        self.assign_button = QPushButton(self.tr("Assign"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(self._on_assign_clicked)
        assign_row = QHBoxLayout()
        assign_row.addWidget(QLabel(self.tr("Reviewer:")))
        assign_row.addWidget(self.reviewer_combo, 1)
        assign_row.addWidget(self.assign_button)
        self.assign_bar = QWidget()
        self.assign_bar.setLayout(assign_row)
        self.assign_bar.setVisible(ctx.may(Action.ASSIGN_REVIEWER))

        self.opinions = OpinionTableModel(lang, self)
        self.opinion_view = self._table(self.opinions, "opinionTable")
        self.opinion_view.horizontalHeader().setSectionResizeMode(
            OpinionCol.AUTHOR, QHeaderView.ResizeMode.Stretch)
        for col, width in ((OpinionCol.VERSION, 45), (OpinionCol.STATUS, 80),
                           (OpinionCol.RECOMMENDED, 90), (OpinionCol.SUBMITTED, 130)):
            self.opinion_view.setColumnWidth(col, width)
        self.opinion_view.selectionModel().currentRowChanged.connect(self._on_opinion_row_changed)
        self.blind_note = QLabel(self.tr("Reviewers see the other opinions once they have "
                                         "submitted their own."))
        self.blind_note.setObjectName("blindNote")
        self.blind_note.setWordWrap(True)
        self.blind_note.setStyleSheet("color: #555;")
        self.reader = QTextBrowser()
        self.reader.setTabChangesFocus(True)
        self.reader.setObjectName("opinionReader")
        self.conflict_button = QPushButton(self.tr("Declare a conflict of interest…"))
        self.conflict_button.setObjectName("conflictButton")
        self.conflict_button.setVisible(ctx.may(Action.DECLARE_CONFLICT))
        self.conflict_button.clicked.connect(self._on_conflict_clicked)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Reviewers")))
        left_layout.addWidget(self.assignment_view, 2)
        left_layout.addWidget(self.assign_bar)
        left_layout.addWidget(QLabel(self.tr("Opinions")))
        left_layout.addWidget(self.opinion_view, 2)
        left_layout.addWidget(self.blind_note)
        left_layout.addWidget(self.reader, 3)
        left_layout.addWidget(self.conflict_button, 0, Qt.AlignmentFlag.AlignLeft)

        splitter = QSplitter()
        splitter.addWidget(left)
        self.form = OpinionForm(lang)
        self.form.save_button.clicked.connect(self._on_save_clicked)
        self.form.submit_button.clicked.connect(self._on_submit_clicked)
        if self.can_write:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(self.form)
            splitter.addWidget(scroll)
            splitter.setStretchFactor(0, 1)
            splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._load_reviewers()
        self.follow_case()
        self.load()

    @staticmethod
    def _table(model: Any, name: str) -> QTableView:
        view = QTableView()
        view.setObjectName(name)
        view.setModel(model)
        view.verticalHeader().hide()
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(24)
        return view

    # Loading -----------------------------------------------------------------------------

    def set_detail(self, detail: CaseDetail) -> None:
        """Offers what the core says this user may do to the case now (available_actions)."""
        available = detail.available_actions
        self.assign_button.setEnabled(CaseAction.ASSIGN_REVIEWER in available)
        self.form.setEnabled(CaseAction.WRITE_OPINION in available)
        self.conflict_button.setEnabled(CaseAction.DECLARE_CONFLICT in available)

    def load(self) -> None:
        case_id = self.case_id

        def job(vault: Vault, actor: Actor) -> tuple[list[review.AssignmentRow], list[OpinionRow]]:
            return (review.list_assignments(vault, actor, case_id),
                    list_opinions(vault, actor, case_id))

        self._ctx.run(job, self._on_loaded, parent=self, on_error=self._on_load_failed)

    def _on_loaded(self, result: tuple[list[review.AssignmentRow], list[OpinionRow]]) -> None:
        assignments, opinions = result
        self.assignments.set_rows(assignments)
        self.opinions.set_rows(opinions)
        me = self._ctx.actor.user_id
        own = [o for o in opinions if o.author_id == me]
        self._own_latest = own[-1] if own else None
        submitted = any(o.status == OpinionStatus.SUBMITTED for o in own)
        self.blind_note.setVisible(self._ctx.actor.is_reviewer and not submitted)
        self.reader.clear()
        if opinions:
            self.opinion_view.selectRow(0)
        else:
            self.reader.setPlainText(self.tr("No opinion to show yet."))
        if self.can_write:
            self._show_own_status()

    def _editing(self) -> bool:
        """Whether the form holds edits not yet saved (a refresh must not overwrite them)."""
        return self._baseline is not None and self.form.value() != self._baseline

    def _show_own_status(self) -> None:
        own = self._own_latest
        if not self._editing():
            # Another seat's save reaches here too: an untouched form follows it; a form being
            # edited keeps its text and its old revision, so saving it is refused, not lost.
            self.form.set_value(own)
            self._loaded = own.revision_key if own is not None else Revision(None, 0)
            self._baseline = self.form.value()
        if own is None:
            text = self.tr("No opinion yet. Save a draft at any time; submit when complete.")
        elif own.status == OpinionStatus.DRAFT:
            text = self.tr("Draft of version %1, not yet submitted.").replace("%1", str(own.version))
        else:
            text = self.tr("Version %1 was submitted and can no longer change. Saving starts an "
                           "amendment (version %2).").replace("%1", str(own.version)).replace(
                               "%2", str(own.version + 1))
        self.form.status_label.setText(text)
        self.form.submit_button.setEnabled(own is None or own.status == OpinionStatus.DRAFT)

    def _load_reviewers(self) -> None:
        if not self._ctx.may(Action.ASSIGN_REVIEWER) or not self._ctx.may(Action.LIST_USERS):
            return
        from reviewdesk.auth.users import list_users
        self._ctx.run(lambda vault, actor: [u for u in list_users(vault, actor)
                                            if u.role in REVIEWER_ROLES and not u.disabled],
                      self._on_reviewers_loaded,
                      parent=self)

    def _on_reviewers_loaded(self, users: list[Any]) -> None:
        self.reviewer_combo.clear()
        from reviewdesk.ui.case_view.opinion_models import reviewer_text

        for user in users:
            self.reviewer_combo.addItem(
                f"{user.display_name}（{reviewer_text(user.role, user.specialty, self._ctx.lang)}）",
                user.id)

    # Slots -------------------------------------------------------------------------------

    def _on_opinion_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.reader.setHtml(opinion_html(self.opinions.row_at(current.row()), self._ctx.lang))

    def _on_save_clicked(self) -> None:
        data = self.form.value()
        case_id, loaded = self.case_id, self._loaded
        self._ctx.run(lambda vault, actor: save_opinion(vault, actor, case_id, data, loaded=loaded),
                      lambda saved_id: self._saved(data, _after_save(loaded, saved_id)),
                      parent=self, on_error=self._on_save_failed)

    def _saved(self, data: OpinionInput, key: Revision) -> None:
        """What is on screen is what is stored, at the revision this save made (it was checked
        against `loaded` under the write lock, so no other save came between)."""
        self._baseline, self._loaded = data, key

    def _on_save_failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            self._take_latest_keeping_the_text()
        self._ctx.show_error(self, exc)

    def _take_latest_keeping_the_text(self) -> None:
        """The latest saved version becomes what the form is based on; the text stays."""
        case_id = self.case_id

        def job(vault: Vault, actor: Actor) -> OpinionRow | None:
            own = [o for o in list_opinions(vault, actor, case_id) if o.author_id == actor.user_id]
            return own[-1] if own else None

        def loaded(own: OpinionRow | None) -> None:
            self._own_latest = own
            self._loaded = own.revision_key if own is not None else Revision(None, 0)
            self.load()  # the list and the reader show the other seat's version

        self._ctx.run(job, loaded, parent=self)

    def _on_submit_clicked(self) -> None:
        own = self._own_latest
        if own is not None and own.status != OpinionStatus.DRAFT:
            return
        if not self._ctx.prompts.confirm(
                self, self.tr("Submit the opinion"),
                self.tr("Submit this opinion? A submitted opinion is never changed; "
                        "a correction becomes a new version.")):
            return
        data = self.form.value()
        case_id = self.case_id

        loaded = self._loaded

        def job(vault: Vault, actor: Actor) -> Revision:
            # What is on screen is what gets submitted: save the form first, then submit.
            saved = save_opinion(vault, actor, case_id, data, loaded=loaded)
            submit_opinion(vault, actor, saved)
            return _after_save(_after_save(loaded, saved), saved)  # submitting counts as a save

        self._ctx.run(job, lambda key: self._saved(data, key), parent=self,
                      on_error=self._on_submit_failed)

    def _on_submit_failed(self, exc: BaseException) -> None:
        if isinstance(exc, StaleEdit):
            self._take_latest_keeping_the_text()
        else:
            self._baseline = None  # the draft was saved even if the submission was refused
            self.load()
        self._ctx.show_error(self, exc)

    def _on_assign_clicked(self) -> None:
        reviewer_id = self.reviewer_combo.currentData()
        if reviewer_id is None:
            return
        case_id = self.case_id
        self._ctx.run(lambda vault, actor: review.assign_reviewer(vault, actor, case_id, int(reviewer_id)),
                      parent=self)

    def _on_conflict_clicked(self) -> None:
        reason = self._ctx.prompts.ask_text(self, self.tr("Conflict of interest"),
                                            self.tr("Describe the conflict of interest:"))
        if reason is None:
            return
        case_id = self.case_id
        self._ctx.run(lambda vault, actor: review.declare_conflict(vault, actor, case_id, reason),
                      self._on_conflict_declared,
                      parent=self)

    def _on_conflict_declared(self, _result: object) -> None:
        self.case_left.emit(self.case_id)

