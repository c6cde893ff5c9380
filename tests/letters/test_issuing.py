"""Letters issued from the vault: built from the case, signed, stored as signed, verifiable."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from reviewdesk.cases.assessing import CommitteeInputs, approve_assessment, compute_assessment
from reviewdesk.errors import InputError, PermissionDenied, RuleViolation
from reviewdesk.letters.issuing import case_letters, issue_case_letter, issue_minutes, letter_pdf
from reviewdesk.letters.signer import import_signer, trusted_roots
from reviewdesk.letters.verify import verify_pdf
from reviewdesk.store.models import Letter
from tests.cases import flow


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _liable_case(world) -> int:  # type: ignore[no-untyped-def]
    case_id = flow.reviewed(world)
    flow.decide(world, case_id, "liable")
    assessment = compute_assessment(world.vault, world["assessor"], case_id, CommitteeInputs(
        victim_age=35, victim_sex="female", annual_income=4_000_000, loss_years=10,
        treatment_costs=800_000, lost_wages=300_000, hospital_outpatient_consolation=900_000,
        patient_fault="0.1"), today=flow.TODAY)
    approve_assessment(world.vault, world["assessor2"], assessment, today=flow.TODAY)
    return case_id


def test_wrong_pkcs12_password_is_refused(world, current_pki) -> None:
    with pytest.raises(InputError, match="wrong password"):
        import_signer(world.vault, world["secretary"], current_pki.signer_p12, "not the password")


def test_only_the_secretariat_imports_a_signer(world, current_pki) -> None:
    with pytest.raises(PermissionDenied):
        import_signer(world.vault, world["chair"], current_pki.signer_p12, current_pki.password.decode())


def test_without_a_signer_issuing_says_what_to_do(world) -> None:
    case_id = flow.intake(world)
    with pytest.raises(RuleViolation, match="signer import"):
        issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")


def test_finding_and_assessment_letters_are_signed_and_stored_as_signed(signed_world) -> None:
    world = signed_world
    case_id = _liable_case(world)
    finding_id = issue_case_letter(world.vault, world["chair"], case_id, "finding",
                                   issued_on=date(2026, 11, 21))
    assessment_id = issue_case_letter(world.vault, world["secretary"], case_id, "assessment",
                                      issued_on=date(2026, 11, 21))
    rows = {r.id: r for r in case_letters(world.vault, world["secretary"], case_id)}
    assert rows[finding_id].signed and rows[assessment_id].kind == "assessment"
    row, pdf = letter_pdf(world.vault, world["auditor"], assessment_id)
    assert hashlib.sha256(pdf).hexdigest() == row.sha256
    result = verify_pdf(pdf, trusted_roots(world.vault))
    assert result.ok and result.trusted and result.intact
    text = _text(pdf)
    for needle in ("査定結果通知書", row.case_no, "令和8年11月21日", "8,609,220", "8,709,220",
                   "9,676,912", "4,776,912", "3,800,000"):
        assert needle in text, needle
    assert "委員長 太郎" in _text(letter_pdf(world.vault, world["chair"], finding_id)[1])


def test_a_correction_is_a_new_letter_naming_the_old_one(signed_world) -> None:
    world = signed_world
    case_id = flow.intake(world)
    first = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    _, original = letter_pdf(world.vault, world["secretary"], first)
    old_no = case_letters(world.vault, world["secretary"], case_id)[0].letter_no
    second = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement",
                               replaces_no=old_no, correction_reason="受付日の誤記")
    assert second != first
    assert letter_pdf(world.vault, world["secretary"], first)[1] == original  # untouched
    row, pdf = letter_pdf(world.vault, world["secretary"], second)
    assert row.replaces == old_no and old_no in _text(pdf)


def test_a_reviewer_cannot_read_letters_of_other_cases(signed_world) -> None:
    world = signed_world
    case_id = flow.intake(world)
    letter = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    # Refused before the letter is looked up: the answer does not depend on the case.
    with pytest.raises(PermissionDenied):
        letter_pdf(world.vault, world["derm"], letter)
    with pytest.raises(PermissionDenied):
        letter_pdf(world.vault, world["derm"], letter + 1000)
    with pytest.raises(PermissionDenied):
        issue_case_letter(world.vault, world["derm"], case_id, "intake_acknowledgement")


def test_tampering_with_stored_bytes_is_caught(signed_world) -> None:
    world = signed_world
    case_id = flow.intake(world)
    letter = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    with world.vault.begin_write() as session:
        session.execute(sa.update(Letter).where(Letter.id == letter).values(pdf=b"%PDF-1.7 forged"))
    with pytest.raises(RuleViolation, match="SHA-256"):
        letter_pdf(world.vault, world["secretary"], letter)


def test_minutes_are_signed(signed_world) -> None:
    world = signed_world
    case_id = flow.reviewed(world)
    meeting = flow.board_meeting(world)
    flow.decide(world, case_id, "not_liable", meeting_id=meeting)
    letter = issue_minutes(world.vault, world["secretary"], meeting, issued_on=date(2026, 11, 26))
    _row, pdf = letter_pdf(world.vault, world["secretary"], letter)
    assert verify_pdf(pdf, trusted_roots(world.vault)).ok
    text = _text(pdf)
    assert "議事録" in text and "委員長 太郎" in text


def test_signer_info_shows_the_certificate_to_the_secretariat_only(signed_world) -> None:
    from reviewdesk.letters.signer import signer_info

    info = signer_info(signed_world.vault, signed_world["secretary"])
    assert info is not None and "DEMO" in info.subject
    for role in ("chair", "auditor", "derm"):
        with pytest.raises(PermissionDenied):
            signer_info(signed_world.vault, signed_world[role])
