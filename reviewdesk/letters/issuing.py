"""Issuing letters: build from the vault, render, sign, store; never regenerate a signed letter."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor, Role, role_label
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import load_case, read_case
from reviewdesk.cases.assessing import AssessmentStatus
from reviewdesk.cases.meetings import AttendeeRow
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import InputError, NotFound, RuleViolation
from reviewdesk.letters import board, gather
from reviewdesk.letters.builders import (
    build_assessment_letter,
    build_finding_letter,
    build_intake_acknowledgement,
    build_not_covered,
)
from reviewdesk.letters.content import LetterContent
from reviewdesk.letters.inputs import (
    AgendaItem,
    AssessmentLetterInput,
    Attendee,
    CaseRecordInput,
    Correction,
    Dissent,
    FindingLetterInput,
    IntakeAcknowledgementInput,
    LetterHeader,
    MinutesInput,
    NotCoveredInput,
    Recusal,
    Signatory,
    VoteTally,
)
from reviewdesk.letters.records import build_case_record, build_minutes
from reviewdesk.letters.signer import active_signer
from reviewdesk.store import models as m
from reviewdesk.store.vault import Vault

CASE_KINDS = ("intake_acknowledgement", "not_covered", "finding", "assessment", "case_record")
LOCATION = "東京都千代田区"


@dataclass(frozen=True)
class LetterRow:
    id: int
    letter_no: str
    kind: str
    title: str
    case_no: str | None
    issued_on: dt.date
    signed: bool
    signer: str | None
    signed_at: dt.datetime | None
    sha256: str
    replaces: str | None
    size: int
    pades_level: str | None = None  # None: not signed


def _next_number(session: Session, year: int) -> str:
    prefix = f"RD-{year}-"
    last = session.scalar(
        sa.select(sa.func.max(m.Letter.letter_no)).where(m.Letter.letter_no.like(prefix + "%")))
    return f"{prefix}{(int(last.rsplit('-', 1)[1]) + 1) if last else 1:05d}"


def _chair_signatory(session: Session, finding: m.Finding, settings: board.BoardSettings) -> Signatory | None:
    """The chair who recorded the finding signs its letter, under the board settings' title;
    None leaves the template's signatory (the board settings' chair)."""
    user = session.get(m.User, finding.recorded_by)
    if user is not None and user.role == Role.BOARD_CHAIR:
        return Signatory(settings.board_chair_title, user.display_name)
    return None


def _content(session: Session, case: m.Case, kind: str, header: LetterHeader) -> LetterContent:
    summary = gather.case_summary(session, case)
    # The association and its signatories as the vault's board settings say today.
    settings = board.load(session)
    if kind == "intake_acknowledgement":
        return build_intake_acknowledgement(IntakeAcknowledgementInput(header, summary, case.received_on),
                                            board=settings)
    if kind == "not_covered":
        reasons = gather.coverage_reasons(case)
        if case.coverage_covered is not False or not reasons:
            raise RuleViolation("the case was not found outside the cover",
                                ja="この事案は対象外と判定されていません")
        return build_not_covered(NotCoveredInput(header, summary, reasons), board=settings)
    if kind == "finding":
        finding = gather.latest_finding(session, case.id)
        meeting = session.get(m.Meeting, finding.meeting_id)
        assert meeting is not None
        signatory = _chair_signatory(session, finding, settings)
        if signatory:
            header = LetterHeader(header.document_number, header.issue_date, header.recipient,
                                  signatory, header.corrects)
        return build_finding_letter(FindingLetterInput(
            header, summary, meeting.held_on, finding.outcome, gather.finding_elements(finding),
            Decimal(finding.insured_share) if finding.insured_share else None, finding.summary,
            gather.vote_tally(session, finding.id)), board=settings)
    if kind == "assessment":
        assessment = gather.approved_assessment(session, case.id)
        finding_letter = _finding_letter(session, case)
        assert assessment.approved_at is not None
        # The letter cites the finding letter by its own number and date (…付け RD-…により).
        # approved_at is stored in UTC: the day of approval is its local date, the day the
        # case was decided (in Japan before 9:00, the UTC date is still the day before).
        approved_on = assessment.approved_at.replace(tzinfo=dt.UTC).astimezone().date()
        return build_assessment_letter(AssessmentLetterInput(
            header, summary, finding_letter.letter_no, finding_letter.issued_on,
            approved_on, gather.assessment_figures(assessment)), board=settings)
    if kind == "case_record":
        finding = session.scalar(sa.select(m.Finding).where(m.Finding.case_id == case.id)
                                 .order_by(m.Finding.id.desc()).limit(1))
        assessment = session.scalar(sa.select(m.Assessment).where(
            m.Assessment.case_id == case.id, m.Assessment.status == AssessmentStatus.APPROVED.value)
            .order_by(m.Assessment.version.desc()).limit(1))
        from reviewdesk.cases.states import state_label

        intake = [("患者（仮名）", case.patient_alias), ("請求内容", case.patient_demand or "—"),
                  ("事案の概要", case.summary)]
        return build_case_record(CaseRecordInput(
            header.document_number, header.issue_date, summary, state_label(case.state), intake,
            gather.opinions(session, case.id),
            gather.finding_record(session, finding) if finding else None,
            gather.assessment_figures(assessment) if assessment else None,
            gather.issued_letters(session, case.id)), board=settings)
    raise InputError(f"kind: must be one of {', '.join(CASE_KINDS)}",
                     ja=f"通知書の種類「{kind}」は発行できる種類ではありません")


def _decided_at(session: Session, case: m.Case, kind: str) -> dt.datetime | None:
    """When the decision a letter of this kind reports was taken; None for kinds without one.

    The same moments as the archive's check that a case's letters are complete (archive.py).
    """
    if kind == "finding":
        return session.scalar(sa.select(sa.func.max(m.Finding.recorded_at))
                              .where(m.Finding.case_id == case.id))
    if kind == "assessment":
        return session.scalar(sa.select(sa.func.max(m.Assessment.approved_at)).where(
            m.Assessment.case_id == case.id, m.Assessment.status == AssessmentStatus.APPROVED.value))
    return None


def _finding_letter(session: Session, case: m.Case) -> m.Letter:
    """The finding letter (or its latest correction) that reports the case's latest finding."""
    query = sa.select(m.Letter).where(m.Letter.case_id == case.id, m.Letter.kind == "finding")
    recorded = _decided_at(session, case, "finding")
    if recorded is not None:
        query = query.where(m.Letter.created_at >= recorded)
    letter = session.scalar(query.order_by(m.Letter.id.desc()).limit(1))
    if letter is None:
        raise RuleViolation(
            f"case {case.case_no}: issue the finding letter before the assessment letter",
            ja="査定結果通知書は、審査結果通知書を発行した後に発行してください")
    return letter


