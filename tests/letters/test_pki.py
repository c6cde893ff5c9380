"""Demo PKI and PKCS#12 inspection."""

from __future__ import annotations

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

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


def test_signer_certificates_are_for_document_signing(pki: DemoPki) -> None:
    from reviewdesk.letters.pki import DOCUMENT_SIGNING

    cert = load_pkcs12(pki.signer_p12, pki.password).certificate
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [DOCUMENT_SIGNING] and DOCUMENT_SIGNING.dotted_string == "1.3.6.1.5.5.7.3.36"
    # The demo CA serves no CRL and no OCSP, so its signer names none.
    for extension in (x509.CRLDistributionPoints, x509.AuthorityInformationAccess):
        with pytest.raises(x509.ExtensionNotFound):
            cert.extensions.get_extension_for_class(extension)


def test_a_ca_that_serves_revocation_data_names_it_in_its_signers(pki: DemoPki) -> None:
    import datetime as dt

    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import AuthorityInformationAccessOID

    from reviewdesk.letters.pki import issue_signer_certificate

    ca_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "CA")])
    now = dt.datetime.now(dt.UTC)
    ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
          .public_key(ca_key.public_key()).serial_number(1).not_valid_before(now)
          .not_valid_after(now + dt.timedelta(days=10))
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
          .sign(ca_key, hashes.SHA256()))
    cert = issue_signer_certificate(
        ca_key, ca, ec.generate_private_key(ec.SECP256R1()).public_key(), name, now,
        now + dt.timedelta(days=5), crl_url="http://ca.example/ca.crl",
        ocsp_url="http://ca.example/ocsp", ca_issuers_url="http://ca.example/ca.crt")
    (point,) = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
    assert [n.value for n in point.full_name or []] == ["http://ca.example/ca.crl"]
    aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    assert {(a.access_method, a.access_location.value) for a in aia} == {
        (AuthorityInformationAccessOID.OCSP, "http://ca.example/ocsp"),
        (AuthorityInformationAccessOID.CA_ISSUERS, "http://ca.example/ca.crt")}
