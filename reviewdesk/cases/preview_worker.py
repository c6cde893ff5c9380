"""The child process behind reviewdesk.cases.preview: renders one PDF's pages under hard limits.

Run as `python -m reviewdesk.cases.preview_worker MEMORY_BYTES CPU_SECONDS_PER_PAGE`. Before
anything else it caps its own address space and CPU time, so a page that inflates to gigabytes
or loops for minutes ends this process (malloc fails, or SIGXCPU), never the application. The
PDF arrives on stdin (never through a file: nothing about a patient may reach the disk), then
requests one page at a time; see preview.py for the framing. It writes nothing but replies.
"""

from __future__ import annotations

import json
import struct
import sys
from typing import Any, BinaryIO

HEADER = struct.Struct(">I")  # every message: a 4-byte length, then JSON; a page adds its pixels
CONTENT = struct.Struct(">Q")  # the PDF's length, before its bytes
MAX_PIXELS = 40_000_000  # per rendered page; the parent clamps too
MAX_SIZES = 10_000  # page sizes sent on opening (previews stop far earlier: masking.MAX_PDF_PAGES)


def _limit(memory: int, cpu_per_page: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the parent's timeout still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    _cpu_budget(cpu_per_page)


def _cpu_budget(seconds: int) -> None:
    """The soft CPU limit set `seconds` past what this process has used so far: each page gets
    its own budget (the hard limit is left where it was, so the soft one may rise again)."""
    try:
        import resource
    except ImportError:
        return
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = int(usage.ru_utime + usage.ru_stime) + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    soft = used + seconds
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _read_exact(stream: BinaryIO, n: int) -> bytes:
    data = bytearray()
    while len(data) < n:
        part = stream.read(n - len(data))
        if not part:
            raise EOFError
        data += part
    return bytes(data)


def _reply(out: BinaryIO, header: dict[str, Any], payload: bytes = b"") -> None:
    encoded = json.dumps(header).encode()
    out.write(HEADER.pack(len(encoded)) + encoded)
    if payload:
        out.write(payload)
    out.flush()


def clamped_scale(width_pt: float, height_pt: float, scale: float, max_pixels: int = MAX_PIXELS) -> float:
    """scale, lowered so that the rendered page stays within max_pixels."""
    scale = max(0.01, min(scale, 8.0))
    pixels = width_pt * scale * height_pt * scale
    if pixels > max_pixels:
        scale *= (max_pixels / pixels) ** 0.5 * 0.999
    return scale


def main(argv: list[str]) -> int:
    memory, cpu_per_page = int(argv[0]), int(argv[1])
    _limit(memory, cpu_per_page)
    import pypdfium2 as pdfium  # after the limits: PDFium's own allocations count too

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    try:
        (length,) = CONTENT.unpack(_read_exact(stdin, CONTENT.size))
        content = _read_exact(stdin, length)
    except EOFError:
        return 1
    try:
        pdf = pdfium.PdfDocument(content)
        pages = len(pdf)
        # Sizes in points, for the viewer's placeholders; read without loading the pages.
        sizes = [[round(v, 2) for v in pdf.get_page_size(i)] for i in range(min(pages, MAX_SIZES))]
    except pdfium.PdfiumError:
        _reply(stdout, {"ok": False, "error": "unreadable"})
        return 0
    _reply(stdout, {"ok": True, "pages": pages, "sizes": sizes})
    while True:
        try:
            (size,) = HEADER.unpack(_read_exact(stdin, HEADER.size))
            request = json.loads(_read_exact(stdin, size))
        except EOFError:
            return 0
        number, scale = int(request["page"]), float(request["scale"])
        if not 0 <= number < pages:
            _reply(stdout, {"ok": False, "error": "no_page"})
            continue
        _cpu_budget(cpu_per_page)
        try:
            page = pdf[number]
            width, height = page.get_size()
            bitmap = page.render(scale=clamped_scale(width, height, scale))
            image = bitmap.to_pil().convert("RGB")
        except (pdfium.PdfiumError, MemoryError, ValueError):
            _reply(stdout, {"ok": False, "error": "page"})
            continue
        pixels = image.tobytes()
        _reply(stdout, {"ok": True, "width": image.width, "height": image.height,
                        "length": len(pixels)}, pixels)
        del image, pixels, bitmap, page


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
