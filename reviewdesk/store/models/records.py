"""Issued letters, signer certificates, the audit chain and vault-wide settings."""

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
)
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base, utcnow


class Letter(Base):
    """通知書: the signed PDF exactly as signed; never regenerated, only replaced by a new one."""

    __tablename__ = "letters"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_no: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    issued_on: Mapped[date] = mapped_column(Date)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    signer_subject: Mapped[str | None] = mapped_column(String(300))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("letters.id"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # PAdES level of the stored bytes (B-B, B-T, B-LT, B-LTA); NULL for an unsigned letter and
    # for one signed before migration 0007, which was issued at B-B.
    pades_level: Mapped[str | None] = mapped_column(String(8))
    maintained_at: Mapped[datetime | None] = mapped_column(DateTime)  # last long-term renewal


class SignerCertificate(Base):
    """The secretariat's PKCS#12 (inside the encrypted vault); its password is in the keyring."""

    __tablename__ = "signer_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(300))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    certificate_der: Mapped[bytes] = mapped_column(LargeBinary)
    ca_der: Mapped[bytes | None] = mapped_column(LargeBinary)
    pkcs12: Mapped[bytes] = mapped_column(LargeBinary)
    not_after: Mapped[datetime] = mapped_column(DateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEvent(Base):
    """One change: who, when, what, which record, chained by SHA-256 to the event before it."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(BigInteger)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Vault-wide settings (association details, numbering), typed by reviewdesk code."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SavedFilter(Base):
    """A user's named case-list filter (state, course, reviewer, year, search text)."""

    __tablename__ = "saved_filters"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    criteria_json: Mapped[str] = mapped_column(Text)
