"""A case's history for the case view: its audit events as frozen rows, oldest first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from reviewdesk.auth.roles import Actor
from reviewdesk.cases.access import load_case
from reviewdesk.store.models import AuditEvent
from reviewdesk.store.vault import Vault

# Details that may carry a patient's identity or free text are not shown in the history;
# the event's action, author and time are what the tab is for.
_SHOWN_DETAIL_KEYS = ("case_no", "procedure", "covered", "filename", "size", "username",
                      "version", "outcome", "state", "due_on")


@dataclass(frozen=True)
class HistoryRow:
    id: int
    at: datetime
    username: str
    action: str
    entity: str
    entity_id: int | None
    detail: dict[str, object]


def case_history(vault: Vault, actor: Actor, case_id: int) -> list[HistoryRow]:
    """The audit events of a case the actor may see (NotFound otherwise), oldest first."""
    with vault.reading() as session:
        load_case(session, actor, case_id)
        rows = session.execute(
            sa.select(AuditEvent.id, AuditEvent.at, AuditEvent.username, AuditEvent.action,
                      AuditEvent.entity, AuditEvent.entity_id, AuditEvent.detail)
            .where(AuditEvent.case_id == case_id)
            .order_by(AuditEvent.id)
        ).all()
    return [HistoryRow(r.id, r.at, r.username, r.action, r.entity, r.entity_id,
                       _shown(r.detail)) for r in rows]


def _shown(detail_json: str) -> dict[str, object]:
    try:
        detail = json.loads(detail_json or "{}")
    except ValueError:
        return {}
    if not isinstance(detail, dict):
        return {}
    return {k: detail[k] for k in _SHOWN_DETAIL_KEYS if k in detail}
