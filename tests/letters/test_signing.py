"""Signing and strict verification: intact, whole file covered, trusted; a reason per failure."""

from __future__ import annotations

import datetime as dt
import io
import logging
import random

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader

from reviewdesk.errors import InputError
from reviewdesk.letters.layout import signature_box
from reviewdesk.letters.pki import DemoPki, make_demo_pki
from reviewdesk.letters.signing import JST, draw_signature_block, sign_pdf
from reviewdesk.letters.verify import VerificationResult
from reviewdesk.letters.verify import verify_pdf as verify_at
from tests.letters.conftest import SIGNED_AT


def verify_pdf(data: bytes, roots: list[bytes], at: dt.datetime | None = SIGNED_AT,
               ) -> VerificationResult:
    """These letters are B-B (no timestamp): judged at the validation time, which here is the
    fixed moment their certificates were made for, never the wall clock."""
    return verify_at(data, roots, at=at)


def byte_range(signed: bytes) -> list[int]:
    start = signed.rindex(b"/ByteRange")
    inner = signed[signed.index(b"[", start) + 1 : signed.index(b"]", start)]
    return [int(x) for x in inner.split()]


def test_signed_letter_verifies(signed_letter: bytes, pki: DemoPki) -> None:
    result = verify_pdf(signed_letter, [pki.ca_certificate_pem])
    assert result.ok and result.intact and result.trusted and result.code == "ok"
    assert result.signer == pki.signer_name
    assert result.signing_time == SIGNED_AT
    assert result.fingerprint_sha256.count(":") == 31


def test_signature_is_pades_over_the_whole_file(signed_letter: bytes) -> None:
    start, _first_len, second_start, second_len = byte_range(signed_letter)
    assert start == 0 and second_start + second_len == len(signed_letter)
    assert b"/SubFilter /ETSI.CAdES.detached" in signed_letter


def test_signing_is_one_incremental_update_of_the_rendered_letter(
    signed_letter: bytes, letter_pdf: bytes
) -> None:
    assert signed_letter.startswith(letter_pdf)


def test_visible_block_sits_in_the_reserved_box_on_the_last_page(signed_letter: bytes) -> None:
    pages = PdfReader(io.BytesIO(signed_letter)).pages
    widgets = [
        annot.get_object()
        for page in pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/FT") == "/Sig"
    ]
    assert len(widgets) == 1
    last_annots = [a.get_object() for a in pages[-1].get("/Annots", [])]
    assert widgets[0] in last_annots
    rect = [float(v) for v in widgets[0]["/Rect"]]
    assert rect == pytest.approx(list(signature_box()), abs=0.01)
    assert "/AP" in widgets[0]


def test_signature_block_names_signer_and_time_in_japan_time() -> None:
    pdf = draw_signature_block(226, 62, signer_name="審査会委員長 佐藤 恵子", when=SIGNED_AT,
                               reason="審査結果の通知", location="東京都千代田区")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "審査会委員長 佐藤 恵子" in text
    assert SIGNED_AT.astimezone(JST).strftime("%H:%M:%S") == "14:30:15"
    assert "令和8年11月21日 14時30分15秒（日本時間）" in text
    assert "審査結果の通知" in text


def test_one_byte_changed_inside_the_signed_range_fails(signed_letter: bytes, pki: DemoPki) -> None:
    _, first_len, _, _ = byte_range(signed_letter)
    position = signed_letter.index(b"stream", first_len // 2) + 40  # inside a content stream
    assert position < first_len
    tampered = bytearray(signed_letter)
    tampered[position] ^= 0x20
    result = verify_pdf(bytes(tampered), [pki.ca_certificate_pem])
    assert not result.ok and result.code == "altered" and not result.intact
    assert "changed after signing" in result.reason


def test_no_changed_byte_in_the_signed_ranges_ever_verifies(
    signed_letter: bytes, pki: DemoPki
) -> None:
    start, first_len, second_start, second_len = byte_range(signed_letter)
    positions = list(range(start, first_len)) + list(range(second_start, second_start + second_len))
    for position in random.Random(7).sample(positions, 25):
        tampered = bytearray(signed_letter)
        tampered[position] ^= 0x01
        try:
            result = verify_pdf(bytes(tampered), [pki.ca_certificate_pem])
        except InputError:
            continue  # the change broke the PDF header itself: unreadable, also not valid
        assert not result.ok, position
        assert result.reason and "\n" not in result.reason


def test_bytes_appended_after_the_signed_revision_fail(signed_letter: bytes, pki: DemoPki) -> None:
    result = verify_pdf(signed_letter + b"\n% appended\n", [pki.ca_certificate_pem])
    assert not result.ok and result.code == "appended"
    assert "appended" in result.reason


def test_incremental_update_that_alters_content_fails(signed_letter: bytes, pki: DemoPki) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_letter))
    overlay = generic.StreamObject(stream_data=b"1 1 1 rg 70 500 450 200 re f")  # white-out
    writer.add_stream_to_page(0, writer.add_object(overlay))
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), [pki.ca_certificate_pem])
    assert not result.ok and result.code == "modified"
    assert "changed by an update after signing" in result.reason


def test_letter_signed_by_an_untrusted_certificate_is_reported_untrusted(
    signed_letter: bytes, other_pki: DemoPki
) -> None:
    result = verify_pdf(signed_letter, [other_pki.ca_certificate_pem])
    assert not result.ok and result.code == "untrusted"
    assert result.intact and not result.trusted
    assert "does not chain to a trusted root" in result.reason
    assert verify_pdf(signed_letter, []).code == "untrusted"


