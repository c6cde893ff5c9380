"""The board's finding (審査結果) on a case in a meeting: the vote, the reasons, and the minutes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import load_case, read_case, require_open
from reviewdesk.cases.meeting_terms import MeetingKind, VoteChoice
from reviewdesk.cases.meetings import (
    AttendeeRow,
    MeetingRow,
    Quorum,
    RecusalRow,
    committee_members,
    item_quorum,
    load_meeting,
    meeting_detail,
    present_ids,
    recused_ids,
)
from reviewdesk.cases.opinions import require_opinions
from reviewdesk.cases.outcomes import (
    CORE_ELEMENTS,
    Element,
    FindingOutcome,
    Judgement,
    element_label,
    parse_share,
    share_for_outcome,
)
from reviewdesk.cases.states import CaseState, check_transition
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.store.models import AgendaItem, Case, Finding, Meeting, User, Vote
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import (
    DEFERRED_QUESTION,
    DISSENT,
    FINDING_REASON,
    FINDING_SUMMARY,
    clean_optional,
    clean_text,
)

NEXT_STATE = {FindingOutcome.LIABLE: CaseState.ASSESSMENT,
              FindingOutcome.PARTLY_LIABLE: CaseState.ASSESSMENT,
              FindingOutcome.NOT_LIABLE: CaseState.DECIDED,
              FindingOutcome.DEFERRED: CaseState.DEFERRED}


@dataclass(frozen=True)
class VoteInput:
    user_id: int
    vote: str  # VoteChoice
    dissent: str | None = None


@dataclass(frozen=True)
class FindingInput:
    """The board's decision on one agenda item; reasons per legal element (過失, 因果関係, …)."""

    outcome: str
    insured_share: Decimal | str | None = None
    negligence_reason: str = ""
    causation_reason: str = ""
    duty_to_explain_reason: str = ""
    damage_reason: str = ""
    summary: str = ""
    deferred_question: str | None = None
    votes: tuple[VoteInput, ...] = field(default_factory=tuple)
    # The judgement on each element (Judgement: accepted, rejected, not_decided), keyed by
    # Element; every element needs one unless the finding is deferred.
    judgements: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VoteRow:
    user_id: int
    name: str
    vote: str
    dissent: str | None


@dataclass(frozen=True)
class FindingRow:
    id: int
    case_id: int
    case_no: str
    meeting_id: int
    meeting_title: str
    held_on: date
    outcome: str
    insured_share: Decimal | None
    negligence_reason: str
    causation_reason: str
    duty_to_explain_reason: str
    damage_reason: str
    summary: str
    deferred_question: str | None
    original_finding_id: int | None
    recorded_by: int
    recorded_at: datetime
    votes: tuple[VoteRow, ...]
    # Element -> Judgement as recorded; empty for findings recorded before judgements existed.
    judgements: Mapping[str, str] = field(default_factory=dict)

    @property
    def dissents(self) -> tuple[VoteRow, ...]:
        return tuple(v for v in self.votes if v.dissent)


@dataclass(frozen=True)
class MinutesItem:
    position: int
    case_id: int
    case_no: str
    procedure: str
    outcome: str | None  # None: on the agenda but not decided at this meeting
    insured_share: Decimal | None
    summary: str
    deferred_question: str | None
    recusals: tuple[RecusalRow, ...]
    votes: tuple[VoteRow, ...]
    in_favour: int
    against: int
    abstentions: int
    dissents: tuple[VoteRow, ...]
    quorum: Quorum


@dataclass(frozen=True)
class Minutes:
    """The meeting as data, for the letters issue to render (議事録)."""

    meeting: MeetingRow
    attendance: tuple[AttendeeRow, ...]
    items: tuple[MinutesItem, ...]


def _clean(data: FindingInput) -> FindingInput:
    """data with its reasons, summary, question and dissents cleaned (text_fields)."""
    reasons = {f"{element}_reason": clean_text(
        getattr(data, f"{element}_reason"),
        FINDING_REASON.about(f"{element_label(element)}についての理由", f"{element}_reason"))
        for element in Element}
    votes = tuple(replace(v, dissent=clean_optional(v.dissent, DISSENT)) for v in data.votes)
    return replace(data, summary=clean_text(data.summary, FINDING_SUMMARY), votes=votes,
                   deferred_question=clean_optional(data.deferred_question, DEFERRED_QUESTION),
                   **reasons)


