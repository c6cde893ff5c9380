"""Meetings of the review board and the assessment committee: attendance, recusals, quorum."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import BOARD_ROLES, Actor, Role
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import load_case, require_open, visibility_clause
from reviewdesk.cases.meeting_terms import MeetingKind, MeetingStatus, meeting_kind_label
from reviewdesk.cases.opinions import require_opinions
from reviewdesk.cases.review import conflicts_of
from reviewdesk.cases.review_terms import (
    AssignmentStatus,
    ConflictCode,
    ConflictReason,
    encode_reasons,
    reason_text,
)
from reviewdesk.cases.states import CaseState, check_transition
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.store.models import (
    AgendaItem,
    Assignment,
    Attendance,
    Case,
    Finding,
    Letter,
    Meeting,
    Recusal,
    User,
    Vote,
)
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import (
    CORRECTION_REASON,
    MEETING_LOCATION,
    MEETING_TITLE,
    RECUSAL_REASON,
    clean_optional,
    clean_text,
)


@dataclass(frozen=True)
class Quorum:
    """More than half of the committee's members, counted among those present and not recused."""

    committee_size: int
    present: int
    needed: int

    @property
    def met(self) -> bool:
        return self.present >= self.needed


@dataclass(frozen=True)
class MeetingRow:
    id: int
    kind: str
    held_on: date
    title: str
    location: str | None
    status: str
    committee_size: int
    present: int
    quorum_needed: int
    quorum_met: bool
    starts_at: time | None = None
    ends_at: time | None = None


@dataclass(frozen=True)
class AttendeeRow:
    user_id: int
    name: str
    role: str
    specialty: str | None
    present: bool


@dataclass(frozen=True)
class RecusalRow:
    user_id: int
    name: str
    reason: str  # as stored: codes and data of conflicts (JSON), or the text a user typed

    def reason_text(self, lang: str = "ja") -> str:
        return reason_text(self.reason, lang)


@dataclass(frozen=True)
class AgendaRow:
    item_id: int
    position: int
    case_id: int
    case_no: str
    procedure: str
    state: str
    recusals: tuple[RecusalRow, ...]
    quorum: Quorum
    decided: bool
    outcome: str | None = None  # the finding's outcome (FindingOutcome) once decided


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingRow
    attendance: tuple[AttendeeRow, ...]
    agenda: tuple[AgendaRow, ...]
    presenting: int | None = None  # the agenda item the chair has on screen

    def presenting_index(self) -> int | None:
        """Where the chair is in this reader's agenda (None: nowhere this reader can see)."""
        for index, item in enumerate(self.agenda):
            if item.item_id == self.presenting:
                return index
        return None


def needed_for(committee_size: int) -> int:
    return committee_size // 2 + 1


def committee_members(session: Session, kind: str) -> list[User]:
    """Active users entitled to sit: board roles for the board, the committee for assessments."""
    roles = ([r.value for r in BOARD_ROLES] if kind == MeetingKind.REVIEW_BOARD
             else [Role.ASSESSMENT_COMMITTEE.value])
    return list(session.scalars(sa.select(User).where(User.role.in_(roles),
                                                      User.disabled.is_(False))
                                .order_by(User.id)).all())


def present_ids(session: Session, meeting_id: int) -> set[int]:
    return set(session.scalars(sa.select(Attendance.user_id).where(
        Attendance.meeting_id == meeting_id, Attendance.present.is_(True))).all())


def recused_ids(session: Session, item_id: int) -> set[int]:
    return set(session.scalars(sa.select(Recusal.user_id).where(
        Recusal.agenda_item_id == item_id)).all())


def item_quorum(session: Session, meeting: Meeting, item_id: int | None = None) -> Quorum:
    present = present_ids(session, meeting.id)
    if item_id is not None:
        present -= recused_ids(session, item_id)
    return Quorum(meeting.committee_size, len(present), needed_for(meeting.committee_size))


def _meeting_row(session: Session, m: Meeting) -> MeetingRow:
    q = item_quorum(session, m)
    return MeetingRow(m.id, m.kind, m.held_on, m.title, m.location, m.status, m.committee_size,
                      q.present, q.needed, q.met, m.starts_at, m.ends_at)


