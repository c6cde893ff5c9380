"""The vault the permission-matrix tests act on: a case at each point the services act on.

`build_stage` makes it once per test module; each test works on its own copy of the file, so
allowed calls cannot disturb each other. Also here: what the tests compare before and after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from reviewdesk.auth.roles import Actor, Role
from reviewdesk.cases import archive, assessing, meetings, review
from reviewdesk.cases.document_masking import apply_masking
from reviewdesk.cases.documents import add_document
from reviewdesk.cases.intake import withdraw_case
from reviewdesk.cases.masking import Span
from reviewdesk.cases.opinions import save_opinion
from reviewdesk.cases.queries import CaseFilter
from reviewdesk.cases.saved_filters import save_filter
from reviewdesk.letters import signer
from reviewdesk.letters.issuing import issue_minutes
from reviewdesk.letters.pki import DemoPki, make_demo_pki
from reviewdesk.store.models import AuditEvent, Base, DocumentChunk, Letter
from reviewdesk.store.vault import Vault
from tests.cases.flow import (
    INPUTS,
    TODAY,
    board_meeting,
    decide,
    intake,
    liable,
    opinion,
    reviewed,
    signed_letter,
    write,
)
from tests.support.builders import make_world

PASSPHRASE = "test-passphrase"
# Who acts for each role: derm and lawyer are the reviewers assigned to the staged cases;
# assessor2 approves what assessor computed.
ACTING = {Role.SECRETARIAT: "secretary", Role.PHYSICIAN_REVIEWER: "derm",
          Role.LAWYER_REVIEWER: "lawyer", Role.BOARD_CHAIR: "chair",
          Role.ASSESSMENT_COMMITTEE: "assessor2", Role.AUDITOR: "auditor"}
# Reviewers assigned to no staged case: they must see none of them.
OUTSIDERS = ("derm2", "lawyer2")
# The services sign at the wall clock, so the signer certificates are made at the wall clock too
# (never for a fixed date next to a signature made now: that is a time bomb).
DOCUMENT = ("カルテ.txt", "text/plain", "診療録の写し".encode())
ORIGINAL_DOCUMENT = ("同意書.txt", "text/plain", "原事案の同意書".encode())
PENDING_DOCUMENT = ("請求書_山田花子様.txt", "text/plain", "請求者 山田 花子".encode())
CONSENT_FILE = ("同意書.txt", "同意書".encode())  # a file on disk, for add_document_file
# The masked copy of DOCUMENT as reviewers get it (its first two characters masked).
MASKED_DOCUMENT = "■■録の写し".encode()


def consent_file(folder: Path) -> Path:
    """CONSENT_FILE written into folder, as a user would pick it (beside the staged vault, so
    that what a call writes into `out` stays apart)."""
    path = folder / CONSENT_FILE[0]
    path.write_bytes(CONSENT_FILE[1])
    return path


@dataclass(frozen=True)
class Stage:
    path: Path
    actors: dict[str, Actor]
    ids: dict[str, Any]
    signer_fingerprint: str  # of the certificate the staged letters are signed with
    new_signer: DemoPki  # a second certificate, for importing
    out: Path = Path()  # each test's own empty folder for what a service writes outside the vault


def build_stage(folder: Path) -> Stage:
    """The staged vault at folder/test.rdvault, closed, with what the tests need to find in it."""
    from argon2 import PasswordHasher

    from reviewdesk.auth import passwords

    new_signer = make_demo_pki(signer_name="事務局長 デモ用")
    with pytest.MonkeyPatch.context() as mp:  # the same cheap costs as the autouse fixtures
        mp.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        # The signer's password stays in the vault, not in a keyring that ends with the test.
        mp.setattr(signer, "secure_keyring_available", lambda: False)
        w = make_world(folder)
        v, sec = w.vault, w["secretary"]
        pki = make_demo_pki()
        info, _ = signer.import_signer(v, sec, pki.signer_p12, pki.password.decode())
        ids: dict[str, Any] = {"member": w.member_id, "facility": w.facility_id,
                               "contract": w.contract_id, "doctor": w.doctor_id}
        ids["pr"] = intake(w)  # peer review: derm and lawyer assigned, each with a draft
        for name in ("derm", "lawyer"):
            review.assign_reviewer(v, sec, ids["pr"], w[name].user_id, today=TODAY)
            ids[f"draft_{name}"] = save_opinion(v, w[name], ids["pr"], opinion())
        ids["document"] = add_document(v, sec, ids["pr"], "record", *DOCUMENT)
        # Masked, then corrected after its release: derm and lawyer each have a notice.
        apply_masking(v, sec, ids["document"], spans=[Span(0, 1)])
        apply_masking(v, sec, ids["document"], spans=[Span(0, 2)])
        ids["pending_document"] = add_document(v, sec, ids["pr"], "claimant_letter", *PENDING_DOCUMENT)
        ids["disputed"] = intake(w)  # the physicians disagree on negligence
        for name, view in (("derm", opinion()), ("plastic", opinion("not_liable", "no", "no"))):
            review.assign_reviewer(v, sec, ids["disputed"], w[name].user_id, today=TODAY)
            write(w, name, ids["disputed"], view)
        ids["uncovered"] = intake(w, incident_date=date(2019, 6, 1))  # before the retro date
        ids["ready"] = reviewed(w)  # opinions in, not yet on an agenda
        ids["meeting"] = board_meeting(w)
        ids["board"] = reviewed(w)
        ids["item"] = meetings.add_to_agenda(v, sec, ids["meeting"], ids["board"])
        ids["minutes_letter"] = issue_minutes(v, sec, ids["meeting"], issued_on=TODAY)
        ids["assess"] = liable(w)
        ids["assessment"] = assessing.compute_assessment(v, w["assessor"], ids["assess"], INPUTS,
                                                         today=TODAY)
        ids["decided"] = reviewed(w)
        decide(w, ids["decided"], "not_liable")
        signed_letter(w, ids["decided"], "finding")
        ids["notified"] = reviewed(w)
        decide(w, ids["notified"], "not_liable")
        signed_letter(w, ids["notified"], "finding")
        archive.mark_notified(v, sec, ids["notified"])
        ids["closed"] = intake(w)  # withdrawn, then closed
        withdraw_case(v, sec, ids["closed"], "取下げ")
        archive.close_case(v, sec, ids["closed"], today=TODAY)
        ids["archived"] = reviewed(w)  # decided, notified and closed, its case record issued
        decide(w, ids["archived"], "not_liable")
        signed_letter(w, ids["archived"], "finding")
        archive.mark_notified(v, sec, ids["archived"])
        archive.close_case(v, sec, ids["archived"], today=TODAY)
        signed_letter(w, ids["archived"], "case_record")
        # An appeal: its original was reviewed by plastic and lawyer, and the appeal's panel is
        # derm and lawyer, so both acting reviewers read the original only through the appeal.
        # (The world has one lawyer besides the outsider: taken off the original by a declared
        # conflict, they no longer count as its reviewer and may sit on the appeal's panel.)
        ids["appealed"] = intake(w, specialty="plastic_surgery")
        for name in ("plastic", "lawyer"):
            review.assign_reviewer(v, sec, ids["appealed"], w[name].user_id, today=TODAY)
            write(w, name, ids["appealed"])
        ids["original_document"] = add_document(v, sec, ids["appealed"], "consent", *ORIGINAL_DOCUMENT)
        apply_masking(v, sec, ids["original_document"], no_personal_data=True)
        decide(w, ids["appealed"], "not_liable")
        signed_letter(w, ids["appealed"], "finding")
        ids["appeal"] = archive.register_appeal(v, sec, ids["appealed"], "判断に異議", today=TODAY)
        review.declare_conflict(v, w["lawyer"], ids["appealed"], "原事案の申立人と面識")
        for name in ("derm", "lawyer"):
            review.assign_reviewer(v, sec, ids["appeal"], w[name].user_id, today=TODAY)
        # A meeting whose minutes are not issued yet: its record can still be corrected.
        ids["open_meeting"] = board_meeting(w)
        ids["open_item"] = meetings.add_to_agenda(v, sec, ids["open_meeting"], reviewed(w))
        meetings.recuse(v, sec, ids["open_item"], w["plastic"].user_id, "同門")
        for username in ACTING.values():
            ids[f"filter_{username}"] = save_filter(v, w[username], "査読中の事案",
                                                    CaseFilter(states=("peer_review",)))
        with v.reading() as session:
            ids["finding_letter"] = session.scalar(sa.select(Letter.id).where(
                Letter.case_id == ids["decided"], Letter.kind == "finding"))
            ids["finding_letter_no"] = session.scalar(sa.select(Letter.letter_no).where(
                Letter.id == ids["finding_letter"]))
        from reviewdesk.auth.vault_admin import backup_vault

        ids["backup"] = backup_vault(v, sec, folder / "staged-backup.rdvault")
        actors = dict(w.actors)
        v.close()
    for username in OUTSIDERS:
        assert actors[username].is_reviewer
    ids["consent_file"] = consent_file(folder)
    return Stage(folder / "test.rdvault", actors, ids, info.fingerprint_sha256, new_signer)


# What the tests compare ------------------------------------------------------------------

def snapshot(vault: Vault) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: what a refused call must leave exactly as it was."""
    # Driver SQL: compiling a select of every table for each fresh vault's engine cost most of
    # the permission matrix's time.
    with vault.reading() as session:
        conn = session.connection()
        return {t.name: [tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{t.name}"').all()]
                for t in Base.metadata.sorted_tables}


def stored_bytes(vault: Vault, document_id: int) -> bytes:
    """A document's original as the vault holds it: its chunks joined in order."""
    with vault.reading() as session:
        return b"".join(session.scalars(sa.select(DocumentChunk.data).where(
            DocumentChunk.document_id == document_id).order_by(DocumentChunk.seq)))


def audit_head(vault: Vault) -> int:
    with vault.reading() as session:
        return int(session.scalar(sa.select(sa.func.max(AuditEvent.id))) or 0)


def audit_since(vault: Vault, head: int) -> list[tuple[str, str]]:
    """(action, username) of each event written after `head`, oldest first."""
    with vault.reading() as session:
        return [tuple(r) for r in session.execute(  # type: ignore[misc]
            sa.select(AuditEvent.action, AuditEvent.username).where(AuditEvent.id > head)
            .order_by(AuditEvent.id)).all()]


def scalar(vault: Vault, statement: sa.Select[Any]) -> Any:
    with vault.reading() as session:
        return session.scalar(statement)


def first(vault: Vault, statement: sa.Select[Any]) -> tuple[Any, ...] | None:
    """The first row as a plain tuple (None without one), for comparing with expected values."""
    with vault.reading() as session:
        row = session.execute(statement).first()
        return tuple(row) if row is not None else None


def column(vault: Vault, statement: sa.Select[Any]) -> list[Any]:
    with vault.reading() as session:
        return list(session.scalars(statement).all())