# Before the board's finding, the case record would show reviewers' opinions while peer review
# (blind to the others' opinions) still runs.
_BEFORE_FINDING = frozenset({CaseState.RECEIVED, CaseState.COVERAGE_CHECK, CaseState.PEER_REVIEW,
                             CaseState.BOARD_REVIEW, CaseState.DEFERRED})


def _refuse_out_of_order(session: Session, case: m.Case, kind: str, replaces: m.Letter | None) -> None:
    """A letter only where the case's life allows it, and one original of each kind per decision."""
    if case.state == CaseState.CLOSED and kind != "case_record":
        raise RuleViolation(
            f"case {case.case_no} is closed; reopen it before issuing a letter",
            ja=f"事案 {case.case_no} は完結しています。通知書を発行するには、先に事案を再開してください")
    if kind == "case_record" and case.state in _BEFORE_FINDING:
        raise RuleViolation(
            f"case {case.case_no}: the case record is issued once the board's finding is recorded",
            ja="事案記録は、審査会の審査結果が記録された後に発行できます（査読中は発行できません）")
    if replaces is not None:
        if replaces.kind != kind:
            raise InputError(
                f"replaces: {replaces.letter_no} is a {replaces.kind.replace('_', '-')} letter; "
                f"a correction replaces a letter of the same kind",
                ja=f"{replaces.letter_no} は{gather.letter_title(replaces.kind)}です。"
                   f"同じ種類の通知書のみ訂正できます")
        return
    last = session.scalar(sa.select(m.Letter).where(m.Letter.case_id == case.id, m.Letter.kind == kind)
                          .order_by(m.Letter.id.desc()).limit(1))
    if last is None:
        return
    decided = _decided_at(session, case, kind)
    if decided is not None and decided > last.created_at:
        return  # a new decision (e.g. the finding after a deferral) gets its own letter
    title = gather.letter_title(kind)
    raise RuleViolation(
        f"case {case.case_no} already has a {kind.replace('_', '-')} letter ({last.letter_no}); "
        f"a correction names the letter it replaces (--replaces {last.letter_no})",
        ja=f"この事案の{title}（{last.letter_no}）は発行済みです。"
           f"内容を改める場合は「訂正版を発行」から訂正してください")


def render_pdf(content: LetterContent) -> bytes:
    # reportlab and pyHanko load on the first letter, not with the desktop application.
    from reviewdesk.letters.pdf import render_pdf as render

    return render(content)


