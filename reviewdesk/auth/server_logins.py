"""Database logins for the members a server learns of all at once: those of a vault file moved
onto it (`server import`), or of a backup restored onto another server.

A password hash cannot become a database password, so each member gets a new random one-time
password, set as `reviewdesk users set-password` sets one (the account's hash and the login's
SCRAM verifier together, audited), for the secretariat to hand over. A disabled member's login
is created unable to log in; enabling them later needs a new password (`users set-password`).
Logins are the server's, not one database's: a name that already has a login (another
ReviewDesk database on the same server, an earlier attempt) gets the new password too, and the
report says so.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from reviewdesk.auth import server_security
from reviewdesk.auth.roles import SYSTEM
from reviewdesk.auth.users import set_password
from reviewdesk.errors import InputError
from reviewdesk.store.models import User
from reviewdesk.store.vault import Vault

# No 0/o, 1/l/i: read aloud or copied from paper without doubt. 16 characters, about 79 bits.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
GROUPS, GROUP = 4, 4


@dataclass(frozen=True)
class IssuedLogin:
    username: str
    display_name: str
    role: str
    password: str | None  # None: the account is disabled, and so is its login
    existed: bool  # the server had a login of that name (another database's, an earlier import)


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP)) for _ in range(GROUPS))


def refuse_unsafe_names(conn: Any, usernames: Iterable[str]) -> None:
    """Before anything is written: no member may be named as a reserved role, nor take over a
    login of the server's administration (the importing login, a superuser, a database's owner)."""
    names = list(usernames)
    for name in names:
        server_security._check_login_name(name)
    taken = [r[0] for r in conn.execute(
        "SELECT rolname FROM pg_roles r WHERE rolname = ANY(%s) AND (rolname = session_user "
        "OR rolsuper OR rolcreatedb OR rolreplication OR rolbypassrls "
        "OR EXISTS (SELECT 1 FROM pg_database d WHERE d.datdba = r.oid)) ORDER BY rolname",
        (names,)).fetchall()]
    if taken:
        listed = ", ".join(taken)
        raise InputError(
            f"users {listed}: the server already has administrative logins of these names (the "
            "database's owner, a superuser or a role that creates databases); a member's login "
            "must not take one over. Use another server login for the administration",
            ja=f"利用者 {listed} と同じ名前の管理用ログイン（所有者・スーパーユーザーなど）がサーバーに"
               "あります。管理には別のログイン名を使ってください")


def issue_logins(vault: Vault, *, only_missing: bool = False) -> list[IssuedLogin]:
    """Every member (or, only_missing, each member the server has no login for) gets their
    login with a new one-time password, in user id order; the system acts, as for the vault's
    first administrator (import and restore run as the database's owner)."""
    with vault.reading() as session:
        users = session.execute(sa.select(User.username, User.display_name, User.role, User.disabled)
                                .order_by(User.id)).all()
        existing = set(session.scalars(sa.text("SELECT rolname FROM pg_roles")))
        if only_missing:
            users = [u for u in users if u.username not in existing]
    issued: list[IssuedLogin] = []
    for user in users:
        password = one_time_password()
        set_password(vault, SYSTEM, user.username, password)
        if user.disabled:
            with vault.engine.begin() as conn:
                server_security.set_login_enabled(conn.connection.driver_connection, user.username, False)
        issued.append(IssuedLogin(user.username, user.display_name, user.role,
                                  None if user.disabled else password, user.username in existing))
    return issued
