"""A vault cut short is reported as damaged, never as a wrong key, and left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.cli import main
from reviewdesk.store.engine import PAGE_SIZE, VaultDamaged, WrongKeyError
from reviewdesk.store.vault import Vault
from tests.support.templates import copy_vault

PASS = {"REVIEWDESK_PASSPHRASE": "right passphrase"}
WRONG = {"REVIEWDESK_PASSPHRASE": "wrong passphrase"}


@pytest.fixture(scope="module")
def vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("vault") / "v.rdvault"
    with Vault.create(path, env=PASS) as vault, vault.begin_write() as session:
        session.execute(sa.text("INSERT INTO settings(key, value) VALUES ('k', '秘密の値')"))
    return path


@pytest.fixture
def vault_path(vault_template: Path, tmp_path: Path) -> Path:
    return copy_vault(vault_template, tmp_path / "copy")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _cut(path: Path, size: int) -> None:
    with path.open("r+b") as fh:
        fh.truncate(size)


CUTS = {
    "by one byte": lambda size: size - 1,
    "by half": lambda size: size // 2,
    "by half, on a page boundary": lambda size: size // 2 // PAGE_SIZE * PAGE_SIZE,
    "to one page": lambda size: PAGE_SIZE,
    "to less than a page": lambda size: 100,
    "to 0 bytes": lambda size: 0,
}


@pytest.mark.parametrize("cut", CUTS)
def test_a_truncated_vault_is_damaged_not_a_wrong_key(vault_path: Path, cut: str) -> None:
    size = vault_path.stat().st_size
    assert size > 8 * PAGE_SIZE and size % PAGE_SIZE == 0
    _cut(vault_path, CUTS[cut](size))
    before = _files(vault_path.parent)
    with pytest.raises(VaultDamaged) as exc:
        Vault.open(vault_path, env=PASS)
    assert not isinstance(exc.value, WrongKeyError)
    assert "damaged" in str(exc.value) and "wrong key" not in str(exc.value)
    assert "破損" in exc.value.ja and vault_path.name in exc.value.ja
    assert _files(vault_path.parent) == before  # nothing changed, no -wal or -shm left behind


def test_the_size_is_named_when_it_is_not_whole_pages(vault_path: Path) -> None:
    size = vault_path.stat().st_size
    _cut(vault_path, size - 1)
    with pytest.raises(VaultDamaged, match=f"{size - 1:,} bytes.*cut short"):
        Vault.open(vault_path, env=PASS)
    _cut(vault_path, 0)
    with pytest.raises(VaultDamaged, match="empty"):
        Vault.open(vault_path, env=PASS)


def test_a_wrong_key_still_says_wrong_key(vault_path: Path) -> None:
    before = _files(vault_path.parent)
    with pytest.raises(WrongKeyError, match="wrong key or passphrase"):
        Vault.open(vault_path, env=WRONG)
    assert _files(vault_path.parent) == before
    with Vault.open(vault_path, env=PASS) as vault, vault.reading() as session:  # and it opens
        assert session.scalar(sa.text("SELECT value FROM settings")) == "秘密の値"


def test_check_says_what_is_wrong(vault_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", PASS["REVIEWDESK_PASSPHRASE"])
    size = vault_path.stat().st_size
    for cut in (size - 1, size // 2 // PAGE_SIZE * PAGE_SIZE, 0):
        _cut(vault_path, cut)
        before = _files(vault_path.parent)
        assert main(["check", "--vault", str(vault_path)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "the vault is damaged" in err and "wrong key" not in err
        assert "restore it from a backup" in err
        assert _files(vault_path.parent) == before
