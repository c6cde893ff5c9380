"""Masking (マスキング): finding and burning out a patient's identifiers in a case's documents.

A pure engine: bytes in, bytes out, no database, no Qt, no files. The secretariat's tools
propose occurrences of the patient's identifiers, render pages to review them, and make the
masked copy reviewers read.

Limits, each refused with a MaskingError: PDFs of more than MAX_PDF_PAGES (2,000) pages or
encrypted ones, images over MAX_IMAGE_PIXELS (60 million) pixels or with several frames, text
documents over 50 MB or in an encoding other than UTF-8 (with or without BOM), UTF-16 with a
BOM, Shift_JIS (cp932) or EUC-JP. Calls may come from any thread: PDFium is entered by one at
a time (pdf_pages.PDFIUM_LOCK).
"""

from reviewdesk.cases.masking.engine import inspect, is_supported, mask_document, propose, render_page
from reviewdesk.cases.masking.errors import MaskingCancelled, MaskingError
from reviewdesk.cases.masking.geometry import Box, PageSize, Span
from reviewdesk.cases.masking.identity import (
    IDENTIFIER_LABELS,
    IdentifierKind,
    PatientIdentity,
    identifier_variants,
)
from reviewdesk.cases.masking.images import MAX_IMAGE_PIXELS
from reviewdesk.cases.masking.pdf_pages import MAX_PDF_PAGES
from reviewdesk.cases.masking.results import (
    Cancelled,
    DocumentShape,
    Inspection,
    MaskedCopy,
    Progress,
    Proposal,
)

__all__ = [
    "IDENTIFIER_LABELS", "MAX_IMAGE_PIXELS", "MAX_PDF_PAGES", "Box", "Cancelled", "DocumentShape",
    "IdentifierKind", "Inspection", "MaskedCopy", "MaskingCancelled", "MaskingError", "PageSize",
    "PatientIdentity", "Progress", "Proposal", "Span", "identifier_variants", "inspect", "is_supported",
    "mask_document", "propose", "render_page",
]
