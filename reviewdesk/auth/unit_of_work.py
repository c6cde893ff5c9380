"""The one write path (and its read twin): every change is permitted, audited and announced by
construction.

    with write(vault, actor, Action.RECORD_FINDING, case_id=case_id) as uow:
        ...                       # uow.session; uow.audit("finding.record", "finding", f.id)
    uow.changes                   # what the commit touched, also published to vault listeners

`write` checks the actor's permission before anything runs and, in the same transaction, that
the account is still active and still holds the role the actor claims; it refuses to commit when
the operation wrote no audit event, chains the events at the end with the digests of the audited
rows written in the last of them (store/digests.py), and derives its `Changes` from the rows
flushed, so a service can neither forget nor misstate them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.errors import PermissionDenied
from reviewdesk.store.changes import Changes, ChangeTracker
from reviewdesk.store.digests import RowTracker
from reviewdesk.store.models import User
from reviewdesk.store.vault import Vault


class UnauditedWrite(RuntimeError):
    """A programming error: a write service committed nothing to the audit trail."""


class AccountRevoked(PermissionDenied):
    """The acting account was disabled, or its role changed, since it logged in: the session
    is over (the desktop locks at once and cannot be unlocked by this login)."""


@dataclass
class UnitOfWork:
    """One write transaction on behalf of an actor, for one action."""

    session: Session
    actor: Actor
    action: Action
    changes: Changes = field(default_factory=Changes)

    def audit(self, event: str, entity: str, entity_id: int | None, *,
              case_id: int | None = None, detail: dict[str, Any] | None = None) -> None:
        """Adds the audit event of this change to the same transaction (chained at its end)."""
        audit.record(self.session, self.actor, event, entity, entity_id, case_id=case_id,
                     detail=detail)


def _require_active(session: Session, actor: Actor) -> None:
    if actor.user_id is None:  # the application itself (vault creation, demo data)
        return
    user = session.get(User, actor.user_id)
    if user is None or user.disabled:
        raise AccountRevoked(f"the account '{actor.username}' is disabled",
                             ja=f"アカウント「{actor.username}」は無効化されています")
    if user.role != actor.role.value:
        raise AccountRevoked(
            f"the account '{actor.username}' no longer has the role it logged in with; sign in again",
            ja=f"アカウント「{actor.username}」の役割が変更されました。もう一度ログインしてください")


@contextmanager
def write(vault: Vault, actor: Actor, action: Action, *,
          case_id: int | None = None) -> Iterator[UnitOfWork]:
    """A write unit of work; see the module docstring. `case_id` names the case for the
    announcement when the rows written do not carry it themselves."""
    require(actor, action)
    with vault.begin_write() as session:
        tracker = ChangeTracker(session)
        rows = RowTracker(session)
        session.info[audit.PENDING] = []
        try:
            _require_active(session, actor)
            uow = UnitOfWork(session, actor, action)
            yield uow
            session.flush()
            try:
                audit.commit_pending(session, rows.digests(session.connection()))
            except ValueError as exc:
                raise UnauditedWrite(f"{action.value}: {exc}") from None
            if tracker.audit_events == 0:
                raise UnauditedWrite(f"{action.value}: the operation wrote no audit event")
            changes = tracker.changes()
            if case_id is not None:
                changes = changes | Changes(frozenset({case_id}), frozenset())
            vault.announce(session, changes)  # other seats hear of it with the commit, not before
        finally:
            session.info.pop(audit.PENDING, None)
            rows.close()
            tracker.close()
    uow.changes = changes
    vault.publish(changes)


@contextmanager
def read(vault: Vault, actor: Actor, action: Action) -> Iterator[Session]:
    """A read-only unit of work for an actor holding `action` (checked before anything is read),
    whose account is still active in the role it claims (checked in the same snapshot).
    Reads of one case go through `reviewdesk.cases.access.read_case`, which adds visibility."""
    require(actor, action)
    with vault.reading() as session:
        _require_active(session, actor)
        yield session


@contextmanager
def login_write(vault: Vault) -> Iterator[Session]:
    """Counting failed logins and clearing them: no actor yet, so no permission to check; a
    lockout is audited by the caller, an ordinary attempt is not case data."""
    with vault.begin_write() as session:
        yield session
