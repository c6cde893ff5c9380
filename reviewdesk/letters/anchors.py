"""The audit chain's head, signed and kept outside the vault: in letters, backups, checkpoints.

Whoever holds the vault key can truncate the trail or rewrite it and recompute every hash. An
anchor is the pair (sequence number, hash) of the trail's last event at some moment, signed with
the association's signing certificate and kept where the vault key does not reach: a letter
sent to a member, a backup carried off-site, a checkpoint written beside the vault at every
close. `reviewdesk check` compares every anchor it is given with the trail (auth/integrity.py):
a cut or rewritten trail no longer holds the anchored event with the anchored hash.

Formats (none holds anything about a patient):

- a letter: /ReviewDeskAudit << /Vault (id) /Seq n /Head (hex) >> in the PDF's catalog, in the
  revision the PAdES signature covers (letters/signing.py); the head is the trail's before the
  letter's own event.
- a backup: `<backup>.anchor.json` beside the backup file, with its detached CMS signature
  `<backup>.anchor.json.p7s`; the head is the copy's own (the backup's event included), with
  the copy's size and SHA-256.
- a checkpoint: `<vault>.checkpoints/checkpoint-<seq>.json` + `.p7s`, written at every close
  that finds a head not yet checkpointed.
- an archive export: its signed manifest.json carries {"audit": {vault_id, audit_seq,
  audit_head}} (letters/exporting.py).

The JSON anchors are {"format": "reviewdesk-anchor/1", "kind", "vault_id", "audit_seq",
"audit_head", "written_at", ...}.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reviewdesk.auth import audit
from reviewdesk.auth.integrity import AnchorVerdict, compare_anchor
from reviewdesk.errors import ReviewDeskError
from reviewdesk.store.models import Letter
from reviewdesk.store.vault import Vault

FORMAT = "reviewdesk-anchor/1"
SIGNATURE_SUFFIX = ".p7s"
CHECKPOINTS_SUFFIX = ".checkpoints"


class AnchorKind(StrEnum):
    LETTER = "letter"
    BACKUP = "backup"
    CHECKPOINT = "checkpoint"
    ARCHIVE = "archive"


class SignatureState(StrEnum):
    OK = "ok"  # intact and made by a certificate the vault knows (or one given with --trust)
    IN_VAULT = "in_vault"  # a letter stored in the vault: its bytes are vouched for by its row
    UNTRUSTED = "untrusted"  # intact, but by a certificate the vault does not know
    INVALID = "invalid"  # the signature does not verify: the anchor itself was altered
    UNSIGNED = "unsigned"  # an anchor file without its signature


_KIND_LABELS = {AnchorKind.LETTER: ("通知書", "letter"), AnchorKind.BACKUP: ("バックアップ", "backup"),
                AnchorKind.CHECKPOINT: ("チェックポイント", "checkpoint"),
                AnchorKind.ARCHIVE: ("アーカイブ", "archive")}


@dataclass(frozen=True)
class Anchor:
    kind: AnchorKind
    name: str  # the file name, or the letter number for a letter stored in the vault
    vault_id: str
    seq: int
    head: str
    signature: SignatureState
    signer: str = ""


@dataclass(frozen=True)
class AnchorCheck:
    anchor: Anchor
    verdict: AnchorVerdict

    @property
    def ok(self) -> bool:
        return self.verdict is AnchorVerdict.OK and self.anchor.signature in (
            SignatureState.OK, SignatureState.IN_VAULT)

    def text(self, lang: str = "ja") -> str:
        a = self.anchor
        kind_ja, kind_en = _KIND_LABELS[a.kind]
        if lang == "ja":
            where = f"{kind_ja} {a.name}（イベント {a.seq}）"
            verdict = {
                AnchorVerdict.OK: "監査記録と一致",
                AnchorVerdict.CUT: "このイベントが監査記録にありません（監査記録が切り詰められています）",
                AnchorVerdict.REWRITTEN: "このイベントのハッシュが異なります"
                                         "（監査記録が書き換えられています）",
                AnchorVerdict.BROKEN: "ここまでの監査記録の連鎖が壊れています",
                AnchorVerdict.OTHER_VAULT: "別の保管庫のものです",
            }[self.verdict]
            sig = {SignatureState.UNTRUSTED: "（署名者がこの保管庫に登録されていません）",
                   SignatureState.INVALID: "（署名が検証できません：改変されています）",
                   SignatureState.UNSIGNED: "（署名がありません）"}.get(a.signature, "")
            return f"{where}: {verdict}{sig}"
        where = f"{kind_en} {a.name} (event {a.seq})"
        verdict = {
            AnchorVerdict.OK: "matches the audit trail",
            AnchorVerdict.CUT: "the trail no longer has this event (it was truncated)",
            AnchorVerdict.REWRITTEN: "this event has another hash (the trail was rewritten)",
            AnchorVerdict.BROKEN: "the chain is broken up to this event",
            AnchorVerdict.OTHER_VAULT: "belongs to another vault",
        }[self.verdict]
        sig = {SignatureState.UNTRUSTED: " (signed by a certificate this vault does not know)",
               SignatureState.INVALID: " (its signature does not verify: the anchor was altered)",
               SignatureState.UNSIGNED: " (not signed)"}.get(a.signature, "")
        return f"{where}: {verdict}{sig}"


# Writing ------------------------------------------------------------------------------------

def anchor_payload(kind: AnchorKind, vault_id: str, seq: int, head: str, **extra: Any) -> bytes:
    body = {"format": FORMAT, "kind": kind.value, "vault_id": vault_id, "audit_seq": seq,
            "audit_head": head,
            "written_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(), **extra}
    return json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")


def sign_detached(vault: Vault, data: bytes, *, timestamped: bool = False) -> bytes:
    """A detached CAdES signature of data by the vault's active signer (DER), with
    signing-certificate-v2; timestamped: also a signature timestamp from the board's TSA when
    one is configured and answers (CAdES-T), else without (CAdES-BES)."""
    from reviewdesk.letters.cades import sign_cades
    from reviewdesk.letters.pki import load_pkcs12
    from reviewdesk.letters.signer import active_signer

    p12, password, _ = active_signer(vault)
    identity = load_pkcs12(p12, password)
    if timestamped:
        from pyhanko.sign.timestamps import TimestampRequestError

        from reviewdesk.letters.tsa import load_tsa

        with vault.reading() as session:
            tsa = load_tsa(vault, session)
        if tsa is not None:
            try:
                return sign_cades(identity, data, tsa.timestamper())
            except (TimestampRequestError, OSError, TimeoutError):
                pass  # offline: the manifest is still signed, without the proof of time
    return sign_cades(identity, data)


def _write_signed(vault: Vault, path: Path, payload: bytes) -> Path | None:
    """payload at path and its signature at path + .p7s, or nothing without a usable signer."""
    try:
        signature = sign_detached(vault, payload)
    except ReviewDeskError:  # no signer certificate, or its password is not on this machine
        return None
    path.parent.mkdir(mode=0o700, exist_ok=True)
    for target, data in ((path.with_name(path.name + SIGNATURE_SUFFIX), signature), (path, payload)):
        partial = target.with_name(target.name + ".partial")
        partial.write_bytes(data)
        partial.replace(target)
    return path


def checkpoint_dir(vault_path: Path) -> Path:
    return vault_path.with_name(vault_path.name + CHECKPOINTS_SUFFIX)


def write_checkpoint(vault: Vault) -> Path | None:
    """A signed checkpoint of the trail's head beside the vault, unless one exists for it."""
    with vault.reading() as session:
        seq, head = audit.head(session)
    if seq == 0:
        return None
    folder = checkpoint_dir(vault.path)
    path = folder / f"checkpoint-{seq:010d}.json"
    if path.exists():
        return None
    return _write_signed(vault, path, anchor_payload(AnchorKind.CHECKPOINT, vault.vault_id, seq, head))


