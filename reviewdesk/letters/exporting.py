"""Writing letters out as signed, and a closed case's self-contained archive record."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action, allowed, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import load_case, read_case, visibility_clause
from reviewdesk.cases.record import case_record
from reviewdesk.cases.states import CaseState
from reviewdesk.errors import InputError, RuleViolation
from reviewdesk.letters.anchors import archive_anchor, sign_detached
from reviewdesk.letters.issuing import case_letters, issue_case_letter, letter_pdf
from reviewdesk.store.models import Case, Letter
from reviewdesk.store.private_files import name_part, private_dir, write_private
from reviewdesk.store.vault import Vault


def _out_dir(out: Path) -> Path:
    # Owner-only like the vault (store/private_files.py): what is exported is about patients.
    return private_dir(out)


def _write_new(path: Path, data: bytes) -> None:
    if path.exists():
        raise InputError(f"{path}: already exists; export into an empty folder",
                         ja=f"{path.name} はすでにあります。空のフォルダに書き出してください")
    write_private(path, data)


def letter_filename(case_no: str | None, kind: str, letter_no: str) -> str:
    """The export's name of a letter, from parts checked to be safe in a file name (a number
    read from the vault holding '/', '..' or a control character is refused)."""
    case_part = name_part(case_no, "case number", "事案番号") if case_no is not None else "meeting"
    return (f"{case_part}_{name_part(kind, 'letter kind', '通知書の種類')}_"
            f"{name_part(letter_no, 'letter number', '通知書番号')}.pdf")


def _check_names(vault: Vault, actor: Actor, ids: list[int]) -> None:
    """Every letter's file name checked before anything is audited or written."""
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        for start in range(0, len(ids), 500):
            for case_no, kind, letter_no in session.execute(
                    sa.select(Case.case_no, Letter.kind, Letter.letter_no)
                    .outerjoin(Case, Case.id == Letter.case_id)
                    .where(Letter.id.in_(ids[start:start + 500]))):
                letter_filename(case_no, kind, letter_no)


def export_letters(vault: Vault, actor: Actor, out: Path, case_id: int | None = None) -> list[Path]:
    """Stored letters exactly as signed (the same bytes), named by case and kind; the audit
    trail records the export (which letters, into which folder) before a byte is written."""
    # Reviewers export no letters, not even of their own cases: a case record quotes the other
    # reviewers' opinions (blind review), and the GUI shows them no letters either.
    require(actor, Action.READ_ALL_CASES)  # before the folder is made
    out = _out_dir(out)
    ids = _letter_ids(vault, actor, case_id)
    _check_names(vault, actor, ids)
    if ids:
        _audit_export(vault, actor, "letter.export", case_id, ids, out.name)
    return _write_letters(vault, actor, out, ids)


def export_letter(vault: Vault, actor: Actor, letter_id: int, path: Path) -> Path:
    """One stored letter exactly as signed, to path (the desktop's 'Export'), audited first."""
    _row, pdf = letter_pdf(vault, actor, letter_id)  # permission, visibility, SHA-256
    path = Path(path)
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        case_id = session.scalar(sa.select(Letter.case_id).where(Letter.id == letter_id))
    _audit_export(vault, actor, "letter.export", case_id, [letter_id], path.name)
    write_private(path, pdf, replace=True)  # owner-only; the save dialog asked before replacing
    return path


def _letter_ids(vault: Vault, actor: Actor, case_id: int | None) -> list[int]:
    with read(vault, actor, Action.READ_ALL_CASES) as session:
        if case_id is not None:
            load_case(session, actor, case_id)
            return list(session.scalars(
                sa.select(Letter.id).where(Letter.case_id == case_id).order_by(Letter.id)).all())
        query = sa.select(Letter.id).outerjoin(Case, Case.id == Letter.case_id).where(
            sa.or_(Letter.case_id.is_(None), visibility_clause(actor))).order_by(Letter.id)
        return list(session.scalars(query).all())


def _audit_export(vault: Vault, actor: Actor, event: str, case_id: int | None, letter_ids: list[int],
                  target: str, action: Action = Action.READ_ALL_CASES) -> None:
    """Who took which letters out of the vault, and where to (the file or folder's name)."""
    with write(vault, actor, action) as uow:
        numbers = uow.session.scalars(sa.select(Letter.letter_no).where(Letter.id.in_(letter_ids))
                                      .order_by(Letter.id)).all()
        uow.audit(event, "case" if case_id is not None else "letter",
                  case_id if case_id is not None else (letter_ids[0] if len(letter_ids) == 1 else None),
                  case_id=case_id, detail={"letters": list(numbers), "to": target})


def _write_letters(vault: Vault, actor: Actor, out: Path, ids: list[int]) -> list[Path]:
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
        case_no = name_part(case.case_no, "case number", "事案番号")  # it names the folder
    if not any(r.kind == "case_record" for r in case_letters(vault, actor, case_id)):
        if not allowed(actor, Action.ISSUE_LETTER):
            raise RuleViolation("the case record has not been issued yet; the secretariat issues it",
                                ja="事案記録がまだ発行されていません（事務局が発行します）")
        issue_case_letter(vault, actor, case_id, "case_record")
    folder = _out_dir(Path(out) / case_no)
    ids = _letter_ids(vault, actor, case_id)
    _check_names(vault, actor, ids)
    # One event for the whole archive, before anything is written; its manifest then anchors
    # the trail up to and including it (letters/anchors.py).
    _audit_export(vault, actor, "case.archive_export", case_id, ids, folder.name, Action.EXPORT_ARCHIVE)
    files = _write_letters(vault, actor, folder, ids)
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
                                           for p in sorted(files)},
                "audit": archive_anchor(vault), **_export_facts(vault, actor)}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    _write_new(folder / "manifest.json", manifest_bytes)
    _write_new(folder / "manifest.json.p7s", _detached_signature(vault, manifest_bytes))
    return folder


def _detached_signature(vault: Vault, data: bytes) -> bytes:
    return sign_detached(vault, data, timestamped=True)


def _export_facts(vault: Vault, actor: Actor) -> dict[str, str]:
    """When, by whom and with what the archive was written, and whose key signs its manifest."""
    import datetime as dt

    from reviewdesk import __version__
    from reviewdesk.letters.pki import load_pkcs12
    from reviewdesk.letters.signer import active_signer

    p12, password, _ = active_signer(vault)
    return {"exported_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "exported_by": actor.username, "application_version": __version__,
            "signer_fingerprint_sha256": load_pkcs12(p12, password).info.fingerprint_sha256}
