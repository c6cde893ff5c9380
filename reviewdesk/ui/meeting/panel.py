"""MeetingsPanel: the list of meetings; for the chosen one its attendance, agenda and findings."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTime, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import BOARD_ROLES, Actor, Role
from reviewdesk.cases import meetings
from reviewdesk.cases.meeting_terms import MeetingKind, MeetingStatus
from reviewdesk.cases.queries import CaseFilter, list_cases
from reviewdesk.errors import NotFound
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.store.vault import Vault
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.context import AppContext
from reviewdesk.ui.meeting.finding_dialog import FindingDialog
from reviewdesk.ui.meeting.models import (
    AgendaCol,
    AgendaTableModel,
    MeetingCol,
    MeetingTableModel,
)
from reviewdesk.ui.meeting.presentation import PresentationWindow
from reviewdesk.ui.meeting.recusal_dialog import RecusalDialog, WithdrawRecusalDialog


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def _time_edit(name: str, default: time) -> QTimeEdit:
    edit = QTimeEdit(QTime(default.hour, default.minute))
    edit.setObjectName(name)
    edit.setDisplayFormat("HH:mm")
    return edit


def _time_of(edit: QTimeEdit) -> time:
    q = edit.time()
    return time(q.hour(), q.minute())


def case_id_for(vault: Any, actor: Any, case_no: str) -> int:
    """The visible case with exactly this number (searching the index, which holds numbers)."""
    for row in list_cases(vault, actor, CaseFilter(search=case_no), limit=50):
        if row.number == case_no:
            return row.id
    raise NotFound(f"no case {case_no}", ja=f"事案 {case_no} はありません")


class MeetingsPanel(QWidget):
    case_activated = Signal(int)
    """Emitted on the GUI thread with a case id when the user opens an agenda item's case."""

    def __init__(self, ctx: AppContext, today: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._today = ctx, today
        lang = ctx.lang
        self.detail: meetings.MeetingDetail | None = None
        self._members: list[Any] = []
        self.title = QLabel(self.tr("Meetings"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")

        self.meeting_model = MeetingTableModel(lang, self)
        self.meeting_view = _table(self.meeting_model, "meetingTable")
        header = self.meeting_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MeetingCol.TITLE, QHeaderView.ResizeMode.Stretch)
        # The title names the kind (第12回審査会); a column of its own only pushed the title out.
        self.meeting_view.setColumnHidden(MeetingCol.KIND, True)
        self.meeting_view.selectionModel().currentRowChanged.connect(self._on_meeting_row_changed)

        # New meeting (secretariat)
        self.new_kind = QComboBox()
        for kind in MeetingKind:
            self.new_kind.addItem(fmt.meeting_kind_text(kind, lang), kind.value)
        day = today or date.today()
        self.new_date = QDateEdit(QDate(day.year, day.month, day.day))
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("yyyy-MM-dd")
        self.new_title = QLineEdit()
        self.new_title.setObjectName("newMeetingTitle")
        self.new_title.setPlaceholderText(self.tr("e.g. 12th review board"))
        self.new_location = QLineEdit()
        # The times are asked for now and again when the meeting opens; the minutes print them.
        self.new_start = _time_edit("newMeetingStart", time(14, 0))
        self.new_end = _time_edit("newMeetingEnd", time(16, 0))
        self.create_button = QPushButton(self.tr("Schedule"))
        self.create_button.setObjectName("createMeetingButton")
        self.create_button.clicked.connect(self._on_create_clicked)
        self.new_box = QGroupBox(self.tr("New meeting"))
        new_form = QFormLayout(self.new_box)
        new_form.addRow(self.tr("Meeting"), self.new_kind)
        new_form.addRow(self.tr("Date"), self.new_date)
        new_form.addRow(self.tr("Title"), self.new_title)
        new_form.addRow(self.tr("Location"), self.new_location)
        new_form.addRow(self.tr("Starts at"), self.new_start)
        new_form.addRow(self.tr("Ends at"), self.new_end)
        new_form.addRow(self.create_button)
        self.new_box.setVisible(ctx.may(Action.MANAGE_MEETINGS))

        # The chosen meeting
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("meetingQuorum")
        self.attendance = QListWidget()
        self.attendance.setObjectName("attendanceList")
        self.attendance_button = QPushButton(self.tr("Record attendance"))
        self.attendance_button.setObjectName("recordAttendanceButton")
        self.attendance_button.clicked.connect(self._on_attendance_clicked)
        self.attendance_button.setVisible(ctx.may(Action.RECORD_ATTENDANCE))
        self.correct_attendance_button = QPushButton(self.tr("Correct attendance…"))
        self.correct_attendance_button.setObjectName("correctAttendanceButton")
        self.correct_attendance_button.setToolTip(
            self.tr("Correct a mistaken entry, with the reason, until the minutes are issued"))
        self.correct_attendance_button.clicked.connect(self._on_correct_attendance_clicked)
        self.correct_attendance_button.setVisible(ctx.may(Action.RECORD_ATTENDANCE))
        self.start_time = _time_edit("meetingStart", time(14, 0))
        self.end_time = _time_edit("meetingEnd", time(16, 0))
        self.times_box = QWidget()
        times_form = QFormLayout(self.times_box)
        times_form.setContentsMargins(0, 0, 0, 0)
        times_form.addRow(self.tr("Opened at"), self.start_time)
        times_form.addRow(self.tr("Closed at"), self.end_time)
        self.times_box.setVisible(ctx.may(Action.RECORD_ATTENDANCE))
        self.agenda_model = AgendaTableModel(lang, self)
        self.agenda_view = _table(self.agenda_model, "agendaTable")
        self.agenda_view.horizontalHeader().setSectionResizeMode(
            AgendaCol.RECUSED, QHeaderView.ResizeMode.Stretch)
        self.agenda_view.setColumnWidth(AgendaCol.POSITION, 40)
        self.agenda_view.setColumnWidth(AgendaCol.NUMBER, 100)
        self.agenda_view.setColumnWidth(AgendaCol.PROCEDURE, 130)
        self.agenda_view.doubleClicked.connect(self._on_agenda_double_clicked)
        self.case_no_edit = QLineEdit()
        self.case_no_edit.setObjectName("agendaCaseNo")
        self.case_no_edit.setPlaceholderText(self.tr("case no., e.g. 2026-00012"))
        self.add_button = QPushButton(self.tr("Put on the agenda"))
        self.add_button.setObjectName("addAgendaButton")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.finding_button = QPushButton(self.tr("Record the finding…"))
        self.finding_button.setObjectName("openFindingButton")
        self.finding_button.clicked.connect(self._on_finding_clicked)
        self.finding_button.setVisible(ctx.may(Action.RECORD_FINDING))
        self.recusal_button = QPushButton(self.tr("Record a recusal…"))
        self.recusal_button.setObjectName("recusalButton")
        self.recusal_button.clicked.connect(self._on_recusal_clicked)
        self.recusal_button.setVisible(ctx.may(Action.RECORD_ATTENDANCE))
        self.withdraw_recusal_button = QPushButton(self.tr("Withdraw a recusal…"))
        self.withdraw_recusal_button.setObjectName("withdrawRecusalButton")
        self.withdraw_recusal_button.clicked.connect(self._on_withdraw_recusal_clicked)
        self.withdraw_recusal_button.setVisible(ctx.may(Action.RECORD_ATTENDANCE))
        self.present_button = QPushButton(self.tr("Present…"))
        self.present_button.setObjectName("presentButton")
        self.present_button.setToolTip(self.tr("Step through the agenda in large type on a shared screen"))
        self.present_button.clicked.connect(self._on_present_clicked)
        self.minutes_button = QPushButton(self.tr("Issue the minutes…"))
        self.minutes_button.setObjectName("issueMinutesButton")
        self.minutes_button.clicked.connect(self._on_minutes_clicked)
        self.minutes_button.setVisible(ctx.may(Action.ISSUE_LETTER))

        add_row = QHBoxLayout()
        add_row.addWidget(self.case_no_edit, 1)
        add_row.addWidget(self.add_button)
        self.add_bar = QWidget()
        self.add_bar.setLayout(add_row)
        self.add_bar.setVisible(ctx.may(Action.MANAGE_MEETINGS))
        attendance_col = QVBoxLayout()
        attendance_col.addWidget(QLabel(self.tr("Attendance")))
        attendance_col.addWidget(self.attendance, 1)
        attendance_col.addWidget(self.times_box)
        attendance_col.addWidget(self.attendance_button)
        attendance_col.addWidget(self.correct_attendance_button)
        agenda_col = QVBoxLayout()
        agenda_col.addWidget(QLabel(self.tr("Agenda")))
        agenda_col.addWidget(self.agenda_view, 1)
        agenda_col.addWidget(self.add_bar)
        agenda_buttons = QHBoxLayout()
        agenda_buttons.addWidget(self.present_button)
        agenda_buttons.addStretch(1)
        agenda_buttons.addWidget(self.recusal_button)
        agenda_buttons.addWidget(self.withdraw_recusal_button)
        agenda_buttons.addWidget(self.finding_button)
        agenda_buttons.addWidget(self.minutes_button)
        agenda_col.addLayout(agenda_buttons)
        attendance_box = QWidget()
        attendance_box.setLayout(attendance_col)
        attendance_box.setMaximumWidth(230)
        attendance_col.setContentsMargins(0, 0, 0, 0)
        body = QHBoxLayout()
        body.addWidget(attendance_box)
        body.addLayout(agenda_col, 1)
        self.detail_box = QWidget()
        detail_layout = QVBoxLayout(self.detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.quorum_label)
        detail_layout.addLayout(body, 1)
        self.detail_box.setEnabled(False)

        left = QWidget()
        left.setMinimumWidth(360)  # date, title, status and attendance without scrolling
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.meeting_view, 1)
        left_layout.addWidget(self.new_box)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail_box)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        # A bound slot, not a lambda: Qt drops the connection when this widget goes.
        ctx.events.changes_applied.connect(self._on_changes_applied)
        self._load_members()
        self.refresh()

    # Loading -----------------------------------------------------------------------------

    def _submit(self, fn: Any, on_done: Any) -> None:
        self._ctx.run(fn, on_done, parent=self)

    def refresh(self, select_id: int | None = None) -> None:
        self._submit(meetings.list_meetings,
                     lambda rows: self._on_meetings_loaded(rows, select_id))

    def _on_meetings_loaded(self, rows: list[meetings.MeetingRow], select_id: int | None) -> None:
        current = select_id or (self.detail.meeting.id if self.detail else None)
        self.meeting_model.set_rows(rows)
        ids = [r.id for r in rows]
        if current in ids:
            self.meeting_view.selectRow(ids.index(current))
        elif rows:
            self.meeting_view.selectRow(0)

    def _load_members(self) -> None:
        if not self._ctx.may(Action.LIST_USERS):
            return
        from reviewdesk.auth.users import list_users
        self._submit(lambda vault, actor: [u for u in list_users(vault, actor) if not u.disabled],
                     self._on_members_loaded)

    def _on_members_loaded(self, users: list[Any]) -> None:
        self._members = users
        self._show_attendance()

    def _on_meeting_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.load_detail(self.meeting_model.row_at(current.row()).id)

    def load_detail(self, meeting_id: int) -> None:
        self._submit(lambda vault, actor: meetings.meeting_detail(vault, actor, meeting_id), self._on_detail)

    def reload_detail(self) -> None:
        if self.detail is not None:
            self.refresh(self.detail.meeting.id)

    def _on_detail(self, detail: meetings.MeetingDetail) -> None:
        self.detail = detail
        m = detail.meeting
        lang = self._ctx.lang
        self.heading.setText(f"{fmt.day(m.held_on)}　{fmt.meeting_kind_text(m.kind, lang)}　{m.title}"
                             + (f"（{m.location}）" if m.location else ""))
        self.quorum_label.setText(
            self.tr("Present %1 of %2; quorum %3").replace("%1", str(m.present))
            .replace("%2", str(m.committee_size)).replace("%3", str(m.quorum_needed)))
        self.quorum_label.setStyleSheet("" if m.quorum_met or m.status != MeetingStatus.HELD
                                        else "color: #a61b1b;")
        self.agenda_model.set_rows(list(detail.agenda))
        self.detail_box.setEnabled(True)
        self.finding_button.setEnabled(m.kind == MeetingKind.REVIEW_BOARD)
        self.present_button.setEnabled(bool(detail.agenda))
        self.correct_attendance_button.setEnabled(bool(detail.attendance))
        for edit, value in ((self.start_time, m.starts_at), (self.end_time, m.ends_at)):
            if value is not None:
                edit.setTime(QTime(value.hour, value.minute))
        self._show_attendance()

    def _show_attendance(self) -> None:
        self.attendance.clear()
        if self.detail is None:
            return
        recorded = {a.user_id: a for a in self.detail.attendance}
        kind = self.detail.meeting.kind
        roles = ({r.value for r in BOARD_ROLES} if kind == MeetingKind.REVIEW_BOARD
                 else {Role.ASSESSMENT_COMMITTEE.value})
        # Before attendance is taken, list the committee (when the actor may list users).
        people = ([(a.user_id, a.name, a.present) for a in self.detail.attendance] if recorded
                  else [(u.id, u.display_name, False) for u in self._members if u.role in roles])
        for user_id, name, present in people:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, user_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
            self.attendance.addItem(item)

    def present_ids(self) -> list[int]:
        return [int(self.attendance.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.attendance.count())
                if self.attendance.item(i).checkState() == Qt.CheckState.Checked]

    def _selected_item(self) -> meetings.AgendaRow | None:
        rows = self.agenda_view.selectionModel().selectedRows()
        return self.agenda_model.row_at(rows[0].row()) if rows else None

    # Actions -----------------------------------------------------------------------------

    def _on_create_clicked(self) -> None:
        q = self.new_date.date()
        held_on = date(q.year(), q.month(), q.day())
        kind, title = str(self.new_kind.currentData()), self.new_title.text()
        location = self.new_location.text().strip() or None
        starts_at, ends_at = _time_of(self.new_start), _time_of(self.new_end)
        self._submit(lambda vault, actor: meetings.create_meeting(
            vault, actor, kind, held_on, title, location, starts_at=starts_at, ends_at=ends_at),
                     self._on_created)

    def _on_created(self, meeting_id: int) -> None:
        self.new_title.clear()
        self.new_location.clear()
        self.refresh(meeting_id)

    def _on_attendance_clicked(self) -> None:
        if self.detail is None:
            return
        present, meeting_id = self.present_ids(), self.detail.meeting.id
        starts_at, ends_at = _time_of(self.start_time), _time_of(self.end_time)
        self._submit(lambda vault, actor: meetings.record_attendance(
            vault, actor, meeting_id, present, starts_at=starts_at, ends_at=ends_at),
                     lambda _r: self.refresh(meeting_id))

    def _on_correct_attendance_clicked(self) -> None:
        """A mistaken attendance entry (or time) is corrected with the reason, which is audited."""
        if self.detail is None:
            return
        reason = self._ctx.prompts.ask_text(self, self.tr("Correct attendance"),
                                            self.tr("Reason for the correction"))
        if reason is None:
            return
        present, meeting_id = self.present_ids(), self.detail.meeting.id
        starts_at, ends_at = _time_of(self.start_time), _time_of(self.end_time)
        self._submit(lambda vault, actor: meetings.correct_attendance(
            vault, actor, meeting_id, present, reason, starts_at=starts_at, ends_at=ends_at),
                     lambda _r: self.refresh(meeting_id))

    def _on_add_clicked(self) -> None:
        if self.detail is None or not self.case_no_edit.text().strip():
            return
        case_no, meeting_id = self.case_no_edit.text().strip(), self.detail.meeting.id

        def job(vault: Vault, actor: Actor) -> int:
            case_id = case_id_for(vault, actor, case_no)
            meetings.add_to_agenda(vault, actor, meeting_id, case_id)
            return case_id

        self._submit(job, self._on_added)

    def _on_added(self, case_id: int) -> None:
        self.case_no_edit.clear()

    def _on_finding_clicked(self) -> FindingDialog | None:
        item = self._selected_item()
        if item is None or self.detail is None:
            self._ctx.prompts.info(self, self.tr("Finding"), self.tr("Choose an agenda item first."))
            return None
        dialog = FindingDialog(self._ctx, item, self.detail.attendance, self, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # not exec(): the lock may hide it
        return dialog

    def _on_recusal_clicked(self) -> RecusalDialog | None:
        item = self._selected_item()
        if item is None or self.detail is None:
            self._ctx.prompts.info(self, self.tr("Recusal"), self.tr("Choose an agenda item first."))
            return None
        dialog = RecusalDialog(self._ctx, item, self.detail.attendance, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_withdraw_recusal_clicked(self) -> WithdrawRecusalDialog | None:
        item = self._selected_item()
        if item is None or not item.recusals:
            self._ctx.prompts.info(self, self.tr("Recusal"),
                                   self.tr("Choose an agenda item with a recusal first."))
            return None
        dialog = WithdrawRecusalDialog(self._ctx, item, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_present_clicked(self) -> PresentationWindow | None:
        if self.detail is None or not self.detail.agenda:
            return None
        rows = self.agenda_view.selectionModel().selectedRows()
        window = PresentationWindow(self._ctx, self.detail, rows[0].row() if rows else 0, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def _on_minutes_clicked(self) -> None:
        if self.detail is None:
            return
        m = self.detail.meeting
        if not self._ctx.prompts.confirm(self, self.tr("Minutes"),
                                         self.tr("Issue and sign the minutes of %1?")
                                         .replace("%1", m.title)):
            return
        from reviewdesk.letters.issuing import issue_minutes

        meeting_id = m.id
        self._submit(lambda vault, actor: issue_minutes(vault, actor, meeting_id),
                     lambda _id: self._ctx.prompts.info(self, self.tr("Minutes"),
                                                        self.tr("The minutes were issued and signed.")))

    def _on_agenda_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.agenda_model.row_at(index.row()).case_id)


    @Slot(object)
    def _on_changes_applied(self, changes: Changes) -> None:
        if changes.touches(ChangeKind.MEETINGS, ChangeKind.FINDINGS, ChangeKind.LETTERS,
                           ChangeKind.CASES):
            self.refresh(self.detail.meeting.id if self.detail else None)