def backup_manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".anchor.json")


def write_backup_manifest(vault: Vault, backup: Path, seq: int, head: str) -> Path | None:
    """The backup's signed manifest: the copy's trail head, size and SHA-256."""
    digest = hashlib.sha256()
    with backup.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    payload = anchor_payload(AnchorKind.BACKUP, vault.vault_id, seq, head, file=backup.name,
                             size=backup.stat().st_size, sha256=digest.hexdigest())
    return _write_signed(vault, backup_manifest_path(backup), payload)


def archive_anchor(vault: Vault) -> dict[str, Any]:
    """What an archive export's manifest carries of the trail (after its own export event)."""
    with vault.reading() as session:
        seq, head = audit.head(session)
    return {"vault_id": vault.vault_id, "audit_seq": seq, "audit_head": head}


class SignedAnchors:
    """The store's anchor hooks (store/vault.py), signing with the vault's active signer."""

    def checkpoint(self, vault: Vault) -> Path | None:
        return write_checkpoint(vault)

    def backup_written(self, vault: Vault, backup: Path, seq: int, head: str) -> Path | None:
        return write_backup_manifest(vault, backup, seq, head)


def install(vault: Vault) -> Vault:
    """Makes the vault anchor its trail: a checkpoint at close, a manifest with each backup."""
    vault.anchors = SignedAnchors()
    return vault


# Reading ------------------------------------------------------------------------------------

