"""Letter inputs built from what the vault records about a case (pure reads, no rendering)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.roles import role_label
from reviewdesk.cases.assessing import AssessmentStatus, decode_assessment
from reviewdesk.cases.assessment.engine import AssessmentResult
from reviewdesk.cases.assessment.labels import REASON_CODES
from reviewdesk.cases.assessment.scenario import Scenario
from reviewdesk.cases.meeting_terms import VoteChoice
from reviewdesk.cases.outcomes import (
    Element,
    answer_label,
    element_label,
    finding_outcome_label,
    judgement_label,
)
from reviewdesk.cases.procedures import PROCEDURES
from reviewdesk.cases.review_terms import OpinionStatus
from reviewdesk.errors import RuleViolation
from reviewdesk.letters import statement
from reviewdesk.letters.inputs import (
    AssessmentFigures,
    CaseSummary,
    FindingElement,
    FindingRecord,
    IssuedLetter,
    Opinion,
    PolicyTerms,
    Recipient,
    VoteTally,
)
from reviewdesk.store import models as m

PAYOUT_LABELS = (("indemnity", "共済金（損害賠償金）"), ("litigation", "争訟費用"),
                 ("anesthesia_layer", "麻酔過誤賠償責任（上乗せ）"))
LETTER_TITLES = {"intake_acknowledgement": "受付通知書", "not_covered": "対象外通知書",
                 "finding": "審査結果通知書", "assessment": "査定結果通知書", "minutes": "議事録",
                 "case_record": "事案記録"}
LETTER_TITLES_EN = {"intake_acknowledgement": "Intake acknowledgement",
                    "not_covered": "Not-covered letter", "finding": "Finding letter",
                    "assessment": "Assessment letter", "minutes": "Minutes",
                    "case_record": "Case record"}


def letter_title(kind: str, lang: str = "ja") -> str:
    """The title of a kind of letter, e.g. 審査結果通知書; the kind itself if unknown."""
    return (LETTER_TITLES if lang == "ja" else LETTER_TITLES_EN).get(kind, kind)


def case_summary(session: Session, case: m.Case) -> CaseSummary:
    doctor = session.get(m.InsuredDoctor, case.insured_doctor_id) if case.insured_doctor_id else None
    facility = session.get(m.Facility, case.facility_id) if case.facility_id else None
    member = session.get(m.Member, case.member_id)
    assert member is not None
    contract = session.get(m.Contract, case.contract_id) if case.contract_id else None
    return CaseSummary(
        case_number=case.case_no, insured_name=doctor.name if doctor else member.name,
        facility=facility.name if facility else member.name,
        procedure=PROCEDURES[case.procedure].label_ja, incident_date=case.incident_date,
        claim_date=case.claim_date, report_date=case.received_on, patient=case.patient_alias,
        contract_number=contract.contract_no if contract else "",
        period_start=contract.period_start if contract else None,
        period_end=contract.period_end if contract else None,
        retro_date=contract.retro_date if contract else None,
        course=_course_label(contract.course) if contract else "")


def _course_label(code: str) -> str:
    return {"all": "全科コース", "non_surgical": "非外科コース", "facility": "開設者コース",
            "practitioner": "施術医コース"}.get(code, "")


# A postal code written at the start of a stored address: 〒150-0001 東京都…, 150-0001 東京都…
_POSTAL = re.compile(r"^\s*〒?\s*(\d{3})[-－ー‐](\d{4})\s*")


def split_postal_code(address: str) -> tuple[str, str]:
    """(postal code, rest of the address) of an address that starts with its postal code."""
    match = _POSTAL.match(address)
    if match is None:
        return "", address.strip()
    return f"{match.group(1)}-{match.group(2)}", address[match.end():].strip()


def recipient(session: Session, case: m.Case) -> Recipient:
    member = session.get(m.Member, case.member_id)
    facility = session.get(m.Facility, case.facility_id) if case.facility_id else None
    assert member is not None
    # The clinic, then its director by name (先生); a member without a named representative
    # is addressed as an organisation (御中).
    postal_code, address = split_postal_code(
        (facility.address if facility and facility.address else member.address) or "")
    return Recipient(facility=facility.name if facility else member.name,
                     member_name=member.representative or "",
                     member_title="院長" if member.representative else "",
                     postal_code=postal_code, address=address)


def coverage_reasons(case: m.Case) -> list[str]:
    return [code for code in json.loads(case.coverage_reasons) if code in REASON_CODES]


def latest_finding(session: Session, case_id: int) -> m.Finding:
    finding = session.scalar(sa.select(m.Finding).where(m.Finding.case_id == case_id)
                             .order_by(m.Finding.id.desc()).limit(1))
    if finding is None:
        raise RuleViolation("the case has no finding yet", ja="この事案には審査結果がありません")
    return finding


def finding_elements(finding: m.Finding) -> list[FindingElement]:
    """Each element as the board recorded it: its judgement (— when none was recorded, as on
    findings older than judgements) and its reason; never a judgement guessed from the outcome."""
    out = []
    for element in Element:
        text = getattr(finding, f"{element}_reason").strip()
        judgement = getattr(finding, f"{element}_judgement")
        if text or judgement:
            out.append(FindingElement(element_label(element), _word(judgement_label, judgement),
                                      text or "—"))
    return out


def approved_assessment(session: Session, case_id: int) -> m.Assessment:
    assessment = session.scalar(
        sa.select(m.Assessment).where(m.Assessment.case_id == case_id,
                                      m.Assessment.status == AssessmentStatus.APPROVED.value)
        .order_by(m.Assessment.version.desc()).limit(1))
    if assessment is None:
        raise RuleViolation("the case has no approved assessment",
                            ja="この事案には承認済みの査定がありません")
    return assessment


def assessment_figures(assessment: m.Assessment) -> AssessmentFigures:
    """The approved assessment as letters print it: the rule edition by its full name, the
    working as a calculation statement (statement.py), the contract's figures it applied."""
    scenario, result = decode_assessment(assessment)
    return figures_of(scenario, result)