def _store(session: Session, actor: Actor, kind: str, case: m.Case | None, meeting_id: int | None,
           number: str, issued_on: dt.date, pdf: bytes, replaces: m.Letter | None,
           *, sign: bool, vault: Vault) -> m.Letter:
    signed_at = None
    subject = None
    level = None
    if sign:
        from reviewdesk.letters.signing import sign_pdf

        p12, password, subject = active_signer(vault)
        signed_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
        # The trail's head as this transaction sees it (BEGIN IMMEDIATE: nobody else writes),
        # signed into the letter: an anchor of the audit chain outside the vault.
        seq, head = audit.head(session)

        def signed_with(timestamper: object = None) -> bytes:
            return sign_pdf(pdf, p12, password, signer_name=_signer_name(subject),
                            reason=gather.LETTER_TITLES[kind], location=LOCATION, when=signed_at,
                            audit_anchor=(vault.vault_id, seq, head), timestamper=timestamper)

        pdf, level = _sign_timestamped(vault, session, signed_with)
    letter = m.Letter(letter_no=number, kind=kind, case_id=case.id if case else None,
                      meeting_id=meeting_id, issued_on=issued_on, pdf=pdf,
                      sha256=hashlib.sha256(pdf).hexdigest(), signed=sign, signer_subject=subject,
                      signed_at=signed_at.replace(tzinfo=None) if signed_at else None,
                      replaces_id=replaces.id if replaces else None, created_by=actor.user_id,
                      pades_level=level if sign else None)
    session.add(letter)
    session.flush()
    audit.record(session, actor, "letter.issue", "letter", letter.id, case_id=case.id if case else None,
                 detail={"letter_no": number, "kind": kind, "sha256": letter.sha256, "signed": sign,
                         "replaces": replaces.letter_no if replaces else None,
                         "pades_level": letter.pades_level})
    return letter


def _sign_timestamped(vault: Vault, session: Session,
                      sign: Callable[[object], bytes]) -> tuple[bytes, str]:
    """B-T with the board's TSA; B-B when none is configured or it does not answer (issuing
    never waits on the network for more than the TSA timeout; maintenance adds the proof of
    time later)."""
    from pyhanko.sign.timestamps import TimestampRequestError

    from reviewdesk.letters.tsa import load_tsa

    tsa = load_tsa(vault, session)
    if tsa is not None:
        try:
            return sign(tsa.timestamper()), "B-T"
        except (TimestampRequestError, OSError, TimeoutError):
            pass
    return sign(None), "B-B"


def _signer_name(subject: str) -> str:
    for part in subject.split(","):
        if part.strip().startswith("CN="):
            return part.strip()[3:]
    return subject


def issue_case_letter(vault: Vault, actor: Actor, case_id: int, kind: str, *,
                      issued_on: dt.date | None = None, replaces_no: str | None = None,
                      correction_reason: str = "", sign: bool = True) -> int:
    """Renders, signs and stores one letter of a case; a correction names the letter it replaces."""
    with write(vault, actor, Action.ISSUE_LETTER) as uow:
        session = uow.session
        if kind not in CASE_KINDS:
            raise InputError(f"kind: must be one of {', '.join(CASE_KINDS)}",
                             ja=f"通知書の種類「{kind}」は発行できる種類ではありません")
        issued_on = issued_on or dt.date.today()
        case = load_case(session, actor, case_id)
        replaces = None
        if replaces_no:
            replaces = session.scalar(sa.select(m.Letter).where(
                m.Letter.letter_no == replaces_no, m.Letter.case_id == case.id))
            if replaces is None:
                raise NotFound(f"no letter {replaces_no} for case {case.case_no}",
                               ja=f"事案 {case.case_no} に通知書 {replaces_no} はありません")
        _refuse_out_of_order(session, case, kind, replaces)
        number = _next_number(session, issued_on.year)
        corrects = Correction(replaces.letter_no, replaces.issued_on, correction_reason) if replaces else None
        header = LetterHeader(number, issued_on, gather.recipient(session, case), None, corrects)
        pdf = render_pdf(_content(session, case, kind, header))
        return _store(session, actor, kind, case, None, number, issued_on, pdf, replaces,
                      sign=sign, vault=vault).id


def _meeting_chair(attendance: Sequence[AttendeeRow], settings: board.BoardSettings) -> str:
    """The board chair recorded present at the meeting, else the chair the board settings name."""
    present = next((a.name for a in attendance if a.present and a.role == Role.BOARD_CHAIR), None)
    return present or settings.board_chair_name


