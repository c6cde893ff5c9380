"""The searchable text of a document: PDF text layers and plain text, from bytes in memory or
from a file on disk (read a bounded part, or page by page: a 200 MB file is never loaded whole)."""

from __future__ import annotations

import codecs
import io
import logging
from pathlib import Path
from typing import BinaryIO

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
        return _pdf_text(io.BytesIO(content))
    return None


def extract_file_text(mime_type: str, path: Path) -> str | None:
    """extract_text for a file on disk: a text file's first MAX_TEXT_CHARS characters (at most
    4 bytes each are read), a PDF's text layers read through the file. Never raises."""
    try:
        with path.open("rb") as file:
            if mime_type.startswith("text/"):
                head = file.read(MAX_TEXT_CHARS * 4)
                for encoding in ("utf-8", "cp932", "euc_jp"):
                    try:
                        # Incremental: a character cut at the end of the bounded read is dropped.
                        return codecs.getincrementaldecoder(encoding)().decode(head)[:MAX_TEXT_CHARS]
                    except UnicodeDecodeError:
                        continue
                return None
            if mime_type == "application/pdf":
                return _pdf_text(file)
    except OSError:
        return None
    return None


def _pdf_text(stream: BinaryIO) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are common; not news
    try:
        reader = PdfReader(stream)  # a file is read where needed, not loaded whole
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
