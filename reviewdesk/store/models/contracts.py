"""Contracts (courses, limits, riders) and the doctors insured under them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base


class Contract(Base):
    """契約: one member's cover for one period, in one course of the current or former scheme."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_no: Mapped[str] = mapped_column(String(32), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id"))
    course: Mapped[str] = mapped_column(String(32))  # facility, practitioner, all, non_surgical
    per_claim_limit: Mapped[int] = mapped_column(BigInteger)
    deductible: Mapped[int] = mapped_column(BigInteger)
    annual_aggregate: Mapped[int | None] = mapped_column(BigInteger)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    retro_date: Mapped[date | None] = mapped_column(Date)
    litigation_costs_in_aggregate: Mapped[bool] = mapped_column(Boolean, default=False)
    facility_rider: Mapped[bool] = mapped_column(Boolean, default=False)
    # 麻酔過誤賠償責任 rider: class A, B, C1 or C2; None without the rider.
    anesthesia_class: Mapped[str | None] = mapped_column(String(4))
    anesthesia_attachment: Mapped[int | None] = mapped_column(BigInteger)
    anesthesia_limit: Mapped[int | None] = mapped_column(BigInteger)
    monthly_premium: Mapped[int | None] = mapped_column(BigInteger)


class InsuredDoctor(Base):
    """被共済者: a doctor covered by a contract, with the premium category of seed 002."""

    __tablename__ = "insured_doctors"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(16))  # director, full_time, part_time
    license_no: Mapped[str | None] = mapped_column(String(32))
    anesthesiology_registered: Mapped[bool] = mapped_column(Boolean, default=False)