def letter_anchor(pdf: bytes) -> tuple[str, int, str] | None:
    """(vault id, seq, head) from a letter's catalog, or None for a letter without one."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from reviewdesk.letters.signing import ANCHOR_KEY

    try:
        entry = PdfFileReader(io.BytesIO(pdf), strict=False).root.get(ANCHOR_KEY)
        if entry is None:
            return None
        return str(entry["/Vault"]), int(entry["/Seq"]), str(entry["/Head"])
    except Exception:  # a damaged or foreign PDF carries no anchor we can use
        return None


def _roots(trust: Sequence[bytes]) -> list[Any]:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from reviewdesk.letters.pki import load_certificates

    return [asn1_x509.Certificate.load(c.public_bytes(Encoding.DER))
            for blob in trust for c in load_certificates(blob)]


def verify_detached(data: bytes, signature: bytes, trust: Sequence[bytes]) -> tuple[SignatureState, str]:
    """Whether signature is a valid detached CMS signature of data, and by whom (common name)."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    from reviewdesk.letters.verify import _quiet_pyhanko

    try:
        signed_data = cms.ContentInfo.load(signature)["content"]
        attrs = signed_data["signer_infos"][0]["signed_attrs"]
        when = next((a["values"][0].native for a in attrs if a["type"].native == "signing_time"), None)
        context = ValidationContext(trust_roots=_roots(trust), allow_fetching=False, moment=when)
        with _quiet_pyhanko():
            status = asyncio.run(async_validate_detached_cms(
                data, signed_data, signer_validation_context=context))
    except Exception:  # a malformed signature file is an altered anchor, never a traceback
        return SignatureState.INVALID, ""
    signer = status.signing_cert.subject.native.get("common_name", "")
    if not (status.intact and status.valid):
        return SignatureState.INVALID, signer
    return (SignatureState.OK if status.trusted else SignatureState.UNTRUSTED), signer


def _json_anchor(path: Path, trust: Sequence[bytes]) -> Anchor | None:
    data = path.read_bytes()
    try:
        body = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict):
        return None
    if body.get("format") == FORMAT:
        kind = AnchorKind(body.get("kind", AnchorKind.CHECKPOINT.value))
        fields = body
    elif isinstance(body.get("audit"), dict):  # an archive export's manifest
        kind, fields = AnchorKind.ARCHIVE, body["audit"]
    else:
        return None
    signature = path.with_name(path.name + SIGNATURE_SUFFIX)
    state, signer = (verify_detached(data, signature.read_bytes(), trust) if signature.exists()
                     else (SignatureState.UNSIGNED, ""))
    try:
        return Anchor(kind, path.name, str(fields["vault_id"]), int(fields["audit_seq"]),
                      str(fields["audit_head"]), state, signer)
    except (KeyError, TypeError, ValueError):
        return Anchor(kind, path.name, "", 0, "", SignatureState.INVALID, signer)


def _pdf_anchor(path: Path, trust: Sequence[bytes]) -> Anchor | None:
    from reviewdesk.letters.verify import verify_pdf

    data = path.read_bytes()
    found = letter_anchor(data)
    if found is None:
        return None
    try:
        result = verify_pdf(data, trust)
    except ReviewDeskError:
        result = None
    if result is None or not result.intact:
        state = SignatureState.INVALID
    else:
        state = SignatureState.OK if result.trusted else SignatureState.UNTRUSTED
    return Anchor(AnchorKind.LETTER, path.name, *found, state, result.signer if result else "")


def read_anchors(folders: Iterable[Path], trust: Sequence[bytes]) -> list[Anchor]:
    """Every anchor in these folders and their subfolders: letters (PDF), backup manifests,
    checkpoints and archive manifests (JSON with their .p7s)."""
    found: list[Anchor] = []
    seen: set[Path] = set()
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        for path in paths:
            if path.resolve() in seen:  # folders given twice, or one inside another
                continue
            seen.add(path.resolve())
            suffix = path.suffix.lower()
            anchor = (_pdf_anchor(path, trust) if suffix == ".pdf"
                      else _json_anchor(path, trust) if suffix == ".json" else None)
            if anchor is not None:
                found.append(anchor)
    return found


def stored_letter_anchors(vault: Vault) -> Iterator[Anchor]:
    """The anchors of the signed letters stored in the vault (their rows vouch for the bytes)."""
    with vault.reading() as session:
        ids = session.scalars(sa.select(Letter.id).where(Letter.signed.is_(True)).order_by(Letter.id)).all()
    for start in range(0, len(ids), 200):
        with vault.reading() as session:
            rows = session.execute(sa.select(Letter.letter_no, Letter.pdf)
                                   .where(Letter.id.in_(ids[start:start + 200])).order_by(Letter.id)).all()
        for letter_no, pdf in rows:
            found = letter_anchor(pdf)
            if found is not None:
                yield Anchor(AnchorKind.LETTER, letter_no, *found, SignatureState.IN_VAULT)


def check_anchors(vault: Vault, anchors: Iterable[Anchor]) -> list[AnchorCheck]:
    """Each anchor against the vault's trail (auth/integrity.py: same seq, same hash, and the
    chain verifies up to it)."""
    with vault.reading() as session:
        chain = audit.verify_chain(session)
        return [AnchorCheck(a, compare_anchor(session, chain, vault.vault_id, a.vault_id, a.seq, a.head))
                for a in anchors]


def default_anchors(vault: Vault, folders: Iterable[Path] = (), trust: Sequence[bytes] = ()) -> list[Anchor]:
    """What `reviewdesk check` compares by default: the letters in the vault, the checkpoints
    beside it, and every anchor in the folders given (--anchors)."""
    from reviewdesk.letters.signer import trusted_roots

    roots = [*trusted_roots(vault), *trust]
    # A server keeps no checkpoints beside itself: it has no file to put them beside.
    folders = [*([checkpoint_dir(vault.path)] if vault.path is not None else []), *folders]
    return [*stored_letter_anchors(vault), *read_anchors([f for f in folders if f.exists()], roots)]

