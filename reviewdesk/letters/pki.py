"""Signing certificates: read and inspect a PKCS#12, parse trust roots, build a demo PKI."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import AuthorityInformationAccessOID, NameOID

from reviewdesk.errors import InputError

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey
# Extended key usage for document signing (RFC 9336): what a PDF signer's certificate is for.
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True)
class CertificateInfo:
    """What a user needs to recognise a certificate."""

    subject: str
    common_name: str
    organisation: str
    issuer: str
    serial_number: int
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint_sha256: str  # upper-case hex pairs joined by ':'

    @property
    def is_demo(self) -> bool:
        """True for certificates made by make_demo_pki (never for a real signer)."""
        return "DEMO" in self.subject or "デモ用" in self.subject


@dataclass(frozen=True)
class SigningIdentity:
    """A private key with its certificate and the chain from the PKCS#12."""

    key: PrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    info: CertificateInfo


@dataclass(frozen=True)
class DemoPki:
    """A throwaway CA and a signer issued by it, both marked DEMO / デモ用 in their subjects."""

    ca_certificate_pem: bytes
    signer_p12: bytes
    password: bytes
    signer_name: str


def certificate_info(certificate: x509.Certificate) -> CertificateInfo:
    def first(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
        values = name.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    digest = certificate.fingerprint(hashes.SHA256()).hex().upper()
    return CertificateInfo(
        subject=certificate.subject.rfc4514_string(),
        common_name=first(certificate.subject, NameOID.COMMON_NAME),
        organisation=first(certificate.subject, NameOID.ORGANIZATION_NAME),
        issuer=certificate.issuer.rfc4514_string(),
        serial_number=certificate.serial_number,
        not_before=certificate.not_valid_before_utc,
        not_after=certificate.not_valid_after_utc,
        fingerprint_sha256=":".join(digest[i : i + 2] for i in range(0, len(digest), 2)),
    )


def load_pkcs12(data: bytes, password: bytes | str) -> SigningIdentity:
    """The key and certificates of a PKCS#12 file; InputError for a wrong password or garbage."""
    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, secret or None)
    except (ValueError, TypeError) as exc:
        # cryptography says "Invalid password or PKCS12 data" for both; so must we.
        raise InputError("cannot open the PKCS#12 file: wrong password, or not a PKCS#12",
                         ja="PKCS#12ファイルを開けません（パスワードの誤りか、別の形式のファイル）") from exc
    if key is None or certificate is None:
        raise InputError("the PKCS#12 file holds no private key with its certificate",
                         ja="PKCS#12ファイルに秘密鍵と証明書の組がありません")
    if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
        raise InputError(f"unsupported signing key type {type(key).__name__}; use EC or RSA",
                         ja=f"署名鍵の種類（{type(key).__name__}）には対応していません。ECまたはRSAの鍵を使ってください")
    return SigningIdentity(key, certificate, tuple(extra), certificate_info(certificate))


def inspect_pkcs12(data: bytes, password: bytes | str) -> CertificateInfo:
    """Subject, validity and fingerprint of the signer certificate in a PKCS#12."""
    return load_pkcs12(data, password).info


def load_certificates(data: bytes) -> list[x509.Certificate]:
    """Certificates from PEM (one or several) or DER bytes; InputError if there are none."""
    try:
        if b"-----BEGIN" in data:
            certificates = x509.load_pem_x509_certificates(data)
        else:
            certificates = [x509.load_der_x509_certificate(data)]
    except ValueError as exc:
        raise InputError("not a certificate (expected PEM or DER X.509)",
                         ja="証明書ではありません（PEMまたはDER形式のX.509証明書を選んでください）") from exc
    return certificates


def make_demo_pki(
    *,
    signer_name: str = "審査会委員長 デモ用",
    organisation: str = "一般社団法人 日本美容医療賠償共済会",
    password: bytes | None = None,
    key_type: str = "ec",
    now: dt.datetime | None = None,
    valid_days: int = 3650,
) -> DemoPki:
    """A CA and a signer PKCS#12 for demos and tests. Every subject says DEMO and デモ用, so
    nobody mistakes a demo letter for a real one. key_type: "ec" (P-256) or "rsa" (2048 bits,
    needed only for pyHanko's DummyTimeStamper)."""
    now = now or dt.datetime.now(dt.UTC)
    password = password or secrets.token_urlsafe(18).encode("ascii")
    ca_key = _new_key(key_type)
    signer_key = _new_key(key_type)
    ca_name = _name("DEMO デモ用 認証局 (test CA, not for real letters)", organisation)
    signer_cn = signer_name if "デモ用" in signer_name else f"{signer_name}（デモ用）"
    signer_subject = _name(f"DEMO {signer_cn}", organisation)
    start = now - dt.timedelta(days=1)
    end = now + dt.timedelta(days=valid_days)

    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    # The demo CA serves no CRL and no OCSP: its signer names none (the EKU stays).
    signer_cert = issue_signer_certificate(ca_key, ca_cert, signer_key.public_key(),
                                           signer_subject, start, end)
    p12 = pkcs12.serialize_key_and_certificates(
        name=f"DEMO {signer_cn}".encode(),
        key=signer_key,
        cert=signer_cert,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(password),
    )
    return DemoPki(
        ca_certificate_pem=ca_cert.public_bytes(serialization.Encoding.PEM),
        signer_p12=p12,
        password=password,
        signer_name=f"DEMO {signer_cn}",
    )


def issue_signer_certificate(
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    public_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
    subject: x509.Name,
    not_before: dt.datetime,
    not_after: dt.datetime,
    *,
    crl_url: str | None = None,
    ocsp_url: str | None = None,
    ca_issuers_url: str | None = None,
) -> x509.Certificate:
    """A letter signer's certificate issued by the given CA: digitalSignature and
    nonRepudiation, extended key usage document signing, and where the CA serves them, its CRL
    distribution point and its OCSP responder / issuer certificate (AIA), which maintenance
    follows to gather the validation data that keeps a letter verifiable."""
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
    )
    if crl_url:
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            full_name=[x509.UniformResourceIdentifier(crl_url)], relative_name=None,
            reasons=None, crl_issuer=None)]), critical=False)
    access = [x509.AccessDescription(oid, x509.UniformResourceIdentifier(url)) for oid, url in (
        (AuthorityInformationAccessOID.OCSP, ocsp_url),
        (AuthorityInformationAccessOID.CA_ISSUERS, ca_issuers_url)) if url]
    if access:
        builder = builder.add_extension(x509.AuthorityInformationAccess(access), critical=False)
    return builder.sign(ca_key, hashes.SHA256())


def _new_key(key_type: str) -> PrivateKey:
    if key_type == "ec":
        return ec.generate_private_key(ec.SECP256R1())
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    raise ValueError(f"key_type must be 'ec' or 'rsa', not {key_type!r}")


def _name(common_name: str, organisation: str) -> x509.Name:
    # X.520 caps CN and O at 64 characters; the DEMO mark goes first so it always survives.
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, f"DEMO デモ用 {organisation}"[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        ]
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=not cert_sign,  # nonRepudiation: the signer stands by the letter
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )
