"""Verifies a signed letter strictly: intact, whole file covered, signer trusted."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import threading
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reviewdesk.errors import InputError
from reviewdesk.letters.pki import certificate_info, load_certificates

_LOGGERS = ("pyhanko", "pyhanko_certvalidator")
_quiet_lock = threading.Lock()


@dataclass(frozen=True)
class VerificationResult:
    """The verdict on a letter. code is stable for programs (ok, not_signed, damaged, broken,
    altered, bad_signature, appended, modified, untrusted); reason is one line for people."""

    ok: bool
    signer: str
    signing_time: dt.datetime | None
    intact: bool
    trusted: bool
    reason: str
    code: str
    fingerprint_sha256: str = ""


def verify_pdf(data: bytes, trust_roots: Sequence[bytes] = ()) -> VerificationResult:
    """Check the letter's signature(s) against the given root certificates (DER or PEM bytes).

    Stricter than pyHanko's bottom line: the last signature must cover the entire file, so
    bytes appended after the signed revision fail. Certificates are judged at the signing time
    the signature states, as Adobe Reader does by default, so a letter still verifies after its
    signer's certificate has expired. Raises InputError if the bytes are not a readable PDF."""
    roots = _trust_anchors(trust_roots)
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file", ja="PDFファイルではありません")
    with _quiet_pyhanko():
        return _verify(data, roots)


def _verify(data: bytes, roots: list[Any]) -> VerificationResult:
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.root  # noqa: B018 - forces the cross-reference and catalogue to parse
    except Exception as exc:  # pyHanko raises many types for a damaged file; all mean the same
        if b"/ByteRange" in data:
            reason = f"the signed PDF is damaged and cannot be read ({_one_line(exc)})"
            return _failed("damaged", reason)
        raise InputError(f"not a readable PDF ({_one_line(exc)})", ja="読み取れるPDFではありません") from exc
    try:
        signatures = reader.embedded_signatures
    except Exception as exc:  # the signature dictionary or its CMS blob does not parse
        return _failed("broken", f"the signature cannot be read ({_one_line(exc)})")
    if not signatures:
        return _failed("not_signed", "the PDF carries no signature (署名がありません)")

    result: VerificationResult | None = None
    for index, signature in enumerate(signatures):
        result = _check(signature, roots, last=index == len(signatures) - 1)
        if not result.ok:
            return result
    assert result is not None
    return result


def _check(signature: Any, roots: list[Any], *, last: bool) -> VerificationResult:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        claimed = signature.self_reported_timestamp
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=claimed)
        status = validate_pdf_signature(signature, signer_validation_context=context)
    except Exception as exc:  # a malformed signature dictionary or CMS blob: never a traceback
        return _failed("broken", f"the signature cannot be read or checked ({_one_line(exc)})")

    signer, fingerprint = _signer(status)
    when = status.signer_reported_dt

    def verdict(code: str, reason: str, *, intact: bool, trusted: bool) -> VerificationResult:
        return VerificationResult(code == "ok", signer, when, intact, trusted, reason, code,
                                  fingerprint)

    if not status.intact:
        return verdict("altered", "the signed bytes were changed after signing: the document "
                       "digest does not match (署名後に文書が改変されています)",
                       intact=False, trusted=False)
    if not status.valid:
        return verdict("bad_signature", "the signature value does not match the signed "
                       "document and certificate (署名値が不正です)", intact=False, trusted=False)
    coverage = status.coverage
    if last and coverage != SignatureCoverageLevel.ENTIRE_FILE:
        level = status.modification_level
        if coverage == SignatureCoverageLevel.ENTIRE_REVISION and level is not None and (
            level.name == "NONE"
        ):
            reason = ("bytes were appended after the signed revision; the signature does not "
                      "cover the whole file (署名の後にデータが追加されています)")
            return verdict("appended", reason, intact=False, trusted=status.trusted)
        level_name = level.name if level is not None else "unknown"
        reason = (f"the document was changed by an update after signing (modification level "
                  f"{level_name}; 署名後に文書が変更されています)")
        return verdict("modified", reason, intact=False, trusted=status.trusted)
    earlier_changed = status.docmdp_ok is False or (
        coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION
    )
    if not last and earlier_changed:
        return verdict("modified", "a later revision changes what an earlier signature signed "
                       "(署名後に文書が変更されています)", intact=False, trusted=status.trusted)
    if not status.trusted:
        return verdict("untrusted", _trust_reason(status), intact=True, trusted=False)
    return verdict("ok", "signature valid, document intact, signer trusted", intact=True,
                   trusted=True)


def _signer(status: Any) -> tuple[str, str]:
    from cryptography import x509

    cert = x509.load_der_x509_certificate(status.signing_cert.dump())
    info = certificate_info(cert)
    return info.common_name or info.subject, info.fingerprint_sha256


def _trust_reason(status: Any) -> str:
    indic = getattr(status, "trust_problem_indic", None)
    name = getattr(indic, "name", "") if indic is not None else ""
    if getattr(status, "revoked", False) or name.startswith("REVOKED"):
        why = "the signer's certificate has been revoked"
    elif "EXPIRED" in name or "OUT_OF_BOUNDS" in name or "NOT_YET_VALID" in name:
        why = "the signer's certificate was not valid at the signing time"
    elif not name or name in ("NO_CERTIFICATE_CHAIN_FOUND", "CERTIFICATE_CHAIN_GENERAL_FAILURE"):
        # GENERAL_FAILURE is what a root with the right name but the wrong key produces.
        why = "the signer's certificate does not chain to a trusted root"
    else:
        why = f"the signer's certificate is not trusted ({name})"
    return f"{why} (署名者の証明書は信頼されていません)"


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


def _failed(code: str, reason: str) -> VerificationResult:
    return VerificationResult(False, "", None, False, False, reason, code)


def _trust_anchors(trust_roots: Sequence[bytes]) -> list[Any]:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return [
        asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))
        for blob in trust_roots
        for cert in load_certificates(blob)
    ]


@contextlib.contextmanager
def _quiet_pyhanko() -> Iterator[None]:
    """pyHanko logs full tracebacks at ERROR for expected failures (an untrusted chain, a
    suspicious update): the verdict says it in one line instead."""
    with _quiet_lock:
        loggers = [logging.getLogger(name) for name in _LOGGERS]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(logging.CRITICAL + 1)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)
