"""Plain inputs for the letter builders: what the vault maps its records onto, no ORM, no Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

# Amounts are whole yen (int). A "code or label" field takes a code from the kind's template
# (e.g. "liable", "negligence") or, for anything the template does not list, the Japanese text.


@dataclass(frozen=True)
class Recipient:
    """Who the letter goes to. A facility alone gets 御中; a named member gets 先生 (and then the
    facility line carries no 御中, as Japanese business letters do)."""

    facility: str = ""
    member_name: str = ""
    member_title: str = ""  # e.g. 院長, printed before the name
    postal_code: str = ""
    address: str = ""


@dataclass(frozen=True)
class Signatory:
    """Who signs for the association when not the default of the kind's template."""

    title: str
    name: str


@dataclass(frozen=True)
class Correction:
    """The earlier letter this one replaces; a signed letter is never rebuilt in place."""

    document_number: str
    issue_date: dt.date
    reason: str = ""


@dataclass(frozen=True)
class LetterHeader:
    """Numbering, date, addressee and signatory common to every kind."""

    document_number: str
    issue_date: dt.date
    recipient: Recipient = Recipient()
    signatory: Signatory | None = None
    corrects: Correction | None = None


@dataclass(frozen=True)
class CaseSummary:
    """The intake facts letters cite. procedure is the catalogue label (e.g. フィラー)."""

    case_number: str
    insured_name: str
    facility: str
    procedure: str
    incident_date: dt.date
    claim_date: dt.date | None = None
    report_date: dt.date | None = None
    patient: str = ""  # pseudonym or initials; letters never need the full identity
    # The contract (共済契約) the case falls under; letters print its number and period.
    contract_number: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    retro_date: dt.date | None = None
    course: str = ""  # the course's label, e.g. 全科コース


@dataclass(frozen=True)
class IntakeAcknowledgementInput:
    header: LetterHeader
    case: CaseSummary
    received_date: dt.date


@dataclass(frozen=True)
class NotCoveredInput:
    """reasons: coverage codes of ASSESSMENT.md section 6 (claim_outside_period, intentional, …)."""

    header: LetterHeader
    case: CaseSummary
    reasons: Sequence[str]
    remarks: str = ""


@dataclass(frozen=True)
class FindingElement:
    """The finding on one legal element. element: code (negligence, duty_to_explain, causation,
    damage) or label; conclusion and reasons: the board's words."""

    element: str
    conclusion: str
    reasons: str


@dataclass(frozen=True)
class FindingLetterInput:
    """outcome: liable, partly_liable, not_liable or deferred. insured_share: for partly_liable,
    the insured's share as a ratio (Decimal("0.7") prints as 7割)."""

    header: LetterHeader
    case: CaseSummary
    meeting_date: dt.date
    outcome: str
    elements: Sequence[FindingElement]
    insured_share: Decimal | None = None
    summary: str = ""
    votes: VoteTally | None = None  # the board's recorded tally, printed as it is


@dataclass(frozen=True)
class PolicyTerms:
    """The contract's figures an assessment applied, and what each part of the payout came to:
    the letter's first page says with them how the legal liability became the payout."""

    deductible: int
    per_claim_limit: int
    indemnity: int
    litigation: int = 0
    anesthesia_layer: int = 0
    other_insurance_paid: int = 0
    annual_aggregate: int | None = None
    aggregate_used: int = 0  # paid already in this contract year (既払額)
    litigation_in_aggregate: bool = False
    covered: bool = True


@dataclass(frozen=True)
class AssessmentFigures:
    """The engine's result: damages lines (label, yen), liability, payout lines, and the trace
    (step, formula in words, value). Lines must add up to their totals."""

    edition: str
    damages: Sequence[tuple[str, int]]
    total_damages: int
    liability: int
    payout: Sequence[tuple[str, int]]
    payout_total: int
    trace: Sequence[tuple[str, str, int | Decimal | str]]
    terms: PolicyTerms | None = None


@dataclass(frozen=True)
class AssessmentLetterInput:
    header: LetterHeader
    case: CaseSummary
    finding_document_number: str
    finding_date: dt.date
    assessment_date: dt.date
    figures: AssessmentFigures


@dataclass(frozen=True)
class Attendee:
    """A board member at a meeting. role: e.g. 委員長, 委員（医師・皮膚科）, 委員（弁護士）."""

    name: str
    role: str


@dataclass(frozen=True)
class Recusal:
    """A member who left the deliberation of one item, and why (利益相反)."""

    name: str
    reason: str


@dataclass(frozen=True)
class VoteTally:
    in_favour: int
    against: int
    abstentions: int = 0


@dataclass(frozen=True)
class Dissent:
    name: str
    opinion: str


@dataclass(frozen=True)
class AgendaItem:
    """One case decided at the meeting. outcome: code (liable, …) or label."""

    case_number: str
    subject: str
    outcome: str
    votes: VoteTally
    summary: str = ""
    recusals: Sequence[Recusal] = ()
    dissents: Sequence[Dissent] = ()


@dataclass(frozen=True)
class MinutesInput:
    """The minutes of one meeting of the board (or the assessment committee)."""

    document_number: str
    issue_date: dt.date
    meeting_name: str  # e.g. 第12回審査会
    meeting_date: dt.date
    start_time: dt.time
    end_time: dt.time
    place: str
    chair: str
    members_total: int
    quorum: int
    attendees: Sequence[Attendee]
    absentees: Sequence[Attendee]
    items: Sequence[AgendaItem]
    recorder: str
    signatory: Signatory | None = None


@dataclass(frozen=True)
class Opinion:
    """A submitted peer-review opinion as the archive keeps it (versions are separate entries)."""

    reviewer: str
    role: str
    submitted_on: dt.date
    version: int
    conclusion: str
    text: str


@dataclass(frozen=True)
class FindingRecord:
    """The board's finding as the case record shows it."""

    meeting_date: dt.date
    outcome: str
    votes: VoteTally | None
    elements: Sequence[FindingElement]
    insured_share: Decimal | None = None


@dataclass(frozen=True)
class IssuedLetter:
    """A letter already sent, listed in the case record with its SHA-256 (hex)."""

    document_number: str
    issue_date: dt.date
    title: str
    sha256: str


@dataclass(frozen=True)
class CaseRecordInput:
    """The archive's record of one case: intake data (extra (label, value) lines beyond the
    summary), the opinions, the finding, the assessment, the letters issued."""

    document_number: str
    issue_date: dt.date
    case: CaseSummary
    status: str
    intake: Sequence[tuple[str, str]] = ()
    opinions: Sequence[Opinion] = ()
    finding: FindingRecord | None = None
    assessment: AssessmentFigures | None = None
    letters: Sequence[IssuedLetter] = ()
    signatory: Signatory | None = None
    notes: Sequence[str] = field(default_factory=tuple)