def _validate(data: FindingInput) -> Decimal | None:
    share = share_for_outcome(data.outcome, parse_share(data.insured_share))
    if data.outcome == FindingOutcome.DEFERRED and not (data.deferred_question or "").strip():
        raise InputError("deferred_question: a deferred finding states what is asked",
                         ja="判定保留の場合は照会事項を入力してください")
    unknown = set(data.judgements) - set(Element)
    if unknown:
        raise InputError(f"judgements: unknown elements {sorted(unknown)}",
                         ja="判断事項の区分が正しくありません")
    for element in Element:
        judgement = data.judgements.get(element)
        if judgement is None:
            if data.outcome != FindingOutcome.DEFERRED:
                raise InputError(f"{element}_judgement: the finding judges every element",
                                 ja=f"{element_label(element)}についての判断を選んでください")
            continue
        if judgement not in tuple(Judgement):
            raise InputError(f"{element}_judgement: must be one of {', '.join(Judgement)}",
                             ja=f"{element_label(element)}についての判断の区分が正しくありません")
    if data.outcome != FindingOutcome.DEFERRED:
        for element in Element:
            judged = data.judgements.get(element) != Judgement.NOT_DECIDED
            if (element in CORE_ELEMENTS or judged) and not getattr(data, f"{element}_reason").strip():
                raise InputError(f"{element}_reason: the finding gives its reason",
                                 ja=f"{element_label(element)}についての理由を入力してください")
    seen: set[int] = set()
    for v in data.votes:
        if v.vote not in tuple(VoteChoice):
            raise InputError(f"vote: must be one of {', '.join(VoteChoice)}",
                             ja="投票の区分が正しくありません")
        if v.user_id in seen:
            raise InputError(f"vote: user {v.user_id} voted twice", ja="同じ委員が二度投票しています")
        seen.add(v.user_id)
    return share


def _check_votes(session: Session, meeting: Meeting, item: AgendaItem,
                 votes: tuple[VoteInput, ...]) -> None:
    members = {u.id: u for u in committee_members(session, meeting.kind)}
    present, recused = present_ids(session, meeting.id), recused_ids(session, item.id)
    for v in votes:
        user = members.get(v.user_id)
        if user is None:
            raise InputError(f"vote: user {v.user_id} does not sit on the board",
                             ja="審査会の委員ではない利用者の投票があります")
        if v.user_id in recused:
            raise RuleViolation(f"{user.display_name} is recused for this case and cannot vote",
                                ja=f"{user.display_name} はこの議題を回避しているため投票できません")
        if v.user_id not in present:
            raise RuleViolation(f"{user.display_name} is not present and cannot vote",
                                ja=f"{user.display_name} は出席していないため投票できません")
    voted = {v.user_id for v in votes}
    missing = [members[uid].display_name for uid in sorted(present - recused)
               if uid not in voted and uid in members]
    if missing:
        raise RuleViolation(f"every member present and not recused votes; missing: {', '.join(missing)}",
                            ja=f"投票が記録されていない委員がいます：{'、'.join(missing)}")
    in_favour = sum(v.vote == VoteChoice.FOR for v in votes)
    if in_favour <= sum(v.vote == VoteChoice.AGAINST for v in votes):
        raise RuleViolation("the finding was not carried: it needs more votes for than against",
                            ja="賛成が反対を上回っていないため審査結果は成立しません")


def record_finding(vault: Vault, actor: Actor, agenda_item_id: int, data: FindingInput,
                   today: date | None = None) -> int:
    """The chair records the board's finding on one agenda item and the case moves on.

    liable / partly liable → assessment; not liable → decided; deferred → deferred, the next
    assignment carrying the question back to peer review. Only a meeting held (today or
    earlier) records findings.
    """
    today = today or date.today()
    with write(vault, actor, Action.RECORD_FINDING) as uow:
        session = uow.session
        data = _clean(data)
        share = _validate(data)
        item = session.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NotFound(f"no agenda item {agenda_item_id}", ja="議題が見つかりません")
        meeting = load_meeting(session, item.meeting_id)
        case = load_case(session, actor, item.case_id)
        require_open(case)
        if meeting.kind != MeetingKind.REVIEW_BOARD:
            raise RuleViolation("findings are recorded in a meeting of the review board",
                                ja="審査結果は審査会で記録します")
        if meeting.held_on > today:
            held = meeting.held_on
            raise RuleViolation(
                f"the meeting of {held.isoformat()} has not been held yet; a finding is recorded "
                "at a meeting that has been held",
                ja=f"この会議（{held.year}年{held.month}月{held.day}日）はまだ開催されていないため、"
                   "審査結果を記録できません")
        target = NEXT_STATE[data.outcome]
        check_transition(case.state, target)
        if session.scalar(sa.select(Finding.id).where(Finding.agenda_item_id == item.id)):
            raise RuleViolation(f"a finding on {case.case_no} is already recorded for this item",
                                ja="この議題の審査結果はすでに記録されています")
        require_opinions(session, case, "a finding")
        quorum = item_quorum(session, meeting, item.id)
        if not quorum.met:
            raise RuleViolation(
                f"no quorum: {quorum.present} of {quorum.committee_size} members present and not "
                f"recused, {quorum.needed} needed",
                ja=f"定足数に達していません（出席 {quorum.present} 名、必要 {quorum.needed} 名）")
        _check_votes(session, meeting, item, data.votes)
        original_id = None
        if case.appeal_of_id is not None:
            original_id = session.scalar(
                sa.select(Finding.id).where(Finding.case_id == case.appeal_of_id,
                                            Finding.outcome != FindingOutcome.DEFERRED.value)
                .order_by(Finding.id.desc()).limit(1))
        finding = Finding(
            case_id=case.id, meeting_id=meeting.id, agenda_item_id=item.id, outcome=data.outcome,
            insured_share=str(share) if share is not None else None,
            negligence_reason=data.negligence_reason.strip(),
            causation_reason=data.causation_reason.strip(),
            duty_to_explain_reason=data.duty_to_explain_reason.strip(),
            damage_reason=data.damage_reason.strip(), summary=data.summary.strip(),
            **{f"{element}_judgement": data.judgements.get(element) for element in Element},
            deferred_question=(data.deferred_question or "").strip() or None,
            original_finding_id=original_id, recorded_by=actor.user_id)
        session.add(finding)
        session.flush()
        for v in data.votes:
            session.add(Vote(finding_id=finding.id, user_id=v.user_id, vote=v.vote,
                             dissent=(v.dissent or "").strip() or None))
        case.state = target.value
        if data.outcome != FindingOutcome.DEFERRED:
            case.outcome = data.outcome
        if target == CaseState.DECIDED:
            case.decided_on = meeting.held_on
        audit.record(session, actor, "finding.record", "finding", finding.id, case_id=case.id,
                     detail={"outcome": data.outcome, "insured_share": finding.insured_share,
                             "judgements": {str(e): data.judgements.get(e) for e in Element},
                             "meeting_id": meeting.id, "state": case.state,
                             "votes": {v.user_id: v.vote for v in data.votes},
                             "original_finding_id": original_id})
        return finding.id


