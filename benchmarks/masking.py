"""`python -m benchmarks.masking`: the time and peak memory of masking a 50-page PDF.

A 50-page record with the patient's name twice on every page is built in memory; the engine
proposes the 100 occurrences and masks them all, so every page is re-rendered and burned. The
masking runs in a child process, so its peak RSS is its own and not the parent's.
"""

from __future__ import annotations

import io
import multiprocessing
import resource
import sys
import time

from benchmarks import measures
from benchmarks.measures import Row

PAGES = 50
NAME = "田中 花子"


def sample_pdf(pages: int = PAGES) -> bytes:
    """A text record: a header with the name, forty lines of notes, and the name again below."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from reviewdesk.resources import resource_path

    pdfmetrics.registerFont(TTFont("IPAexGothic", str(resource_path("fonts", "ipaexg.ttf"))))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    for n in range(pages):
        c.setFont("IPAexGothic", 10.5)
        c.drawString(60, 790, f"診療録 {n + 1} 頁　患者氏名：{NAME}　ID: KR-{n:04d}")
        for line in range(40):
            c.drawString(60, 760 - line * 16, f"{line + 1:02d} 経過記録：血圧 12{line % 10}/8{line % 7}、"
                                              f"体温 36.{line % 9}度、特記すべき所見なし。処方継続。")
        c.drawString(60, 90, f"署名欄：{NAME} 様 確認済")
        c.showPage()
    c.save()
    return buf.getvalue()


def _mask_in_child(content: bytes, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from reviewdesk.cases import masking

    start = time.perf_counter()
    proposals = masking.propose("application/pdf", content, masking.PatientIdentity(NAME))
    proposed = time.perf_counter() - start
    boxes = [box for p in proposals for box in p.boxes]
    start = time.perf_counter()
    copy = masking.mask_document("application/pdf", content, boxes=boxes)
    masked = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    queue.put((len(proposals), len(boxes), proposed, masked, peak, len(copy.content)))


def masking_rows() -> list[Row]:
    content = sample_pdf()
    # spawn, not fork: the child starts clean, so its peak is the engine's, not an inherited heap.
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_mask_in_child, args=(content, queue))
    child.start()
    found, boxes, proposed, masked, peak_kb, size = queue.get(timeout=600)
    child.join()
    peak_mb = peak_kb / 1024 if sys.platform != "darwin" else peak_kb / 2**20  # macOS counts bytes
    return [
        (f"propose: {PAGES}-page PDF, {found} occurrences", f"{proposed:.2f}", "s"),
        (f"mask: {PAGES}-page PDF, {boxes} boxes (every page burned)", f"{masked:.2f}", "s"),
        ("mask: peak memory (RSS) of the masking process", f"{peak_mb:.0f}", "MB"),
        (f"mask: size of the masked copy (original {len(content) / 1e6:.1f} MB)", f"{size / 1e6:.1f}", "MB"),
    ]


def main() -> int:
    measures.print_rows("ReviewDesk masking benchmark", masking_rows())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