def figures_of(scenario: Scenario, result: AssessmentResult) -> AssessmentFigures:
    """An engine result and its inputs as the letters' figures."""
    damages = [(line.label, line.amount) for line in result.damage_lines]
    payout_figures = result.payout.to_dict()
    payout = [(label, payout_figures[code]) for code, label in PAYOUT_LABELS]
    p = scenario.policy
    terms = PolicyTerms(
        deductible=p.deductible, per_claim_limit=p.per_claim_limit,
        indemnity=result.payout.indemnity, litigation=result.payout.litigation,
        anesthesia_layer=result.payout.anesthesia_layer,
        other_insurance_paid=scenario.other_insurance_paid, annual_aggregate=p.annual_aggregate,
        aggregate_used=p.aggregate_used, litigation_in_aggregate=p.litigation_costs_in_aggregate,
        covered=result.coverage.covered)
    return AssessmentFigures(
        edition=statement.edition_title(result.edition), damages=damages,
        total_damages=result.total_damages, liability=result.liability, payout=payout,
        payout_total=result.payout.total, trace=statement.statement(scenario, result),
        terms=terms)


def _word(label: Callable[[str], str], code: str | None) -> str:
    """The core's Japanese label of a code; — for none, or for a code its table does not know."""
    try:
        return label(code) if code else "—"
    except (KeyError, ValueError):
        return "—"


def opinions(session: Session, case_id: int) -> list[Opinion]:
    rows = session.execute(
        sa.select(m.Opinion, m.User).join(m.User, m.User.id == m.Opinion.author_id)
        .where(m.Opinion.case_id == case_id, m.Opinion.status == OpinionStatus.SUBMITTED.value)
        .order_by(m.Opinion.submitted_at)).all()
    out = []
    for opinion, user in rows:
        text = "\n".join(
            f"{element_label(element)}：{_word(answer_label, getattr(opinion, element))}。"
            f"{getattr(opinion, f'{element}_rationale')}"
            for element in Element)
        submitted = opinion.submitted_at.date() if opinion.submitted_at else opinion.created_at.date()
        out.append(Opinion(reviewer=user.display_name, role=role_label(user.role), submitted_on=submitted,
                           version=opinion.version,
                           conclusion=_word(finding_outcome_label, opinion.recommended_finding),
                           text=text))
    return out


def vote_tally(session: Session, finding_id: int) -> VoteTally:
    votes = session.scalars(sa.select(m.Vote.vote).where(m.Vote.finding_id == finding_id)).all()
    return VoteTally(votes.count(VoteChoice.FOR), votes.count(VoteChoice.AGAINST),
                     votes.count(VoteChoice.ABSTAIN))


def finding_record(session: Session, finding: m.Finding) -> FindingRecord:
    meeting = session.get(m.Meeting, finding.meeting_id)
    assert meeting is not None
    return FindingRecord(meeting_date=meeting.held_on, outcome=finding.outcome,
                         votes=vote_tally(session, finding.id),
                         elements=finding_elements(finding),
                         insured_share=Decimal(finding.insured_share) if finding.insured_share else None)


def issued_letters(session: Session, case_id: int) -> list[IssuedLetter]:
    rows = session.scalars(sa.select(m.Letter).where(m.Letter.case_id == case_id,
                                                     m.Letter.kind != "case_record")
                           .order_by(m.Letter.id)).all()
    return [IssuedLetter(r.letter_no, r.issued_on, letter_title(r.kind), r.sha256)
            for r in rows]
