"""Letter content from plain inputs: wording from templates, checks that keep letters right."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from reviewdesk.errors import InputError
from reviewdesk.letters.builders import (
    build_assessment_letter,
    build_finding_letter,
    build_intake_acknowledgement,
    build_not_covered,
    format_share,
)
from reviewdesk.letters.content import (
    AmountTable,
    FindingsTable,
    LetterKind,
    TraceTable,
    format_value,
    format_yen,
)
from reviewdesk.letters.inputs import (
    AgendaItem,
    AssessmentLetterInput,
    Correction,
    FindingLetterInput,
    IntakeAcknowledgementInput,
    NotCoveredInput,
    Recipient,
    Signatory,
    VoteTally,
)
from reviewdesk.letters.records import build_minutes
from reviewdesk.letters.templates import fill, template_dir
from tests.letters import samples


def test_format_yen() -> None:
    assert format_yen(8_609_220) == "8,609,220円"
    assert format_yen(0) == "0円"
    assert format_yen(-100_000) == "−100,000円"
    with pytest.raises(TypeError):
        format_yen(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_yen(True)
    assert format_value(Decimal("8.5302")) == "8.5302"
    assert format_value(4_776_912) == "4,776,912円"


def test_share_as_percent() -> None:
    assert format_share(Decimal("0.7")) == "70％"
    assert format_share(Decimal("0.333")) == "33.3％"
    with pytest.raises(InputError):
        format_share(Decimal("1.2"))


def test_every_kind_builds_with_its_title_and_case_number() -> None:
    titles = {
        LetterKind.INTAKE_ACKNOWLEDGEMENT: "受付通知書",
        LetterKind.NOT_COVERED: "対象外通知書",
        LetterKind.FINDING: "審査結果通知書",
        LetterKind.ASSESSMENT: "査定結果通知書",
        LetterKind.MINUTES: "第12回審査会議事録",
        LetterKind.CASE_RECORD: "事案記録",
    }
    for kind, make in samples.ALL.items():
        content = make()
        assert content.kind is kind
        assert content.title == titles[kind]
        assert "2026-0042" in content.case_number
        assert "$" not in content.plain_text()


def test_addressee_uses_onchu_for_a_facility_and_sensei_for_a_member() -> None:
    letter = samples.intake()
    assert letter.recipient_address == ("〒150-0001", "東京都渋谷区神宮前五丁目2番3号 青葉ビル3階")
    # With a named member the facility line carries no 御中 (never both on one letter).
    assert letter.addressee == ("医療法人社団青葉会 青葉美容クリニック", "院長 山田 太郎　先生")
    only_facility = dataclasses.replace(
        samples.header("X-1"), recipient=Recipient(facility="青葉美容クリニック")
    )
    content = build_intake_acknowledgement(
        IntakeAcknowledgementInput(only_facility, samples.CASE, dt.date(2023, 8, 9))
    )
    assert content.addressee == ("青葉美容クリニック　御中",)
    with pytest.raises(InputError, match="addressee"):
        build_intake_acknowledgement(
            IntakeAcknowledgementInput(
                dataclasses.replace(only_facility, recipient=Recipient()), samples.CASE,
                dt.date(2023, 8, 9),
            )
        )


def test_letters_open_with_haikei_and_close_with_keigu_ki_ijou() -> None:
    for make in (samples.intake, samples.not_covered, samples.finding, samples.assessment):
        text = make().plain_text()
        assert "拝啓　時下ますますご清栄のこととお慶び申し上げます。" in text
        assert text.index("拝啓") < text.index("敬具") < text.index("\n記\n") < text.index("以上")


def test_signatory_comes_from_the_template_or_the_input() -> None:
    assert samples.finding().sender.signatory_title == "審査会委員長"
    assert samples.assessment().sender.signatory_title == "理事長"
    header = dataclasses.replace(samples.header("X-2"), signatory=Signatory("審査会副委員長", "鈴木 一郎"))
    content = build_intake_acknowledgement(
        IntakeAcknowledgementInput(header, samples.CASE, dt.date(2023, 8, 9))
    )
    assert (content.sender.signatory_title, content.sender.signatory_name) == ("審査会副委員長", "鈴木 一郎")
    assert content.sender.seal_columns == ("日本美容", "医療賠償", "共済会印")


def test_finding_letter_has_outcome_and_a_row_per_legal_element() -> None:
    content = samples.finding("partly_liable")
    text = content.plain_text()
    assert "一部有責（被共済者の負担割合 70％）" in text
    (table,) = [b for b in content.blocks if isinstance(b, FindingsTable)]
    assert [r.element for r in table.rows] == ["過失（注意義務違反）", "説明義務違反", "因果関係"]
    assert "無責" in samples.finding("not_liable").plain_text()
    assert "判定を保留" in samples.finding("deferred").plain_text()


def test_finding_refuses_unknown_outcomes_and_a_share_less_partial_finding() -> None:
    base = FindingLetterInput(
        samples.header("X-3"), samples.CASE, dt.date(2026, 10, 24), "liable", ()
    )
    with pytest.raises(InputError, match="outcome"):
        build_finding_letter(dataclasses.replace(base, outcome="guilty"))
    with pytest.raises(InputError, match="share"):
        build_finding_letter(dataclasses.replace(base, outcome="partly_liable"))
    typo = dataclasses.replace(base, elements=(samples.FindingElement("negligance", "認める", "…"),))
    with pytest.raises(InputError, match="negligance"):
        build_finding_letter(typo)


def test_not_covered_lists_each_reason_and_refuses_unknown_codes() -> None:
    text = samples.not_covered().plain_text()
    assert "加入前の請求" in text and "結果保証による加重責任" in text
    base = NotCoveredInput(samples.header("X-4"), samples.CASE, ("bribery",))
    with pytest.raises(InputError, match="bribery"):
        build_not_covered(base)
    with pytest.raises(InputError, match="reason"):
        build_not_covered(dataclasses.replace(base, reasons=()))


def test_assessment_carries_every_line_and_trace_step() -> None:
    content = samples.assessment()
    amounts = [b for b in content.blocks if isinstance(b, AmountTable)]
    assert [r.amount for r in amounts[0].rows] == [a for _, a in samples.FIGURES.damages]
    assert amounts[0].total == 9_676_912 and amounts[1].total == 8_609_220
    (trace,) = [b for b in content.blocks if isinstance(b, TraceTable)]
    assert len(trace.rows) == len(samples.FIGURES.trace)


def test_assessment_lines_must_add_up() -> None:
    wrong = dataclasses.replace(samples.FIGURES, total_damages=9_676_913)
    data = AssessmentLetterInput(samples.header("X-5"), samples.CASE, "N", dt.date(2026, 10, 30),
                                 dt.date(2026, 11, 13), wrong)
    with pytest.raises(InputError, match="add up"):
        build_assessment_letter(data)


def test_correction_names_the_letter_it_replaces() -> None:
    content = samples.assessment(corrects=True)
    assert content.corrects == (
        "本書は、令和8年11月14日付け日美賠査第2026-0031号を訂正し、同書に代えて発行するものです。"
        "（訂正の理由：算定の経過の記載漏れ）"
    )
    assert samples.assessment().corrects is None
    bare = Correction("日美賠査第2026-0031号", dt.date(2026, 11, 14))
    data = dataclasses.replace(samples.header("X-7"), corrects=bare)
    content = build_intake_acknowledgement(
        IntakeAcknowledgementInput(data, samples.CASE, dt.date(2023, 8, 9))
    )
    assert content.corrects is not None and "訂正の理由" not in content.corrects


def test_minutes_record_recusals_votes_and_dissents() -> None:
    text = samples.minutes().plain_text()
    assert "委員総数7名のうち6名が出席し" in text
    assert "加藤 亮委員は、利益相反（被共済者と同一の医療法人に勤務）のため" in text
    assert "賛成4名、反対1名、棄権0名により、本件を「有責」とすることを決定した。" in text
    assert "反対意見（鈴木 一郎委員）" in text
    assert "本件を「無責」" in text and "反対意見はなかった。" in text


def test_minutes_refuse_more_votes_than_voters() -> None:
    item = AgendaItem("2026-0042", "…", "liable", VoteTally(6, 0, 0),
                      recusals=(samples.Recusal("加藤 亮", "同一法人"),))
    with pytest.raises(InputError, match="votes"):
        build_minutes(dataclasses.replace(samples.MINUTES, items=(item,)))


def test_case_record_holds_opinions_finding_trace_and_letters() -> None:
    text = samples.case_record().plain_text()
    for expected in ("2. 査読意見", "過失あり", "3. 審査結果", "賛成4名、反対1名、棄権0名",
                     "算定の経過", "8,609,220円", "日美賠審第2026-0118号", " ".join(["a1a1a1a1"] * 8)):
        assert expected in text


def test_fill_rejects_unknown_placeholders_and_stray_dollars() -> None:
    assert fill("事案${case}の件", {"case": "A"}) == "事案Aの件"
    assert fill("$$100", {}) == "$100"
    with pytest.raises(InputError, match="case_nmber"):
        fill("${case_nmber}", {"case_number": "1"})
    with pytest.raises(InputError, match=r"\$"):
        fill("100$ ", {})


def test_user_text_is_substituted_once_never_re_expanded() -> None:
    assert fill("${a}", {"a": "${b}", "b": "x"}) == "${b}"


def test_wording_changes_in_the_template_without_touching_code(tmp_path: Path) -> None:
    shutil.copytree(template_dir(), tmp_path, dirs_exist_ok=True)
    path = tmp_path / "intake_acknowledgement.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("受付通知書", "事故報告受付のお知らせ"),
                    encoding="utf-8")
    data = IntakeAcknowledgementInput(samples.header("X-6"), samples.CASE, dt.date(2023, 8, 9))
    assert build_intake_acknowledgement(data, templates=tmp_path).title == "事故報告受付のお知らせ"
    path.write_text(path.read_text(encoding="utf-8").replace("${received_date}", "${recieved}"),
                    encoding="utf-8")
    with pytest.raises(InputError, match="recieved"):
        build_intake_acknowledgement(data, templates=tmp_path)
    path.write_text("title = [", encoding="utf-8")
    with pytest.raises(InputError, match="TOML"):
        build_intake_acknowledgement(data, templates=tmp_path)
