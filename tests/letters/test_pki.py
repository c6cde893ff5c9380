"""Demo PKI and PKCS#12 inspection."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from reviewdesk.errors import InputError
from reviewdesk.letters.pki import DemoPki, inspect_pkcs12, load_certificates, load_pkcs12
from tests.letters.conftest import SIGNED_AT


def test_demo_certificates_say_demo_in_their_subjects(pki: DemoPki) -> None:
    info = inspect_pkcs12(pki.signer_p12, pki.password)
    assert "DEMO" in info.subject and "デモ用" in info.subject and info.is_demo
    assert info.common_name == pki.signer_name
    (ca,) = load_certificates(pki.ca_certificate_pem)
    ca_subject = ca.subject.rfc4514_string()
    assert "DEMO" in ca_subject and "デモ用" in ca_subject
    assert info.issuer == ca_subject


def test_inspect_reports_validity_and_fingerprint(pki: DemoPki) -> None:
    info = inspect_pkcs12(pki.signer_p12, pki.password.decode())
    # The fixture's certificate is made for SIGNED_AT, not for the wall clock.
    assert info.not_before < SIGNED_AT < info.not_after
    assert len(info.fingerprint_sha256) == 32 * 3 - 1


def test_pkcs12_carries_key_certificate_and_ca(pki: DemoPki) -> None:
    identity = load_pkcs12(pki.signer_p12, pki.password)
    assert identity.certificate.public_key() == identity.key.public_key()
    assert [c.subject for c in identity.chain] == [c.subject for c in load_certificates(
        pki.ca_certificate_pem)]
    usage = identity.certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment


@pytest.mark.parametrize("password", [b"wrong", "", None])
def test_wrong_password_is_an_input_error(pki: DemoPki, password: object) -> None:
    with pytest.raises(InputError, match="wrong password"):
        load_pkcs12(pki.signer_p12, password)  # type: ignore[arg-type]


def test_garbage_is_an_input_error() -> None:
    with pytest.raises(InputError):
        inspect_pkcs12(b"\x30\x03garbage", b"x")
    with pytest.raises(InputError, match="certificate"):
        load_certificates(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")


def test_certificates_load_from_der_or_pem(pki: DemoPki) -> None:
    (ca,) = load_certificates(pki.ca_certificate_pem)
    der = ca.public_bytes(serialization.Encoding.DER)
    assert load_certificates(der) == [ca]
