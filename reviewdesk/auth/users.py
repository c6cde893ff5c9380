"""User accounts: creating, listing, disabling, and logging in with lockout."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from reviewdesk.auth import audit, server_security
from reviewdesk.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, spend_a_check, verify_password
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import SYSTEM, Actor, Role, Specialty
from reviewdesk.auth.unit_of_work import login_write, read, write
from reviewdesk.errors import InputError, NotFound, ReviewDeskError
from reviewdesk.store.models import User, UserAffiliation, utcnow
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import DISPLAY_NAME, clean_text, forbidden_character

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)


class LoginFailed(ReviewDeskError):
    """Wrong name or password, a locked or a disabled account; the message says which."""

    exit_code = 2


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    specialty: Specialty | None
    disabled: bool
    locked_until: datetime | None


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.display_name, Role(user.role),
                 Specialty(user.specialty) if user.specialty else None)


def _validate(username: str, display_name: str, role: str, password: str,
              specialty: str | None) -> tuple[Role, Specialty | None]:
    if (not username or len(username) > 64 or any(c.isspace() for c in username)
            or forbidden_character(username) is not None):
        raise InputError("username: must be 1 to 64 characters without spaces or control characters",
                         ja="ユーザー名は空白や制御文字を含まない1～64文字にしてください")
    if not display_name:
        raise InputError("name: must not be empty", ja="氏名を入力してください")
    try:
        role_value = Role(role)
    except ValueError:
        raise InputError(f"role: '{role}' is not one of {', '.join(r.value for r in Role)}",
                         ja=f"役割「{role}」は登録できる役割ではありません") from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"password: must be at least {MIN_PASSWORD_LENGTH} characters",
                         ja=f"パスワードは{MIN_PASSWORD_LENGTH}文字以上にしてください")
    spec: Specialty | None = None
    if specialty:
        try:
            spec = Specialty(specialty)
        except ValueError:
            raise InputError(
                f"specialty: '{specialty}' is not one of {', '.join(s.value for s in Specialty)}",
                ja=f"専門科「{specialty}」は登録できる専門科ではありません",
            ) from None
    if role_value is Role.PHYSICIAN_REVIEWER and spec is None:
        raise InputError("specialty: a physician reviewer needs a specialty",
                         ja="審査委員（医師）には専門科を選んでください")
    return role_value, spec


def create_user(vault: Vault, actor: Actor, username: str, display_name: str, role: str,
                password: str, specialty: str | None = None,
                affiliations: tuple[tuple[int | None, int | None], ...] = ()) -> int:
    """Adds an account; affiliations are (member_id, facility_id) pairs for conflict checks."""
    return _insert_user(vault, actor, username, display_name, role, password, specialty,
                        affiliations)


def bootstrap_admin(vault: Vault, username: str, display_name: str, password: str) -> int:
    """The first user of a new vault: a secretariat administrator, created by the system."""
    with vault.reading() as session:
        if session.scalar(sa.select(sa.func.count(User.id))):
            raise InputError("the vault already has users; add more with 'reviewdesk users add'",
                             ja="この保管庫にはすでに利用者がいます。利用者の管理から追加してください")
    return _insert_user(vault, SYSTEM, username, display_name, Role.SECRETARIAT.value, password,
                        None, ())


def _insert_user(vault: Vault, actor: Actor, username: str, display_name: str, role: str,
                 password: str, specialty: str | None,
                 affiliations: tuple[tuple[int | None, int | None], ...]) -> int:
    with write(vault, actor, Action.ADMINISTER_USERS) as uow:
        session = uow.session
        display_name = clean_text(display_name, DISPLAY_NAME)
        role_value, spec = _validate(username, display_name, role, password, specialty)
        if session.scalar(sa.select(User.id).where(User.username == username)):
            raise InputError(f"username: '{username}' is taken",
                             ja=f"ユーザー名「{username}」はすでに使われています")
        user = User(username=username, display_name=display_name.strip(), role=role_value.value,
                    specialty=spec.value if spec else None, password_hash=hash_password(password))
        session.add(user)
        session.flush()
        for member_id, facility_id in affiliations:
            session.add(UserAffiliation(user_id=user.id, member_id=member_id,
                                        facility_id=facility_id))
        if vault.is_server:  # their own database login, in the same transaction
            server_security.create_login(_driver(session), username, role_value, password)
        audit.record(session, actor, "user.create", "user", user.id,
                     detail={"username": username, "role": role_value.value,
                             "specialty": spec.value if spec else None})
        return user.id


def list_users(vault: Vault, actor: Actor) -> list[UserRow]:
    with read(vault, actor, Action.LIST_USERS) as session:
        users = session.scalars(sa.select(User).order_by(User.role, User.username)).all()
        return [UserRow(u.id, u.username, u.display_name, Role(u.role),
                        Specialty(u.specialty) if u.specialty else None, u.disabled,
                        u.locked_until) for u in users]


def set_disabled(vault: Vault, actor: Actor, username: str, disabled: bool) -> None:
    with write(vault, actor, Action.ADMINISTER_USERS) as uow:
        session = uow.session
        user = session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"no user '{username}'", ja=f"利用者「{username}」は見つかりません")
        if disabled and user.id == actor.user_id:
            raise InputError("you cannot disable your own account", ja="自分のアカウントは無効化できません")
        user.disabled = disabled
        if not disabled:
            user.failed_logins, user.locked_until = 0, None
        if vault.is_server:
            server_security.set_login_enabled(_driver(session), username, not disabled)
        audit.record(session, actor, "user.disable" if disabled else "user.enable", "user", user.id,
                     detail={"username": username})
    if disabled and vault.is_server:
        # Committed: now their open sessions end, and the next statement of any of them fails.
        with vault.engine.connect() as conn:
            server_security.end_sessions(conn.connection.driver_connection, username)
            conn.commit()


def set_password(vault: Vault, actor: Actor, username: str, password: str) -> None:
    """The secretariat sets a member's password (a new member's first, or a forgotten one); on a
    server, their database login's password changes with it."""
    with write(vault, actor, Action.ADMINISTER_USERS) as uow:
        session = uow.session
        user = session.scalar(sa.select(User).where(User.username == username))
        if user is None:
            raise NotFound(f"no user '{username}'", ja=f"利用者「{username}」は見つかりません")
        _validate(username, user.display_name, user.role, password, user.specialty)
        user.password_hash = hash_password(password)
        user.failed_logins, user.locked_until = 0, None
        if vault.is_server:
            server_security.create_login(_driver(session), username, user.role, password)
        audit.record(session, actor, "user.password", "user", user.id, detail={"username": username})


