"""What each letter reads like to a member and a lawyer, as `pdftotext -layout` extracts it."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from reviewdesk.letters.content import LetterContent
from reviewdesk.letters.layout import NO_LINE_START, wrap_lines
from reviewdesk.letters.pdf import render_pdf
from tests.letters import samples

MOMENT = dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))

LETTERS: dict[str, Callable[[], LetterContent]] = {
    **{kind.value: make for kind, make in samples.ALL.items()},
    "assessment_limited": samples.assessment_limited,
    "assessment_correction": lambda: samples.assessment(corrects=True),
}
TO_MEMBERS = ("intake_acknowledgement", "not_covered", "finding", "assessment",
              "assessment_limited", "assessment_correction")
# Latin words a letter may print: proper names of procedures (光治療（IPL・LED）, PDT) and of
# the hash the case record lists its letters by (SHA-256).
PROPER_NAMES = {"IPL", "LED", "PDT", "SHA-"}
INSURANCE_WORDS = ("保険金", "被保険者", "他保険", "補償期間", "クレーム")
AMOUNT = re.compile(r"−?\d{1,3}(?:,\d{3})+円|\d+円")


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder: Path = tmp_path_factory.mktemp("letters")
    out = {}
    for name, make in LETTERS.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(render_pdf(make(), created=MOMENT))
        out[name] = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout
    return out


def _cells(text: str) -> list[str]:
    """Every run of text of the layout (columns are two or more spaces apart)."""
    return [cell for line in text.splitlines() for cell in re.split(r"\s{2,}", line.strip())
            if cell]


@pytest.mark.parametrize("name", list(LETTERS))
def test_no_line_starts_with_a_closing_mark(texts: dict[str, str], name: str) -> None:
    bad = [cell for cell in _cells(texts[name]) if cell[0] in NO_LINE_START]
    assert not bad, bad[:5]


@pytest.mark.parametrize("name", list(LETTERS))
def test_no_amount_is_split_across_lines(texts: dict[str, str], name: str) -> None:
    content = LETTERS[name]()
    for amount in set(AMOUNT.findall(content.plain_text())):
        assert amount in texts[name], amount
    # and no line ends in the middle of a number whose 円 or digits go on on the next line
    lines = [line.rstrip() for line in texts[name].splitlines() if line.strip()]
    for line, following in itertools.pairwise(lines):
        if re.search(r"\d,?$", line) and not re.search(r"\s\d+$|号$", line):
            assert not re.match(r"\s*[\d,]*円", following), (line, following)


@pytest.mark.parametrize("name", list(LETTERS))
def test_no_internal_code_or_english(texts: dict[str, str], name: str) -> None:
    words = set(re.findall(r"[A-Za-z][A-Za-z_-]+", texts[name])) - PROPER_NAMES
    assert not words, words
    for code in ("akai-hon", "claim_before_enrolment", "after_effect", "floor", "min(", "max("):
        assert code not in texts[name]


@pytest.mark.parametrize("name", TO_MEMBERS)
def test_mutual_aid_words_not_insurance_words(texts: dict[str, str], name: str) -> None:
    for word in INSURANCE_WORDS:
        assert word not in texts[name], word


@pytest.mark.parametrize("name", TO_MEMBERS)
def test_every_letter_to_a_member_carries_the_notice_items(texts: dict[str, str],
                                                          name: str) -> None:
    flat = "".join(texts[name].split())
    for needle in ("親展", "〒150-0001", "共済契約番号", "日美賠共第2023-00815号", "共済期間",
                   "担当審査課小林美咲（直通03-0000-0012）", "個人情報"):
        assert needle in flat, needle


@pytest.mark.parametrize("name", ["not_covered", "finding", "assessment"])
def test_objection_gives_deadline_form_address_and_body(texts: dict[str, str], name: str) -> None:
    flat = "".join(texts[name].split())
    # Issued 令和8年11月21日: 30 days from the next day.
    assert "令和8年12月21日まで" in flat
    for needle in ("異議申立書", "異議申立て受付係宛て", "異議審査会", "審理して決定"):
        assert needle in flat, needle


def test_not_covered_gives_the_dates_and_the_rule(texts: dict[str, str]) -> None:
    flat = "".join(texts["not_covered"].split())
    assert "損害賠償請求を受けた日（令和5年8月1日）" in flat
    assert "ご加入日（共済期間の始期、令和5年9月1日）" in flat
    assert "適用する定め：加入前に既に損害賠償請求を受けていた事案" in flat


def test_assessment_trace_has_units_and_reads_as_a_statement(texts: dict[str, str]) -> None:
    flat = "".join(texts["assessment"].split())
    for needle in ("10年", "年3％", "14％", "8.5302", "（円未満切捨て）", "令和5年5月10日",
                   "民事交通事故訴訟損害賠償額算定基準", "2024年版"):
        assert needle in flat, needle
    assert "15円" not in flat and "0.05" not in flat and "0.03" not in flat
    assert not re.search(r"\d{4}-\d{2}-\d{2}", texts["assessment"])


def test_first_page_says_how_the_limits_brought_the_liability_down() -> None:
    pdf = render_pdf(samples.assessment_limited(), created=MOMENT)
    first = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    for needle in ("法律上の損害賠償金8,709,220円から免責金額100,000円を差し引くと8,609,220円",
                   "1事故の支払限度額2,000,000円を超える", "争訟費用91,856円",
                   "お支払いする共済金は2,091,856円"):
        assert needle in first, needle


def test_assessment_lists_paid_remaining_and_member_share(texts: dict[str, str]) -> None:
    flat = "".join(texts["assessment_limited"].split())
    for needle in ("既払額（本契約年度）1,200,000円", "年間支払限度額の残額1,800,000円",
                   "被共済者のご負担額6,709,220円", "お支払いの方法及び時期", "振込み"):
        assert needle in flat, needle


def test_correction_title_and_seal_are_not_text(texts: dict[str, str]) -> None:
    assert "査定結果通知書（訂正）" in "".join(texts["assessment_correction"].split())
    for text in texts.values():
        flat = "".join(text.split())
        # The seal (日本美容 医療賠償 共済会印) is outlines: only the sender's name is text.
        assert "共済会印" not in flat and "医療賠償共済会印" not in flat
        assert "日本美容医療賠償共済会" in flat


@pytest.mark.parametrize("name", list(LETTERS))
def test_pdf_language_creation_date_and_version(name: str) -> None:
    pdf = render_pdf(LETTERS[name](), created=MOMENT)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "ja-JP"
    assert pdf.startswith(b"%PDF-1.7\n") and root["/Version"] == "/1.7"
    assert reader.metadata["/CreationDate"] == "D:20261121103000+09'00'"


def test_creation_date_defaults_to_now() -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    reader = PdfReader(io.BytesIO(render_pdf(samples.intake())))
    created = reader.metadata.creation_date
    assert created is not None and created.tzinfo is not None
    assert before - dt.timedelta(seconds=1) <= created <= dt.datetime.now(dt.UTC)


def test_wrap_lines_keeps_amounts_dates_and_kinsoku() -> None:
    text = "法律上の損害賠償金9,775,257円から、免責金額（100,000円）を差し引き、令和8年12月21日まで。"
    for width in range(14, 40):
        lines = wrap_lines(text, len, width)
        assert "".join(lines) == text
        joined = "\n".join(lines)
        for whole in ("9,775,257円", "100,000円", "令和8年12月21日"):
            assert whole in joined or len(whole) > width
        assert all(line[0] not in NO_LINE_START for line in lines[1:])
        assert all(not line.endswith(("（", "「")) for line in lines)
