"""A demo case's documents, which name the patient as real ones do, and their masking.

Cases that have reached peer review have their documents masked (the record's name, birth date,
phone and chart number in ■, the consent form's named page re-rendered with the name blacked
out) or, for the photo, marked free of personal data; earlier cases' documents still wait for
masking, and one case in review has a consent form still waiting, so the step shows.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from reviewdesk.cases import masking
from reviewdesk.cases.document_terms import MaskingStatus
from reviewdesk.cases.documents import neutral_name
from reviewdesk.cases.intake_terms import DocumentKind
from reviewdesk.cases.states import CaseState as S
from reviewdesk.demo import files

# From peer review on, reviewers read the file: it must be masked by then.
RELEASED_STATES = {S.PEER_REVIEW, S.BOARD_REVIEW, S.DEFERRED, S.ASSESSMENT, S.DECIDED, S.NOTIFIED,
                   S.CLOSED}
PENDING_CONSENT_CASE = 2  # the state walk's case in peer review: its consent form waits


def identity(row: dict[str, Any]) -> masking.PatientIdentity:
    return masking.PatientIdentity(
        name=row["patient_name"], kana=row["patient_kana"], birth_date=row["patient_birth_date"],
        phone=row["patient_phone"], clinic_patient_id=row["clinic_patient_id"])


def case_documents(index: int, row: dict[str, Any], rich: bool,
                   label: str) -> list[tuple[str, str, str, bytes, str | None]]:
    """(kind, file name, mime type, content, text) of the case's documents, as received."""
    name = row["patient_name"].replace(" ", "")
    text = files.record_text(row, label)
    docs = [(DocumentKind.RECORD.value, f"診療録抜粋_{name}様.txt", "text/plain", text.encode("utf-8"), text)]
    if rich:
        docs.append((DocumentKind.CONSENT.value, f"施術同意書_{name}.pdf", "application/pdf",
                     files.consent_pdf(row["case_no"], label, row["patient_name"]), None))
        docs.append((DocumentKind.PHOTO.value, "術後写真.png", "image/png", files.photo_png(index), None))
    return docs


def released(index: int, state: S, kind: str) -> bool:
    if state not in RELEASED_STATES:
        return False
    return not (index == PENDING_CONSENT_CASE and kind == DocumentKind.CONSENT.value)


def masked(doc_id: int, ordinal: int, row: dict[str, Any], kind: str, mime: str, content: bytes,
           masked_by: int, at: datetime) -> tuple[dict[str, Any], dict[str, Any], str]:
    """(the document row's masking columns, the document_maskings row, the neutral name)."""
    status = MaskingStatus.NO_PERSONAL_DATA if kind == DocumentKind.PHOTO.value else MaskingStatus.MASKED
    boxes: list[masking.Box] = []
    spans: list[masking.Span] = []
    if kind == DocumentKind.RECORD.value:
        # The demo wrote the record, so it knows where the identifiers are: searching 100,000
        # records with the engine would triple a benchmark vault's generation time.
        spans = _written_spans(content.decode("utf-8"), row)
    elif status is MaskingStatus.MASKED:
        boxes = [b for p in masking.propose(mime, content, identity(row)) for b in p.boxes]
    copy = masking.mask_document(mime, content, boxes=boxes, spans=spans)
    columns = {"masking": status.value, "masked_content": copy.content,
               "masked_mime_type": copy.mime_type, "masked_text": copy.text,
               "masked_size": len(copy.content), "masked_sha256": hashlib.sha256(copy.content).hexdigest(),
               "masked_by": masked_by, "masked_at": at, "released_at": at}
    record = {"document_id": doc_id, "revision": 1, "status": status.value,
              "boxes": json.dumps([[b.page, b.left, b.top, b.right, b.bottom] for b in boxes]),
              "spans": json.dumps([[s.start, s.end] for s in spans]),
              "pages": json.dumps(list(copy.masked_pages)), "box_count": copy.box_count,
              "masked_by": masked_by, "masked_at": at}
    return columns, record, neutral_name(ordinal, kind, copy.mime_type)


def _written_spans(text: str, row: dict[str, Any]) -> list[masking.Span]:
    """Where record_text put the patient's name, birth date (both forms), phone and chart no."""
    spans = []
    for value in files.record_identifiers(row):
        at = text.find(value)
        while at >= 0:
            spans.append(masking.Span(at, at + len(value)))
            at = text.find(value, at + len(value))
    return sorted(spans, key=lambda s: s.start)
