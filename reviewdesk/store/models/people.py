"""Users of the vault, the association's members, and their facilities."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(32), index=True)
    specialty: Mapped[str | None] = mapped_column(String(32))
    # Deferred: on a server only the secretariat's logins may select it (server_security.py).
    password_hash: Mapped[str] = mapped_column(String(256), deferred=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Member(Base):
    """会員: a clinic's operating corporation or an individual doctor who joined the scheme."""

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_no: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    representative: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(200))
    joined_on: Mapped[date | None] = mapped_column(Date)


class Facility(Base):
    """施設: a clinic registered on a member's application (acts elsewhere are excluded)."""

    __tablename__ = "facilities"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(32))


class UserAffiliation(Base):
    """Where a reviewer works or which member they belong to, for conflict-of-interest checks."""

    __tablename__ = "user_affiliations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    note: Mapped[str | None] = mapped_column(String(200))
