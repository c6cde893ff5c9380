"""Backups: online, encrypted with the vault's key, verified, restorable; restore needs --force."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.errors import InputError, VaultError
from reviewdesk.store.backup import backup, restore
from reviewdesk.store.vault import Vault

ENV = {"REVIEWDESK_PASSPHRASE": "backup test"}


def _count(vault: Vault) -> int:
    with vault.reading() as session:
        return int(session.scalar(sa.text("SELECT count(*) FROM settings")) or 0)


def _add(vault: Vault, key: str) -> None:
    with vault.begin_write() as session:
        session.execute(sa.text("INSERT INTO settings(key, value) VALUES (:k, '値')"), {"k": key})


def test_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
    original = tmp_path / "v.rdvault"
    with Vault.create(original) as vault:
        _add(vault, "a")
        out = backup(vault, tmp_path / "b.rdvault")  # while the vault is open and in use
        _add(vault, "after-backup")
        assert _count(vault) == 2
    assert out.read_bytes()[:16] == original.read_bytes()[:16]  # same key, same vault id
    with pytest.raises(InputError, match="--force"):
        restore(out, original)
    restore(out, original, force=True)
    with Vault.open(original) as vault:
        assert _count(vault) == 1
    restore(out, tmp_path / "elsewhere.rdvault")
    with Vault.open(tmp_path / "elsewhere.rdvault") as vault:
        assert _count(vault) == 1


def test_backup_never_overwrites(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.rdvault", env=ENV) as vault:
        (tmp_path / "b.rdvault").write_bytes(b"something precious")
        with pytest.raises(InputError, match="already there"):
            backup(vault, tmp_path / "b.rdvault")
    assert (tmp_path / "b.rdvault").read_bytes() == b"something precious"


def test_restoring_a_damaged_backup_leaves_the_vault_alone(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
    with Vault.create(tmp_path / "v.rdvault") as vault:
        _add(vault, "keep")
        out = backup(vault, tmp_path / "b.rdvault")
    data = bytearray(out.read_bytes())
    for i in range(4096 + 50, 4096 + 150):
        data[i] ^= 0x55
    out.write_bytes(bytes(data))
    before = (tmp_path / "v.rdvault").read_bytes()
    with pytest.raises(VaultError):
        restore(out, tmp_path / "v.rdvault", force=True)
    assert (tmp_path / "v.rdvault").read_bytes() == before
    assert not list(tmp_path.glob("*.restoring*"))


def test_vaults_and_backups_are_owner_only(tmp_path: Path) -> None:
    with Vault.create(tmp_path / "v.rdvault", env=ENV) as vault:
        out = backup(vault, tmp_path / "b.rdvault")
    assert (tmp_path / "v.rdvault").stat().st_mode & 0o077 == 0
    assert out.stat().st_mode & 0o077 == 0


def test_backup_reports_its_progress_page_by_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewdesk.store import backup as module

    monkeypatch.setattr(module, "PAGES_PER_STEP", 4)
    with Vault.create(tmp_path / "v.rdvault", env=ENV) as vault:
        for i in range(60):
            _add(vault, f"secret-marker-{i:03d}-" + "x" * 200)
        reports: list[tuple[int, int]] = []
        out = backup(vault, tmp_path / "b.rdvault", progress=lambda done, total: reports.append((done, total)))
    totals = {total for _done, total in reports}
    assert len(reports) > 3 and len(totals) == 1
    done = [d for d, _t in reports]
    assert done == sorted(done) and done[-1] == totals.pop()
    assert b"secret-marker" not in out.read_bytes()  # encrypted, like the vault
    assert not list(tmp_path.glob("b.rdvault.partial*"))
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
    restore(out, tmp_path / "r.rdvault")
    with Vault.open(tmp_path / "r.rdvault") as copy:
        assert _count(copy) == 60


def test_a_write_during_a_stepped_backup_still_gives_one_consistent_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewdesk.store import backup as module

    monkeypatch.setattr(module, "PAGES_PER_STEP", 2)
    with Vault.create(tmp_path / "v.rdvault", env=ENV) as vault:
        for i in range(40):
            _add(vault, f"row-{i:03d}-" + "y" * 300)
        written: list[int] = []

        def write_once(done: int, total: int) -> None:
            if not written and done < total:
                _add(vault, "written-meanwhile")  # SQLite restarts the copy from the start
                written.append(done)

        out = backup(vault, tmp_path / "b.rdvault", progress=write_once)
    assert written
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", ENV["REVIEWDESK_PASSPHRASE"])
    restore(out, tmp_path / "r.rdvault")
    with Vault.open(tmp_path / "r.rdvault") as copy:
        assert _count(copy) == 41