def _vote_rows(session: Session, finding_id: int) -> tuple[VoteRow, ...]:
    rows = session.execute(sa.select(Vote, User).join(User, User.id == Vote.user_id)
                           .where(Vote.finding_id == finding_id).order_by(Vote.id)).all()
    return tuple(VoteRow(u.id, u.display_name, v.vote, v.dissent) for v, u in rows)


def _finding_row(session: Session, f: Finding, case_no: str) -> FindingRow:
    meeting = session.get(Meeting, f.meeting_id)
    assert meeting is not None
    return FindingRow(
        f.id, f.case_id, case_no, meeting.id, meeting.title, meeting.held_on, f.outcome,
        Decimal(f.insured_share) if f.insured_share is not None else None, f.negligence_reason,
        f.causation_reason, f.duty_to_explain_reason, f.damage_reason, f.summary,
        f.deferred_question, f.original_finding_id, f.recorded_by, f.recorded_at,
        _vote_rows(session, f.id), judgements_of(f))


def judgements_of(f: Finding) -> dict[str, str]:
    """The judgements recorded on a finding, by element; none for a finding recorded before them."""
    return {str(e): j for e in Element if (j := getattr(f, f"{e}_judgement"))}


def list_findings(vault: Vault, actor: Actor, case_id: int) -> list[FindingRow]:
    """The case's findings, oldest first (a deferred one, then the final one)."""
    with read_case(vault, actor, case_id) as (session, case):
        findings = session.scalars(sa.select(Finding).where(Finding.case_id == case.id)
                                   .order_by(Finding.id)).all()
        return [_finding_row(session, f, case.case_no) for f in findings]


def original_findings(vault: Vault, actor: Actor, case_id: int) -> list[FindingRow]:
    """For an appeal, the findings of the case it appeals, oldest first; none for other cases.

    The appeal contests that finding, so whoever may see the appeal reads it, read-only, here:
    the appeal's panel too, although none of them reviewed the original. It is the board's
    decision (reasons, vote, dissents), as the original's finding tab shows it; the opinions of
    the original's reviewers are not part of it and stay with the original case.
    """
    with read_case(vault, actor, case_id) as (session, case):
        if case.appeal_of_id is None:
            return []
        original = session.get(Case, case.appeal_of_id)
        assert original is not None
        findings = session.scalars(sa.select(Finding).where(Finding.case_id == original.id)
                                   .order_by(Finding.id)).all()
        return [_finding_row(session, f, original.case_no) for f in findings]


def latest_finding(session: Session, case_id: int) -> Finding | None:
    return session.scalars(sa.select(Finding).where(Finding.case_id == case_id)
                           .order_by(Finding.id.desc()).limit(1)).first()


def meeting_minutes(vault: Vault, actor: Actor, meeting_id: int) -> Minutes:
    """Attendance, recusals and each item's outcome, votes and dissents, as plain data."""
    detail = meeting_detail(vault, actor, meeting_id)
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        load_meeting(session, meeting_id)
        items = []
        for row in detail.agenda:
            finding = session.scalar(
                sa.select(Finding).where(Finding.agenda_item_id == row.item_id))
            votes = _vote_rows(session, finding.id) if finding else ()
            items.append(MinutesItem(
                row.position, row.case_id, row.case_no, row.procedure,
                finding.outcome if finding else None,
                Decimal(finding.insured_share) if finding and finding.insured_share else None,
                finding.summary if finding else "",
                finding.deferred_question if finding else None, row.recusals, votes,
                sum(v.vote == VoteChoice.FOR for v in votes),
                sum(v.vote == VoteChoice.AGAINST for v in votes),
                sum(v.vote == VoteChoice.ABSTAIN for v in votes), tuple(v for v in votes if v.dissent),
                row.quorum))
        return Minutes(detail.meeting, detail.attendance, tuple(items))
