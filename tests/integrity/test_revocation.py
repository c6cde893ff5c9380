"""Every write and read re-checks, in its own transaction, that the account is active and still
holds the role the actor claims."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import AccountRevoked, read, write
from reviewdesk.auth.users import set_disabled
from reviewdesk.cases.queries import list_cases
from reviewdesk.errors import PermissionDenied
from reviewdesk.store.models import AuditEvent, User


def _events(world) -> int:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return int(s.scalar(sa.select(sa.func.count(AuditEvent.id))) or 0)


def test_a_role_taken_away_refuses_the_next_write(world) -> None:  # type: ignore[no-untyped-def]
    secretary = world["secretary"]  # logged in as secretariat
    with world.vault.begin_write() as session:
        session.execute(sa.update(User).where(User.id == secretary.user_id).values(role="auditor"))
    before = _events(world)
    with pytest.raises(AccountRevoked) as caught, write(world.vault, secretary, Action.ADMINISTER_USERS):
        pass
    assert isinstance(caught.value, PermissionDenied) and "役割が変更されました" in caught.value.ja
    assert _events(world) == before


def test_a_disabled_account_reads_nothing_either(world) -> None:  # type: ignore[no-untyped-def]
    lawyer = world["lawyer"]
    assert list_cases(world.vault, lawyer) == []
    set_disabled(world.vault, world["secretary"], "lawyer", True)
    with pytest.raises(AccountRevoked, match="disabled"):
        list_cases(world.vault, lawyer)
    with pytest.raises(AccountRevoked), read(world.vault, lawyer, Action.READ_ASSIGNED_CASES):
        pass
