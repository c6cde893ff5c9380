"""CaseViewPanel: one case in tabs, loaded through the task runner; acts through the services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from reviewdesk.auth.permissions import Action
from reviewdesk.cases import archive, document_masking, documents, intake
from reviewdesk.cases.history import case_history
from reviewdesk.cases.queries import CaseDetail, case_detail
from reviewdesk.errors import NotFound
from reviewdesk.store.changes import Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.assessment import AssessmentPanel
from reviewdesk.ui.case_view.documents import DocumentsPanel, guess_mime
from reviewdesk.ui.case_view.findings import FindingsPanel
from reviewdesk.ui.case_view.history import HistoryPanel
from reviewdesk.ui.case_view.letters import LettersPanel
from reviewdesk.ui.case_view.opinions import OpinionsPanel
from reviewdesk.ui.case_view.overview import OverviewPanel
from reviewdesk.ui.context import AppContext, Operation
from reviewdesk.ui.document_viewer import content_for_preview
from reviewdesk.ui.masking.dialog import MaskingDialog


def _read_and_add(vault: Any, actor: Any, case_id: int, paths: list[Path], kind: str) -> int:
    """Worker side: stores each file in the vault (never copied elsewhere); the service checks
    its size before reading it and extracts the searchable text in memory."""
    for path in paths:
        documents.add_document_file(vault, actor, case_id, kind, path, guess_mime(path))
    return len(paths)


class CaseViewPanel(QWidget):
    """The tabs of one case; reloads whenever a committed change touches the case."""

    case_loaded = Signal(object)
    """Emitted on the GUI thread with the CaseDetail after the case was (re)loaded."""
    case_left = Signal(int)
    """Emitted on the GUI thread with the case id when the actor can no longer see the case."""
    case_requested = Signal(int)
    """Emitted on the GUI thread with the id of another case to open (a new appeal)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        lang = ctx.lang
        self.heading = QLabel()
        self.heading.setObjectName("caseHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self._pending = 0

        self.tabs = QTabWidget()
        self.tabs.setObjectName("caseTabs")
        self.overview = OverviewPanel(lang)
        self.documents = DocumentsPanel(lang, ctx.may(Action.ADD_DOCUMENT),
                                        sees_originals=ctx.may(Action.READ_ORIGINAL_DOCUMENTS),
                                        can_mask=ctx.may(Action.MASK_DOCUMENTS), ctx=ctx)
        self.history = HistoryPanel(lang)
        self.opinions = OpinionsPanel(ctx, case_id)
        self.opinions.setObjectName("opinions")
        self.opinions.case_left.connect(self.case_left)
        self.overview.setObjectName("overview")
        self.documents.setObjectName("documents")
        self.history.setObjectName("history")
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self.tabs.addTab(self.documents, self.tr("Documents"))
        self.findings = FindingsPanel(ctx, case_id)
        self.findings.setObjectName("finding")
        self.assessment: AssessmentPanel | None = None
        self.tabs.addTab(self.opinions, self.tr("Opinions"))
        self.tabs.addTab(self.findings, self.tr("Finding"))
        if ctx.may(Action.READ_ALL_CASES):  # reviewers never see assessments
            self.assessment = AssessmentPanel(ctx, case_id)
            self.assessment.setObjectName("assessment")
            self.tabs.addTab(self.assessment, self.tr("Assessment"))
        self.letters: LettersPanel | None = None
        if ctx.may(Action.READ_ALL_CASES):  # letters name the patient: not for reviewers
            self.letters = LettersPanel(ctx, case_id)
            self.letters.setObjectName("letters")
            self.tabs.addTab(self.letters, self.tr("Letters"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.overview.action_requested.connect(self._on_overview_action_requested)
        self.documents.add_requested.connect(self._on_documents_add_requested)
        self.documents.files_chosen.connect(self.add_files)
        self.documents.document_selected.connect(self._on_documents_document_selected)
        self.documents.mask_requested.connect(self.open_masking)
        self.documents.acknowledge_requested.connect(self._on_documents_acknowledge_requested)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.busy)
        layout.addWidget(self.tabs, 1)
        ctx.events.changes_applied.connect(self._on_changes_applied)
        self.load()

    # Loading -----------------------------------------------------------------------------

    def _run(self, op: Operation, on_done: Callable[[Any], None] | None = None) -> None:
        """ctx.run with the tab's busy bar shown while anything is under way."""
        self._pending += 1
        self.busy.show()

        def done(result: Any) -> None:
            self._finished()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            self._finished()
            if isinstance(exc, NotFound):  # the case left this user's view meanwhile
                self.case_left.emit(self.case_id)
            else:
                self._ctx.show_error(self, exc)

        self._ctx.run(op, done, parent=self, on_error=failed)

    def _finished(self) -> None:
        self._pending -= 1
        self.busy.setVisible(self._pending > 0)

    def load(self) -> None:
        case_id = self.case_id
        self._run(lambda v, a: case_detail(v, a, case_id), self._on_detail_loaded)
        self._load_documents()
        self._run(lambda v, a: case_history(v, a, case_id), self.history.set_rows)

    def _load_documents(self) -> None:
        case_id = self.case_id
        self._run(lambda v, a: documents.case_documents(v, a, case_id), self.documents.set_documents)

    def _on_changes_applied(self, changes: Changes) -> None:
        # Whoever changed this case (this tab, the meetings screen, another seat), show it now.
        if not changes.touches_case(self.case_id):
            return
        self.load()  # the tabs with their own data follow the case themselves (CaseTab)

    def _on_detail_loaded(self, detail: CaseDetail) -> None:
        self.detail = detail
        self.heading.setText(f"{detail.number}　{fmt.state_text(detail.state, self._ctx.lang)}　"
                             f"{detail.member}")
        self.overview.set_detail(detail)
        self.opinions.set_detail(detail)
        if self.assessment is not None:
            self.assessment.set_detail(detail)
        self.case_loaded.emit(detail)

    # Actions -----------------------------------------------------------------------------

    def _on_overview_action_requested(self, name: str) -> None:
        handlers = {"withdraw": self._on_overview_withdraw_requested,
                    "not_covered": self._on_overview_not_covered_requested,
                    "override": self._on_overview_override_requested,
                    "notify": self._on_notify_requested, "close": self._on_close_requested,
                    "reopen": self._on_reopen_requested, "appeal": self._on_appeal_requested}
        handlers[name]()

    def _on_notify_requested(self) -> None:
        case_id = self.case_id
        self._run(lambda v, a: archive.mark_notified(v, a, case_id))

    def _on_close_requested(self) -> None:
        if not self._ctx.prompts.confirm(
                self, self.tr("Close and archive"),
                self.tr("Close this case? It becomes read-only and is kept for ten years.")):
            return
        case_id = self.case_id
        self._run(lambda v, a: archive.close_case(v, a, case_id))

    def _on_reopen_requested(self) -> None:
        reason = self._ctx.prompts.ask_text(self, self.tr("Reopen the case"),
                                            self.tr("Why is the case reopened?"))
        if reason is None:
            return
        case_id = self.case_id
        self._run(lambda v, a: archive.reopen_case(v, a, case_id, reason))

    def _on_appeal_requested(self) -> None:
        grounds = self._ctx.prompts.ask_text(self, self.tr("Register an appeal"),
                                             self.tr("What does the member contest?"))
        if grounds is None:
            return
        case_id = self.case_id

        def opened(appeal_id: int) -> None:
            self.case_requested.emit(appeal_id)

        self._run(lambda v, a: archive.register_appeal(v, a, case_id, grounds), opened)

    def _on_overview_withdraw_requested(self) -> None:
        reason = self._ctx.prompts.ask_text(self, self.tr("Withdraw the case"),
                                            self.tr("Reason for the withdrawal:"))
        if reason is None:
            return
        case_id = self.case_id
        self._run(lambda v, a: intake.withdraw_case(v, a, case_id, reason))

    def _on_overview_not_covered_requested(self) -> None:
        if not self._ctx.prompts.confirm(
                self, self.tr("Not covered"),
                self.tr("Close this case as not covered? The not-covered letter explains why.")):
            return
        case_id = self.case_id
        self._run(lambda v, a: intake.mark_not_covered(v, a, case_id))

    def _on_overview_override_requested(self) -> None:
        reason = self._ctx.prompts.ask_text(self, self.tr("Review despite the check"),
                                            self.tr("Why the board reviews this case:"))
        if reason is None:
            return
        case_id = self.case_id
        self._run(lambda v, a: intake.override_coverage(v, a, case_id, reason))

    def _on_documents_add_requested(self) -> None:
        paths = self._ctx.prompts.open_paths(
            self, self.tr("Add documents"),
            self.tr("Documents (*.pdf *.png *.jpg *.jpeg *.gif *.bmp *.tif *.tiff *.txt);;"
                    "All files (*)"))
        if paths:
            self.add_files(paths, self.documents.kind())

    def add_files(self, paths: list[Path], kind: str) -> None:
        case_id = self.case_id
        self._run(lambda v, a: _read_and_add(v, a, case_id, list(paths), kind))

    def _on_documents_document_selected(self, document_id: int) -> None:
        self.documents.show_loading(self.tr("Loading…"))
        self._run(lambda v, a: content_for_preview(v, a, document_id),
                  lambda result: self.documents.show_content(*result, document_id=document_id))

    def open_masking(self, document_id: int) -> MaskingDialog:
        """The masking view for one document; the tab follows what it applies through
        changes_applied, like any other write."""
        dialog = MaskingDialog(self._ctx, document_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): the idle lock may need to hide it
        return dialog

    def _on_documents_acknowledge_requested(self) -> None:
        case_id = self.case_id
        # The notices are this reader's own: reread the listing whatever the change announces.
        self._run(lambda v, a: document_masking.acknowledge_changes(v, a, case_id),
                  lambda _count: self._load_documents())