def test_any_of_several_roots_may_trust(signed_letter: bytes, pki: DemoPki,
                                         other_pki: DemoPki) -> None:
    bundle = other_pki.ca_certificate_pem + pki.ca_certificate_pem
    assert verify_pdf(signed_letter, [bundle]).ok
    assert verify_pdf(signed_letter, [other_pki.ca_certificate_pem, pki.ca_certificate_pem]).ok


def test_missing_signature_and_broken_signature(letter_pdf: bytes, signed_letter: bytes,
                                                pki: DemoPki) -> None:
    unsigned = verify_pdf(letter_pdf, [pki.ca_certificate_pem])
    assert not unsigned.ok and unsigned.code == "not_signed"
    _, gap_start, _, _ = byte_range(signed_letter)  # the unsigned gap is the <hex> CMS blob
    assert signed_letter[gap_start : gap_start + 1] == b"<"
    broken = bytearray(signed_letter)
    broken[gap_start + 11 : gap_start + 31] = b"0" * 20  # inside the CMS, not its zero padding
    result = verify_pdf(bytes(broken), [pki.ca_certificate_pem])
    assert not result.ok and result.code in {"broken", "bad_signature"}
    assert "\n" not in result.reason


def test_not_a_pdf_is_an_input_error(pki: DemoPki) -> None:
    with pytest.raises(InputError, match="not a PDF"):
        verify_pdf(b"hello", [pki.ca_certificate_pem])
    with pytest.raises(InputError, match="not a readable PDF"):
        verify_pdf(b"%PDF-1.7\n garbage", [])
    with pytest.raises(InputError, match="certificate"):
        verify_pdf(b"%PDF-1.7\n", [b"not a certificate"])


def test_damaged_signed_pdf_is_invalid_not_unreadable(signed_letter: bytes, pki: DemoPki) -> None:
    truncated = signed_letter[: len(signed_letter) // 2] + b"/ByteRange"
    result = verify_pdf(truncated, [pki.ca_certificate_pem])
    assert not result.ok


def test_verify_keeps_pyhanko_quiet(signed_letter: bytes, other_pki: DemoPki,
                                    caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        verify_pdf(signed_letter, [other_pki.ca_certificate_pem])
        verify_pdf(signed_letter + b"junk", [other_pki.ca_certificate_pem])
    assert not [r for r in caplog.records if r.name.startswith("pyhanko")]
    assert logging.getLogger("pyhanko").level == logging.NOTSET


def test_wrong_password_or_garbage_pkcs12_is_an_input_error(
    letter_pdf: bytes, pki: DemoPki
) -> None:
    for p12, password in ((pki.signer_p12, b"wrong"), (b"garbage", pki.password)):
        with pytest.raises(InputError, match="PKCS#12"):
            sign_pdf(letter_pdf, p12, password, signer_name="x", reason="r", location="l")


def test_signing_garbage_is_an_input_error(pki: DemoPki) -> None:
    with pytest.raises(InputError, match="not a readable PDF"):
        sign_pdf(b"%PDF-1.4 nothing", pki.signer_p12, pki.password, signer_name="x",
                 reason="r", location="l", when=SIGNED_AT)


def test_signing_time_defaults_to_now_and_must_be_aware(letter_pdf: bytes, pki: DemoPki) -> None:
    current = make_demo_pki()  # both the certificate and the signature use the wall clock
    signed = sign_pdf(letter_pdf, current.signer_p12, current.password.decode(), signer_name="x",
                      reason="r", location="l")
    result = verify_pdf(signed, [current.ca_certificate_pem], at=None)
    assert result.ok and result.signing_time is not None
    with pytest.raises(ValueError, match="time zone"):
        sign_pdf(letter_pdf, pki.signer_p12, pki.password, signer_name="x", reason="r",
                 location="l", when=SIGNED_AT.replace(tzinfo=None))


def test_a_b_b_letter_is_judged_at_the_validation_time_not_its_claimed_time(
    letter_pdf: bytes,
) -> None:
    # Without a timestamp nothing proves when the letter was signed: its claimed time (/M) is
    # not trusted, so a letter "signed in 2020" by a certificate that expired in 2020 (or a
    # backdated signature by an expired key) fails when judged later. Maintenance adds the
    # proof of time (tests/letters/test_ltv.py).
    old = make_demo_pki(now=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), valid_days=30)
    signed = sign_pdf(letter_pdf, old.signer_p12, old.password, signer_name="x", reason="r",
                      location="l", when=dt.datetime(2020, 1, 15, tzinfo=dt.UTC))
    late = verify_pdf(signed, [old.ca_certificate_pem], at=dt.datetime(2020, 3, 1, tzinfo=dt.UTC))
    assert not late.ok and late.code == "untrusted" and late.level == "B-B"
    assert "not valid at the time it was judged at" in late.reason
    assert not verify_pdf(signed, [old.ca_certificate_pem], at=None).ok
    in_time = verify_pdf(signed, [old.ca_certificate_pem], at=dt.datetime(2020, 1, 20, tzinfo=dt.UTC))
    assert in_time.ok and in_time.level == "B-B"
    assert in_time.judged_at == dt.datetime(2020, 1, 20, tzinfo=dt.UTC)
    with pytest.raises(InputError, match="valid from 2019-12-31 to 2020-01-31"):
        sign_pdf(letter_pdf, old.signer_p12, old.password, signer_name="x", reason="r",
                 location="l", when=dt.datetime(2020, 3, 1, tzinfo=dt.UTC))


def test_rsa_signer_works_too(letter_pdf: bytes) -> None:
    rsa = make_demo_pki(key_type="rsa", now=SIGNED_AT)
    signed = sign_pdf(letter_pdf, rsa.signer_p12, rsa.password, signer_name="x", reason="r",
                      location="l", when=SIGNED_AT)
    assert verify_pdf(signed, [rsa.ca_certificate_pem]).ok
