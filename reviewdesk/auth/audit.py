"""The audit trail: every change is an event chained by SHA-256 to the one before it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.roles import Actor
from reviewdesk.store.models import AuditEvent, utcnow

GENESIS = "0" * 64


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
    row = session.execute(
        sa.select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
    ).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def record(session: Session, actor: Actor, action: str, entity: str, entity_id: int | None,
           *, case_id: int | None = None, detail: dict[str, Any] | None = None,
           at: datetime | None = None) -> AuditEvent:
    """Adds an event in the caller's transaction (which is BEGIN IMMEDIATE, so the head is ours)."""
    session.flush()  # entity ids of the same transaction must exist before we name them
    last_id, prev_hash = _head(session)
    at = at or utcnow()
    detail_json = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, default=str)
    event = AuditEvent(
        id=last_id + 1, at=at, user_id=actor.user_id, username=actor.username, action=action,
        entity=entity, entity_id=entity_id, case_id=case_id, detail=detail_json,
        prev_hash=prev_hash,
        hash=event_hash(last_id + 1, at, actor.user_id, actor.username, action, entity,
                        entity_id, case_id, detail_json, prev_hash),
    )
    session.add(event)
    session.flush()
    return event


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
