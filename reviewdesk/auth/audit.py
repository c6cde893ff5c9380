"""The audit trail: every change is an event chained by SHA-256 to the one before it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.roles import Actor
from reviewdesk.store.digests import all_digests, audited_tables
from reviewdesk.store.models import AuditEvent, utcnow

GENESIS = "0" * 64

# The keys of an event's detail that a case's history shows (cases/history.py): no free text
# such as reasons, no votes, no amounts. The server's `reviewdesk_case_events` shows the same.
SHOWN_DETAIL_KEYS = ("case_no", "procedure", "covered", "filename", "size", "username",
                     "version", "outcome", "state", "due_on", "letter_no", "kind", "pages",
                     "boxes", "revision")


def event_hash(event_id: int, at: datetime, user_id: int | None, username: str, action: str,
               entity: str, entity_id: int | None, case_id: int | None, detail: str,
               prev_hash: str) -> str:
    """The hash of one event's content and its predecessor's hash (canonical JSON)."""
    payload = json.dumps(
        [event_id, at.isoformat(), user_id, username, action, entity, entity_id, case_id,
         detail, prev_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _head(session: Session) -> tuple[int, str]:
    if session.get_bind().dialect.name == "postgresql":
        # A seat may read only part of the trail (auth/server_security.py); the chain goes on
        # from its true head.
        row = session.execute(sa.text("SELECT id, hash FROM reviewdesk_audit_head()")).first()
    else:
        row = session.execute(
            sa.select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (0, GENESIS)


# In a write unit of work the session holds its events here until the end of the work, when
# the last one takes the digests of the rows written (unit_of_work.write, store/digests.py).
PENDING = "reviewdesk.audit.pending"


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: int | None,
           *, case_id: int | None = None, detail: dict[str, Any] | None = None,
           at: datetime | None = None) -> None:
    """Adds an event in the caller's transaction (which is BEGIN IMMEDIATE, so the head is ours).

    Inside `write(...)` the event is chained when the work ends, after everything it wrote."""
    session.flush()  # entity ids of the same transaction must exist before we name them
    event = PendingEvent(at or utcnow(), actor.user_id, actor.username, action, entity, entity_id,
                         case_id, detail or {})
    pending = session.info.get(PENDING)
    if pending is not None:
        pending.append(event)
    else:
        _insert(session, [event])


def _insert(session: Session, events: list[PendingEvent]) -> None:
    last_id, prev_hash = _head(session)
    for row in chain(last_id, prev_hash, events):
        session.add(AuditEvent(**row))
    session.flush()


def commit_pending(session: Session, rows: dict[str, str | None]) -> int:
    """Chains the events a write unit of work recorded; the last carries the digests of the
    rows the work wrote (`detail["rows"]`), so they are hashed into the chain. Returns how
    many events were written."""
    events: list[PendingEvent] = session.info.get(PENDING) or []
    if not events:
        if rows:
            raise ValueError("rows were written but no audit event carries their digests")
        return 0
    if rows:
        last = events[-1]
        events[-1] = replace(last, detail={**last.detail, "rows": rows})
    _insert(session, events)
    session.info[PENDING] = []
    return len(events)


@dataclass(frozen=True)
class PendingEvent:
    """An event for bulk loading (the demo generator), chained by `chain`."""

    at: datetime
    user_id: int | None
    username: str
    action: str
    entity: str
    entity_id: int | None
    case_id: int | None
    detail: dict[str, Any]


def chain(start_id: int, prev_hash: str, events: Iterable[PendingEvent]) -> Iterator[dict[str, Any]]:
    """Rows ready for a bulk insert, continuing the chain from (start_id, prev_hash)."""
    event_id = start_id
    for ev in events:
        event_id += 1
        detail = json.dumps(ev.detail, ensure_ascii=False, sort_keys=True, default=str)
        digest = event_hash(event_id, ev.at, ev.user_id, ev.username, ev.action, ev.entity,
                            ev.entity_id, ev.case_id, detail, prev_hash)
        yield {"id": event_id, "at": ev.at, "user_id": ev.user_id, "username": ev.username,
               "action": ev.action, "entity": ev.entity, "entity_id": ev.entity_id,
               "case_id": ev.case_id, "detail": detail, "prev_hash": prev_hash, "hash": digest}
        prev_hash = digest


def load_events(conn: sa.Connection, action: str, *, per_event: int = 2000) -> list[PendingEvent]:
    """For bulk loaders that insert rows without the unit of work (the demo generator): events
    carrying the digests of every audited row now in the vault, as `write` records them."""
    at = utcnow()
    events: list[PendingEvent] = []
    for table in audited_tables():
        batch: dict[str, str | None] = {}
        for key, digest in all_digests(conn, table):
            batch[key] = digest
            if len(batch) == per_event:
                events.append(PendingEvent(at, None, "system", action, table.name, None, None,
                                           {"rows": batch}))
                batch = {}
        if batch:
            events.append(PendingEvent(at, None, "system", action, table.name, None, None,
                                       {"rows": batch}))
    return events


def head(session: Session) -> tuple[int, str]:
    """The last event's id and hash (0 and the genesis hash for an empty trail)."""
    return _head(session)


@dataclass(frozen=True)
class ChainReport:
    intact: bool
    events: int
    broken_event_id: int | None = None
    reason: str = ""


def verify_chain(session: Session) -> ChainReport:
    """Recomputes every hash in order; names the first event whose content or link is wrong."""
    prev_hash = GENESIS
    expected_id = 1
    count = 0
    rows = session.execute(
        sa.select(AuditEvent.id, AuditEvent.at, AuditEvent.user_id, AuditEvent.username,
                  AuditEvent.action, AuditEvent.entity, AuditEvent.entity_id, AuditEvent.case_id,
                  AuditEvent.detail, AuditEvent.prev_hash, AuditEvent.hash)
        .order_by(AuditEvent.id)
        .execution_options(yield_per=5000)
    )
    for row in rows:
        count += 1
        if row.id != expected_id:
            return ChainReport(False, count, row.id, f"event {expected_id} is missing")
        if row.prev_hash != prev_hash:
            return ChainReport(False, count, row.id, "its link to the previous event is broken")
        digest = event_hash(row.id, row.at, row.user_id, row.username, row.action, row.entity,
                            row.entity_id, row.case_id, row.detail, row.prev_hash)
        if digest != row.hash:
            return ChainReport(False, count, row.id, "its content was changed after it was written")
        prev_hash = row.hash
        expected_id += 1
    return ChainReport(True, count)
