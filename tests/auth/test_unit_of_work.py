"""The one write path: permission first, an audit event or no commit, changes derived and published."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import UnauditedWrite, read, write
from reviewdesk.auth.users import set_disabled
from reviewdesk.errors import PermissionDenied
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.store.models import AuditEvent, Member
from tests.cases.flow import intake


def _members(world) -> int:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return int(s.scalar(sa.select(sa.func.count(Member.id))) or 0)


def _events(world) -> int:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return int(s.scalar(sa.select(sa.func.count(AuditEvent.id))) or 0)


def test_the_permission_is_checked_before_the_operation_runs(world) -> None:  # type: ignore[no-untyped-def]
    ran = []
    with pytest.raises(PermissionDenied), write(world.vault, world["derm"], Action.ADMINISTER_MEMBERS):
        ran.append(True)
    assert ran == []


def test_a_write_without_an_audit_event_is_not_committed(world) -> None:  # type: ignore[no-untyped-def]
    before, events = _members(world), _events(world)
    with pytest.raises(UnauditedWrite, match="administer_members"), \
            write(world.vault, world["secretary"], Action.ADMINISTER_MEMBERS) as uow:
        uow.session.add(Member(member_no="M-9999", name="監査なしの会員"))
    assert (_members(world), _events(world)) == (before, events)


def test_a_disabled_account_writes_nothing_even_with_a_session_open(world) -> None:  # type: ignore[no-untyped-def]
    lawyer = world["lawyer"]  # logged in before being disabled
    set_disabled(world.vault, world["secretary"], "lawyer", True)
    with pytest.raises(PermissionDenied, match="disabled") as caught, \
            write(world.vault, lawyer, Action.WRITE_OPINION):
        pass
    assert "無効" in caught.value.ja


def test_changes_are_derived_from_the_rows_written_and_published(world) -> None:  # type: ignore[no-untyped-def]
    seen: list[Changes] = []
    world.vault.subscribe(seen.append)
    try:
        with write(world.vault, world["secretary"], Action.ADMINISTER_MEMBERS) as uow:
            member = Member(member_no="M-0100", name="医療法人 新緑会")
            uow.session.add(member)
            uow.session.flush()
            uow.audit("member.add", "member", member.id)
        case_id = intake(world)
    finally:
        world.vault.unsubscribe(seen.append)
    members, registered = seen
    assert uow.changes == members
    assert members.kinds == {ChangeKind.MEMBERS, ChangeKind.AUDIT} and not members.case_ids
    assert registered.touches_case(case_id) and registered.touches(ChangeKind.CASES)
    assert not registered.touches(ChangeKind.MEMBERS)


def test_a_failed_write_publishes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    seen: list[Changes] = []
    world.vault.subscribe(seen.append)
    try:
        with pytest.raises(RuntimeError), write(world.vault, world["secretary"],
                                                Action.ADMINISTER_MEMBERS) as uow:
            uow.session.add(Member(member_no="M-0101", name="途中で失敗"))
            uow.session.flush()
            uow.audit("member.add", "member", None)
            raise RuntimeError("boom")
    finally:
        world.vault.unsubscribe(seen.append)
    assert seen == [] and _members(world) == 1


def test_reads_check_the_permission_first(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied), read(world.vault, world["derm"], Action.LIST_USERS):
        pass
    with read(world.vault, world["auditor"], Action.LIST_USERS) as session:
        assert session.scalar(sa.select(sa.func.count(Member.id))) == 1
