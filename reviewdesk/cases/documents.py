"""A case's documents, and the one rule of who sees what of them.

The secretariat adds documents; until it masks one (マスキング) or marks it free of personal
data, only readers of originals (`Action.READ_ORIGINAL_DOCUMENTS`: the secretariat and the
chair) see it. Everyone else sees released documents only, as their masked copy, under a
neutral name (「資料3_請求書.pdf」) that says nothing about the patient. Every listing, every
fetch of bytes, the history and the search index apply this rule through this module.

Masking itself (the acts, their record, the notices of corrections) is in document_masking.py.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases import search
from reviewdesk.cases.access import (
    appeals_of,
    can_see_through_appeal,
    lineage,
    load_case,
    read_case,
    require_open,
    sees_originals,
)
from reviewdesk.cases.document_terms import RELEASED, MaskingStatus
from reviewdesk.cases.document_text import extract_file_text, extract_text
from reviewdesk.cases.intake_terms import DocumentKind, document_kind_label
from reviewdesk.errors import InputError, NotFound
from reviewdesk.store.models import (
    CHUNK_BYTES,
    Case,
    Document,
    DocumentChunk,
    DocumentNotice,
)
from reviewdesk.store.private_files import write_private
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import DOCUMENT_NAME, clean_text

MAX_DOCUMENT_BYTES = 200 * 1024 * 1024


_EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg",
               "image/tiff": ".tif", "image/gif": ".gif"}


def neutral_name(ordinal: int, kind: str, mime_type: str) -> str:
    """「資料3_診療録.txt」: the number of the document in its case, its kind and the extension of
    the copy served; nothing of the original file name, which often names the patient."""
    base = mime_type.split(";")[0].strip()
    ext = _EXTENSIONS.get(base, ".txt" if base.startswith("text/") else "")
    return f"資料{ordinal}_{document_kind_label(kind, 'ja')}{ext}"


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    filename: str  # as shown to the reader: the original name, or the neutral one
    mime_type: str  # of the copy the reader gets
    size: int  # of the copy the reader gets
    added_at: datetime
    masking: str = MaskingStatus.PENDING.value
    # The case number of the original case for a document an appeal carries over: a reference
    # to the original's file (same bytes, not a copy), read-only through the appeal.
    from_case_no: str | None = None
    changed: bool = False  # a masking correction the reader has not acknowledged yet

    @property
    def carried_over(self) -> bool:
        return self.from_case_no is not None


@dataclass(frozen=True)
class CaseDocuments:
    """What the documents tab shows: the rows the reader may see, how many documents still wait
    for masking (a count only, for readers who may not see them), and unacknowledged changes."""

    rows: tuple[DocumentRow, ...]
    awaiting_masking: int
    changed: int


@dataclass(frozen=True)
class DocumentContent:
    name: str
    mime_type: str
    content: bytes
    original: bool  # the unmasked original (secretariat, chair) rather than the masked copy


def ordinals(session: Session, case_ids: Sequence[int]) -> dict[int, int]:
    """Document id → its number within its own case (1, 2, …, in the order added)."""
    out: dict[int, int] = {}
    counters: dict[int, int] = {}
    for doc_id, case_id in session.execute(sa.select(Document.id, Document.case_id)
                                           .where(Document.case_id.in_(case_ids)).order_by(Document.id)):
        counters[case_id] = counters.get(case_id, 0) + 1
        out[doc_id] = counters[case_id]
    return out


def _unacknowledged(session: Session, actor: Actor, case_ids: Sequence[int]) -> set[int]:
    if actor.user_id is None:
        return set()
    return set(session.scalars(sa.select(DocumentNotice.document_id).where(
        DocumentNotice.user_id == actor.user_id, DocumentNotice.acknowledged_at.is_(None),
        DocumentNotice.document_id.in_(sa.select(Document.id).where(Document.case_id.in_(case_ids))))))


def case_documents(vault: Vault, actor: Actor, case_id: int, *,
                   shared_screen: bool = False) -> CaseDocuments:
    """The documents of a case the reader may see (without their bytes), oldest first.

    An appeal lists its original's documents too (and theirs, for an appeal of an appeal), as
    references marked with the original's case number: read at the time, never copied.
    `shared_screen` lists what the meeting's projected screen may show: masked copies only,
    whoever drives it.
    """
    originals = sees_originals(actor) and not shared_screen
    with read_case(vault, actor, case_id) as (session, case):
        cases = lineage(session, case.id)
        docs = session.execute(
            sa.select(Document.id, Document.kind, _original_name(originals), Document.mime_type,
                      Document.size, Document.added_at, Document.case_id, Document.masking,
                      Document.masked_mime_type, Document.masked_size, Case.case_no)
            .join(Case, Case.id == Document.case_id)
            .where(Document.case_id.in_(cases)).order_by(Document.id)).all()
        numbers = ordinals(session, cases)
        changed = _unacknowledged(session, actor, cases)
    rows, waiting = [], 0
    for d in docs:
        released = d.masking in RELEASED
        if not originals and not released:
            waiting += 1
            continue
        mime = d.mime_type if originals else d.masked_mime_type or d.mime_type
        rows.append(DocumentRow(
            d.id, d.kind, d.filename if originals else neutral_name(numbers[d.id], d.kind, mime),
            mime, d.size if originals else d.masked_size or 0, d.added_at, d.masking,
            None if d.case_id == case_id else d.case_no, d.id in changed))
    return CaseDocuments(tuple(rows), waiting, sum(r.changed for r in rows))


def visible_document(session: Session, actor: Actor, document_id: int, *,
                      originals: bool) -> Document:
    """The document, if the reader may see it at all (a reader of masked copies only once it is
    released); the same NotFound otherwise. Masking reads originals by its own right."""
    doc = session.get(Document, document_id)
    if (doc is None or not can_see_through_appeal(session, actor, doc.case_id)
            or (not originals and doc.masking not in RELEASED)):
        raise NotFound(f"no document {document_id}", ja="資料が見つかりません")
    return doc


def _chunk_seqs(session: Session, document_id: int) -> list[int]:
    return list(session.scalars(sa.select(DocumentChunk.seq).where(
        DocumentChunk.document_id == document_id).order_by(DocumentChunk.seq)))


def _original_chunks(session: Session, doc: Document) -> Iterator[bytes]:
    """The original's bytes a chunk at a time, in order (one chunk in memory at a time)."""
    for seq in _chunk_seqs(session, doc.id):
        yield session.scalars(sa.select(DocumentChunk.data).where(
            DocumentChunk.document_id == doc.id, DocumentChunk.seq == seq)).one()


