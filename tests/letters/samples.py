"""Realistic inputs for every kind of letter, built on ASSESSMENT.md's public worked example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from reviewdesk.letters.builders import (
    build_assessment_letter,
    build_finding_letter,
    build_intake_acknowledgement,
    build_not_covered,
)
from reviewdesk.letters.content import LetterContent, LetterKind
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

FIGURES = AssessmentFigures(
    edition="2024年版（令和6年4月1日施行）",
    damages=(
        ("治療費", 800_000),
        ("入院雑費", 0),
        ("休業損害", 300_000),
        ("逸失利益", 4_776_912),
        ("慰謝料", 3_800_000),
    ),
    total_damages=9_676_912,
    liability=8_709_220,
    payout=(("賠償金", 8_609_220), ("争訟費用", 0), ("麻酔過誤賠償責任（特約）", 0)),
    payout_total=8_609_220,
    trace=(
        ("ライプニッツ係数", "年3％、10年（事故日が2020年4月1日以降）", Decimal("8.5302")),
        ("逸失利益", "年収4,000,000円 × 喪失率14％（12級）× 8.5302、円未満切捨て", 4_776_912),
        ("慰謝料", "入通院慰謝料900,000円 ＋ 後遺障害慰謝料2,900,000円（12級）", 3_800_000),
        ("損害額合計", "治療費 ＋ 入院雑費 ＋ 休業損害 ＋ 逸失利益 ＋ 慰謝料", 9_676_912),
        ("過失相殺後", "9,676,912円 ×（1 − 患者の過失 0.1）、円未満切捨て", 8_709_220),
        ("被共済者負担分", "8,709,220円 × 負担割合 1", 8_709_220),
        ("既払金控除後", "8,709,220円 − 既払金 0円", 8_709_220),
        ("法律上の損害賠償金", "弁護士費用の認容なし", 8_709_220),
        ("他保険控除後", "8,709,220円 − 他保険支払額 0円", 8_709_220),
        ("賠償金", "min(8,709,220円 − 免責金額100,000円, 支払限度額10,000,000円)", 8_609_220),
        ("争訟費用", "争訟費用 0円", 0),
        ("お支払額合計", "賠償金 ＋ 争訟費用 ＋ 麻酔特約", 8_609_220),
    ),
)


def intake() -> LetterContent:
    return build_intake_acknowledgement(
        IntakeAcknowledgementInput(header("日美賠受第2026-0042号"), CASE, dt.date(2023, 8, 9))
    )


def not_covered() -> LetterContent:
    return build_not_covered(
        NotCoveredInput(
            header("日美賠対第2026-0007号"),
            CASE,
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


def assessment(corrects: bool = False) -> LetterContent:
    correction = Correction("日美賠査第2026-0031号", dt.date(2026, 11, 14), "算定の経過の記載漏れ")
    return build_assessment_letter(
        AssessmentLetterInput(
            header("日美賠査第2026-0033号", corrects=correction if corrects else None),
            CASE,
            finding_document_number="日美賠審第2026-0118号",
            finding_date=dt.date(2026, 10, 30),
            assessment_date=dt.date(2026, 11, 13),
            figures=FIGURES,
        )
    )


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