def _driver(session: sa.orm.Session) -> object:
    """The psycopg connection under the session's transaction (role DDL is transactional)."""
    return session.connection().connection.driver_connection


def authenticate(vault: Vault, username: str, password: str, now: datetime | None = None) -> Actor:
    """Logs a user in. Five wrong passwords in a row lock the account for 15 minutes.

    On a server not yet connected, the member connects with their own login: the server checks
    the password (SCRAM) and the application the account's state."""
    now = now or utcnow()
    if vault.is_server and (not vault.signed_in or vault.login == username):
        return _sign_in(vault, username, password)
    with login_write(vault) as session:
        user = session.scalar(sa.select(User).where(User.username == username))
        if user is None or user.disabled:
            # As long as a wrong password takes: the time must not tell which names exist.
            spend_a_check(password)
        if user is None:
            raise LoginFailed("wrong user name or password", ja="ユーザー名またはパスワードが違います")
        if user.disabled:
            raise LoginFailed(f"the account '{username}' is disabled; ask the secretariat",
                              ja="このアカウントは無効化されています。事務局にお問い合わせください")
        if user.locked_until and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            raise LoginFailed(f"the account '{username}' is locked after {MAX_FAILED_LOGINS} "
                              f"wrong passwords; try again in {minutes} minutes",
                              ja=f"パスワードを続けて誤ったため、このアカウントはロックされています。"
                                 f"{minutes}分後にもう一度お試しください")
        if verify_password(user.password_hash, password):
            user.failed_logins, user.locked_until = 0, None
            return _actor(user)
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + LOCKOUT
            user.failed_logins = 0
            audit.record(session, SYSTEM, "user.lock", "user", user.id,
                         detail={"username": username, "until": user.locked_until.isoformat()})
    # Outside the transaction, so the failed attempt is committed before we refuse.
    if user.locked_until and user.locked_until > now:
        raise LoginFailed(f"the account '{username}' is now locked for 15 minutes after "
                          f"{MAX_FAILED_LOGINS} wrong passwords",
                          ja="パスワードを続けて誤ったため、このアカウントを15分間ロックしました")
    raise LoginFailed("wrong user name or password", ja="ユーザー名またはパスワードが違います")


def _sign_in(vault: Vault, username: str, password: str) -> Actor:
    from reviewdesk.store.server import LoginRefused

    if not vault.signed_in:
        try:
            vault.sign_in(username, password)
        except LoginRefused as exc:
            raise LoginFailed(str(exc), ja=exc.ja) from None
    with vault.reading() as session:
        user = session.scalar(sa.select(User).where(User.username == username))
        if user is None or user.disabled:
            raise LoginFailed(f"the account '{username}' is disabled; ask the secretariat",
                              ja="このアカウントは無効化されています。事務局にお問い合わせください")
        return _actor(user)


def actor_for(vault: Vault, user_id: int) -> Actor:
    """The actor of an already authenticated user (the GUI keeps only the id)."""
    with vault.reading() as session:
        user = session.get(User, user_id)
        if user is None or user.disabled:
            raise NotFound("no such active user", ja="有効な利用者ではありません")
        return _actor(user)
