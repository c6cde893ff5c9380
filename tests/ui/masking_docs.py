"""Documents for the masking-view tests: PDFs naming the patient in their text layer."""

from __future__ import annotations

import io

from reviewdesk.resources import resource_path

NAME = "山田 花子"
KANA = "ヤマダ ハナコ"
FONT = "IPAexGothic"


def name_pdf(name: str = NAME, pages: int = 2) -> bytes:
    """A record whose every page names the patient twice, in a Japanese font."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont(FONT, str(resource_path("fonts", "ipaexg.ttf"))))
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for page in range(pages):
        c.setFont(FONT, 12)
        c.drawString(72, 770, f"診療録　患者氏名：{name}　様")
        c.drawString(72, 740, f"経過記録 {page + 1} ページ目：ヒアルロン酸注入後に腫脹を認めた。")
        c.drawString(72, 600, f"説明を受けた者：{name}")
        c.showPage()
    c.save()
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(name_pdf(pages=1))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
