"""A file sealed with a vault-style key: a server backup's pg_dump stream, never in clear on disk.

A vault file backup is a SQLCipher copy; a server's dump is a byte stream, so it is sealed
with AES-256-GCM in records of up to 1 MiB under a key from the same machinery (store/keys.py:
argon2id over REVIEWDESK_PASSPHRASE with this file's own salt, or a random key kept in the OS
keyring under that salt). Layout:

    header  "RDSEALED" | version (1 byte) | salt (16) | nonce prefix (7)
    records length (4 bytes, big-endian) | ciphertext with its 16-byte tag, repeated

Record 0 holds the metadata (JSON: what the backup is of, its audit head); the data follow,
and the last record is flagged in its nonce (prefix | record number | final flag), so records
cannot be dropped, reordered, or cut off at the end without the tag failing. The header is
authenticated with every record.
"""

from __future__ import annotations

import json
import secrets
import struct
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from reviewdesk.errors import VaultError
from reviewdesk.store.keys import VaultKey, existing_vault_key

MAGIC = b"RDSEALED"
VERSION = 1
RECORD = 1 << 20  # plaintext bytes per record
TAG = 16
_HEADER = struct.Struct(">8sB16s7s")
_LENGTH = struct.Struct(">I")


class WrongBackupKey(VaultError):
    """The key found (passphrase or keyring) is not the one the file was sealed with."""


def _nonce(prefix: bytes, number: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if final else 0)


def seal(chunks: Iterable[bytes], key: VaultKey, metadata: Mapping[str, Any]) -> Iterator[bytes]:
    """The sealed file's bytes, record by record, as chunks arrive (any sizes)."""
    prefix = secrets.token_bytes(7)
    header = _HEADER.pack(MAGIC, VERSION, key.salt, prefix)
    aead = AESGCM(key.key)
    yield header

    def record(number: int, data: bytes, final: bool) -> bytes:
        sealed = aead.encrypt(_nonce(prefix, number, final), data, header)
        return _LENGTH.pack(len(sealed)) + sealed

    yield record(0, json.dumps(dict(metadata), sort_keys=True).encode(), False)
    number, pending = 1, bytearray()
    for chunk in chunks:
        pending += chunk
        while len(pending) > RECORD:
            yield record(number, bytes(pending[:RECORD]), False)
            del pending[:RECORD]
            number += 1
    yield record(number, bytes(pending), True)


@dataclass
class Unsealed:
    """An open sealed file: its metadata now, its data as `chunks()` decrypts them in turn."""

    path: Path
    metadata: dict[str, Any]
    _fh: BinaryIO
    _aead: AESGCM
    _header: bytes
    _prefix: bytes

    def chunks(self) -> Iterator[bytes]:
        """Every data record, authenticated; a file cut short, extended or altered raises."""
        number = 1
        while True:
            sealed = self._read_record()
            if sealed is None:
                raise _damaged(self.path, "it ends before its last record (cut short)",
                               "途中で切れています")
            data, final = self._open(number, sealed)
            yield data
            if final:
                if self._fh.read(1):
                    raise _damaged(self.path, "bytes follow its last record", "末尾に余分なデータがあります")
                return
            number += 1

    def _open(self, number: int, sealed: bytes) -> tuple[bytes, bool]:
        for final in (False, True):
            try:
                return self._aead.decrypt(_nonce(self._prefix, number, final), sealed, self._header), final
            except InvalidTag:
                continue
        raise _damaged(self.path, f"record {number} fails its authentication (altered)",
                       f"{number}番目の区画が改変されています")

    def _read_record(self) -> bytes | None:
        head = self._fh.read(_LENGTH.size)
        if len(head) < _LENGTH.size:
            return None
        (length,) = _LENGTH.unpack(head)
        if not TAG <= length <= RECORD + TAG:
            raise _damaged(self.path, "a record's length is impossible", "区画の長さが不正です")
        sealed = self._fh.read(length)
        return sealed if len(sealed) == length else None

    def close(self) -> None:
        self._fh.close()

    def __enter__(self) -> Unsealed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def unseal(path: Path, env: Mapping[str, str] | None = None) -> Unsealed:
    """Opens a sealed file with its key (found as a vault's is) and reads its metadata; a wrong
    passphrase is told apart from damage here, before any data is read."""
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise VaultError(f"{path}: cannot read the backup ({exc.strerror})",
                         ja=f"バックアップ {path.name} を読めません") from None
    try:
        header = fh.read(_HEADER.size)
        if len(header) < _HEADER.size or header[:len(MAGIC)] != MAGIC:
            raise VaultError(f"{path}: not a ReviewDesk server backup",
                             ja=f"{path.name} はReviewDeskのサーバーのバックアップではありません")
        _magic, version, salt, prefix = _HEADER.unpack(header)
        if version != VERSION:
            raise VaultError(f"{path}: written by a newer ReviewDesk (format {version}); update "
                             "ReviewDesk to restore it",
                             ja=f"{path.name} は新しい版のReviewDeskで作られています")
        key = existing_vault_key(salt, env)
        aead = AESGCM(key.key)
        unsealed = Unsealed(path, {}, fh, aead, header, prefix)
        sealed = unsealed._read_record()
        if sealed is None:
            raise _damaged(path, "it ends inside its first record (cut short)", "途中で切れています")
        try:
            meta = aead.decrypt(_nonce(prefix, 0, False), sealed, header)
        except InvalidTag:
            why = ("REVIEWDESK_PASSPHRASE is not its passphrase" if key.source == "passphrase"
                   else "the keyring holds another key under its id")
            raise WrongBackupKey(
                f"{path}: cannot decrypt the backup: it was written with another key ({why}), "
                "or its first record was altered; nothing was restored",
                ja=f"バックアップ {path.name} を復号できません。パスフレーズ（REVIEWDESK_PASSPHRASE）が"
                   "作成時と異なるか、ファイルが改変されています。何も復元していません") from None
        unsealed.metadata = json.loads(meta)
        return unsealed
    except BaseException:
        fh.close()
        raise


def _damaged(path: Path, what: str, ja: str) -> VaultError:
    return VaultError(f"{path}: the backup is damaged: {what}; it cannot be restored",
                      ja=f"バックアップ {path.name} は破損しています（{ja}）。復元できません")