def original_bytes(session: Session, doc: Document) -> bytes:
    """The original's bytes, its chunks joined: the one way anything reads them whole."""
    return b"".join(session.scalars(sa.select(DocumentChunk.data).where(
        DocumentChunk.document_id == doc.id).order_by(DocumentChunk.seq)))


def _write_chunks(session: Session, document_id: int, parts: Iterable[bytes],
                  filename: str) -> tuple[int, str]:
    """Stores the bytes as chunks of CHUNK_BYTES in order; (size, sha256). Over
    MAX_DOCUMENT_BYTES (a file that grew after it was measured) raises, and the caller's
    transaction takes back every chunk written."""
    digest, size, seq = hashlib.sha256(), 0, 0
    pending = bytearray()

    def flush(data: bytes) -> None:
        nonlocal seq
        session.execute(sa.insert(DocumentChunk), {"document_id": document_id, "seq": seq, "data": data})
        seq += 1

    for part in parts:
        size += len(part)
        if size > MAX_DOCUMENT_BYTES:
            raise _too_large(filename)
        digest.update(part)
        pending += part
        while len(pending) >= CHUNK_BYTES:
            flush(bytes(pending[:CHUNK_BYTES]))
            del pending[:CHUNK_BYTES]
    if pending:
        flush(bytes(pending))
    return size, digest.hexdigest()


def document_content(vault: Vault, actor: Actor, document_id: int, *,
                     shared_screen: bool = False) -> DocumentContent:
    """The copy of a document the reader may have: the original for the secretariat and the
    chair (an audited read: the original names the patient), the masked copy under its neutral
    name for everyone else and on the meeting's shared screen, and NotFound for a document not
    yet masked."""
    if sees_originals(actor) and not shared_screen:
        with write(vault, actor, Action.READ_ORIGINAL_DOCUMENTS) as uow:
            doc = visible_document(uow.session, actor, document_id, originals=True)
            uow.audit("document.open_original", "document", doc.id, case_id=doc.case_id,
                      detail={"filename": doc.filename})
            return DocumentContent(doc.filename, doc.mime_type, original_bytes(uow.session, doc), True)
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        doc = visible_document(session, actor, document_id, originals=False)
        ordinal = ordinals(session, [doc.case_id])[doc.id]
        mime = doc.masked_mime_type or doc.mime_type
        assert doc.masked_content is not None  # a released document always has its copy
        return DocumentContent(neutral_name(ordinal, doc.kind, mime), mime, doc.masked_content, False)


def add_document(vault: Vault, actor: Actor, case_id: int, kind: str, filename: str,
                 mime_type: str, content: bytes, text: str | None = None) -> int:
    """Stores a file inside the vault (never as a loose file) and indexes its text; without a
    given text, the text of a PDF or plain-text file is extracted in memory. The document waits
    for masking before anyone but the secretariat and the chair sees it."""
    require(actor, Action.ADD_DOCUMENT)
    filename = _checked(filename, kind)
    if not content:
        raise InputError(f"{filename}: the file is empty", ja=f"{filename} は空のファイルです")
    if len(content) > MAX_DOCUMENT_BYTES:
        raise _too_large(filename)
    if text is None:
        text = extract_text(mime_type, content)
    view = memoryview(content)
    return _store(vault, actor, case_id, kind, filename, mime_type, text,
                  lambda: (view[i:i + CHUNK_BYTES] for i in range(0, len(view), CHUNK_BYTES)))


