"""The sealed file a server backup is written to: every record authenticated, in order, to the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewdesk.errors import VaultError
from reviewdesk.store import sealed
from reviewdesk.store.keys import new_vault_key
from reviewdesk.store.private_files import write_private

ENV = {"REVIEWDESK_PASSPHRASE": "sealed-test-passphrase"}
DATA = [b"PGDMP", "患者 山田花子".encode() * 5, b"x" * 40]


@pytest.fixture
def small_records(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealed, "RECORD", 16)  # many records from a few bytes


def _records(data: bytes) -> list[tuple[int, int]]:
    """(offset, length) of each record after the header, length prefix included."""
    out, at = [], sealed._HEADER.size
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        out.append((at, 4 + length))
        at += 4 + length
    return out


def _seal(path: Path) -> bytes:
    write_private(path, sealed.seal(iter(DATA), new_vault_key(ENV), {"kind": "test"}))
    return path.read_bytes()


def _read(path: Path) -> bytes:
    with sealed.unseal(path, ENV) as opened:
        assert opened.metadata == {"kind": "test"}
        return b"".join(opened.chunks())


@pytest.mark.usefixtures("small_records")
def test_a_sealed_file_reads_back_and_refuses_any_record_changed_dropped_or_moved(tmp_path: Path) -> None:
    data = _seal(tmp_path / "a.sealed")
    assert _read(tmp_path / "a.sealed") == b"".join(DATA)
    assert "山田".encode() not in data and b"PGDMP" not in data
    records = _records(data)
    assert len(records) > 5
    (o1, l1), (o2, l2) = records[2], records[3]
    flipped = bytearray(data)
    flipped[o1 + 10] ^= 1
    swapped = data[:o1] + data[o2:o2 + l2] + data[o1:o1 + l1] + data[o2 + l2:]
    last = records[-1][0]
    for name, variant, why in (("flipped", bytes(flipped), "altered"), ("swapped", swapped, "altered"),
                               ("cut", data[:last], "cut short"), ("extended", data + data[o1:o1 + l1],
                                                                   "bytes follow")):
        (tmp_path / name).write_bytes(variant)
        with pytest.raises(VaultError, match=why):
            _read(tmp_path / name)


def test_another_passphrase_is_told_apart_from_damage(tmp_path: Path) -> None:
    _seal(tmp_path / "a.sealed")
    with pytest.raises(sealed.WrongBackupKey, match="REVIEWDESK_PASSPHRASE is not its passphrase") as refused:
        sealed.unseal(tmp_path / "a.sealed", {"REVIEWDESK_PASSPHRASE": "another"})
    assert "パスフレーズ" in refused.value.ja
    (tmp_path / "b.sealed").write_bytes(b"SQLite format 3\x00" + bytes(64))
    with pytest.raises(VaultError, match="not a ReviewDesk server backup"):
        sealed.unseal(tmp_path / "b.sealed", ENV)
