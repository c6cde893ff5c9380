"""PresentationWindow: a meeting's agenda one case at a time, in large type for a shared screen."""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.cases import findings
from reviewdesk.cases.documents import CaseDocuments, case_documents
from reviewdesk.cases.meeting_terms import MeetingKind, VoteChoice
from reviewdesk.cases.meetings import AgendaRow, MeetingDetail, meeting_detail, present_item
from reviewdesk.cases.opinions import OpinionRow, list_opinions
from reviewdesk.cases.outcomes import Element, FindingOutcome
from reviewdesk.cases.queries import CaseDetail, case_detail
from reviewdesk.cases.review_terms import OpinionStatus
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.opinions import share_text
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.meeting.finding_dialog import FindingDialog
from reviewdesk.ui.meeting.shared_documents import SharedDocuments


@dataclass(frozen=True)
class ItemView:
    """What the shared screen shows for one agenda item, read off the GUI thread."""

    detail: CaseDetail
    opinions: tuple[OpinionRow, ...]
    finding: findings.FindingRow | None
    documents: CaseDocuments


def load_item(vault: Any, actor: Any, item: AgendaRow, meeting_id: int) -> ItemView:
    submitted = tuple(o for o in list_opinions(vault, actor, item.case_id)
                      if o.status == OpinionStatus.SUBMITTED)
    here = [f for f in findings.list_findings(vault, actor, item.case_id) if f.meeting_id == meeting_id]
    # The room sees the screen: masked copies only, whoever drives it.
    docs = case_documents(vault, actor, item.case_id, shared_screen=True)
    return ItemView(case_detail(vault, actor, item.case_id), submitted, here[-1] if here else None,
                    docs)