def load_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"no meeting {meeting_id}", ja="会議が見つかりません")
    return meeting


def _check_times(starts_at: time | None, ends_at: time | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise InputError("ends_at: the meeting must end after it starts",
                         ja="終了時刻は開始時刻より後にしてください")


def _set_times(meeting: Meeting, starts_at: time | None, ends_at: time | None) -> None:
    """Records the times given; a time not given keeps what was recorded before."""
    _check_times(starts_at if starts_at is not None else meeting.starts_at,
                 ends_at if ends_at is not None else meeting.ends_at)
    if starts_at is not None:
        meeting.starts_at = starts_at
    if ends_at is not None:
        meeting.ends_at = ends_at


def minutes_issued(session: Session, meeting_id: int) -> bool:
    return bool(session.scalar(sa.select(Letter.id).where(
        Letter.meeting_id == meeting_id, Letter.kind == "minutes").limit(1)))


def _require_no_minutes(session: Session, meeting: Meeting) -> None:
    """Attendance and recusals stay correctable until the minutes (議事録) record them."""
    if minutes_issued(session, meeting.id):
        raise RuleViolation("the minutes of this meeting are issued; its record is no longer corrected",
                            ja="この会議の議事録は発行済みのため、出欠や回避は訂正できません")


def create_meeting(vault: Vault, actor: Actor, kind: str, held_on: date, title: str,
                   location: str | None = None, *, starts_at: time | None = None,
                   ends_at: time | None = None) -> int:
    """Schedules a meeting; the committee's size is fixed now, for the quorum."""
    with write(vault, actor, Action.MANAGE_MEETINGS) as uow:
        session = uow.session
        _check_times(starts_at, ends_at)
        if kind not in tuple(MeetingKind):
            raise InputError(f"kind: must be one of {', '.join(MeetingKind)}",
                             ja="会議の種類が正しくありません")
        title, location = clean_text(title, MEETING_TITLE), clean_optional(location, MEETING_LOCATION)
        if not title:
            raise InputError("title: must not be empty", ja="会議名を入力してください")
        size = len(committee_members(session, kind))
        if size == 0:
            raise RuleViolation(f"no active members of the {kind.replace('_', ' ')}",
                                ja=f"{meeting_kind_label(kind)}の委員が登録されていません")
        meeting = Meeting(kind=kind, held_on=held_on, title=title, location=location,
                          status=MeetingStatus.SCHEDULED.value, committee_size=size,
                          starts_at=starts_at, ends_at=ends_at)
        session.add(meeting)
        session.flush()
        audit.record(session, actor, "meeting.create", "meeting", meeting.id,
                     detail={"kind": kind, "held_on": held_on, "committee_size": size,
                             "starts_at": _clock(starts_at), "ends_at": _clock(ends_at)})
        return meeting.id


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value is not None else None


def _write_attendance(session: Session, meeting: Meeting, present: set[int]) -> None:
    members = {u.id: u for u in committee_members(session, meeting.kind)}
    strangers = present - members.keys()
    if strangers:
        raise InputError(f"attendance: users {sorted(strangers)} do not sit on this committee",
                         ja="委員以外の利用者が含まれています")
    session.execute(sa.delete(Attendance).where(Attendance.meeting_id == meeting.id))
    for user_id in members:
        session.add(Attendance(meeting_id=meeting.id, user_id=user_id,
                               present=user_id in present))
    meeting.status = MeetingStatus.HELD.value


def record_attendance(vault: Vault, actor: Actor, meeting_id: int,
                      present_user_ids: Iterable[int], *, starts_at: time | None = None,
                      ends_at: time | None = None) -> None:
    """Records who is present (and, when given, the times the meeting opened and closed);
    every other member of the committee is recorded absent."""
    with write(vault, actor, Action.RECORD_ATTENDANCE) as uow:
        session = uow.session
        present = set(present_user_ids)
        meeting = load_meeting(session, meeting_id)
        if session.scalar(sa.select(Finding.id).where(Finding.meeting_id == meeting.id).limit(1)):
            raise RuleViolation("findings were recorded with this attendance; correct it with a reason",
                                ja="審査結果を記録した後の出欠は、理由を付けて訂正してください")
        _set_times(meeting, starts_at, ends_at)
        _write_attendance(session, meeting, present)
        audit.record(session, actor, "meeting.attendance", "meeting", meeting.id,
                     detail={"present": sorted(present), "committee_size": meeting.committee_size,
                             "starts_at": _clock(meeting.starts_at), "ends_at": _clock(meeting.ends_at)})


def correct_attendance(vault: Vault, actor: Actor, meeting_id: int, present_user_ids: Iterable[int],
                       reason: str, *, starts_at: time | None = None,
                       ends_at: time | None = None) -> None:
    """Corrects a mistaken attendance entry (or the times), with the reason, until the minutes
    are issued. A member who voted on a finding stays present, and every finding keeps its quorum."""
    with write(vault, actor, Action.RECORD_ATTENDANCE) as uow:
        session = uow.session
        reason = clean_text(reason, CORRECTION_REASON)
        if not reason:
            raise InputError("reason: a correction needs a reason", ja="訂正の理由を入力してください")
        present = set(present_user_ids)
        meeting = load_meeting(session, meeting_id)
        _require_no_minutes(session, meeting)
        before = sorted(present_ids(session, meeting.id))
        voted = session.execute(
            sa.select(User.id, User.display_name).join(Vote, Vote.user_id == User.id)
            .join(Finding, Finding.id == Vote.finding_id)
            .where(Finding.meeting_id == meeting.id).order_by(User.id).distinct()).all()
        for user_id, name in voted:
            if user_id not in present:
                raise RuleViolation(f"{name} voted on a finding of this meeting and was present",
                                    ja=f"{name} はこの会議の審査結果に投票しているため、欠席に訂正できません")
        _set_times(meeting, starts_at, ends_at)
        _write_attendance(session, meeting, present)
        session.flush()
        decided = session.scalars(sa.select(Finding.agenda_item_id).where(
            Finding.meeting_id == meeting.id, Finding.agenda_item_id.is_not(None))).all()
        for item_id in decided:
            quorum = item_quorum(session, meeting, item_id)
            if not quorum.met:
                raise RuleViolation(
                    f"a finding of this meeting would lose its quorum ({quorum.present} of "
                    f"{quorum.needed} needed)",
                    ja=f"訂正後は審査結果の定足数を満たしません"
                       f"（出席 {quorum.present} 名、必要 {quorum.needed} 名）")
        audit.record(session, actor, "meeting.attendance_correct", "meeting", meeting.id,
                     detail={"before": before, "present": sorted(present), "reason": reason.strip(),
                             "starts_at": _clock(meeting.starts_at), "ends_at": _clock(meeting.ends_at)})


def _auto_recusals(session: Session, meeting: Meeting, case: Case) -> list[tuple[User, str]]:
    """Members with a conflict on the case, or who declared one, sit out its item.

    The reason is stored as codes and data (`encode_reasons`), rendered per language when shown."""
    declared = dict(session.execute(
        sa.select(Assignment.reviewer_id, Assignment.conflict_reason)
        .where(Assignment.case_id == case.id,
               Assignment.status == AssignmentStatus.WITHDRAWN_CONFLICT.value)).all())
    out = []
    for user in committee_members(session, meeting.kind):
        reasons = conflicts_of(session, case, user)
        if user.id in declared:
            reasons.append(ConflictReason(ConflictCode.DECLARED, {"reason": declared[user.id] or ""}))
        if reasons:
            out.append((user, encode_reasons(reasons)))
    return out


def add_to_agenda(vault: Vault, actor: Actor, meeting_id: int, case_id: int) -> int:
    """Puts a case on the agenda; on the board's agenda the case moves to board review.

    A board item needs the opinions a finding needs; members with a conflict are recused.
    """
    with write(vault, actor, Action.MANAGE_MEETINGS) as uow:
        session = uow.session
        meeting = load_meeting(session, meeting_id)
        case = load_case(session, actor, case_id)
        require_open(case)
        if session.scalar(sa.select(AgendaItem.id).where(AgendaItem.meeting_id == meeting.id,
                                                          AgendaItem.case_id == case.id)):
            raise RuleViolation(f"case {case.case_no} is already on this agenda",
                                ja="この事案はすでに議題になっています")
        if meeting.kind == MeetingKind.REVIEW_BOARD:
            if case.state != CaseState.BOARD_REVIEW:
                check_transition(case.state, CaseState.BOARD_REVIEW)
            require_opinions(session, case, "a board review")
            case.state = CaseState.BOARD_REVIEW.value
        elif case.state != CaseState.ASSESSMENT:
            raise RuleViolation(
                f"case {case.case_no} is not awaiting assessment (state '{case.state}')",
                ja="査定待ちの事案ではありません")
        position = 1 + int(session.scalar(sa.select(sa.func.count(AgendaItem.id)).where(
            AgendaItem.meeting_id == meeting.id)) or 0)
        item = AgendaItem(meeting_id=meeting.id, case_id=case.id, position=position)
        session.add(item)
        session.flush()
        recusals = _auto_recusals(session, meeting, case)
        for user, reason in recusals:
            session.add(Recusal(agenda_item_id=item.id, user_id=user.id, reason=reason))
        audit.record(session, actor, "meeting.agenda_add", "agenda_item", item.id,
                     case_id=case.id, detail={"meeting_id": meeting.id, "state": case.state,
                                              "recused": [u.username for u, _ in recusals]})
        return item.id


def recuse(vault: Vault, actor: Actor, agenda_item_id: int, user_id: int, reason: str) -> int:
    """Records that a member sits out one item (a conflict found at the meeting)."""
    with write(vault, actor, Action.RECORD_ATTENDANCE) as uow:
        session = uow.session
        reason = clean_text(reason, RECUSAL_REASON)
        if not reason:
            raise InputError("reason: a recusal needs a reason", ja="回避の理由を入力してください")
        item = session.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NotFound(f"no agenda item {agenda_item_id}", ja="議題が見つかりません")
        meeting = load_meeting(session, item.meeting_id)
        case = load_case(session, actor, item.case_id)
        require_open(case)
        if user_id not in {u.id for u in committee_members(session, meeting.kind)}:
            raise InputError(f"user {user_id} does not sit on this committee",
                             ja="委員ではありません")
        if user_id in recused_ids(session, item.id):
            raise RuleViolation("already recused for this item", ja="すでに回避しています")
        voted = session.scalar(sa.select(Vote.id).join(Finding, Finding.id == Vote.finding_id).where(
            Finding.agenda_item_id == item.id, Vote.user_id == user_id).limit(1))
        if voted:
            name = session.get(User, user_id).display_name  # type: ignore[union-attr]
            raise RuleViolation(
                f"{name} already voted on the finding of this item; a recusal cannot follow the vote",
                ja=f"{name} はこの議題の審査結果にすでに投票しているため、後から回避を記録できません")
        recusal = Recusal(agenda_item_id=item.id, user_id=user_id, reason=reason.strip())
        session.add(recusal)
        session.flush()
        audit.record(session, actor, "meeting.recusal", "recusal", recusal.id, case_id=case.id,
                     detail={"user_id": user_id, "reason": reason.strip()})
        return recusal.id


def withdraw_recusal(vault: Vault, actor: Actor, agenda_item_id: int, user_id: int,
                     reason: str) -> None:
    """Withdraws a recusal entered by mistake, with the reason, until the minutes are issued."""
    with write(vault, actor, Action.RECORD_ATTENDANCE) as uow:
        session = uow.session
        reason = clean_text(reason, RECUSAL_REASON.about("回避を取り消す理由", "withdrawal reason"))
        if not reason:
            raise InputError("reason: withdrawing a recusal needs a reason",
                             ja="回避を取り消す理由を入力してください")
        item = session.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NotFound(f"no agenda item {agenda_item_id}", ja="議題が見つかりません")
        meeting = load_meeting(session, item.meeting_id)
        case = load_case(session, actor, item.case_id)
        _require_no_minutes(session, meeting)
        recusal = session.scalar(sa.select(Recusal).where(Recusal.agenda_item_id == item.id,
                                                          Recusal.user_id == user_id))
        if recusal is None:
            raise NotFound(f"user {user_id} is not recused for this item",
                           ja="この委員はこの議題を回避していません")
        audit.record(session, actor, "meeting.recusal_withdraw", "recusal", recusal.id, case_id=case.id,
                     detail={"user_id": user_id, "recusal_reason": recusal.reason,
                             "reason": reason.strip()})
        session.delete(recusal)


def _agenda_rows(session: Session, actor: Actor, meeting: Meeting) -> tuple[AgendaRow, ...]:
    """Every item with its recusals, quorum and finding, in four queries whatever the agenda's
    length (one per item took 0.8 s for forty items at a busy server)."""
    rows = session.execute(
        sa.select(AgendaItem, Case).join(Case, Case.id == AgendaItem.case_id)
        .where(AgendaItem.meeting_id == meeting.id, visibility_clause(actor))
        .order_by(AgendaItem.position)).all()
    if not rows:
        return ()
    ids = [item.id for item, _ in rows]
    names = {u.id: u.display_name for u in session.scalars(sa.select(User))}
    recusals: dict[int, list[Recusal]] = {}
    for r in session.scalars(sa.select(Recusal).where(Recusal.agenda_item_id.in_(ids)).order_by(Recusal.id)):
        recusals.setdefault(r.agenda_item_id, []).append(r)
    outcomes = dict(session.execute(sa.select(Finding.agenda_item_id, Finding.outcome)
                                    .where(Finding.agenda_item_id.in_(ids))).all())
    present = present_ids(session, meeting.id)
    needed = needed_for(meeting.committee_size)
    out = []
    for item, case in rows:
        mine = recusals.get(item.id, [])
        quorum = Quorum(meeting.committee_size, len(present - {r.user_id for r in mine}), needed)
        outcome = outcomes.get(item.id)
        out.append(AgendaRow(item.id, item.position, case.id, case.case_no, case.procedure, case.state,
                             tuple(RecusalRow(r.user_id, names[r.user_id], r.reason) for r in mine),
                             quorum, item.id in outcomes, outcome))
    return tuple(out)


def meeting_detail(vault: Vault, actor: Actor, meeting_id: int) -> MeetingDetail:
    """The meeting, its attendance and its agenda (reviewers see only their cases' items)."""
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        meeting = load_meeting(session, meeting_id)
        attendance = session.execute(
            sa.select(Attendance, User).join(User, User.id == Attendance.user_id)
            .where(Attendance.meeting_id == meeting.id).order_by(User.id)).all()
        return MeetingDetail(
            _meeting_row(session, meeting),
            tuple(AttendeeRow(u.id, u.display_name, u.role, u.specialty, a.present)
                  for a, u in attendance),
            _agenda_rows(session, actor, meeting), meeting.current_item_id)


def present_item(vault: Vault, actor: Actor, agenda_item_id: int) -> None:
    """The chair moves the meeting to an agenda item; every member's presentation follows.
    Presenting the item already presented writes nothing."""
    with read(vault, actor, Action.RECORD_FINDING) as session:
        item = session.get(AgendaItem, agenda_item_id)
        if item is not None and load_meeting(session, item.meeting_id).current_item_id == item.id:
            return
    with write(vault, actor, Action.RECORD_FINDING) as uow:
        session = uow.session
        item = session.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NotFound(f"no agenda item {agenda_item_id}", ja="議題が見つかりません")
        meeting = load_meeting(session, item.meeting_id)
        meeting.current_item_id = item.id
        uow.audit("meeting.present", "agenda_item", item.id, case_id=item.case_id,
                  detail={"meeting_id": meeting.id, "position": item.position})


def list_meetings(vault: Vault, actor: Actor, kind: str | None = None) -> list[MeetingRow]:
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        query = sa.select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc())
        if kind:
            query = query.where(Meeting.kind == kind)
        if not allowed(actor, Action.READ_ALL_CASES):
            query = query.where(Meeting.kind == MeetingKind.REVIEW_BOARD.value)
        return [_meeting_row(session, m) for m in session.scalars(query)]
