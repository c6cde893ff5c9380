"""Small sample documents for demo cases: a text record, a consent-form PDF and a photo PNG."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import date
from typing import Any

from reviewdesk.resources import resource_path


def record_text(row: dict[str, Any], procedure_label: str) -> str:
    """A clinic's record extract: like a real one, it names the patient (the masking step's work)."""
    born = row["patient_birth_date"]
    return (f"診療録（抜粋）　事案番号 {row['case_no']}\n"
            f"患者氏名: {row['patient_name']}　生年月日: {_wareki(born)}（{born:%Y/%m/%d}）\n"
            f"電話: {row['patient_phone']}　カルテ番号: {row['clinic_patient_id']}\n"
            f"施術: {procedure_label}\n経過: {row['summary']}\n"
            "術後診察では疼痛・腫脹を認め、外用薬及び内服薬を処方した。")


def record_identifiers(row: dict[str, Any]) -> list[str]:
    """What record_text writes about the patient, as written."""
    born = row["patient_birth_date"]
    return [row["patient_name"], _wareki(born), f"{born:%Y/%m/%d}", row["patient_phone"],
            row["clinic_patient_id"]]


def _wareki(day: date) -> str:
    from reviewdesk.letters.era import wareki

    return wareki(day)


_FONT_REGISTERED = False


def consent_pdf(case_no: str, procedure_label: str, patient_name: str = "") -> bytes:
    """A one-page consent form, rendered in memory (never a temp file)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    global _FONT_REGISTERED
    if not _FONT_REGISTERED:
        pdfmetrics.registerFont(TTFont("IPAexGothic", str(resource_path("fonts", "ipaexg.ttf"))))
        _FONT_REGISTERED = True
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    c.setFont("IPAexGothic", 16)
    c.drawCentredString(width / 2, height - 30 * mm, "施術同意書")
    c.setFont("IPAexGothic", 10.5)
    lines = [f"事案番号: {case_no}", f"施術名: {procedure_label}",
             "私は、上記施術の目的、方法、予想される効果、合併症（腫脹、内出血、感染、左右差、",
             "瘢痕等）及び代替手段について説明を受け、理解したうえで施術を受けることに同意します。",
             "", f"患者氏名（署名）: {patient_name or '＿' * 10}　　日付: ＿＿＿＿年＿＿月＿＿日"]
    for i, line in enumerate(lines):
        c.drawString(25 * mm, height - (50 + 8 * i) * mm, line)
    c.showPage()
    c.save()
    return buf.getvalue()


def photo_png(seed: int, width: int = 160, height: int = 120) -> bytes:
    """A small skin-toned gradient standing in for a clinical photo (no image library needed)."""
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            shade = (x * 3 + y * 2 + seed) % 40
            row += bytes((215 - shade, 170 - shade, 150 - shade))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 6)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
