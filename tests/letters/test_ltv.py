"""Letters that still verify in ten years: B-T at issue, B-B when the TSA is down, maintenance to
B-LTA, renewal of archive timestamps, revocation, tampering with every revision; all against a
real local PKI (certomancer on 127.0.0.1, tests/letters/ltv_pki.py) made relative to the clock."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import sqlalchemy as sa
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from reviewdesk.auth.integrity import check_rows
from reviewdesk.letters import ltv
from reviewdesk.letters.issuing import case_letters, issue_case_letter, letter_pdf
from reviewdesk.letters.maintenance import letters_needing_maintenance, maintain_letters
from reviewdesk.letters.signer import trusted_roots
from reviewdesk.letters.signing import sign_pdf
from reviewdesk.letters.verify import trust_anchors, verify_pdf
from reviewdesk.store.models import AuditEvent
from tests.cases import flow
from tests.letters.ltv_pki import SIGNER_DAYS, TSA_SHORT_DAYS, LtvPki


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sign(pki: LtvPki, pdf: bytes, *, label: str = "signer", when: dt.datetime | None = None,
          tsa: ltv.TsaConfig | None = None) -> bytes:
    return sign_pdf(pdf, pki.p12(label), pki.password, signer_name="x", reason="r",
                    location="l", when=when, timestamper=tsa.timestamper() if tsa else None)


def _roots(pki: LtvPki) -> list[object]:
    return trust_anchors([pki.root_pem])


def test_issued_at_b_b_while_the_tsa_is_down_then_maintained_to_b_lta(ltv_world, ltv_pki) -> None:  # type: ignore[no-untyped-def]
    world = ltv_world
    case_id = flow.intake(world)
    ltv_pki.tsa_up = False
    letter_id = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    (row,) = case_letters(world.vault, world["secretary"], case_id)
    assert row.pades_level == "B-B"
    _, issued = letter_pdf(world.vault, world["secretary"], letter_id)
    assert verify_pdf(issued, [ltv_pki.root_pem]).level == "B-B"
    assert letters_needing_maintenance(world.vault, world["secretary"]) == 1

    ltv_pki.tsa_up = True
    report = maintain_letters(world.vault, world["secretary"])
    (line,) = report.lines
    assert (line.before, line.after, line.steps) == ("B-B", "B-LTA",
                                                      ("validation_data", "document_timestamp"))
    assert "B-B → B-LTA" in line.text()
    (row,) = case_letters(world.vault, world["secretary"], case_id)
    _, kept = letter_pdf(world.vault, world["secretary"], letter_id)  # checks the new sha256
    assert row.pades_level == "B-LTA" and kept.startswith(issued)  # the signed bytes untouched
    now = verify_pdf(kept, trusted_roots(world.vault))
    assert now.ok and now.level == "B-LTA"
    # Beyond the signer certificate's expiry, the document timestamp still proves the time.
    later = _now() + dt.timedelta(days=SIGNER_DAYS + 200)
    assert verify_pdf(kept, trusted_roots(world.vault), at=later).ok
    assert not verify_pdf(issued, trusted_roots(world.vault), at=later).ok
    assert letters_needing_maintenance(world.vault, world["secretary"]) == 0
    assert maintain_letters(world.vault, world["secretary"]).lines == []
    with world.vault.reading() as session:
        events = session.scalars(sa.select(AuditEvent.action).where(
            AuditEvent.entity == "letter", AuditEvent.entity_id == letter_id)).all()
        assert list(events) == ["letter.issue", "letter.maintain"]
        assert not check_rows(session).problems  # the row as the trail recorded it


def test_issued_at_b_t_with_the_tsa_up(ltv_world, ltv_pki) -> None:  # type: ignore[no-untyped-def]
    world = ltv_world
    case_id = flow.intake(world)
    letter_id = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    _, pdf = letter_pdf(world.vault, world["secretary"], letter_id)
    result = verify_pdf(pdf, [ltv_pki.root_pem])
    assert result.ok and result.level == "B-T"
    assert result.judged_at is not None and result.judged_at != result.signing_time
    (line,) = maintain_letters(world.vault, world["secretary"]).lines
    assert (line.before, line.after) == ("B-T", "B-LTA")


def test_maintenance_without_a_tsa_says_so(world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.errors import RuleViolation

    with pytest.raises(RuleViolation) as raised:
        maintain_letters(world.vault, world["secretary"])
    assert "タイムスタンプ局" in raised.value.ja


def test_b_t_to_b_lt_to_b_lta_and_levels(ltv_pki, letter_pdf: bytes) -> None:  # type: ignore[no-untyped-def]
    signed = _sign(ltv_pki, letter_pdf, tsa=ltv_pki.tsa())
    assert ltv.letter_level(signed).level == "B-T"
    renewal = ltv.renew(signed, ltv_pki.tsa(), _roots(ltv_pki))
    assert renewal.steps == ("validation_data", "document_timestamp")
    level = ltv.letter_level(renewal.pdf)
    assert level.level == "B-LTA" and level.signature_timestamp and level.has_dss
    result = verify_pdf(renewal.pdf, [ltv_pki.root_pem],
                        at=_now() + dt.timedelta(days=SIGNER_DAYS + 30))
    assert result.ok and result.level == "B-LTA"
    assert result.judged_at == level.signature_timestamp  # the signature's own timestamp


def test_an_archive_timestamp_is_renewed_before_its_tsa_certificate_expires(ltv_pki, letter_pdf) -> None:  # type: ignore[no-untyped-def]
    signed = _sign(ltv_pki, letter_pdf)  # B-B: only the document timestamps prove its time
    short = ltv.renew(signed, ltv_pki.tsa("tsa-short"), _roots(ltv_pki)).pdf
    expires = ltv.letter_level(short).last_tsa_expires
    assert expires is not None and expires - _now() < ltv.RENEWAL_MARGIN
    assert ltv.needs_maintenance("B-LTA", expires, _now())
    renewed = ltv.renew(short, ltv_pki.tsa(), _roots(ltv_pki))
    assert renewed.steps == ("renewed_timestamp",) and renewed.pdf.startswith(short)
    assert len(ltv.letter_level(renewed.pdf).document_timestamps) == 2
    assert not ltv.renew(renewed.pdf, ltv_pki.tsa(), _roots(ltv_pki)).changed
    # Past both the short TSA's and the signer's expiry: only the renewed chain holds.
    later = _now() + dt.timedelta(days=max(SIGNER_DAYS, TSA_SHORT_DAYS) + 100)
    assert verify_pdf(renewed.pdf, [ltv_pki.root_pem], at=later).ok
    stale = verify_pdf(short, [ltv_pki.root_pem], at=later)
    assert not stale.ok and stale.code == "untrusted" and stale.level == "B-B"


def _with_crl(pdf: bytes, crl: bytes) -> bytes:
    """A B-LT copy carrying the CRL (the validation data a verifier would fetch)."""
    from asn1crypto import crl as asn1_crl
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    out = io.BytesIO(pdf)
    DocumentSecurityStore.add_dss(out, signature.pkcs7_content,
                                  crls=[asn1_crl.CertificateList.load(crl)])
    return out.getvalue()


def test_a_revoked_signer_is_judged_at_the_time_its_timestamp_proves(ltv_pki, letter_pdf) -> None:  # type: ignore[no-untyped-def]
    revoked_since = ltv_pki.made_at - dt.timedelta(days=1)  # ltv.yml: revoked one day back
    before = revoked_since - dt.timedelta(days=1)
    early = _sign(ltv_pki, letter_pdf, label="revoked", when=before, tsa=ltv_pki.tsa(at=before))
    late = _sign(ltv_pki, letter_pdf, label="revoked", tsa=ltv_pki.tsa())
    crl = ltv_pki.crl()
    ok = verify_pdf(_with_crl(early, crl), [ltv_pki.root_pem])
    assert ok.ok and ok.level == "B-LT" and ok.judged_at is not None and ok.judged_at < revoked_since
    bad = verify_pdf(_with_crl(late, crl), [ltv_pki.root_pem])
    assert not bad.ok and bad.code == "untrusted" and "revoked" in bad.reason
    # Maintenance keeps the early letter (its OCSP response says: revoked after the timestamp)
    kept = ltv.renew(early, ltv_pki.tsa(), _roots(ltv_pki))
    assert verify_pdf(kept.pdf, [ltv_pki.root_pem], at=_now() + dt.timedelta(days=400)).ok
    # … and refuses the late one.
    with pytest.raises(Exception, match=r"[Rr]evoked"):
        ltv.renew(late, ltv_pki.tsa(), _roots(ltv_pki))


def _revisions(pdf: bytes) -> list[tuple[int, int]]:
    ends = [m.end() for m in re.finditer(rb"%%EOF\r?\n?", pdf)]
    return list(zip([0, *ends[:-1]], ends, strict=True))


@pytest.fixture(scope="module")
def lta_letter(ltv_pki, letter_pdf: bytes) -> bytes:  # type: ignore[no-untyped-def]
    signed = _sign(ltv_pki, letter_pdf, tsa=ltv_pki.tsa())
    return ltv.renew(signed, ltv_pki.tsa(), _roots(ltv_pki)).pdf


def test_tampering_with_any_revision_fails(lta_letter: bytes, ltv_pki) -> None:  # type: ignore[no-untyped-def]
    assert verify_pdf(lta_letter, [ltv_pki.root_pem]).ok
    revisions = _revisions(lta_letter)
    # rendered, signed, validation data, document timestamp (with its TSA's validation data)
    assert len(revisions) == 4
    for start, end in revisions:
        streams = [m.end() for m in re.finditer(rb"stream\r?\n", lta_letter[start:end])]
        contents = [m.end() for m in re.finditer(rb"/Contents <", lta_letter[start:end])]
        for offset in (streams[:1] + contents[:1]):
            tampered = bytearray(lta_letter)
            tampered[start + offset + 12] ^= 0x01
            result = verify_pdf(bytes(tampered), [ltv_pki.root_pem])
            assert not result.ok, (start, offset)


def test_a_content_change_after_the_archive_timestamp_fails(lta_letter: bytes, ltv_pki) -> None:  # type: ignore[no-untyped-def]
    writer = IncrementalPdfFileWriter(io.BytesIO(lta_letter))
    overlay = generic.StreamObject(stream_data=b"1 1 1 rg 70 500 450 200 re f")
    writer.add_stream_to_page(0, writer.add_object(overlay))
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), [ltv_pki.root_pem])
    assert not result.ok and result.code == "modified"
    appended = verify_pdf(lta_letter + b"\n% appended\n", [ltv_pki.root_pem])
    assert not appended.ok and appended.code == "appended"


@pytest.mark.file_vault  # the command line on a vault file
def test_the_command_line_maintains_and_verifies(ltv_world, ltv_pki, tmp_path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from reviewdesk.cli import main

    world = ltv_world
    ltv_pki.tsa_up = False
    letter_id = issue_case_letter(world.vault, world["secretary"], flow.intake(world),
                                  "intake_acknowledgement")
    ltv_pki.tsa_up = True
    path = world.vault.path
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    assert main(["letters", "maintain", "--vault", str(path), "--user", "secretary"]) == 0
    out = capsys.readouterr().out
    assert "B-B → B-LTA" in out and "1 letter(s) renewed" in out
    assert main(["letters", "maintain", "--vault", str(path), "--user", "secretary"]) == 0
    assert "0 letter(s) renewed" in capsys.readouterr().out
    from reviewdesk.store.vault import Vault

    with Vault.open(path) as vault, vault.reading() as session:
        from reviewdesk.store.models import Letter

        pdf = session.get(Letter, letter_id).pdf
    (tmp_path / "letter.pdf").write_bytes(pdf)
    (tmp_path / "root.pem").write_bytes(ltv_pki.root_pem)
    later = (_now() + dt.timedelta(days=SIGNER_DAYS + 100)).isoformat()
    assert main(["letter", "verify", str(tmp_path / "letter.pdf"), "--trust",
                 str(tmp_path / "root.pem"), "--at", later]) == 0
    assert "PAdES B-LTA" in capsys.readouterr().out


def test_the_quick_expiry_read_agrees_with_the_full_parse(lta_letter: bytes, letter_pdf: bytes) -> None:
    assert ltv.last_tsa_expiry(lta_letter) == ltv.letter_level(lta_letter).last_tsa_expires
    assert ltv.last_tsa_expiry(lta_letter) is not None
    assert ltv.last_tsa_expiry(letter_pdf) is None
