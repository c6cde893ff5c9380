"""Opening vaults: wrong keys, files that are not vaults, damage, newer schemas, locks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.errors import VaultError
from reviewdesk.store import schema
from reviewdesk.store.vault import Vault
from tests.support.templates import copy_vault

PASS = {"REVIEWDESK_PASSPHRASE": "right passphrase"}


@pytest.fixture(scope="module")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Made (and its key derived) once for the module; each test gets its own copy."""
    path = tmp_path_factory.mktemp("vault") / "v.rdvault"
    with Vault.create(path, env=PASS) as vault, vault.begin_write() as session:
        session.execute(sa.text("INSERT INTO settings(key, value) VALUES ('k', '秘密の値')"))
    return path


@pytest.fixture
def vault_path(vault_template: Path, tmp_path: Path) -> Path:
    return copy_vault(vault_template, tmp_path)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_reopens_with_the_same_passphrase(vault_path: Path) -> None:
    with Vault.open(vault_path, env=PASS) as vault, vault.reading() as session:
        assert session.scalar(sa.text("SELECT value FROM settings")) == "秘密の値"
        assert session.scalar(sa.text("PRAGMA journal_mode")) == "wal"
        assert session.scalar(sa.text("PRAGMA foreign_keys")) == 1


def test_wrong_passphrase_is_refused_and_changes_nothing(vault_path: Path) -> None:
    before = _files(vault_path.parent)
    with pytest.raises(VaultError, match="wrong key or passphrase"):
        Vault.open(vault_path, env={"REVIEWDESK_PASSPHRASE": "wrong passphrase"})
    assert _files(vault_path.parent) == before


def test_a_plain_sqlite_file_is_not_a_vault(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(VaultError, match="unencrypted SQLite"):
        Vault.open(path, env=PASS)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"", b"hello", b"\x00" * 4096, bytes(range(256)) * 64])
def test_files_that_are_not_vaults_are_refused_unchanged(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "junk.rdvault"
    path.write_bytes(content)
    with pytest.raises(VaultError):
        Vault.open(path, env=PASS)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["junk.rdvault"]


def test_missing_vault_is_a_clear_error_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="no vault there"):
        Vault.open(tmp_path / "nothing.rdvault", env=PASS)
    assert list(tmp_path.iterdir()) == []


def test_create_refuses_to_overwrite(vault_path: Path) -> None:
    before = vault_path.read_bytes()
    with pytest.raises(VaultError, match="already there"):
        Vault.create(vault_path, env=PASS)
    assert vault_path.read_bytes() == before


def test_damaged_page_is_reported_not_a_traceback(vault_path: Path) -> None:
    data = bytearray(vault_path.read_bytes())
    assert len(data) > 3 * 4096
    for i in range(4096 + 100, 4096 + 200):  # inside page 2: the first page still opens
        data[i] ^= 0xFF
    vault_path.write_bytes(bytes(data))
    damaged = vault_path.read_bytes()
    with (pytest.raises((VaultError, sa.exc.DatabaseError)),
          Vault.open(vault_path, env=PASS) as vault, vault.reading() as session):
        session.execute(sa.text("PRAGMA integrity_check")).all()
        session.execute(sa.text("SELECT * FROM users")).all()
        session.execute(sa.text("SELECT * FROM cases")).all()
        session.execute(sa.text("SELECT * FROM audit_events")).all()
        session.execute(sa.text("SELECT * FROM settings")).all()
    assert vault_path.read_bytes() == damaged


def test_a_vault_from_a_newer_release_is_refused_unchanged(vault_path: Path) -> None:
    with Vault.open(vault_path, env=PASS) as vault, vault.begin_write() as session:
        session.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    before = _files(vault_path.parent)
    with pytest.raises(VaultError, match="newer version of ReviewDesk"):
        Vault.open(vault_path, env=PASS)
    assert _files(vault_path.parent) == before


def test_upgrade_waits_for_other_processes_to_close(vault_path: Path) -> None:
    """A migration needs the vault to itself; a second open elsewhere blocks it cleanly."""
    import fcntl
    import os

    vault_path = vault_path.with_name("old.rdvault")
    Vault.create(vault_path, env=PASS, target="0001").close()  # a vault of the first release
    other = os.open(vault_path, os.O_RDONLY)  # stands for another ReviewDesk process
    fcntl.flock(other, fcntl.LOCK_SH)
    try:
        with pytest.raises(VaultError, match="in use by another ReviewDesk process"):
            Vault.open(vault_path, env=PASS)
    finally:
        os.close(other)
    with Vault.open(vault_path, env=PASS) as vault, vault.reading() as session:
        assert session.scalar(sa.text("SELECT version_num FROM alembic_version")) == schema.head_revision()
