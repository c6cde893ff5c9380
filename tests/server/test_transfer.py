"""A vault file moved onto a server (`server import`), and a server's sealed backup restored.

One small demo vault (two cases, documents, a signed letter, a disabled member) is imported
once for the module; its members have the demo's names, which no other test's cluster logins
use (logins are the cluster's, shared by this process's tests).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa

from reviewdesk.auth.audit import verify_chain
from reviewdesk.auth.server_logins import IssuedLogin, refuse_unsafe_names
from reviewdesk.auth.server_restore import restore_server
from reviewdesk.auth.users import LoginFailed, authenticate, set_disabled
from reviewdesk.auth.vault_admin import backup_vault
from reviewdesk.cli import main
from reviewdesk.demo.generator import generate_demo
from reviewdesk.demo.people import DEMO_PASSWORD
from reviewdesk.errors import InputError, VaultError
from reviewdesk.letters.server_import import ImportReport, import_vault
from reviewdesk.store.models import AuditEvent, Base
from reviewdesk.store.sealed import WrongBackupKey, unseal
from reviewdesk.store.server import ServerVault
from reviewdesk.store.server_dump import client_tool, verify
from reviewdesk.store.vault import Vault
from tests.store.test_privacy import _leaks, _needles
from tests.support.templates import as_in_a_test

ENV = {"REVIEWDESK_PASSPHRASE": "transfer-test-passphrase"}
DISABLED = "auditor1"


@dataclass
class Moved:
    source: Path
    database: str
    url: str
    report: ImportReport
    rows: dict[str, list[tuple[object, ...]]]  # the file's rows of every model table, by key
    needles: list[str]

    def login(self, username: str) -> IssuedLogin:
        return next(x for x in self.report.logins if x.username == username)


def _rows(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    with vault.reading() as session:
        return {t.name: [tuple(r) for r in session.execute(sa.select(t).order_by(*t.primary_key.columns))]
                for t in Base.metadata.sorted_tables}


@pytest.fixture(scope="module")
def moved(server_worlds) -> Iterator[Moved]:  # type: ignore[no-untyped-def]
    folder = Path(tempfile.mkdtemp(prefix="rd-transfer-"))
    database = server_worlds.new_database()
    url = server_worlds.url(database)
    try:
        with as_in_a_test():
            with Vault.create(folder / "board.rdvault", env=ENV) as vault:
                generate_demo(vault, 2, letters=1)
                secretariat = authenticate(vault, "secretariat1", DEMO_PASSWORD)
                set_disabled(vault, secretariat, DISABLED, True)
                rows, needles = _rows(vault), _needles(vault)
            report = import_vault(folder / "board.rdvault", url, env=ENV)
        yield Moved(folder / "board.rdvault", database, url, report, rows, needles)
    finally:
        server_worlds.drop(database)
        shutil.rmtree(folder, ignore_errors=True)


def test_import_copies_every_row_with_its_id_and_the_chain_and_check_passes(moved) -> None:  # type: ignore[no-untyped-def]
    assert moved.report.check is not None and moved.report.check.ok, moved.report.check.lines("en")
    assert any(a.anchor.kind == "letter" for a in moved.report.check.anchors)  # the file's vault id
    vault = ServerVault.open(moved.url)
    try:
        assert vault.vault_id == moved.report.vault_id
        server_rows = _rows(vault)
        with vault.reading() as session:
            events = session.execute(sa.select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
    finally:
        vault.close()
    file_events = len(moved.rows["audit_events"])
    for table, rows in moved.rows.items():
        if table == "users":  # the one-time passwords: new hashes, and nothing else changed
            kept = [i for i, c in enumerate(Base.metadata.tables["users"].columns.keys())
                    if c not in ("password_hash", "failed_logins", "locked_until")]
            assert [[r[i] for i in kept] for r in server_rows[table]] == [[r[i] for i in kept] for r in rows]
        elif table == "settings":
            assert set(server_rows[table]) - set(rows) == {("server.vault_id", moved.report.vault_id)}
        elif table == "audit_events":
            assert server_rows[table][:file_events] == rows
        else:
            assert server_rows[table] == rows, table
        assert moved.report.counts[table] == len(rows)
    assert moved.report.counts["case_search"] == moved.report.counts["case_grams"] == len(moved.rows["cases"])
    # After the file's trail: the vault id setting, then one event per member's new password.
    assert events[file_events:] == ["server.import"] + ["user.password"] * len(moved.rows["users"])
    with psycopg.connect(moved.url) as owner:  # ids continue after the file's
        next_case = owner.execute("SELECT nextval(pg_get_serial_sequence('cases', 'id'))").fetchone()[0]
    assert next_case == max(r[0] for r in moved.rows["cases"]) + 1


def test_a_database_that_holds_rows_is_refused_and_so_is_a_vault_in_use(moved, capsys) -> None:  # type: ignore[no-untyped-def]
    with Vault.open(moved.source, ENV), pytest.raises(VaultError, match="in use by another"):
        import_vault(moved.source, moved.url, env=ENV)
    with pytest.raises(VaultError, match="not empty") as refused:
        import_vault(moved.source, moved.url, env=ENV)
    assert "空ではありません" in refused.value.ja
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
        assert main(["server", "import", "--vault", str(moved.source), "--db", moved.url]) == 2
    assert "server init" in capsys.readouterr().err


def test_imported_members_log_in_with_their_one_time_passwords(moved, server_worlds) -> None:  # type: ignore[no-untyped-def]
    seat_url = server_worlds.url(moved.database, None)
    derm = moved.login("derm1")
    assert derm.password and not derm.existed
    vault = ServerVault.open(seat_url)
    try:
        actor = authenticate(vault, "derm1", derm.password)
        assert (actor.username, actor.role.value) == ("derm1", "physician_reviewer")
    finally:
        vault.close()
    for username, password in (("derm1", DEMO_PASSWORD), (DISABLED, DEMO_PASSWORD)):
        vault = ServerVault.open(seat_url)
        try:
            with pytest.raises(LoginFailed):
                authenticate(vault, username, password)
        finally:
            vault.close()
    assert moved.login(DISABLED).password is None
    with psycopg.connect(moved.url) as owner:
        assert owner.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = %s",
                             (DISABLED,)).fetchone() == (False,)


def test_a_backup_is_refused_to_a_members_login_before_anything_is_recorded(moved, server_worlds, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Row-level security hides rows from every member's login (a reviewer's draft from the
    # secretariat too): a dump through one would be silently incomplete.
    vault = ServerVault.open(server_worlds.url(moved.database, None))
    try:
        secretariat = authenticate(vault, "secretariat1", str(moved.login("secretariat1").password))
        with vault.reading() as session:
            events = session.scalar(sa.select(sa.func.count(AuditEvent.id)))
        with pytest.raises(VaultError, match="database's owner"):
            backup_vault(vault, secretariat, tmp_path / "board.rdbackup")
        with vault.reading() as session:
            assert session.scalar(sa.select(sa.func.count(AuditEvent.id))) == events
    finally:
        vault.close()
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def backed_up(moved, server_worlds) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    """A backup made with the CLI as the owner, acting as a secretariat member."""
    out = moved.source.with_name("board.rdbackup")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
        mp.setenv("REVIEWDESK_PASSWORD", str(moved.login("secretariat1").password))
        assert main(["backup", "--vault", moved.url, "--out", str(out), "--user", "secretariat1"]) == 0
    yield out


def test_a_backup_restores_into_a_new_database_with_its_chain(moved, backed_up, server_worlds, capsys) -> None:  # type: ignore[no-untyped-def]
    assert backed_up.stat().st_mode & 0o777 == 0o600
    target = server_worlds.new_database()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
            assert main(["restore", "--backup", str(backed_up), "--vault", server_worlds.url(target)]) == 0
        assert "audit trail intact" in capsys.readouterr().out
        source, restored = ServerVault.open(moved.url), ServerVault.open(server_worlds.url(target))
        try:
            assert restored.vault_id == moved.report.vault_id
            with source.reading() as s1, restored.reading() as s2:
                assert verify_chain(s2).intact
                last = s1.execute(sa.select(AuditEvent.action).order_by(AuditEvent.id.desc())).scalar()
                assert last == "vault.backup"  # recorded before the dump, so the dump holds it
                for table in ("audit_events", "cases", "documents", "document_chunks", "letters", "users"):
                    count = f'SELECT count(*) FROM "{table}"'
                    assert s1.execute(sa.text(count)).scalar() == s2.execute(sa.text(count)).scalar(), table
        finally:
            source.close()
            restored.close()
    finally:
        server_worlds.drop(target)


def test_the_backup_file_holds_no_plaintext_and_refuses_a_wrong_passphrase(moved, backed_up, server_worlds) -> None:  # type: ignore[no-untyped-def]
    data = backed_up.read_bytes()
    assert b"PGDMP" not in data  # pg_dump's own header: nothing of the dump is in clear
    assert _leaks(data, moved.needles) == []
    # ...though the patients' names are inside, for whoever holds the passphrase.
    with unseal(backed_up, ENV) as sealed:
        dump = b"".join(sealed.chunks())
    text = subprocess.run([client_tool("pg_restore"), "--data-only", "--table=cases", "--file=-"],
                          input=dump, capture_output=True, check=True).stdout.decode()
    name = list(Base.metadata.tables["cases"].columns.keys()).index("patient_name")
    assert all(str(r[name]) in text for r in moved.rows["cases"])

    target = server_worlds.new_database()
    try:
        with pytest.raises(WrongBackupKey, match="REVIEWDESK_PASSPHRASE is not its passphrase"):
            restore_server(backed_up, server_worlds.url(target), {"REVIEWDESK_PASSPHRASE": "a guess"})
        with psycopg.connect(server_worlds.url(target)) as conn:
            assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (0,)
    finally:
        server_worlds.drop(target)
    cut = backed_up.with_name("cut.rdbackup")
    cut.write_bytes(data[:-100])
    with pytest.raises(VaultError, match="damaged"):
        verify(cut, env=ENV)


def test_no_member_takes_over_a_login_of_the_servers_administration(server_worlds) -> None:  # type: ignore[no-untyped-def]
    server_worlds.admin("DROP ROLE IF EXISTS transfer_ops")
    server_worlds.admin("CREATE ROLE transfer_ops LOGIN CREATEDB")
    with psycopg.connect(server_worlds.url("postgres")) as conn:
        refuse_unsafe_names(conn, ["derm1", "someone_new"])
        for names, why in ((["derm1", "transfer_ops"], "transfer_ops: the server already has"),
                           (["postgres"], "reserved"), (["reviewdesk_seat"], "reserved")):
            with pytest.raises(InputError, match=why):
                refuse_unsafe_names(conn, names)
    server_worlds.admin("DROP ROLE transfer_ops")
