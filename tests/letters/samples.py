"""Realistic inputs for every kind of letter, built on ASSESSMENT.md's public worked example."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from reviewdesk.cases.assessment.engine import assess
from reviewdesk.cases.assessment.parse import parse_scenario
from reviewdesk.cases.assessment.rules import load_edition
from reviewdesk.letters.builders import (
    build_assessment_letter,
    build_finding_letter,
    build_intake_acknowledgement,
    build_not_covered,
)
from reviewdesk.letters.content import LetterContent, LetterKind
from reviewdesk.letters.gather import figures_of
from reviewdesk.letters.inputs import (
    AgendaItem,
    AssessmentFigures,
    AssessmentLetterInput,
    Attendee,
    CaseRecordInput,
    CaseSummary,
    Correction,
    Dissent,
    FindingElement,
    FindingLetterInput,
    FindingRecord,
    IntakeAcknowledgementInput,
    IssuedLetter,
    LetterHeader,
    MinutesInput,
    NotCoveredInput,
    Opinion,
    Recipient,
    Recusal,
    VoteTally,
)
from reviewdesk.letters.records import build_case_record, build_minutes

ISSUE = dt.date(2026, 11, 21)
CASE = CaseSummary(
    case_number="2026-0042",
    insured_name="山田 太郎",
    facility="医療法人社団青葉会 青葉美容クリニック",
    procedure="フィラー",
    incident_date=dt.date(2023, 5, 10),
    claim_date=dt.date(2023, 8, 1),
    report_date=dt.date(2023, 8, 7),
    patient="患者A",
    contract_number="日美賠共第2023-00815号",
    period_start=dt.date(2023, 1, 1),
    period_end=dt.date(2023, 12, 31),
    retro_date=dt.date(2020, 1, 1),
    course="全科コース",
)
RECIPIENT = Recipient(
    facility="医療法人社団青葉会 青葉美容クリニック",
    member_name="山田 太郎",
    member_title="院長",
    postal_code="150-0001",
    address="東京都渋谷区神宮前五丁目2番3号 青葉ビル3階",
)


def header(number: str, **kw: object) -> LetterHeader:
    return LetterHeader(document_number=number, issue_date=ISSUE, recipient=RECIPIENT, **kw)


ELEMENTS = (
    FindingElement(
        "negligence",
        "認める",
        "ヒアルロン酸注入の際、鼻背部での逆流確認（吸引テスト）を行わず、"
        "かつ一度に多量を注入したことは、当時の医療水準に照らし注意義務に違反する。",
    ),
    FindingElement(
        "duty_to_explain",
        "一部認める",
        "血管閉塞及び皮膚壊死の危険について同意書に記載はあるが、口頭での具体的な説明の記録がない。",
    ),
    FindingElement(
        "causation",
        "認める",
        "注入直後からの疼痛及び網状皮斑の出現経過から、注入と皮膚壊死との間に相当因果関係が認められる。",
    ),
)

# ASSESSMENT.md section 5's scenario, assessed by the engine and worded as letters print it.
WORKED_EXAMPLE = {
    "incident_date": "2023-05-10", "claim_date": "2023-08-01", "procedure": "filler",
    "victim": {"age": 35, "sex": "female", "annual_income": 4000000,
               "household_role": "other", "dependents": 0},
    "outcome": {"kind": "after_effect", "disability_grade": 12, "loss_years": 10},
    "damages": {"treatment_costs": 800000, "hospital_days": 0, "lost_wages": 300000,
                "hospital_outpatient_consolation": 900000, "funeral_costs": 0,
                "other_costs": 0, "death_consolation": None},
    "patient_fault": "0.1", "insured_share": "1", "prior_payments": 0,
    "lawyer_fee_award": False, "other_insurance_paid": 0, "litigation_costs": 0,
    "anesthesia_cause": False, "exclusions": [],
    "policy": {"course": "all", "period_start": "2023-01-01", "period_end": "2023-12-31",
               "retro_date": "2020-01-01", "per_claim_limit": 10000000, "deductible": 100000,
               "annual_aggregate": None, "aggregate_used": 0,
               "litigation_costs_in_aggregate": False, "anesthesia_rider": None},
}


def figures(**changes: object) -> AssessmentFigures:
    """The worked example's figures, with top-level or policy fields changed."""
    data = {**WORKED_EXAMPLE, "policy": {**WORKED_EXAMPLE["policy"]}}  # type: ignore[dict-item]
    for key, value in changes.items():
        if key.startswith("policy_"):
            data["policy"][key.removeprefix("policy_")] = value  # type: ignore[index]
        else:
            data[key] = value
    scenario = parse_scenario(data)
    return figures_of(scenario, assess(scenario, load_edition("akai-hon-2024")))


FIGURES = figures()
# The expert's case: the 2,000,000円 per-claim limit of the former scheme, an annual limit partly
# used, litigation costs pro-rated on top.
LIMITED_FIGURES = figures(policy_per_claim_limit=2_000_000, policy_annual_aggregate=5_000_000,
                          policy_aggregate_used=1_200_000, litigation_costs=400_000)


def intake() -> LetterContent:
    return build_intake_acknowledgement(
        IntakeAcknowledgementInput(header("日美賠受第2026-0042号"), CASE, dt.date(2023, 8, 9))
    )


