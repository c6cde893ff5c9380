"""Meetings of the review board and the assessment committee, and the findings they record."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from reviewdesk.store.models.base import Base, utcnow


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # review_board, assessment_committee
    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # scheduled, held, closed
    committee_size: Mapped[int] = mapped_column(Integer)  # members entitled to sit, for quorum
    starts_at: Mapped[time | None] = mapped_column(Time)  # asked when created or opened
    ends_at: Mapped[time | None] = mapped_column(Time)
    # The agenda item the chair is presenting; members' presentations follow it. Not a foreign
    # key: it only points, and an item removed later simply matches nothing.
    current_item_id: Mapped[int | None] = mapped_column(Integer)


class Attendance(Base):
    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    present: Mapped[bool] = mapped_column(Boolean, default=True)


class AgendaItem(Base):
    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)


class Recusal(Base):
    """A member who sits out one agenda item because of a conflict of interest."""

    __tablename__ = "recusals"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)


class Finding(Base):
    """審査結果: the board's decision on a case, with its reasons per legal element."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))  # liable, partly_liable, not_liable, deferred
    insured_share: Mapped[str | None] = mapped_column(String(16))  # a decimal, as text
    negligence_reason: Mapped[str] = mapped_column(Text, default="")
    causation_reason: Mapped[str] = mapped_column(Text, default="")
    duty_to_explain_reason: Mapped[str] = mapped_column(Text, default="")
    damage_reason: Mapped[str] = mapped_column(Text, default="")
    # The judgement per element (accepted, rejected, not_decided); None on findings recorded
    # before judgements were asked for (revision 0004).
    negligence_judgement: Mapped[str | None] = mapped_column(String(16))
    causation_judgement: Mapped[str | None] = mapped_column(String(16))
    duty_to_explain_judgement: Mapped[str | None] = mapped_column(String(16))
    damage_judgement: Mapped[str | None] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text, default="")
    deferred_question: Mapped[str | None] = mapped_column(Text)
    original_finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Vote(Base):
    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    vote: Mapped[str] = mapped_column(String(16))  # for, against, abstain
    dissent: Mapped[str | None] = mapped_column(Text)
