"""What the engine answers: proposals, an inspection, a masked copy, and the callback types."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from reviewdesk.cases.masking.geometry import Box, PageSize, Span
from reviewdesk.cases.masking.identity import IdentifierKind

Progress = Callable[[int, int], None]  # (done, total)
Cancelled = Callable[[], bool]  # True once the user has cancelled


class DocumentShape(StrEnum):
    PDF = "pdf"
    IMAGE = "image"
    TEXT = "text"


@dataclass(frozen=True)
class Proposal:
    """One occurrence of an identifier, proposed for masking.

    `found` is the text as the document has it, for the secretariat's eyes only. A PDF proposal
    has its page and the occurrence's character boxes merged per line; a text proposal a span.
    """

    key: str
    kind: IdentifierKind
    found: str
    page: int | None
    boxes: tuple[Box, ...]
    span: Span | None


@dataclass(frozen=True)
class Inspection:
    shape: DocumentShape
    pages: tuple[PageSize, ...]  # one for an image, () for text
    has_text: tuple[bool, ...]  # per PDF page: whether it has a text layer
    text: str | None  # the decoded text of a text document


@dataclass(frozen=True)
class MaskedCopy:
    content: bytes
    mime_type: str
    text: str | None  # what the search index may hold: kept pages' text, or the masked text
    masked_pages: tuple[int, ...]  # pages with at least one box, 0-based; () for text
    box_count: int  # boxes (or spans) burned in
