"""Assessments of liable cases and the payments they draw from each contract year's aggregate."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base, utcnow


class Assessment(Base):
    """査定: the engine's inputs, the rule edition and the result, approved by a second member."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16))  # computed, approved, superseded
    edition: Mapped[str] = mapped_column(String(64))
    inputs_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str] = mapped_column(Text)
    liability: Mapped[int] = mapped_column(BigInteger)
    payout_total: Mapped[int] = mapped_column(BigInteger)
    computed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)


class Payment(Base):
    """A payout recorded against a contract year, so the next assessment sees the aggregate used."""

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    kind: Mapped[str] = mapped_column(String(32))  # indemnity, litigation, anesthesia_layer
    amount: Mapped[int] = mapped_column(BigInteger)
    counts_to_aggregate: Mapped[int] = mapped_column(BigInteger)
    recorded_on: Mapped[date] = mapped_column(Date)
