"""A vault on a PostgreSQL server: the same models and services, for the whole board at once.

Each seat connects with the member's own database login (SCRAM), so the server's own
privileges and row-level security (store/server_security.py) hold whatever a client does.
Writes take one transaction-scoped advisory lock before anything else: the audit chain, case
numbers and letter numbers are "last + 1" under it, as BEGIN IMMEDIATE makes them on a file.
Each write's `Changes` travel with its commit as a NOTIFY, and every other seat's listener
thread hands them to the same subscribers a local write reaches.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from reviewdesk.errors import VaultError
from reviewdesk.store import schema
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.store.location import conninfo, display_name
from reviewdesk.store.vault import Vault

log = logging.getLogger(__name__)

CHANNEL = "reviewdesk_changes"
WRITE_LOCK = 0x52455644  # "REVD": the one advisory lock every write transaction takes first
NOTIFY_LIMIT = 7900  # PostgreSQL's payload limit is 8000 bytes
# Other seats' notices heard within this long of the first are told as one: with the whole
# board writing, every open list and dashboard would otherwise read again for each commit.
NOTICE_BATCH_SECONDS = 0.25
VAULT_ID_KEY = "server.vault_id"
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+-[0-9A-F]+-[0-9]+")
_READERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="reviewdesk-reads")  # `alongside`
T = TypeVar("T")


class LoginRefused(VaultError):
    """The server refused the login: wrong name or password, or the login is disabled."""


def _connection_error(exc: Exception, where: str) -> VaultError:
    text = str(exc)
    if "password authentication failed" in text or "no password supplied" in text:
        return LoginRefused("wrong user name or password", ja="ユーザー名またはパスワードが違います")
    if "not permitted to log in" in text:
        return LoginRefused("this login is disabled; ask the secretariat",
                            ja="このアカウントは無効化されています。事務局にお問い合わせください")
    if "does not exist" in text and "role" in text:
        return LoginRefused("wrong user name or password", ja="ユーザー名またはパスワードが違います")
    if "database" in text and "does not exist" in text:
        return VaultError(f"{where}: no such database on the server; check the URL",
                          ja="サーバーにそのデータベースがありません。URLを確認してください")
    if "certificate" in text or "SSL" in text:
        return VaultError(f"{where}: the server's TLS certificate could not be verified ({text.strip()})",
                          ja="サーバーの証明書を検証できませんでした。管理者にお問い合わせください")
    return VaultError(f"{where}: cannot reach the server ({text.strip()})",
                      ja="サーバーに接続できません。ネットワークとサーバーの状態を確認してください")


class ServerVault(Vault):
    """An open connection to a ReviewDesk database; see the module docstring."""

    is_server = True

    def __init__(self, url: str, params: dict[str, Any]) -> None:
        # Not Vault.__init__: no file, key or process lock; the engine comes with a login.
        self.url = url
        self.params = params
        self.path = None  # type: ignore[assignment]
        self.key = None  # type: ignore[assignment]
        self.login: str | None = params.get("user")
        self._password: str | None = None
        self.engine: sa.Engine = None  # type: ignore[assignment]
        self._sessions: sessionmaker[Session] = None  # type: ignore[assignment]
        self._listeners = []
        self.generation = 0
        self.generations: Counter[ChangeKind] = Counter()
        self.anchors = None
        self.seat = uuid.uuid4().hex  # our own notifications come back to us: skip those
        self._listener: _Listener | None = None
        self._vault_id = ""

    # Opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, env: Mapping[str, str] | None = None) -> ServerVault:  # type: ignore[override]
        """A server vault; with a user in the URL it connects at once (libpq finds the password
        in PGPASSWORD, ~/.pgpass or the socket's peer check), else at `sign_in`."""
        vault = cls(url, conninfo(url))
        if vault.login:
            vault._bind(vault.login, None)
        return vault

    @property
    def display_name(self) -> str:
        return display_name(self.params)

    @property
    def vault_id(self) -> str:
        return self._vault_id

    @property
    def signed_in(self) -> bool:
        return self.engine is not None

    def sign_in(self, username: str, password: str) -> None:
        """Connects as the member's own database login; the server checks the password."""
        if self.engine is not None:
            raise VaultError("already connected", ja="すでに接続しています")
        self._bind(username, password)

    def connect_raw(self, *, autocommit: bool = False) -> Any:
        """A bare psycopg connection with this vault's login (listener, maintenance)."""
        import psycopg

        kwargs = {**self.params, "user": self.login, "application_name": "ReviewDesk"}
        if self._password is not None:
            kwargs["password"] = self._password
        kwargs.setdefault("connect_timeout", 10)
        try:
            return psycopg.connect(autocommit=autocommit, **kwargs)
        except psycopg.Error as exc:
            raise _connection_error(exc, self.display_name) from None

    def _bind(self, username: str, password: str | None) -> None:
        self.login, self._password = username, password
        self.connect_raw().close()  # refuses a wrong password before anything else is built
        engine = sa.create_engine("postgresql+psycopg://", creator=self.connect_raw,
                                  pool_size=4, max_overflow=8, pool_pre_ping=True)
        try:
            with engine.connect() as conn:
                revision = revision_of(conn)
                if revision is None:
                    raise VaultError(f"{self.display_name}: no ReviewDesk schema in this database; "
                                     "run 'reviewdesk server init' first",
                                     ja="このデータベースにはReviewDeskの表がありません。"
                                        "先に reviewdesk server init を実行してください")
                schema.check_compatible(revision, self.display_name, empty_ok=False)
                if revision != schema.head_revision():
                    raise VaultError(f"{self.display_name}: the server's schema ({revision}) is older "
                                     "than this ReviewDesk; the administrator upgrades it with "
                                     "'reviewdesk server init'",
                                     ja="サーバーのデータ形式が古いため接続できません。管理者が "
                                        "reviewdesk server init で更新してください")
                self._vault_id = conn.execute(sa.text("SELECT value FROM settings WHERE key = :k"),
                                              {"k": VAULT_ID_KEY}).scalar() or ""
        except BaseException:
            engine.dispose()
            self.login = self._password = None
            raise
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def _connected(self) -> sa.Engine:
        if self.engine is None:
            raise VaultError(f"{self.display_name}: not signed in to the server; name the member "
                             "with --user (their own database login)",
                             ja="サーバーにログインしていません。利用者名とパスワードでログインしてください")
        return self.engine

    # Sessions -----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A consistent snapshot (REPEATABLE READ, read only), as a file's read transaction."""
        with self._connected().connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with Session(bind=conn, expire_on_commit=False) as session:
                yield session
                session.rollback()

    def alongside(self, session: Session, work: Sequence[Callable[[Session], T]]) -> list[T]:
        """The first read on `session`, each other one on a connection of its own that takes
        the same snapshot (pg_export_snapshot), all at once: the server spreads them over its
        cores. The dashboard's ten statements took ~100 ms one after another."""
        if len(work) < 2:
            return [read(session) for read in work]
        snapshot = str(session.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one())
        if not _SNAPSHOT_ID.fullmatch(snapshot):  # inlined below: SET takes no parameters
            raise VaultError(f"{self.display_name}: the server answered with an unexpected snapshot id",
                             ja="サーバーから想定外の応答（スナップショットID）がありました")

        def on_snapshot(read: Callable[[Session], T]) -> T:
            with self.reading() as other:
                other.execute(sa.text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
                return read(other)

        others = [_READERS.submit(on_snapshot, read) for read in work[1:]]
        try:
            first = work[0](session)
        finally:
            wait(others)  # the snapshot's transaction outlives the reads that take it
        return [first, *(f.result() for f in others)]

    @contextmanager
    def begin_write(self) -> Iterator[Session]:
        with self._connected().connect() as conn, Session(bind=conn, expire_on_commit=False) as session, \
                session.begin():
            session.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
            yield session

    # Change notices -----------------------------------------------------------------------

    def announce(self, session: Session, changes: Changes) -> None:
        """Queued with the transaction: other seats hear of it only if it commits."""
        session.execute(sa.text("SELECT pg_notify(:c, :p)"),
                        {"c": CHANNEL, "p": encode_changes(self.seat, changes)})

    def hearing(self) -> object | None:
        """The listener thread while it runs: it hears every notice committed since it began
        (a dead one is never restarted, so one alive now has missed nothing since)."""
        listener = self._listener
        return listener if listener is not None and listener.is_alive() else None

    def subscribe(self, listener: Any) -> None:
        super().subscribe(listener)
        if self._listener is None and self.engine is not None:
            self._listener = _Listener(self)
            self._listener.start()

    def integrity_problems(self, limit: int = 20) -> list[str]:
        """Indexes the server marks invalid (a failed concurrent build); the server checks pages."""
        with self._connected().connect() as conn:
            rows = conn.execute(sa.text(
                "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND NOT i.indisvalid LIMIT :n"), {"n": limit}).all()
        return [f"index {r[0]} is invalid" for r in rows]

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()
        if self.engine is not None:
            self.engine.dispose()


def revision_of(conn: sa.Connection) -> str | None:
    if not conn.execute(sa.text("SELECT to_regclass('alembic_version')")).scalar():
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def encode_changes(seat: str, changes: Changes) -> str:
    payload = {"seat": seat, "kinds": sorted(changes.kinds), "cases": sorted(changes.case_ids)}
    text = json.dumps(payload, separators=(",", ":"))
    if len(text) > NOTIFY_LIMIT:
        # A bulk write: every case of these kinds is to be read again.
        payload["cases"], payload["all_cases"] = [], True
        text = json.dumps(payload, separators=(",", ":"))
    return text


def decode_changes(text: str) -> tuple[str, Changes, bool]:
    data = json.loads(text)
    kinds = frozenset(ChangeKind(k) for k in data.get("kinds", ()) if k in ChangeKind.__members__.values())
    return data.get("seat", ""), Changes(frozenset(int(c) for c in data.get("cases", ())), kinds), \
        bool(data.get("all_cases"))


class _Listener(threading.Thread):
    """LISTENs on its own connection and publishes other seats' Changes to this vault's
    subscribers (on this thread: a GUI subscriber hands them to its own thread)."""

    def __init__(self, vault: ServerVault) -> None:
        super().__init__(name="reviewdesk-notify", daemon=True)
        self._vault = vault
        self._stopping = threading.Event()
        self._conn = vault.connect_raw(autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                heard = self._heard(None, timeout=0.2, stop_after=1)
                if heard is None:
                    continue
                end = time.monotonic() + NOTICE_BATCH_SECONDS
                while (left := end - time.monotonic()) > 0:
                    heard = self._heard(heard, timeout=left)
                self._vault.publish(heard)
        except Exception as exc:  # the connection went away: this seat stops hearing others
            if not self._stopping.is_set():
                log.warning("change notices stopped: %s", type(exc).__name__)
        finally:
            self._conn.close()

    def _heard(self, heard: Changes | None, **wait: Any) -> Changes | None:
        """`heard` merged with the other seats' notices that arrive within the wait."""
        for note in self._conn.notifies(**wait):
            seat, changes, everything = decode_changes(note.payload)
            if seat != self._vault.seat:
                changes = changes.widened() if everything else changes
                heard = changes if heard is None else heard | changes
        return heard

    def stop(self) -> None:
        self._stopping.set()
        self.join(timeout=5)