def issue_minutes(vault: Vault, actor: Actor, meeting_id: int, *, issued_on: dt.date | None = None) -> int:
    """The signed minutes (議事録) of a meeting: attendance, recusals, outcomes, votes, dissents."""
    from reviewdesk.cases.findings import meeting_minutes
    from reviewdesk.cases.procedures import procedure_label

    require(actor, Action.ISSUE_LETTER)
    issued_on = issued_on or dt.date.today()
    minutes = meeting_minutes(vault, actor, meeting_id)
    meeting = minutes.meeting
    present = [Attendee(a.name, role_label(a.role)) for a in minutes.attendance if a.present]
    absent = [Attendee(a.name, role_label(a.role)) for a in minutes.attendance if not a.present]
    if meeting.starts_at is None or meeting.ends_at is None:
        raise RuleViolation("record the meeting's start and end times before issuing its minutes",
                            ja="会議の開始時刻と終了時刻を記録してから議事録を発行してください")
    starts_at, ends_at = meeting.starts_at, meeting.ends_at
    items = [AgendaItem(
        item.case_no, f"{procedure_label(item.procedure)}に関する事案", item.outcome or "継続審議",
        VoteTally(item.in_favour, item.against, item.abstentions), summary=item.summary,
        recusals=[Recusal(r.name, r.reason_text("ja")) for r in item.recusals],
        dissents=[Dissent(v.name, v.dissent) for v in item.votes if v.dissent])
        for item in minutes.items]
    with write(vault, actor, Action.ISSUE_LETTER) as uow:
        session = uow.session
        settings = board.load(session)
        chair = _meeting_chair(minutes.attendance, settings)
        number = _next_number(session, issued_on.year)
        content = build_minutes(MinutesInput(
            number, issued_on, meeting.title, meeting.held_on, starts_at, ends_at,
            meeting.location or "", chair, meeting.committee_size, meeting.quorum_needed,
            present, absent, items, actor.display_name,
            Signatory(settings.board_chair_title, chair)), board=settings)
        return _store(session, actor, "minutes", None, meeting.id, number, issued_on,
                      render_pdf(content), None, sign=True, vault=vault).id


def _row(session: Session, letter: m.Letter) -> LetterRow:
    case_no = (session.scalar(sa.select(m.Case.case_no).where(m.Case.id == letter.case_id))
               if letter.case_id else None)
    replaces = (session.scalar(sa.select(m.Letter.letter_no).where(m.Letter.id == letter.replaces_id))
                if letter.replaces_id else None)
    return LetterRow(letter.id, letter.letter_no, letter.kind, gather.LETTER_TITLES[letter.kind], case_no,
                     letter.issued_on, letter.signed, letter.signer_subject, letter.signed_at,
                     letter.sha256, replaces, len(letter.pdf),
                     (letter.pades_level or "B-B") if letter.signed else None)


def case_letters(vault: Vault, actor: Actor, case_id: int) -> list[LetterRow]:
    # Letters name the patient and a case record quotes every opinion: not for reviewers, who
    # read their cases but not the letters (the GUI has no letters tab for them either).
    require(actor, Action.READ_ALL_CASES)
    with read_case(vault, actor, case_id) as (session, _case):
        letters = session.scalars(
            sa.select(m.Letter).where(m.Letter.case_id == case_id).order_by(m.Letter.id)).all()
        return [_row(session, letter) for letter in letters]


def original_letters(vault: Vault, actor: Actor, case_id: int) -> list[LetterRow]:
    """For an appeal, the letters of the case it appeals (read-only there); none for other cases.

    The same rule as case_letters: reviewers read no letters, the appeal's panel neither.
    """
    require(actor, Action.READ_ALL_CASES)
    with read_case(vault, actor, case_id) as (session, case):
        if case.appeal_of_id is None:
            return []
        letters = session.scalars(sa.select(m.Letter).where(m.Letter.case_id == case.appeal_of_id)
                                  .order_by(m.Letter.id)).all()
        return [_row(session, letter) for letter in letters]


def letter_pdf(vault: Vault, actor: Actor, letter_id: int) -> tuple[LetterRow, bytes]:
    """The stored bytes exactly as signed, after checking they still match their SHA-256."""
    with read(vault, actor, Action.READ_ALL_CASES) as session:  # reviewers read no letters
        letter = session.get(m.Letter, letter_id)
        if letter is None:
            raise NotFound(f"no letter {letter_id}", ja="通知書が見つかりません")
        if letter.case_id is not None:
            load_case(session, actor, letter.case_id)
        if hashlib.sha256(letter.pdf).hexdigest() != letter.sha256:
            raise RuleViolation(f"letter {letter.letter_no}: stored bytes do not match their SHA-256",
                                ja=f"通知書 {letter.letter_no} の保存内容が署名時と一致しません（破損）")
        return _row(session, letter), letter.pdf
