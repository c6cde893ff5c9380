"""Masking images (boxes burned, metadata gone) and text documents (characters replaced by ■)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from reviewdesk.cases import masking
from reviewdesk.cases.masking import Box, DocumentShape, IdentifierKind, Span
from tests.cases.masking.fixtures import PATIENT, SECRETS, leaks, name_image

IMAGE_SECRETS = ("田中花子", "Tanaka Hanako", "KR-20240117", "03-1234-5678")
NAME_BOX = Box(0, 40 / 600, 90 / 300, 250 / 600, 160 / 300)  # where name_image draws the name


@pytest.mark.parametrize(("fmt", "mime"), [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_an_image_is_burned_and_loses_all_metadata(fmt: str, mime: str) -> None:
    original = name_image(fmt)
    assert leaks(original, IMAGE_SECRETS)  # the fixture does carry the name in its metadata
    assert "icc_profile" in Image.open(io.BytesIO(original)).info
    inspection = masking.inspect(mime, original)
    assert inspection.shape is DocumentShape.IMAGE and inspection.pages == (masking.PageSize(600, 300),)
    assert masking.propose(mime, original, PATIENT) == []  # no OCR: images get manual boxes
    copy = masking.mask_document(mime, original, boxes=[NAME_BOX])
    assert copy.mime_type == mime and copy.masked_pages == (0,) and copy.box_count == 1 and copy.text is None
    assert leaks(copy.content, IMAGE_SECRETS) == []
    image = Image.open(io.BytesIO(copy.content))
    assert image.format == fmt and image.size == (600, 300)
    assert not image.getexif() and not (set(image.info) - {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"})
    gray = image.convert("L")
    assert gray.crop((42, 92, 248, 158)).getextrema()[1] < 40  # black where the name was
    assert gray.crop((300, 0, 600, 300)).getextrema()[0] > 200  # white elsewhere


def test_an_image_is_masked_as_displayed() -> None:
    """A phone photo stored sideways with an EXIF orientation: boxes are on the upright picture."""
    image = Image.new("RGB", (400, 200), "white")
    image.paste((0, 0, 255), (0, 0, 100, 50))  # the upper-left corner as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 clockwise to display
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=95)
    original = out.getvalue()
    assert masking.inspect("image/jpeg", original).pages == (masking.PageSize(200, 400),)
    shown = masking.render_page("image/jpeg", original, 0)
    assert shown.size == (200, 400) and shown.getpixel((180, 20))[2] > 200  # blue, upper right
    copy = masking.mask_document("image/jpeg", original, boxes=[Box(0, 0.5, 0.0, 1.0, 0.5)])
    masked = Image.open(io.BytesIO(copy.content))
    assert masked.size == (200, 400) and not masked.getexif()
    assert max(masked.convert("RGB").getpixel((180, 20))) < 40


def test_render_page_of_an_image_scales() -> None:
    assert masking.render_page("image/png", name_image("PNG"), 0, scale=0.5).size == (300, 150)
    with pytest.raises(masking.MaskingError):
        masking.render_page("image/png", name_image("PNG"), 1)


def test_an_image_without_boxes_is_still_cleaned() -> None:
    copy = masking.mask_document("image/png", name_image("PNG"))
    assert copy.masked_pages == () and copy.box_count == 0
    assert leaks(copy.content, IMAGE_SECRETS) == []


RECORD_TEXT = ("患者：田中\n花子（ﾀﾅｶ ﾊﾅｺ）\r\n生年月日：昭和６０年３月４日　電話：０３－１２３４－５６７８\n"
               "住所：東京都千代田区霞ヶ関１－２－３\nＩＤ：kr-20240117 保険 8765-4321\n"
               "別患者 912345678 1985/03/041 経過良好")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "utf-16"])
def test_a_text_document_in_any_encoding(encoding: str) -> None:
    original = RECORD_TEXT.encode(encoding)
    assert masking.inspect("text/plain", original).text == RECORD_TEXT
    proposals = masking.propose("text/plain", original, PATIENT)
    assert {p.kind for p in proposals} == set(IdentifierKind)
    assert all(p.page is None and p.boxes == () and p.span for p in proposals)
    copy = masking.mask_document("text/plain", original, spans=[p.span for p in proposals if p.span])
    assert copy.mime_type == "text/plain; charset=utf-8" and copy.masked_pages == ()
    assert copy.box_count == len(proposals)
    text = copy.content.decode("utf-8")
    assert text == copy.text
    assert "\u25a0" in text and text.count("\n") == RECORD_TEXT.count("\n")
    assert text.endswith("別患者 912345678 1985/03/041 経過良好")
    written = ("田中", "花子", "ﾀﾅｶ", "ﾊﾅｺ", "昭和６０", "０３－１２３４", "霞ヶ関", "kr-20240117", "8765-4321")
    assert leaks(copy.content, written) == []
    assert not [s for s in SECRETS if s in text and s != "1985"]  # 1985/03/041 is not the patient's


def test_euc_jp_is_told_from_shift_jis() -> None:
    text = "住所 東京都千代田区霞が関１−２−３ 田中花子様 電話 03−1234−5678"
    assert masking.inspect("text/plain", text.encode("euc_jp")).text == text
    assert masking.inspect("text/plain", text.encode("cp932", errors="replace")).text is not None


def test_a_declared_charset_is_used() -> None:
    text = "①田中花子"  # ① is a Windows extension of Shift_JIS
    assert masking.inspect("text/plain; charset=Shift_JIS", text.encode("cp932")).text == text


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(masking.MaskingError) as refused:
        masking.mask_document("text/plain", "田中".encode(), spans=[Span(0, 5)])
    assert "範囲" in refused.value.ja
    with pytest.raises(masking.MaskingError):
        masking.mask_document("text/plain", "田中".encode(), boxes=[Box(0, 0, 0, 1, 1)])


def test_undecodable_text_is_refused() -> None:
    with pytest.raises(masking.MaskingError) as refused:
        masking.inspect("text/plain", b"\x80\xff\xfe\x81\x00\xff" * 10)
    assert "文字コード" in refused.value.ja
