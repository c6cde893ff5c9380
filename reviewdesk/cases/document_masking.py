"""Masking a document: the original and the patient's identifiers for the masking view, the
act that stores the masked copy and releases it, its record, and the notices a correction after
release leaves each reviewer of the case (documents.py holds who sees what)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases import masking
from reviewdesk.cases.access import ACTIVE_ASSIGNMENT_STATES, appeals_of, load_case, read_case, require_open
from reviewdesk.cases.concurrency import Revision, require_current
from reviewdesk.cases.document_terms import MaskingStatus
from reviewdesk.cases.documents import neutral_name, ordinals, original_bytes, reindex, visible_document
from reviewdesk.errors import InputError, RuleViolation
from reviewdesk.store.models import Assignment, Case, Document, DocumentNotice, Masking, User, utcnow
from reviewdesk.store.vault import Vault

NOTICE_MASKING_CORRECTED = "masking_corrected"


@dataclass(frozen=True)
class MaskingSource:
    """What the masking view works on: the original, the patient's identifiers from the case
    record, and the masks of the latest masking (to correct them)."""

    document_id: int
    case_id: int
    filename: str
    neutral_name: str
    mime_type: str
    content: bytes
    masking: str
    identity: masking.PatientIdentity
    boxes: tuple[masking.Box, ...]
    spans: tuple[masking.Span, ...]
    loaded: Revision  # the masking it shows, handed back to apply_masking


@dataclass(frozen=True)
class LatestMasks:
    """The latest masking's masks, for a masking view another seat's save overtook."""

    loaded: Revision
    boxes: tuple[masking.Box, ...]
    spans: tuple[masking.Span, ...]


def patient_identity(case: Case) -> masking.PatientIdentity:
    return masking.PatientIdentity(
        name=case.patient_name, kana=case.patient_kana, birth_date=case.patient_birth_date,
        address=case.patient_address, phone=case.patient_phone,
        insurance_no=case.patient_insurance_no, clinic_patient_id=case.clinic_patient_id)


def masking_source(vault: Vault, actor: Actor, document_id: int) -> MaskingSource:
    """Opens a document for masking (an audited read of the original)."""
    with write(vault, actor, Action.MASK_DOCUMENTS) as uow:
        session = uow.session
        doc = visible_document(session, actor, document_id, originals=True)
        case = load_case(session, actor, doc.case_id)
        latest = _latest_masking(session, doc.id)
        uow.audit("document.open_original", "document", doc.id, case_id=doc.case_id,
                  detail={"filename": doc.filename, "for": "masking"})
        ordinal = ordinals(session, [doc.case_id])[doc.id]
        return MaskingSource(doc.id, doc.case_id, doc.filename,
                             neutral_name(ordinal, doc.kind, doc.mime_type), doc.mime_type,
                             original_bytes(session, doc), doc.masking, patient_identity(case),
                             *_masks(latest), _revision(latest))


def _latest_masking(session: Session, document_id: int) -> Masking | None:
    return session.scalars(sa.select(Masking).where(Masking.document_id == document_id)
                           .order_by(Masking.revision.desc()).limit(1)).first()


def _revision(latest: Masking | None) -> Revision:
    return Revision.of(latest.id, latest.revision) if latest else Revision(None, 0)


def _masks(latest: Masking | None) -> tuple[tuple[masking.Box, ...], tuple[masking.Span, ...]]:
    if latest is None:
        return (), ()
    return (tuple(masking.Box(*b) for b in json.loads(latest.boxes)),
            tuple(masking.Span(*s) for s in json.loads(latest.spans)))


def latest_masks(vault: Vault, actor: Actor, document_id: int) -> LatestMasks:
    """The masks of the document's latest masking and its revision (no original is read)."""
    with read(vault, actor, Action.MASK_DOCUMENTS) as session:
        doc = visible_document(session, actor, document_id, originals=True)
        latest = _latest_masking(session, doc.id)
        return LatestMasks(_revision(latest), *_masks(latest))


@dataclass(frozen=True)
class MaskingResult:
    revision: int
    status: str
    masked_pages: tuple[int, ...]
    box_count: int
    notified: int  # reviewers told that a document they may have read changed


