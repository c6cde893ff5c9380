"""Hostile PDFs built in memory: a page whose compressed content stream inflates to a gigabyte
of drawing operators (a few MB on disk), among ordinary pages."""

from __future__ import annotations

import zlib


def _pdf(contents: list[bytes]) -> bytes:
    n = len(contents)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n]
    for i, stream in enumerate(contents):
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents %d 0 R >>" % (4 + 2 * i))
        objs.append(stream)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _stream(data: bytes, *, flate: bool) -> bytes:
    extra = b" /Filter /FlateDecode" if flate else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _bomb(inflated: int) -> bytes:
    compressor = zlib.compressobj(1)
    unit = b"0 0 m 600 800 l S\n" * 58_000  # about 1 MiB of path operators
    parts = [compressor.compress(b"q\n")]
    parts += [compressor.compress(unit) for _ in range(inflated // len(unit))]
    parts += [compressor.compress(b"Q\n"), compressor.flush()]
    return b"".join(parts)


def page_bomb_pdf(inflated: int = 1 << 30) -> bytes:
    """Three pages: an ordinary one, one whose content inflates to `inflated` bytes, another
    ordinary one."""
    plain = b"0 0 1 rg 100 100 200 200 re f"
    return _pdf([_stream(plain, flate=False), _stream(_bomb(inflated), flate=True),
                 _stream(plain, flate=False)])
