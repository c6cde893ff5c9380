"""What a committed write changed: which cases and which kinds of data, read off the rows flushed.

Nothing names its own changes by hand: the tracker watches the session, so a new service cannot
forget to announce what it wrote (Anki's OpChanges, derived rather than declared).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from reviewdesk.store.models import AuditEvent, Base


class ChangeKind(StrEnum):
    CASES = "cases"
    DOCUMENTS = "documents"
    ASSIGNMENTS = "assignments"
    OPINIONS = "opinions"
    MEETINGS = "meetings"
    FINDINGS = "findings"
    ASSESSMENTS = "assessments"
    PAYMENTS = "payments"
    LETTERS = "letters"
    USERS = "users"
    MEMBERS = "members"
    SIGNER = "signer"
    SETTINGS = "settings"
    FILTERS = "filters"
    AUDIT = "audit"


# Every table a write can touch, and the kind of change it is. A table missing here fails the
# tracker loudly (see `kind_of_table`), so a new table cannot slip past the announcements.
TABLE_KINDS: dict[str, ChangeKind] = {
    "cases": ChangeKind.CASES,
    "documents": ChangeKind.DOCUMENTS,
    "document_chunks": ChangeKind.DOCUMENTS,
    "document_maskings": ChangeKind.DOCUMENTS,
    "document_notices": ChangeKind.DOCUMENTS,
    "assignments": ChangeKind.ASSIGNMENTS,
    "opinions": ChangeKind.OPINIONS,
    "meetings": ChangeKind.MEETINGS,
    "attendance": ChangeKind.MEETINGS,
    "agenda_items": ChangeKind.MEETINGS,
    "recusals": ChangeKind.MEETINGS,
    "findings": ChangeKind.FINDINGS,
    "votes": ChangeKind.FINDINGS,
    "assessments": ChangeKind.ASSESSMENTS,
    "payments": ChangeKind.PAYMENTS,
    "letters": ChangeKind.LETTERS,
    "users": ChangeKind.USERS,
    "user_affiliations": ChangeKind.USERS,
    "members": ChangeKind.MEMBERS,
    "facilities": ChangeKind.MEMBERS,
    "contracts": ChangeKind.MEMBERS,
    "insured_doctors": ChangeKind.MEMBERS,
    "signer_certificates": ChangeKind.SIGNER,
    "settings": ChangeKind.SETTINGS,
    "saved_filters": ChangeKind.FILTERS,
    "audit_events": ChangeKind.AUDIT,
}


def kind_of_table(name: str) -> ChangeKind:
    try:
        return TABLE_KINDS[name]
    except KeyError:
        raise LookupError(f"table {name!r} has no change kind in store/changes.py") from None


@dataclass(frozen=True)
class Changes:
    """The cases and kinds of data one committed write touched."""

    case_ids: frozenset[int] = frozenset()
    kinds: frozenset[ChangeKind] = frozenset()
    # A bulk write on another seat too large to name its cases: every case may have changed.
    all_cases: bool = False

    def touches(self, *kinds: ChangeKind) -> bool:
        return any(k in self.kinds for k in kinds)

    def touches_case(self, case_id: int | None) -> bool:
        return case_id is not None and (self.all_cases or case_id in self.case_ids)

    def widened(self) -> Changes:
        return Changes(self.case_ids, self.kinds, True)

    def __bool__(self) -> bool:
        return bool(self.kinds - {ChangeKind.AUDIT})

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.case_ids | other.case_ids, self.kinds | other.kinds,
                       self.all_cases or other.all_cases)


@dataclass
class ChangeTracker:
    """Listens to one session: the tables and cases its flushes and bulk statements wrote."""

    session: Session
    case_ids: set[int] = field(default_factory=set)
    kinds: set[ChangeKind] = field(default_factory=set)
    audit_events: int = 0

    def __post_init__(self) -> None:
        event.listen(self.session, "after_flush", self._after_flush)
        event.listen(self.session, "do_orm_execute", self._on_execute)

    def close(self) -> None:
        event.remove(self.session, "after_flush", self._after_flush)
        event.remove(self.session, "do_orm_execute", self._on_execute)

    def changes(self) -> Changes:
        return Changes(frozenset(self.case_ids), frozenset(self.kinds))

    def _after_flush(self, session: Session, _context: Any) -> None:
        for obj in (*session.new, *session.dirty, *session.deleted):
            if not isinstance(obj, Base):
                continue
            if isinstance(obj, AuditEvent) and obj in session.new:
                self.audit_events += 1
            self.kinds.add(kind_of_table(obj.__table__.name))
            case_id = obj.id if obj.__table__.name == "cases" else getattr(obj, "case_id", None)
            if case_id is not None:
                self.case_ids.add(case_id)

    def _on_execute(self, state: ORMExecuteState) -> None:
        # Bulk INSERT/UPDATE/DELETE through the session bypass the unit of work's flush.
        if not (state.is_insert or state.is_update or state.is_delete):
            return
        table = getattr(state.statement, "table", None)
        if isinstance(table, sa.Table):
            self.kinds.add(kind_of_table(table.name))
            if table.name == "audit_events":
                self.audit_events += 1
