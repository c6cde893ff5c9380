"""CaseViewPanel: one case in tabs, loaded through the task runner; acts through the services.

The main window opens a case with only its overview built: every other tab is built (and its
module imported) when first shown or used, or in idle time once the case is on screen, so the
case comes up sooner. A panel made on its own (tests, screenshots) builds them all at once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QTabWidget, QVBoxLayout, QWidget

from reviewdesk.auth.permissions import Action
from reviewdesk.cases import archive, documents, intake
from reviewdesk.cases.queries import CaseDetail, case_detail
from reviewdesk.errors import NotFound
from reviewdesk.store.changes import Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.overview import OverviewPanel
from reviewdesk.ui.context import AppContext, Operation
from reviewdesk.ui.startup import load

if TYPE_CHECKING:
    from reviewdesk.ui.case_view.assessment import AssessmentPanel
    from reviewdesk.ui.case_view.documents import DocumentsPanel
    from reviewdesk.ui.case_view.findings import FindingsPanel
    from reviewdesk.ui.case_view.history import HistoryPanel
    from reviewdesk.ui.case_view.letters import LettersPanel
    from reviewdesk.ui.case_view.opinions import OpinionsPanel
    from reviewdesk.ui.masking.dialog import MaskingDialog


def _read_and_add(vault: Any, actor: Any, case_id: int, files: list[tuple[Path, str]], kind: str) -> int:
    """Worker side: stores each file in the vault (never copied elsewhere); the service checks
    its size before reading it and extracts the searchable text in memory."""
    for path, mime in files:
        documents.add_document_file(vault, actor, case_id, kind, path, mime)
    return len(files)


class CaseViewPanel(QWidget):
    """The tabs of one case; reloads whenever a committed change touches the case."""

    case_loaded = Signal(object)
    """Emitted on the GUI thread with the CaseDetail after the case was (re)loaded."""
    case_left = Signal(int)
    """Emitted on the GUI thread with the case id when the actor can no longer see the case."""
    case_requested = Signal(int)
    """Emitted on the GUI thread with the id of another case to open (a new appeal)."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None, *,
                 tabs_when_shown: bool = False) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.case_id = case_id
        self.detail: CaseDetail | None = None
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
        self.overview = OverviewPanel(ctx.lang)
        self.overview.setObjectName("overview")
        self.tabs.addTab(self.overview, self.tr("Overview"))
        self.overview.action_requested.connect(self._on_overview_action_requested)
        # name -> (tab label, builder); reviewers never see assessments, nor letters (which name
        # the patient). A tab's place holds an empty page until the tab is built.
        self._builders: dict[str, tuple[str, Callable[[], QWidget]]] = {
            "documents": (self.tr("Documents"), self._build_documents),
            "opinions": (self.tr("Opinions"), self._build_opinions),
            "findings": (self.tr("Finding"), self._build_findings),
        }
        if ctx.may(Action.READ_ALL_CASES):
            self._builders["assessment"] = (self.tr("Assessment"), self._build_assessment)
            self._builders["letters"] = (self.tr("Letters"), self._build_letters)
        self._builders["history"] = (self.tr("History"), self._build_history)
        self._built: dict[str, QWidget] = {}
        self._places: dict[str, QWidget] = {}
        for name, (label, build) in self._builders.items():
            if tabs_when_shown:
                self._places[name] = QWidget()
                self.tabs.addTab(self._places[name], label)
            else:
                self.tabs.addTab(self._made(name, build), label)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._idle_build = QTimer(self)
        self._idle_build.setInterval(0)
        self._idle_build.timeout.connect(self._build_next)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.busy)
        layout.addWidget(self.tabs, 1)
        ctx.events.changes_applied.connect(self._on_changes_applied)
        self.load()

    # Tabs --------------------------------------------------------------------------------

    @property
    def documents(self) -> DocumentsPanel:
        return self._tab("documents")  # type: ignore[return-value]

    @property
    def opinions(self) -> OpinionsPanel:
        return self._tab("opinions")  # type: ignore[return-value]

    @property
    def findings(self) -> FindingsPanel:
        return self._tab("findings")  # type: ignore[return-value]

    @property
    def assessment(self) -> AssessmentPanel | None:
        return self._tab("assessment") if "assessment" in self._builders else None  # type: ignore[return-value]

    @property
    def letters(self) -> LettersPanel | None:
        return self._tab("letters") if "letters" in self._builders else None  # type: ignore[return-value]

    @property
    def history(self) -> HistoryPanel:
        return self._tab("history")  # type: ignore[return-value]

    def _tab(self, name: str) -> QWidget:
        """The tab, built now if it was not yet, in the place its label holds."""
        tab = self._built.get(name)
        if tab is not None:
            return tab
        label, build = self._builders[name]
        tab = self._made(name, build)
        place = self._places.pop(name)
        index, current = self.tabs.indexOf(place), self.tabs.currentIndex()
        blocked = self.tabs.blockSignals(True)  # the same tab stays current, nothing to announce
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, tab, label)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(blocked)
        place.deleteLater()
        return tab

    def _made(self, name: str, build: Callable[[], QWidget]) -> QWidget:
        tab = build()
        tab.setObjectName(name if name != "findings" else "finding")
        self._built[name] = tab
        return tab

    def _on_tabs_current_changed(self, index: int) -> None:
        for name, place in tuple(self._places.items()):
            if self.tabs.widget(index) is place:
                self._tab(name)

    def _build_next(self) -> None:
        """Idle time after the case is on screen: one more tab built per turn of the loop."""
        if not self._places:
            self._idle_build.stop()
            return
        self._tab(next(iter(self._places)))

    def _build_documents(self) -> QWidget:
        ctx = self._ctx
        tab: DocumentsPanel = load("reviewdesk.ui.case_view.documents").DocumentsPanel(  # type: ignore[attr-defined]
            ctx.lang, ctx.may(Action.ADD_DOCUMENT), sees_originals=ctx.may(Action.READ_ORIGINAL_DOCUMENTS),
            can_mask=ctx.may(Action.MASK_DOCUMENTS), ctx=ctx)
        tab.add_requested.connect(self._on_documents_add_requested)
        tab.files_chosen.connect(self.add_files)
        tab.document_selected.connect(self._on_documents_document_selected)
        tab.mask_requested.connect(self.open_masking)
        tab.acknowledge_requested.connect(self._on_documents_acknowledge_requested)
        self._load_documents(tab)
        return tab

    def _build_opinions(self) -> QWidget:
        tab: OpinionsPanel = load("reviewdesk.ui.case_view.opinions").OpinionsPanel(  # type: ignore[attr-defined]
            self._ctx, self.case_id)
        tab.case_left.connect(self.case_left)
        if self.detail is not None:
            tab.set_detail(self.detail)
        return tab

    def _build_findings(self) -> QWidget:
        return load("reviewdesk.ui.case_view.findings").FindingsPanel(self._ctx, self.case_id)  # type: ignore[attr-defined, no-any-return]

    def _build_assessment(self) -> QWidget:
        tab: AssessmentPanel = load("reviewdesk.ui.case_view.assessment").AssessmentPanel(  # type: ignore[attr-defined]
            self._ctx, self.case_id)
        if self.detail is not None:
            tab.set_detail(self.detail)
        return tab

    def _build_letters(self) -> QWidget:
        return load("reviewdesk.ui.case_view.letters").LettersPanel(self._ctx, self.case_id)  # type: ignore[attr-defined, no-any-return]

    def _build_history(self) -> QWidget:
        tab: HistoryPanel = load("reviewdesk.ui.case_view.history").HistoryPanel(self._ctx.lang)  # type: ignore[attr-defined]
        self._load_history(tab)
        return tab

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
        """The case, and the panel's own tabs that are built (the others load when built; the
        tabs with their own data follow the case themselves, CaseTab)."""
        case_id = self.case_id
        self._run(lambda v, a: case_detail(v, a, case_id), self._on_detail_loaded)
        if "documents" in self._built:
            self._load_documents(self.documents)
        if "history" in self._built:
            self._load_history(self.history)

    def _load_documents(self, tab: DocumentsPanel) -> None:
        case_id = self.case_id
        self._run(lambda v, a: documents.case_documents(v, a, case_id), tab.set_documents)

    def _load_history(self, tab: HistoryPanel) -> None:
        from reviewdesk.cases.history import case_history  # with the history tab's module

        case_id = self.case_id
        self._run(lambda v, a: case_history(v, a, case_id), tab.set_rows)

    def _on_changes_applied(self, changes: Changes) -> None:
        # Whoever changed this case (this tab, the meetings screen, another seat), show it now.
        if not changes.touches_case(self.case_id):
            return
        self.load()

    def _on_detail_loaded(self, detail: CaseDetail) -> None:
        first = self.detail is None
        self.detail = detail
        self.heading.setText(f"{detail.number}　{fmt.state_text(detail.state, self._ctx.lang)}　"
                             f"{detail.member}")
        self.overview.set_detail(detail)
        for name in ("opinions", "assessment"):
            if name in self._built:
                self._built[name].set_detail(detail)  # type: ignore[attr-defined]
        self.case_loaded.emit(detail)
        if first:
            self._idle_build.start()

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
        guess_mime = load("reviewdesk.ui.case_view.documents").guess_mime  # type: ignore[attr-defined]
        files = [(path, guess_mime(path)) for path in paths]
        self._run(lambda v, a: _read_and_add(v, a, case_id, files, kind))

    def _on_documents_document_selected(self, document_id: int) -> None:
        content_for_preview = load("reviewdesk.ui.document_viewer").content_for_preview  # type: ignore[attr-defined]
        self.documents.show_loading(self.tr("Loading…"))
        self._run(lambda v, a: content_for_preview(v, a, document_id),
                  lambda result: self.documents.show_content(*result, document_id=document_id))

    def open_masking(self, document_id: int) -> MaskingDialog:
        """The masking view for one document; the tab follows what it applies through
        changes_applied, like any other write."""
        dialog: MaskingDialog = load("reviewdesk.ui.masking.dialog").MaskingDialog(  # type: ignore[attr-defined]
            self._ctx, document_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): the idle lock may need to hide it
        return dialog

    def _on_documents_acknowledge_requested(self) -> None:
        case_id = self.case_id
        acknowledge = load("reviewdesk.cases.document_masking").acknowledge_changes  # type: ignore[attr-defined]
        # The notices are this reader's own: reread the listing whatever the change announces.
        self._run(lambda v, a: acknowledge(v, a, case_id),
                  lambda _count: self._load_documents(self.documents))
