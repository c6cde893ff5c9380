"""Writing letters out as signed, and a closed case's self-contained archive record."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action, allowed, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases.access import load_case, read_case, visibility_clause
from reviewdesk.cases.record import case_record
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import InputError, RuleViolation
from reviewdesk.letters.issuing import case_letters, issue_case_letter, letter_pdf
from reviewdesk.letters.pki import load_pkcs12
from reviewdesk.letters.signer import active_signer
from reviewdesk.store.models import Case, Letter
from reviewdesk.store.vault import Vault


def _out_dir(out: Path) -> Path:
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: not a folder", ja=f"{out} はフォルダではありません")
    out.mkdir(parents=True, exist_ok=True)
    return out


def _write_new(path: Path, data: bytes) -> None:
    if path.exists():
        raise InputError(f"{path}: already exists; export into an empty folder",
                         ja=f"{path.name} はすでにあります。空のフォルダに書き出してください")
    path.write_bytes(data)


def letter_filename(case_no: str | None, kind: str, letter_no: str) -> str:
    return f"{case_no or 'meeting'}_{kind}_{letter_no}.pdf"


def export_letters(vault: Vault, actor: Actor, out: Path, case_id: int | None = None) -> list[Path]:
    """Stored letters exactly as signed (the same bytes), named by case and kind."""
    # Reviewers export no letters, not even of their own cases: a case record quotes the other
    # reviewers' opinions (blind review), and the GUI shows them no letters either.
    require(actor, Action.READ_ALL_CASES)  # before the folder is made
    out = _out_dir(out)
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        if case_id is not None:
            load_case(session, actor, case_id)
            ids = session.scalars(
                sa.select(Letter.id).where(Letter.case_id == case_id).order_by(Letter.id)).all()
        else:
            query = sa.select(Letter.id).outerjoin(Case, Case.id == Letter.case_id).where(
                sa.or_(Letter.case_id.is_(None), visibility_clause(actor))).order_by(Letter.id)
            ids = session.scalars(query).all()
    written = []
    for letter_id in ids:
        row, pdf = letter_pdf(vault, actor, letter_id)
        path = out / letter_filename(row.case_no, row.kind, row.letter_no)
        _write_new(path, pdf)
        written.append(path)
    return written


def export_case_archive(vault: Vault, actor: Actor, case_id: int, out: Path) -> Path:
    """A closed case's record: its signed letters as signed, the signed case-record PDF, a JSON
    record (the patient under the case alias only), and a manifest of SHA-256 sums with a
    detached CMS signature, so nothing in the folder is unsigned."""
    require(actor, Action.EXPORT_ARCHIVE)  # before anything is read or written
    with read_case(vault, actor, case_id) as (session, case):
        if case.state != CaseState.CLOSED:
            raise RuleViolation(f"case {case.case_no} is not closed; only archived cases are exported",
                                ja=f"事案 {case.case_no} は完結していないため書き出せません")
        case_no = case.case_no
    if not any(r.kind == "case_record" for r in case_letters(vault, actor, case_id)):
        if not allowed(actor, Action.ISSUE_LETTER):
            raise RuleViolation("the case record has not been issued yet; the secretariat issues it",
                                ja="事案記録がまだ発行されていません（事務局が発行します）")
        issue_case_letter(vault, actor, case_id, "case_record")
    folder = _out_dir(Path(out) / case_no)
    files = export_letters(vault, actor, folder, case_id)
    record = case_record(vault, actor, case_id, with_results=True)
    # The archive copy is pseudonymised: the alias stays, the identity does not leave the vault.
    record.pop("patient_birth_date", None)
    record["letters"] = [{"letter_no": r.letter_no, "kind": r.kind, "issued_on": r.issued_on.isoformat(),
                          "sha256": r.sha256, "replaces": r.replaces}
                         for r in case_letters(vault, actor, case_id)]
    with read(vault, actor, Action.EXPORT_ARCHIVE) as session:
        record["patient"] = session.scalar(sa.select(Case.patient_alias).where(Case.id == case_id))
    record["patient_identity_visible"] = False
    record_path = folder / f"{case_no}_record.json"
    _write_new(record_path, json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8"))
    files.append(record_path)
    manifest = {"case": case_no, "files": {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                                           for p in sorted(files)}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    _write_new(folder / "manifest.json", manifest_bytes)
    _write_new(folder / "manifest.json.p7s", _detached_signature(vault, manifest_bytes))
    return folder


def _detached_signature(vault: Vault, data: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    p12, password, _ = active_signer(vault)
    identity = load_pkcs12(p12, password)
    builder = (pkcs7.PKCS7SignatureBuilder().set_data(data)
               .add_signer(identity.certificate, identity.key, hashes.SHA256()))
    for cert in identity.chain:
        builder = builder.add_certificate(cert)
    return builder.sign(serialization.Encoding.DER,
                        [pkcs7.PKCS7Options.DetachedSignature, pkcs7.PKCS7Options.Binary])
