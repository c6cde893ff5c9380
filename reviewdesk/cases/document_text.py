"""The searchable text of a document: PDF text layers and plain text, read in memory."""

from __future__ import annotations

import io
import logging

MAX_TEXT_CHARS = 200_000  # enough for any record; keeps one scanned tome from bloating the index


def extract_text(mime_type: str, content: bytes) -> str | None:
    """Text for the search index, or None (images, scans without a text layer, unreadable files).

    Never raises: a document the parser cannot read is still stored, just not searchable.
    """
    if mime_type.startswith("text/"):
        for encoding in ("utf-8", "cp932", "euc_jp"):
            try:
                return content.decode(encoding)[:MAX_TEXT_CHARS]
            except UnicodeDecodeError:
                continue
        return None
    if mime_type == "application/pdf":
        return _pdf_text(content)
    return None


def _pdf_text(content: bytes) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are common; not news
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            return None
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size >= MAX_TEXT_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError):
        return None
    text = "\n".join(parts).strip()
    return text[:MAX_TEXT_CHARS] or None
