"""Documents about a fictitious patient, built in memory, and the checks that nothing leaked."""

from __future__ import annotations

import io
import re
import subprocess
import zlib
from datetime import date
from functools import lru_cache

import pypdfium2 as pdfium
from PIL import Image, ImageCms, ImageDraw, ImageFont, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from reviewdesk.cases.masking import PatientIdentity
from reviewdesk.resources import resource_path

PATIENT = PatientIdentity(
    name="田中 花子", kana="タナカ ハナコ", birth_date=date(1985, 3, 4),
    address="東京都千代田区霞が関1-2-3", phone="03-1234-5678", insurance_no="87654321",
    clinic_patient_id="KR-20240117")
# What must not survive masking, in any encoding. Parts as well as the whole: a surname alone
# still names the patient.
SECRETS = ("田中", "花子", "タナカ", "ハナコ", "昭和60年3月4日", "1985", "03-1234-5678", "0312345678",
           "KR-20240117", "20240117", "87654321", "霞が関")
ENCODINGS = ("utf-8", "utf-16-be", "utf-16-le", "cp932", "euc_jp")
KEPT_TEXT = "特記事項なし"
FONT = "IPAexGothic"


@lru_cache(maxsize=1)
def _register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "ipaexg.ttf"))))
    return FONT


def page_pdf(*pages: list[tuple[float, float, str]], size: tuple[float, float] = A4,
             noise_image_on: int | None = None) -> bytes:
    """A PDF whose pages show the given (x, y, text) lines in IPAex Gothic 12 pt.

    With `noise_image_on`, that page also shows an image, and every page's resources name it
    (one shared resource dictionary, as many producers write it).
    """
    _register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=size, invariant=1)
    for n, lines in enumerate(pages):
        c.setFont(FONT, 12)
        for x, y, text in lines:
            c.drawString(x, y, text)
        if n == noise_image_on:
            c.drawImage(ImageReader(noise_image()), 300, 300, 100, 100)
        c.showPage()
    c.save()
    if noise_image_on is None:
        return buf.getvalue()
    writer = PdfWriter(clone_from=io.BytesIO(buf.getvalue()))
    shared = writer.pages[noise_image_on]["/Resources"]["/XObject"]
    for page in writer.pages:
        page["/Resources"][NameObject("/XObject")] = shared
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def noise_image() -> Image.Image:
    """An image whose bytes cannot appear by chance: a page scan stand-in shared between pages."""
    return Image.frombytes("L", (64, 64), bytes((i * 7919 + 13) % 251 for i in range(64 * 64)))