def _checked(filename: str, kind: str) -> str:
    filename = clean_text(filename, DOCUMENT_NAME)
    if not filename:
        raise InputError("a document needs a file name", ja="資料のファイル名がありません")
    if kind not in tuple(DocumentKind):
        raise InputError(f"kind: must be one of {', '.join(DocumentKind)}",
                         ja=f"資料の種類「{kind}」は登録できる種類ではありません")
    return filename


def _store(vault: Vault, actor: Actor, case_id: int, kind: str, filename: str, mime_type: str,
           text: str | None, parts: Callable[[], Iterable[bytes]]) -> int:
    """One write transaction: the document row, its bytes chunk by chunk as `parts` yields
    them, then their size and sha256 on the row, the audit event and the search index."""
    with write(vault, actor, Action.ADD_DOCUMENT) as uow:
        session = uow.session
        case = load_case(session, actor, case_id)
        require_open(case)
        doc = Document(case_id=case.id, kind=kind, filename=filename, mime_type=mime_type,
                       size=0, sha256="", text=text, added_by=actor.user_id,
                       masking=MaskingStatus.PENDING.value)
        session.add(doc)
        session.flush()
        size, sha256 = _write_chunks(session, doc.id, (bytes(p) for p in parts()), filename)
        if not size:
            raise InputError(f"{filename}: the file is empty", ja=f"{filename} は空のファイルです")
        doc.size, doc.sha256 = size, sha256
        uow.audit("document.add", "document", doc.id, case_id=case.id,
                  detail={"filename": filename, "sha256": doc.sha256, "size": doc.size})
        reindex(session, case.id)
        return doc.id


def add_document_file(vault: Vault, actor: Actor, case_id: int, kind: str, path: Path,
                      mime_type: str) -> int:
    """add_document for a file on disk, streamed: its size is checked from the file system
    before a byte is read, its text is read from the file (a bounded part, or the PDF page by
    page), then it is read a chunk at a time into the vault, hashed on the way, in one write
    transaction; the whole file is never in memory."""
    require(actor, Action.ADD_DOCUMENT)
    filename = _checked(path.name, kind)
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError(f"{path.name}: cannot be read: {exc.strerror}",
                         ja=f"{path.name} を読み込めません") from exc
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
        raise InputError(f"{path.name}: not a regular file", ja=f"{path.name} は通常のファイルではありません")
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise _too_large(path.name)
    if info.st_size == 0:
        raise InputError(f"{filename}: the file is empty", ja=f"{filename} は空のファイルです")
    text = extract_file_text(mime_type, path)  # before the write lock is taken
    try:
        with path.open("rb") as file:
            # Bounded by _write_chunks even if the file grew since it was measured.
            return _store(vault, actor, case_id, kind, filename, mime_type, text,
                          lambda: iter(lambda: file.read(CHUNK_BYTES), b""))
    except OSError as exc:
        raise InputError(f"{path.name}: cannot be read: {exc.strerror}",
                         ja=f"{path.name} を読み込めません") from exc


def export_document(vault: Vault, actor: Actor, document_id: int, path: Path, *,
                    replace: bool = False) -> Path:
    """Saves a document's original to an owner-only file (a file too large or too complex to
    preview is still readable this way), streamed a chunk at a time; an audited act of readers
    of originals. The file is written inside the transaction: if it cannot be, nothing is
    recorded, and if the record cannot be committed, the file is removed."""
    require(actor, Action.READ_ORIGINAL_DOCUMENTS)
    written: Path | None = None
    try:
        with write(vault, actor, Action.READ_ORIGINAL_DOCUMENTS) as uow:
            doc = visible_document(uow.session, actor, document_id, originals=True)
            uow.audit("document.export", "document", doc.id, case_id=doc.case_id,
                      detail={"filename": doc.filename, "sha256": doc.sha256, "size": doc.size})
            written = write_private(path, _original_chunks(uow.session, doc), replace=replace)
    except BaseException:
        if written is not None:
            written.unlink(missing_ok=True)
        raise
    return written


def _too_large(filename: str) -> InputError:
    return InputError(f"{filename}: larger than 200 MB", ja=f"{filename} は200MBを超えています")


def reindex(session: Session, case_id: int) -> None:
    for indexed in (case_id, *appeals_of(session, case_id)):  # appeals search it too
        search.index_case(session, indexed)


def _original_name(originals: bool) -> sa.ColumnElement[str]:
    """The original's file name for its readers: on a server the others may not select it."""
    return Document.filename if originals else sa.null().label("filename")


def document_names(session: Session, actor: Actor, case_ids: Sequence[int]) -> dict[int, str]:
    """Document id → the name the reader sees, for the history and exports; a document the
    reader may not see yet (waiting for masking) is left out."""
    numbers = ordinals(session, case_ids)
    originals = sees_originals(actor)
    rows = session.execute(sa.select(Document.id, Document.kind, _original_name(originals),
                                     Document.mime_type, Document.masked_mime_type, Document.masking)
                           .where(Document.case_id.in_(case_ids))).all()
    if originals:
        return {r.id: r.filename for r in rows}
    return {r.id: neutral_name(numbers[r.id], r.kind, r.masked_mime_type or r.mime_type)
            for r in rows if r.masking in RELEASED}
