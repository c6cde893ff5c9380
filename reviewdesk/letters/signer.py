"""The secretariat's signing certificate: imported once into the vault, password in the keyring."""

from __future__ import annotations

import keyring
import sqlalchemy as sa
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from keyring.errors import KeyringError

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.errors import RuleViolation
from reviewdesk.letters.pki import CertificateInfo, certificate_info, load_pkcs12
from reviewdesk.store.keys import KEYRING_SERVICE, secure_keyring_available
from reviewdesk.store.models import Setting, SignerCertificate
from reviewdesk.store.vault import Vault


def _account(vault: Vault, fingerprint: str) -> str:
    return f"{vault.vault_id}:signer:{fingerprint.replace(':', '')}"


def _setting_key(fingerprint: str) -> str:
    return f"signer_password:{fingerprint.replace(':', '')}"


def import_signer(vault: Vault, actor: Actor, p12: bytes, password: str) -> tuple[CertificateInfo, str]:
    """Stores the PKCS#12 inside the vault and makes it the active signer.

    The password goes to the OS keyring; where there is no usable keyring (a headless
    machine using REVIEWDESK_PASSPHRASE) it is kept inside the encrypted vault instead, and
    the second value returned says where it went.
    """
    require(actor, Action.ADMINISTER_SIGNER)
    identity = load_pkcs12(p12, password)  # InputError for a wrong password or garbage
    info = identity.info
    der = lambda c: c.public_bytes(serialization.Encoding.DER)  # noqa: E731
    ca_der = der(identity.chain[-1]) if identity.chain else None
    where = "keyring"
    if secure_keyring_available():
        try:
            keyring.set_password(KEYRING_SERVICE, _account(vault, info.fingerprint_sha256), password)
        except KeyringError:
            where = "vault"
    else:
        where = "vault"
    with write(vault, actor, Action.ADMINISTER_SIGNER) as uow:
        session = uow.session
        session.execute(sa.update(SignerCertificate).values(active=False))
        existing = session.scalar(sa.select(SignerCertificate).where(
            SignerCertificate.fingerprint == info.fingerprint_sha256.replace(":", "")))
        if existing is None:
            existing = SignerCertificate(
                subject=info.subject, fingerprint=info.fingerprint_sha256.replace(":", ""),
                certificate_der=der(identity.certificate), ca_der=ca_der, pkcs12=p12,
                not_after=info.not_after.replace(tzinfo=None))
            session.add(existing)
        existing.active = True
        existing.pkcs12 = p12
        key = _setting_key(info.fingerprint_sha256)
        session.execute(sa.delete(Setting).where(Setting.key == key))
        if where == "vault":
            session.add(Setting(key=key, value=password))
        session.flush()
        audit.record(session, actor, "signer.import", "signer_certificate", existing.id,
                     detail={"subject": info.subject, "fingerprint": info.fingerprint_sha256,
                             "password_kept_in": where})
    return info, where


def signer_info(vault: Vault, actor: Actor) -> CertificateInfo | None:
    """The active signer's certificate for the administration screen (never its password)."""
    with read(vault, actor, Action.ADMINISTER_SIGNER) as session:
        der = session.scalar(sa.select(SignerCertificate.certificate_der)
                             .where(SignerCertificate.active.is_(True)))
    if der is None:
        return None
    return certificate_info(x509.load_der_x509_certificate(der))


def active_signer(vault: Vault) -> tuple[bytes, str, str]:
    """For the signing services only (after their own permission check): the key material."""
    # Returns (PKCS#12 bytes, its password, subject), or refuses clearly when none is set.
    with vault.reading() as session:
        cert = session.scalar(sa.select(SignerCertificate).where(SignerCertificate.active.is_(True)))
        if cert is None:
            raise RuleViolation(
                "no signer certificate: the secretariat imports one with 'reviewdesk signer import'",
                ja="署名用の証明書が登録されていません（事務局が登録してください）")
        stored = session.scalar(sa.select(Setting.value).where(Setting.key == _setting_key(cert.fingerprint)))
        p12, subject, fingerprint = cert.pkcs12, cert.subject, cert.fingerprint
    if stored is not None:
        return p12, stored, subject
    try:
        password = keyring.get_password(KEYRING_SERVICE, _account(vault, fingerprint))
    except KeyringError:
        password = None
    if password is None:
        raise RuleViolation(
            "the signer certificate's password is not in this machine's keyring; import it again",
            ja="この端末のキーリングに署名証明書のパスワードがありません。証明書を再登録してください")
    return p12, password, subject


def trusted_roots(vault: Vault) -> list[bytes]:
    """The certificates registered in the vault (their CA, or themselves), for verification."""
    with vault.reading() as session:
        rows = session.execute(sa.select(SignerCertificate.certificate_der, SignerCertificate.ca_der)).all()
    return [ca or cert for cert, ca in rows]
