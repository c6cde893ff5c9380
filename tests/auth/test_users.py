"""Accounts: argon2id hashes, lockout after five failures, disabled users, admin-only changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from reviewdesk.auth.users import LoginFailed, authenticate, create_user, list_users, set_disabled
from reviewdesk.errors import InputError, PermissionDenied
from reviewdesk.store.models import User, utcnow
from tests.support.builders import PASSWORD


def test_passwords_are_stored_as_argon2id(world) -> None:
    with world.vault.reading() as session:
        hashes = session.scalars(sa.select(User.password_hash)).all()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert all(PASSWORD not in h for h in hashes)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(world) -> None:
    now = utcnow()
    for _ in range(4):
        with pytest.raises(LoginFailed, match="wrong user name or password"):
            authenticate(world.vault, "derm", "nope", now=now)
    with pytest.raises(LoginFailed, match="locked"):
        authenticate(world.vault, "derm", "nope", now=now)
    with pytest.raises(LoginFailed, match="locked"):  # even the right password, while locked
        authenticate(world.vault, "derm", PASSWORD, now=now + timedelta(minutes=14))
    actor = authenticate(world.vault, "derm", PASSWORD, now=now + timedelta(minutes=16))
    assert actor.username == "derm"


def test_a_success_resets_the_count(world) -> None:
    for _ in range(4):
        with pytest.raises(LoginFailed):
            authenticate(world.vault, "lawyer", "nope")
    authenticate(world.vault, "lawyer", PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            authenticate(world.vault, "lawyer", "nope")
    assert authenticate(world.vault, "lawyer", PASSWORD).username == "lawyer"


def test_unknown_user_reads_like_a_wrong_password(world) -> None:
    with pytest.raises(LoginFailed, match="wrong user name or password"):
        authenticate(world.vault, "nobody", PASSWORD)


def test_disabled_users_cannot_log_in(world) -> None:
    set_disabled(world.vault, world["admin"], "derm2", True)
    with pytest.raises(LoginFailed, match="disabled"):
        authenticate(world.vault, "derm2", PASSWORD)
    set_disabled(world.vault, world["admin"], "derm2", False)
    assert authenticate(world.vault, "derm2", PASSWORD).username == "derm2"


def test_only_the_secretariat_administers_users(world) -> None:
    for username in ("derm", "lawyer", "chair", "assessor", "auditor"):
        with pytest.raises(PermissionDenied):
            create_user(world.vault, world[username], "x" + username, "X", "auditor", PASSWORD)
        with pytest.raises(PermissionDenied):
            set_disabled(world.vault, world[username], "derm2", True)
    assert "xderm" not in {u.username for u in list_users(world.vault, world["admin"])}


def test_bad_user_input_is_named(world) -> None:
    with pytest.raises(InputError, match="role"):
        create_user(world.vault, world["admin"], "u1", "U", "janitor", PASSWORD)
    with pytest.raises(InputError, match="password"):
        create_user(world.vault, world["admin"], "u1", "U", "auditor", "short")
    with pytest.raises(InputError, match="specialty"):
        create_user(world.vault, world["admin"], "u1", "U", "physician_reviewer", PASSWORD)
    with pytest.raises(InputError, match="taken"):
        create_user(world.vault, world["admin"], "derm", "U", "auditor", PASSWORD)
