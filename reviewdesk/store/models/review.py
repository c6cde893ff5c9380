"""Peer review: reviewer assignments and their versioned, immutable-once-submitted opinions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base, utcnow


class Assignment(Base):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(32))  # assigned, submitted, withdrawn_conflict
    question: Mapped[str | None] = mapped_column(Text)  # what a deferred finding asked
    conflict_reason: Mapped[str | None] = mapped_column(Text)


class Opinion(Base):
    """査読意見: each legal element yes / no / undetermined with its written rationale."""

    __tablename__ = "opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Saves of this row so far (NULL: none since migration 0009); see cases/concurrency.py.
    revision: Mapped[int | None] = mapped_column(Integer)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id"))
    status: Mapped[str] = mapped_column(String(16))  # draft, submitted
    negligence: Mapped[str | None] = mapped_column(String(16))
    negligence_rationale: Mapped[str] = mapped_column(Text, default="")
    causation: Mapped[str | None] = mapped_column(String(16))
    causation_rationale: Mapped[str] = mapped_column(Text, default="")
    duty_to_explain: Mapped[str | None] = mapped_column(String(16))
    duty_to_explain_rationale: Mapped[str] = mapped_column(Text, default="")
    damage: Mapped[str | None] = mapped_column(String(16))
    damage_rationale: Mapped[str] = mapped_column(Text, default="")
    recommended_finding: Mapped[str | None] = mapped_column(String(16))
    insured_share: Mapped[str | None] = mapped_column(String(16))  # a decimal, as text
    comments: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
