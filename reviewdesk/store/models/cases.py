"""Cases (事案) with their intake data and lifecycle state, and their documents."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    inspect,
)
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base, utcnow

# The columns that identify a patient (deferred groups of Case).
IDENTITY, BIRTH_DATE = "patient_identity", "patient_birth_date"


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(32), unique=True)
    state: Mapped[str] = mapped_column(String(32), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    insured_doctor_id: Mapped[int | None] = mapped_column(ForeignKey("insured_doctors.id"))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    specialty: Mapped[str] = mapped_column(String(32))
    # The patient: the full identity is for the secretariat; reviewers see the alias.
    # Deferred: on a server, most seats have no privilege on these columns
    # (auth/server_security.py), so loading a Case must not select them.
    patient_name: Mapped[str] = mapped_column(String(100), deferred=True, deferred_group=IDENTITY)
    patient_kana: Mapped[str | None] = mapped_column(String(100), deferred=True, deferred_group=IDENTITY)
    # Apart: the committee may read it (the victim's age) but not the rest.
    patient_birth_date: Mapped[date | None] = mapped_column(Date, deferred=True, deferred_group=BIRTH_DATE)
    patient_sex: Mapped[str | None] = mapped_column(String(8))
    patient_alias: Mapped[str] = mapped_column(String(32))
    # Further identifiers, when recorded: the masking step looks for them in the documents.
    patient_address: Mapped[str | None] = mapped_column(String(200), deferred=True, deferred_group=IDENTITY)
    patient_phone: Mapped[str | None] = mapped_column(String(40), deferred=True, deferred_group=IDENTITY)
    patient_insurance_no: Mapped[str | None] = mapped_column(String(40), deferred=True,
                                                             deferred_group=IDENTITY)
    clinic_patient_id: Mapped[str | None] = mapped_column(String(40), deferred=True, deferred_group=IDENTITY)
    procedure: Mapped[str] = mapped_column(String(32), index=True)
    incident_date: Mapped[date] = mapped_column(Date)
    claim_date: Mapped[date] = mapped_column(Date, index=True)
    received_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    patient_demand: Mapped[str | None] = mapped_column(Text)
    demand_amount: Mapped[int | None] = mapped_column(BigInteger)
    outcome_kind: Mapped[str] = mapped_column(String(16))  # injury, after_effect, death
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    exclusions: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of codes
    coverage_covered: Mapped[bool | None] = mapped_column(Boolean)
    coverage_reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of codes
    coverage_override: Mapped[str | None] = mapped_column(Text)
    disagreement: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str | None] = mapped_column(String(16), index=True)  # the finding's outcome
    payout_total: Mapped[int | None] = mapped_column(BigInteger)
    decided_on: Mapped[date | None] = mapped_column(Date, index=True)
    closed_on: Mapped[date | None] = mapped_column(Date)
    retention_until: Mapped[date | None] = mapped_column(Date)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    state_before_close: Mapped[str | None] = mapped_column(String(32))  # where reopening returns
    appeal_of_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


IDENTITY_COLUMNS: tuple[str, ...] = tuple(
    attr.key for attr in inspect(Case).column_attrs if attr.group in (IDENTITY, BIRTH_DATE))


class Document(Base):
    """A file of the case (records, consent forms, photos, letters); bytes stay in the vault."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # record, consent, photo, claimant_letter, other
    # The original's name (it may carry the patient's): deferred, as `text`.
    filename: Mapped[str] = mapped_column(String(255), deferred=True)
    mime_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))  # of the original's bytes, its chunks joined
    # Extracted text, for search. Deferred: on a server, seats that may not read originals
    # have no privilege on this column (auth/server_security.py), so loading a Document
    # must not select it.
    text: Mapped[str | None] = mapped_column(Text, deferred=True)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Masking (documents.py): reviewers see only the masked copy, and only once it exists.
    masking: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")
    masked_content: Mapped[bytes | None] = mapped_column(LargeBinary)
    masked_mime_type: Mapped[str | None] = mapped_column(String(100))
    masked_text: Mapped[str | None] = mapped_column(Text)
    masked_size: Mapped[int | None] = mapped_column(BigInteger)
    masked_sha256: Mapped[str | None] = mapped_column(String(64))
    masked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    masked_at: Mapped[datetime | None] = mapped_column(DateTime)
    released_at: Mapped[datetime | None] = mapped_column(DateTime)  # first shown to reviewers


class DocumentChunk(Base):
    """A slice of a document's original bytes (CHUNK_BYTES each, the last one shorter): a 200 MB
    file is written and read a chunk at a time, never whole in memory (SQLCipher offers no
    incremental blob I/O). The document row's sha256 vouches for the chunks joined in order."""

    __tablename__ = "document_chunks"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0, 1, 2, … in file order
    data: Mapped[bytes] = mapped_column(LargeBinary)


CHUNK_BYTES = 1024 * 1024


class Masking(Base):
    """One masking act on a document (or its marking as free of personal data): the record of
    who masked what, kept for every revision."""

    __tablename__ = "document_maskings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # masked, no_personal_data
    boxes: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[page, left, top, right, bottom]]
    spans: Mapped[str] = mapped_column(Text, default="[]")  # JSON [[start, end]]
    pages: Mapped[str] = mapped_column(Text, default="[]")  # JSON: the pages with a mask
    box_count: Mapped[int] = mapped_column(Integer, default=0)
    masked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    masked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DocumentNotice(Base):
    """Tells a reviewer that a document they may already have read changed (a masking
    correction); shown in their case view until they acknowledge it."""

    __tablename__ = "document_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