class PresentationWindow(QWidget):
    """Steps through the agenda (←/→, PgUp/PgDn, Space); F11 full screen; Esc closes.

    It reads through the same services as every other screen, so it shows only what the
    person at the keyboard may see; the chair records the finding from here.

    The chair leads: each item the chair shows becomes the meeting's current item, and every
    other member's presentation, at their own seat, follows it while 「委員長に合わせる」 is on.
    """

    item_changed = Signal(int)
    """Emitted on the GUI thread with the agenda position now shown (1-based)."""

    def __init__(self, ctx: AppContext, meeting: MeetingDetail, start: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._ctx, self._meeting = ctx, meeting
        self._index = max(0, min(start, len(meeting.agenda) - 1))
        self._decided = {i for i, item in enumerate(meeting.agenda) if item.decided}
        self.setWindowTitle(self.tr("%1 — presentation").replace("%1", meeting.meeting.title))
        self.setStyleSheet("QWidget { font-size: 20pt; } QPushButton { padding: 6px 18px; }")
        self.header = QLabel()
        self.header.setObjectName("presentationHeader")
        self.header.setStyleSheet("font-size: 16pt; color: #555;")
        self.title = QLabel()
        self.title.setObjectName("presentationTitle")
        self.title.setStyleSheet("font-size: 30pt; font-weight: bold;")
        self.quorum = QLabel()
        self.quorum.setObjectName("presentationQuorum")
        self.body = QTextBrowser()
        self.body.setTabChangesFocus(True)
        self.body.setObjectName("presentationBody")
        self.body.setOpenLinks(False)
        # Read-only: arrow keys and Space must step through the agenda, not move a text cursor.
        self.body.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.finding_button = QPushButton(self.tr("Record the finding…"))
        self.finding_button.setObjectName("presentationFindingButton")
        self.finding_button.setVisible(ctx.may(Action.RECORD_FINDING)
                                       and meeting.meeting.kind == MeetingKind.REVIEW_BOARD)
        self.documents = SharedDocuments(ctx)
        self.documents.setObjectName("presentationDocuments")
        self.close_button = QPushButton(self.tr("Close"))
        self._leads = ctx.may(Action.RECORD_FINDING)
        self.follow_box = QCheckBox(self.tr("Follow the chair"))
        self.follow_box.setChecked(True)
        self.follow_box.setVisible(not self._leads)
        ctx.events.changes_applied.connect(self._on_changes)
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.finding_button.clicked.connect(self._on_finding_clicked)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.follow_box)
        buttons.addWidget(self.finding_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 24)
        layout.addWidget(self.header)
        layout.addWidget(self.title)
        layout.addWidget(self.quorum)
        content = QSplitter()
        content.addWidget(self.body)
        content.addWidget(self.documents)
        content.setStretchFactor(0, 2)
        content.setStretchFactor(1, 1)
        content.setSizes([800, 400])
        layout.addWidget(content, 1)
        layout.addLayout(buttons)
        for keys, slot in (((Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space), self.show_next),
                           ((Qt.Key.Key_Left, Qt.Key.Key_PageUp), self.show_previous),
                           ((Qt.Key.Key_F11,), self.toggle_full_screen),
                           ((Qt.Key.Key_Escape,), self.close)):
            for key in keys:
                QShortcut(QKeySequence(key), self, activated=slot)
        self.resize(1280, 800)
        following = meeting.presenting_index()
        if not self._leads and following is not None:
            self._index = following  # a member joining late starts where the chair is
        self.show_item(self._index)

    @property
    def index(self) -> int:
        return self._index

    def current_item(self) -> AgendaRow | None:
        agenda = self._meeting.agenda
        return agenda[self._index] if agenda else None

    # Navigation --------------------------------------------------------------------------

    @Slot()
    def show_next(self) -> None:
        if self._index + 1 < len(self._meeting.agenda):
            self.show_item(self._index + 1)

    @Slot()
    def show_previous(self) -> None:
        if self._index > 0:
            self.show_item(self._index - 1)

    @Slot()
    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    def show_item(self, index: int) -> None:
        m = self._meeting.meeting
        agenda = self._meeting.agenda
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index + 1 < len(agenda))
        if not agenda:
            self.header.setText(m.title)
            self.title.setText(self.tr("The agenda is empty."))
            self.body.clear()
            self.documents.clear()
            self.finding_button.setEnabled(False)
            return
        self._index = index
        item = agenda[index]
        self.header.setText(self.tr("%1　Item %2 of %3").replace("%1", f"{fmt.day(m.held_on)}　{m.title}")
                            .replace("%2", str(index + 1)).replace("%3", str(len(agenda))))
        self.title.setText(f"{item.case_no}　{fmt.procedure_text(item.procedure, self._ctx.lang)}")
        q = item.quorum
        recused = "、".join(r.name for r in item.recusals)
        text = (self.tr("Voting members present %1; quorum %2").replace("%1", str(q.present))
                .replace("%2", str(q.needed)))
        if recused:
            text += "　" + self.tr("Recused: %1").replace("%1", recused)
        self.quorum.setText(text)
        self.quorum.setStyleSheet("" if q.met else "color: #a61b1b;")
        self.finding_button.setEnabled(index not in self._decided)
        loading = self.tr("Loading…")
        self.body.setHtml(f"<p>{html.escape(loading)}</p>")
        self.documents.clear()
        meeting_id = m.id
        self._ctx.run(lambda vault, actor: load_item(vault, actor, item, meeting_id),
                      lambda view, index=index: self._on_loaded(index, view), parent=self)
        if self._leads and self._meeting.presenting != item.item_id:
            self._meeting = replace(self._meeting, presenting=item.item_id)
            self._ctx.run(lambda vault, actor: present_item(vault, actor, item.item_id), parent=self)
        self.item_changed.emit(index + 1)

    # Following the chair ----------------------------------------------------------------

    @Slot(object)
    def _on_changes(self, changes: Changes) -> None:
        if self._leads or not changes.touches(ChangeKind.MEETINGS):
            return
        meeting_id = self._meeting.meeting.id
        self._ctx.run(lambda vault, actor: meeting_detail(vault, actor, meeting_id),
                      self._on_meeting_reloaded, parent=self)

    def _on_meeting_reloaded(self, detail: MeetingDetail) -> None:
        moved = detail.presenting != self._meeting.presenting
        self._meeting = detail
        self._decided = {i for i, item in enumerate(detail.agenda) if item.decided}
        index = detail.presenting_index()
        if moved and self.follow_box.isChecked() and index is not None and index != self._index:
            self.show_item(index)

    def _on_loaded(self, index: int, view: ItemView) -> None:
        if index == self._index:  # the user may have moved on while it loaded
            self.body.setHtml(self._page(view))
            self.documents.set_documents(view.detail.id, view.documents)

    # Content -----------------------------------------------------------------------------

    def _page(self, view: ItemView) -> str:
        lang, d = self._ctx.lang, view.detail
        e = html.escape
        # self.tr() outside the f-strings, so lupdate finds every string.
        patient, member, outcome = self.tr("Patient"), self.tr("Member"), self.tr("Outcome")
        demand, opinions_title = self.tr("Demand"), self.tr("Opinions")
        reviewer, recommends = self.tr("Reviewer"), self.tr("Recommends")
        grade = f"（{d.disability_grade}級）" if d.disability_grade else ""
        parts = [
            # A shared screen shows the case alias, even when the secretariat presents.
            f"<p>{e(patient)}: {e(d.patient_alias)}　{e(member)}: {e(d.member)}"
            f"　{e(outcome)}: {e(fmt.outcome_kind_text(d.outcome_kind, lang))}{e(grade)}</p>",
            f"<p>{e(d.summary)}</p>",
        ]
        if d.patient_demand:
            parts.append(f"<p><b>{e(demand)}</b>: {e(d.patient_demand)}</p>")
        if view.opinions:
            head = "".join(f"<th>{e(fmt.element_text(el, lang))}</th>" for el in Element)
            rows = []
            for o in view.opinions:
                cells = "".join(f"<td align='center'>{e(fmt.answer_text(getattr(o, el), lang))}</td>"
                                for el in Element)
                # A share qualifies only a partly liable recommendation (liable stores 1).
                partly = o.recommended_finding == FindingOutcome.PARTLY_LIABLE
                share = f"（{share_text(o.insured_share)}）" if partly and o.insured_share else ""
                rows.append(f"<tr><td>{e(o.author)}</td>{cells}"
                            f"<td>{e(fmt.finding_text(o.recommended_finding, lang))}{e(share)}</td></tr>")
            parts.append(
                f"<h3>{e(opinions_title)}</h3><table border='1' cellspacing='0' cellpadding='6'>"
                f"<tr><th>{e(reviewer)}</th>{head}<th>{e(recommends)}</th></tr>"
                + "".join(rows) + "</table>")
        else:
            none_visible = self.tr("No submitted opinion is visible to you.")
            parts.append(f"<p>{e(none_visible)}</p>")
        if view.finding is not None:
            f = view.finding
            heading = self.tr("Finding: %1").replace("%1", fmt.finding_text(f.outcome, lang))
            tally = (self.tr("For %1, against %2")
                     .replace("%1", str(sum(v.vote == VoteChoice.FOR for v in f.votes)))
                     .replace("%2", str(sum(v.vote == VoteChoice.AGAINST for v in f.votes))))
            parts.append(f"<h3>{e(heading)}</h3><p>{e(tally)}</p>")
        return "".join(parts)

    # Actions -----------------------------------------------------------------------------

    def _on_finding_clicked(self) -> FindingDialog | None:
        item = self.current_item()
        if item is None:
            return None
        dialog = FindingDialog(self._ctx, item, self._meeting.attendance, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finding_recorded.connect(self._on_finding_recorded)
        dialog.open()  # not exec(): the idle lock may need to hide it
        return dialog

    @Slot(int)
    def _on_finding_recorded(self, _finding_id: int) -> None:
        self._decided.add(self._index)
        self.show_item(self._index)