def not_covered() -> LetterContent:
    return build_not_covered(
        NotCoveredInput(
            header("日美賠対第2026-0007号"),
            # The member joined on 令和5年9月1日, after the claim of 令和5年8月1日.
            dataclasses.replace(CASE, period_start=dt.date(2023, 9, 1),
                                period_end=dt.date(2024, 8, 31)),
            reasons=("claim_before_enrolment", "guaranteed_result"),
            remarks="ご加入日（令和5年9月1日）の時点で、請求者から既に書面による請求を受けていたことを確認しました。",
        )
    )


def finding(outcome: str = "partly_liable") -> LetterContent:
    return build_finding_letter(
        FindingLetterInput(
            header("日美賠審第2026-0118号"),
            CASE,
            meeting_date=dt.date(2026, 10, 24),
            outcome=outcome,
            insured_share=Decimal("0.7") if outcome == "partly_liable" else None,
            elements=ELEMENTS,
            summary="査読委員（形成外科医・皮膚科医）2名及び弁護士委員1名の意見を踏まえて審議した。",
        )
    )


def assessment(corrects: bool = False, figures: AssessmentFigures = FIGURES) -> LetterContent:
    correction = Correction("日美賠査第2026-0031号", dt.date(2026, 11, 14), "算定の経過の記載漏れ")
    return build_assessment_letter(
        AssessmentLetterInput(
            header("日美賠査第2026-0033号", corrects=correction if corrects else None),
            CASE,
            finding_document_number="日美賠審第2026-0118号",
            finding_date=dt.date(2026, 10, 30),
            assessment_date=dt.date(2026, 11, 13),
            figures=figures,
        )
    )


def assessment_limited() -> LetterContent:
    return assessment(figures=LIMITED_FIGURES)


MINUTES = MinutesInput(
    document_number="日美賠議第2026-012号",
    issue_date=ISSUE,
    meeting_name="第12回審査会",
    meeting_date=dt.date(2026, 10, 24),
    start_time=dt.time(14, 0),
    end_time=dt.time(16, 30),
    place="当会 第一会議室（東京都千代田区丸の内）",
    chair="審査会委員長 佐藤 恵子",
    members_total=7,
    quorum=4,
    attendees=(
        Attendee("佐藤 恵子", "委員長（弁護士）"),
        Attendee("鈴木 一郎", "委員（医師・形成外科）"),
        Attendee("田中 美咲", "委員（医師・皮膚科）"),
        Attendee("小林 誠", "委員（医師・麻酔科）"),
        Attendee("渡辺 直子", "委員（弁護士）"),
        Attendee("加藤 亮", "委員（医師・形成外科）"),
    ),
    absentees=(Attendee("山本 修", "委員（医師・皮膚科）"),),
    items=(
        AgendaItem(
            "2026-0042",
            "フィラー注入後の皮膚壊死に係る事案",
            "liable",
            VoteTally(4, 1, 0),
            summary="査読意見3件を確認し、過失、説明義務及び因果関係について順に審議した。",
            recusals=(Recusal("加藤 亮", "被共済者と同一の医療法人に勤務"),),
            dissents=(Dissent("鈴木 一郎", "説明義務は尽くされており、過失の程度に照らし一部有責とすべきである。"),),
        ),
        AgendaItem("2026-0051", "レーザー照射後の色素沈着に係る事案", "not_liable", VoteTally(6, 0, 0)),
    ),
    recorder="事務局 中村 健一",
)


def minutes() -> LetterContent:
    return build_minutes(MINUTES)


def case_record() -> LetterContent:
    return build_case_record(
        CaseRecordInput(
            document_number="日美賠記第2026-0042号",
            issue_date=ISSUE,
            case=CASE,
            status="通知済",
            intake=(("契約", "全科コース 支払限度額10,000,000円 免責金額100,000円"),
                    ("請求の内容", "治療費、休業損害及び慰謝料の支払い")),
            opinions=(
                Opinion("鈴木 一郎", "査読委員（医師・形成外科）", dt.date(2026, 9, 30), 1,
                        "過失あり", "注入手技及び注入量に注意義務違反が認められる。"),
                Opinion("渡辺 直子", "査読委員（弁護士）", dt.date(2026, 10, 2), 2,
                        "有責", "注意義務違反と結果との間の因果関係が認められ、被共済者は責任を免れない。"),
            ),
            finding=FindingRecord(dt.date(2026, 10, 24), "liable", VoteTally(4, 1, 0), ELEMENTS),
            assessment=FIGURES,
            letters=(
                IssuedLetter("日美賠受第2026-0042号", dt.date(2023, 8, 9), "受付通知書", "3f" * 32),
                IssuedLetter("日美賠審第2026-0118号", dt.date(2026, 10, 30), "審査結果通知書",
                             "a1" * 32),
            ),
        )
    )


ALL = {
    LetterKind.INTAKE_ACKNOWLEDGEMENT: intake,
    LetterKind.NOT_COVERED: not_covered,
    LetterKind.FINDING: finding,
    LetterKind.ASSESSMENT: assessment,
    LetterKind.MINUTES: minutes,
    LetterKind.CASE_RECORD: case_record,
}
