"""Setting up a ReviewDesk database on a PostgreSQL server: `reviewdesk server init`.

Run by the database's owner (the DBA's login, never a seat's): the same Alembic migrations as
a vault file, then the server's own rules (server_security.apply), the database's id, and the
first secretariat administrator with their login. Again on an up-to-date database it changes
nothing; on an older one it migrates.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from reviewdesk.auth import server_security
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import SYSTEM
from reviewdesk.auth.unit_of_work import write
from reviewdesk.auth.users import bootstrap_admin
from reviewdesk.errors import VaultError
from reviewdesk.store import schema
from reviewdesk.store.location import conninfo
from reviewdesk.store.models import Setting, User
from reviewdesk.store.server import VAULT_ID_KEY, ServerVault, revision_of


@dataclass(frozen=True)
class InitReport:
    migrated_from: str | None  # None: a new database
    revision: str
    admin_created: bool
    vault_id: str


def init_server(url: str, admin_name: str | None, admin_password: str | None,
                display_name: str = "事務局 管理者") -> InitReport:
    """admin_name None leaves a new database without users (the tests' worlds add their own)."""
    before = prepare_database(url)
    opened = ServerVault.open(url)
    try:
        vault_id, created = _first_rows(opened, admin_name, admin_password, display_name)
    finally:
        opened.close()
    return InitReport(before, schema.head_revision(), created, vault_id)


def prepare_database(url: str) -> str | None:
    """The schema migrated to head and the server's rules applied, as the database's owner, and
    no rows written (`server import` fills them); returns the revision found (None: new)."""
    params = conninfo(url)
    if not params.get("user"):
        raise VaultError("server init connects as the database's owner: name that login in the URL "
                         "(postgresql://OWNER@host/db)",
                         ja="server init はデータベースの所有者として接続します。URLに所有者のログイン名を"
                            "指定してください")
    vault = ServerVault(url, params)
    engine = sa.create_engine("postgresql+psycopg://", creator=vault.connect_raw)
    try:
        with engine.connect() as conn:
            before = revision_of(conn)
            if before is not None:
                schema.check_compatible(before, vault.display_name, empty_ok=True)
        if before != schema.head_revision():
            schema.upgrade(engine)
        with engine.begin() as conn:
            server_security.apply(conn.connection.driver_connection)
    finally:
        engine.dispose()
    return before


def needs_admin(url: str) -> bool:
    """Whether init would create the first administrator (no user yet): the CLI asks for a
    password only then."""
    vault = ServerVault(url, conninfo(url))
    try:
        with vault.connect_raw() as conn:
            if not conn.execute("SELECT to_regclass('users')").fetchone()[0]:
                return True
            return not conn.execute("SELECT count(*) FROM users").fetchone()[0]
    except VaultError:
        return True  # init itself will say what is wrong


def _first_rows(vault: ServerVault, admin_name: str | None, admin_password: str | None,
                display_name: str) -> tuple[str, bool]:
    """The database's id (which letters and anchors name) and the first administrator."""
    vault_id = vault.vault_id
    if not vault_id:
        vault_id = uuid.uuid4().hex
        with write(vault, SYSTEM, Action.ADMINISTER_BOARD) as uow:
            uow.session.add(Setting(key=VAULT_ID_KEY, value=vault_id))
            uow.audit("server.init", "setting", None, detail={"vault_id": vault_id})
    with vault.reading() as session:
        if admin_name is None or session.scalar(sa.select(sa.func.count(User.id))):
            return vault_id, False
    if not admin_password:
        raise VaultError("the new database needs its first administrator's password "
                         "(--admin-password-file, or typed at the prompt)",
                         ja="最初の管理者のパスワードが必要です")
    bootstrap_admin(vault, admin_name, display_name, admin_password)
    return vault_id, True
def _revision(conn: sa.Connection) -> str | None:
    if not conn.execute(sa.text("SELECT to_regclass('alembic_version')")).scalar():
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