def apply_masking(vault: Vault, actor: Actor, document_id: int, *,
                  boxes: Sequence[masking.Box] = (), spans: Sequence[masking.Span] = (),
                  no_personal_data: bool = False, progress: masking.Progress | None = None,
                  cancelled: masking.Cancelled | None = None,
                  loaded: Revision | None = None) -> MaskingResult:
    """Masks a document (or marks it free of personal data) and releases the copy to readers.

    The copy is made before the write transaction (rendering a long scan takes a while and must
    not hold the vault's write lock) from the stored original, then stored with the record of
    the act. A correction of a document already released is audited as such and leaves each
    reviewer of the case a notice. `no_personal_data` is a deliberate statement, so it takes no
    masks; the released copy is still rebuilt without metadata or annotations. `loaded`: the
    masking the view was opened on (MaskingSource.loaded); another seat's masking since then
    refuses this one (StaleEdit), so neither silently replaces the other.
    """
    require(actor, Action.MASK_DOCUMENTS)
    if no_personal_data and (boxes or spans):
        raise InputError("a document with masks is not free of personal data",
                         ja="マスクを指定した資料を「個人情報なし」にはできません")
    if not no_personal_data and not boxes and not spans:
        raise InputError("no masks: mark the document as free of personal data instead",
                         ja="マスクがありません。個人情報を含まない資料は「個人情報なし」として確定してください")
    with read(vault, actor, Action.MASK_DOCUMENTS) as session:
        doc = visible_document(session, actor, document_id, originals=True)
        require_open(load_case(session, actor, doc.case_id))
        mime, content, sha = doc.mime_type, original_bytes(session, doc), doc.sha256
    copy = masking.mask_document(mime, content, boxes=boxes, spans=spans, progress=progress,
                                 cancelled=cancelled)
    status = MaskingStatus.NO_PERSONAL_DATA if no_personal_data else MaskingStatus.MASKED
    with write(vault, actor, Action.MASK_DOCUMENTS) as uow:
        session = uow.session
        doc = visible_document(session, actor, document_id, originals=True)
        if doc.sha256 != sha:  # documents are never replaced; this guards the invariant
            raise RuleViolation("the document changed while it was being masked",
                                ja="マスキング中に資料が変更されました。もう一度やり直してください")
        latest = _latest_masking(session, doc.id)
        require_current("masking", loaded, _revision(latest))
        revision = latest.revision + 1 if latest else 1
        correction = doc.released_at is not None
        now = utcnow()
        session.add(Masking(
            document_id=doc.id, revision=revision, status=status.value,
            boxes=json.dumps([[b.page, b.left, b.top, b.right, b.bottom] for b in boxes]),
            spans=json.dumps([[s.start, s.end] for s in spans]),
            pages=json.dumps(list(copy.masked_pages)), box_count=copy.box_count,
            masked_by=actor.user_id, masked_at=now))
        doc.masking = status.value
        doc.masked_content, doc.masked_mime_type, doc.masked_text = copy.content, copy.mime_type, copy.text
        doc.masked_size, doc.masked_sha256 = len(copy.content), hashlib.sha256(copy.content).hexdigest()
        doc.masked_by, doc.masked_at = actor.user_id, now
        doc.released_at = doc.released_at or now
        ordinal = ordinals(session, [doc.case_id])[doc.id]
        notified = _notify_reviewers(session, doc, now) if correction else 0
        uow.audit("document.mask" if status is MaskingStatus.MASKED else "document.no_personal_data",
                  "document", doc.id, case_id=doc.case_id,
                  detail={"document": neutral_name(ordinal, doc.kind, copy.mime_type),
                          "revision": revision, "pages": [p + 1 for p in copy.masked_pages],
                          "boxes": copy.box_count, "correction": correction,
                          "notified": notified, "sha256": doc.masked_sha256})
        reindex(session, doc.case_id)
    return MaskingResult(revision, status.value, copy.masked_pages, copy.box_count, notified)


def _notify_reviewers(session: Session, doc: Document, now: datetime) -> int:
    """A notice for each active reviewer of the case and of its appeals (they read its
    documents too), replacing any older unacknowledged notice on the same document."""
    cases = [doc.case_id, *appeals_of(session, doc.case_id)]
    reviewers = sorted(set(session.execute(
        sa.select(Assignment.reviewer_id, Assignment.case_id).where(
            Assignment.case_id.in_(cases), Assignment.status.in_(ACTIVE_ASSIGNMENT_STATES))).all()))
    for reviewer_id, case_id in reviewers:
        session.execute(sa.delete(DocumentNotice).where(
            DocumentNotice.document_id == doc.id, DocumentNotice.user_id == reviewer_id,
            DocumentNotice.acknowledged_at.is_(None)))
        session.add(DocumentNotice(document_id=doc.id, case_id=case_id, user_id=reviewer_id,
                                   reason=NOTICE_MASKING_CORRECTED, created_at=now))
    return len(reviewers)


def acknowledge_changes(vault: Vault, actor: Actor, case_id: int) -> int:
    """The reader has seen that the case's documents changed; returns how many notices closed
    (0, writing nothing, when there were none)."""
    require(actor, Action.ACKNOWLEDGE_NOTICES)
    with read_case(vault, actor, case_id) as (session, case):
        if not _open_notices(session, actor, case.id):
            return 0
    with write(vault, actor, Action.ACKNOWLEDGE_NOTICES, case_id=case_id) as uow:
        case = load_case(uow.session, actor, case_id)
        notices = _open_notices(uow.session, actor, case.id)
        now = utcnow()
        for notice in notices:
            notice.acknowledged_at = now
        uow.audit("document.changes_acknowledged", "case", case.id, case_id=case.id,
                  detail={"notices": len(notices)})
        return len(notices)


def _open_notices(session: Session, actor: Actor, case_id: int) -> list[DocumentNotice]:
    return list(session.scalars(sa.select(DocumentNotice).where(
        DocumentNotice.user_id == actor.user_id, DocumentNotice.case_id == case_id,
        DocumentNotice.acknowledged_at.is_(None))))


@dataclass(frozen=True)
class MaskingRecord:
    revision: int
    status: str
    pages: tuple[int, ...]  # 1-based, as people count pages
    box_count: int
    masked_by: str
    masked_at: datetime


def masking_history(vault: Vault, actor: Actor, document_id: int) -> list[MaskingRecord]:
    """Every masking act on a document, oldest first (the secretariat's record)."""
    with read(vault, actor, Action.MASK_DOCUMENTS) as session:
        doc = visible_document(session, actor, document_id, originals=True)
        rows = session.execute(sa.select(Masking, User.display_name)
                               .outerjoin(User, User.id == Masking.masked_by)
                               .where(Masking.document_id == doc.id).order_by(Masking.revision)).all()
        return [MaskingRecord(m.revision, m.status, tuple(p + 1 for p in json.loads(m.pages)),
                              m.box_count, name or "", m.masked_at) for m, name in rows]
