"""The rendered PDF: every kind's text extractable, font embedded, seal and page numbers drawn."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from reviewdesk.letters import fonts
from reviewdesk.letters.builders import build_assessment_letter, build_intake_acknowledgement
from reviewdesk.letters.content import LetterContent, LetterKind, format_yen
from reviewdesk.letters.inputs import (
    AssessmentFigures,
    AssessmentLetterInput,
    IntakeAcknowledgementInput,
    Recipient,
)
from reviewdesk.letters.layout import (
    FOOTER_BASELINE,
    SIGNATURE_BOTTOM,
    SIGNATURE_HEIGHT,
    signature_box,
)
from reviewdesk.letters.pdf import render_pdf
from tests.letters import samples

FIGURE_AMOUNTS = sorted(
    {a for _, a in samples.FIGURES.damages}
    | {a for _, a in samples.FIGURES.payout}
    | {v for _, _, v in samples.FIGURES.trace if isinstance(v, int)}
    | {samples.FIGURES.total_damages, samples.FIGURES.liability, samples.FIGURES.payout_total}
)


@pytest.fixture(scope="module")
def rendered() -> dict[LetterKind, bytes]:
    return {kind: render_pdf(make()) for kind, make in samples.ALL.items()}


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("kind", list(LetterKind))
def test_text_has_title_case_number_and_era_date(rendered: dict[LetterKind, bytes],
                                                  kind: LetterKind) -> None:
    content = samples.ALL[kind]()
    text = text_of(rendered[kind])
    assert content.title in text
    assert "2026-0042" in text
    assert "令和8年11月21日" in text and "2026年11月21日" in text
    assert content.document_number in text


@pytest.mark.parametrize("kind", [LetterKind.ASSESSMENT, LetterKind.CASE_RECORD])
def test_every_amount_of_the_breakdown_is_printed(rendered: dict[LetterKind, bytes],
                                                  kind: LetterKind) -> None:
    text = text_of(rendered[kind])
    for amount in FIGURE_AMOUNTS:
        assert format_yen(amount) in text, format_yen(amount)
    flat = "".join(text.split())
    for step, _, _ in samples.FIGURES.trace:
        assert "".join(step.split()) in flat, step
    assert "8.5302" in text


def test_pdftotext_reads_the_same_words(rendered: dict[LetterKind, bytes], tmp_path: Path) -> None:
    path = tmp_path / "assessment.pdf"
    path.write_bytes(rendered[LetterKind.ASSESSMENT])
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    for expected in ("査定結果通知書", "令和8年11月21日", "8,609,220円", "4,776,912円", "敬具"):
        assert expected in text


def test_font_is_embedded_truetype(rendered: dict[LetterKind, bytes], tmp_path: Path) -> None:
    for kind, pdf in rendered.items():
        seen = 0
        for page in PdfReader(io.BytesIO(pdf)).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendants = font.get("/DescendantFonts")
                target = descendants[0].get_object() if descendants else font
                assert "/FontFile2" in target["/FontDescriptor"], (kind, font["/BaseFont"])
                seen += 1
        assert seen, kind
    path = tmp_path / "finding.pdf"
    path.write_bytes(rendered[LetterKind.FINDING])
    listing = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                             text=True).stdout.splitlines()[2:]
    assert listing and all(" yes " in line and "IPAex" in line for line in listing)


def test_pages_are_numbered_n_of_m(rendered: dict[LetterKind, bytes]) -> None:
    pages = PdfReader(io.BytesIO(rendered[LetterKind.ASSESSMENT])).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"{number} / {len(pages)}" in page.extract_text()


def test_one_page_letters_fit_one_page(rendered: dict[LetterKind, bytes]) -> None:
    assert len(PdfReader(io.BytesIO(rendered[LetterKind.INTAKE_ACKNOWLEDGEMENT])).pages) == 1


def _text_heights(page: object) -> list[tuple[float, str]]:
    """(y, text) of the text that could meet the signature block: the footnote (個人情報) sits
    left of it in the same band, on purpose."""
    found: list[tuple[float, str]] = []
    left_of_signature = signature_box()[0]

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and (x >= left_of_signature or y > SIGNATURE_BOTTOM + SIGNATURE_HEIGHT):
            found.append((y, text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


@pytest.mark.parametrize("trace_steps", [0, 12, 30, 55])
def test_signature_space_on_the_last_page_stays_free(trace_steps: int) -> None:
    figures = dataclasses.replace(
        samples.FIGURES, trace=[("算定項目", "説明", i * 1000) for i in range(trace_steps)]
    )
    pdf = render_pdf(_assessment_with(figures))
    last = PdfReader(io.BytesIO(pdf)).pages[-1]
    heights = _text_heights(last)
    body = [(y, t) for y, t in heights if abs(y - FOOTER_BASELINE) > 1]
    assert body, "the last page has text besides its footer"
    assert min(y for y, _ in body) > SIGNATURE_BOTTOM + SIGNATURE_HEIGHT, body[-3:]
    # and the last page is never a lonely 以上
    assert len(body) > 3


def _assessment_with(figures: AssessmentFigures) -> LetterContent:
    return build_assessment_letter(
        AssessmentLetterInput(samples.header("X"), samples.CASE, "N", samples.ISSUE,
                              samples.ISSUE, figures)
    )


def test_user_text_is_escaped_not_interpreted_as_markup() -> None:
    header = dataclasses.replace(
        samples.header("<b>第1号</b>"), recipient=Recipient(facility="R&D <i>クリニック</i> & Co")
    )
    content = build_intake_acknowledgement(
        IntakeAcknowledgementInput(header, samples.CASE, samples.ISSUE)
    )
    text = text_of(render_pdf(content))
    assert "R&D <i>クリニック</i> & Co" in text
    assert "<b>第1号</b>" in text


def test_rendering_is_deterministic() -> None:
    moment = dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert render_pdf(samples.finding(), created=moment) == render_pdf(samples.finding(),
                                                                        created=moment)


def test_fonts_are_parsed_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    render_pdf(samples.intake())

    def no_reparse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the TTF was parsed again")

    monkeypatch.setattr(fonts, "TTFont", no_reparse)
    assert render_pdf(samples.not_covered()).startswith(b"%PDF-")


def test_every_kind_renders_to_non_blank_png_pages_with_a_red_seal(
    rendered: dict[LetterKind, bytes], tmp_path: Path
) -> None:
    for kind, pdf in rendered.items():
        path = tmp_path / f"{kind.value}.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(path), str(tmp_path / kind.value)],
                       check=True)
        pngs = sorted(tmp_path.glob(f"{kind.value}-*.png"))
        assert len(pngs) == len(PdfReader(io.BytesIO(pdf)).pages)
        for png in pngs:
            gray = Image.open(png).convert("L")
            inked = sum(gray.histogram()[:200])  # a blank page has none
            assert inked > 50, f"{png.name} looks blank"
        first = Image.open(pngs[0]).convert("RGB")
        # The seal is in the page content (not only a signature appearance, which pdfium skips):
        # a patch of red to the right of the sender's name in the upper third of page 1.
        width, height = first.size
        region = first.crop((int(width * 0.7), 0, width, height // 3))
        red = sum(1 for r, g, b in region.get_flattened_data() if r > 170 and g < 90 and b < 90)
        assert red > 150, f"{kind.value}: no seal ({red} red pixels)"