def record_pdf() -> bytes:
    """The case record: every place a PDF can hide the patient, across six pages.

    0  the name, kana and birth date in the text layer; the name broken over two lines
    1  no patient data (must keep its text); carries page /Metadata, /PieceInfo and /Thumb
    2  the name alone on a page rotated 90 degrees
    3  the name alone on a page whose crop box is not at the origin
    4  a form field showing the clinic's patient id, another holding the name in /V only
    5  a FreeText note and a sticky note with the name
    Plus document info, XMP and an incremental update adding the phone number to page 0.
    """
    _register_font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle("田中 花子 診療録")
    c.setAuthor("田中花子")
    c.setSubject("昭和60年3月4日生")
    c.setFont(FONT, 12)
    c.drawString(72, 760, "患者氏名：田中 花子（タナカ ハナコ）")
    c.drawString(72, 740, "生年月日：昭和60年3月4日")
    c.drawString(72, 720, "紹介状の宛名は　田中")
    c.drawString(72, 704, "花子　様（同一人物）")
    c.drawString(72, 680, "既往歴：高血圧")
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(72, 760, f"診療経過：{KEPT_TEXT}。血圧 120/80。")
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(100, 500, "田中花子")
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(200, 400, "田中花子")
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(72, 760, "入力欄")
    c.acroForm.textfield(name="clinic_id", value="KR-20240117", x=72, y=600, width=200, height=24,
                         fontName="Helvetica", borderWidth=0)
    c.acroForm.textfield(name="patient", value="placeholder", x=72, y=500, width=200, height=24,
                         fontName="Helvetica", borderWidth=0)
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(72, 760, "注記あり")
    c.freeTextAnnotation("田中花子", DA="(0 g /Helv 12 Tf)", Rect=(72, 500, 300, 530))
    c.textAnnotation("田中花子の件は要確認", Rect=(72, 400, 100, 430))
    c.showPage()
    c.save()

    writer = PdfWriter(clone_from=io.BytesIO(buf.getvalue()))
    writer.pages[2].rotate(90)
    writer.pages[3].cropbox.lower_left = (150, 300)
    writer.pages[3].cropbox.upper_right = (500, 700)
    kept = writer.pages[1]
    kept[NameObject("/Metadata")] = writer._add_object(_stream(_xmp("田中花子")))
    kept[NameObject("/PieceInfo")] = DictionaryObject({NameObject("/Editor"): DictionaryObject({
        NameObject("/Private"): TextStringObject("田中花子 S60.3.4")})})
    thumb = _stream("田中花子".encode("utf-16-be") + "タナカハナコ".encode())
    thumb.update({NameObject("/Width"): NumberObject(4), NameObject("/Height"): NumberObject(4),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"),
                  NameObject("/BitsPerComponent"): NumberObject(8)})
    kept[NameObject("/Thumb")] = writer._add_object(thumb)
    for annot in writer.pages[4]["/Annots"]:
        field = annot.get_object()
        if field.get("/T") == "patient":
            field[NameObject("/V")] = TextStringObject("田中花子")
            field[NameObject("/TU")] = TextStringObject("タナカハナコ")
            del field["/AP"]
    writer.root_object[NameObject("/Metadata")] = writer._add_object(_stream(_xmp("田中 花子 タナカハナコ")))
    first = io.BytesIO()
    writer.write(first)

    addition = PdfReader(io.BytesIO(page_pdf([(72, 660, "連絡先 03-1234-5678")])))
    update = PdfWriter(io.BytesIO(first.getvalue()), incremental=True)
    update.pages[0].merge_page(addition.pages[0])
    update.add_metadata({"/Keywords": "田中花子 0312345678 KR-20240117"})
    out = io.BytesIO()
    update.write(out)
    return out.getvalue()


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _xmp(text: str) -> bytes:
    return ('<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator><rdf:Seq><rdf:li>{text}</rdf:li></rdf:Seq></dc:creator>"
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def scan_pdf(pages: int) -> bytes:
    """A text-less scan stand-in: each page a few strokes and no text layer."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for n in range(pages):
        c.rect(60, 60 + n % 50, 200, 100, fill=1)
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str = "secret") -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(page_pdf([(72, 760, "田中花子")])))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def name_image(fmt: str, size: tuple[int, int] = (600, 300)) -> bytes:
    """An image with the name drawn on it and in its metadata (EXIF, PNG text, JPEG comment),
    with an ICC profile too."""
    image = Image.new("RGB", size, "white")
    font = ImageFont.truetype(str(resource_path("fonts", "ipaexg.ttf")), 40)
    ImageDraw.Draw(image).text((50, 100), "田中花子", fill="black", font=font)
    exif = Image.Exif()
    exif[0x013B] = "Tanaka Hanako"  # Artist
    exif[0x010E] = "田中花子 03-1234-5678"  # ImageDescription
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("Author", "田中花子")
        info.add_text("Comment", "KR-20240117")
        image.save(out, format="PNG", pnginfo=info, exif=exif, icc_profile=icc)
    else:
        image.save(out, format="JPEG", exif=exif, comment="田中花子".encode(), icc_profile=icc)
    return out.getvalue()


# Checks ------------------------------------------------------------------------------------

def inflated_streams(content: bytes) -> list[bytes]:
    """Every Flate stream in the file, inflated: a leak can hide compressed."""
    found = []
    for match in re.finditer(rb"stream\r?\n", content):
        start = match.end()
        try:
            found.append(zlib.decompressobj().decompress(content[start:start + 20_000_000]))
        except zlib.error:
            continue
    return found


def decoded_streams(content: bytes) -> list[bytes]:
    """Every stream object of a PDF decoded by pypdf (whatever its filter chain)."""
    reader = PdfReader(io.BytesIO(content))
    found = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
            if hasattr(obj, "get_data"):
                found.append(obj.get_data())
        except Exception:  # a free object number or a filter pypdf lacks (DCT is returned raw)
            continue
    return found


def leaks(content: bytes, secrets: tuple[str, ...] = SECRETS) -> list[str]:
    """Which secrets, in which encoding, appear in the bytes or any inflated or decoded stream."""
    blobs = [content, *inflated_streams(content)]
    if content.startswith(b"%PDF"):
        blobs += decoded_streams(content)
    hits = []
    for secret in secrets:
        for encoding in ENCODINGS:
            try:
                needle = secret.encode(encoding)
            except UnicodeEncodeError:
                continue
            if any(needle in blob for blob in blobs):
                hits.append(f"{secret} ({encoding})")
    return hits


def pdftotext(content: bytes) -> str:
    done = subprocess.run(["pdftotext", "-q", "-", "-"], input=content, capture_output=True, check=True,
                          timeout=60)
    return done.stdout.decode("utf-8", errors="replace")


def pypdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


def page_sizes(content: bytes) -> list[tuple[float, float]]:
    pdf = pdfium.PdfDocument(content)
    try:
        return [pdf[i].get_size() for i in range(len(pdf))]
    finally:
        pdf.close()

