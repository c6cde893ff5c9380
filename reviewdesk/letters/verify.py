"""Verifies a signed letter strictly: intact, nothing but validation data after signing, signer
trusted at the time a timestamp proves (B-T, B-LT, B-LTA) or now (B-B)."""

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
    altered, bad_signature, appended, modified, untrusted); reason is one line for people.

    signing_time is the time the signer claims (/M); judged_at the time the certificate was
    judged at: the time its timestamp proves, or the validation time for a B-B signature.
    level is the PAdES level found (B-B, B-T, B-LT, B-LTA)."""

    ok: bool
    signer: str
    signing_time: dt.datetime | None
    intact: bool
    trusted: bool
    reason: str
    code: str
    fingerprint_sha256: str = ""
    level: str = ""
    judged_at: dt.datetime | None = None


def verify_pdf(data: bytes, trust_roots: Sequence[bytes] = (), *,
               at: dt.datetime | None = None) -> VerificationResult:
    """Check the letter's signature(s) and document timestamps against the given root
    certificates (DER or PEM bytes), as of `at` (default: now).

    Stricter than pyHanko's bottom line: the last signature or timestamp must cover the entire
    file, or be followed only by validation data, so bytes appended after the signed revision
    fail, and so does any later revision that changes content. The signer's certificate is
    judged at the time a timestamp proves (the signature's own, else the first document
    timestamp after it): never at the time the signature merely claims. A signature without a
    trusted timestamp is judged at `at` and reported as B-B. Raises InputError if the bytes
    are not a readable PDF."""
    roots = trust_anchors(trust_roots)
    if b"%PDF-" not in data[:1024]:
        raise InputError("not a PDF file", ja="PDFファイルではありません")
    at = at or dt.datetime.now(dt.UTC)
    with _quiet_pyhanko():
        return _verify(data, roots, at)


def _verify(data: bytes, roots: list[Any], at: dt.datetime) -> VerificationResult:
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
        found = sorted(reader.embedded_signatures, key=lambda s: s.signed_revision)
        sigs = [s for s in found if s.sig_object_type == "/Sig"]
    except Exception as exc:  # the signature dictionary or its CMS blob does not parse
        return _failed("broken", f"the signature cannot be read ({_one_line(exc)})")
    if not sigs:
        return _failed("not_signed", "the PDF carries no signature (署名がありません)")
    clean_end = data.rstrip(b"\r\n\t \x00").endswith(b"%%EOF")
    try:
        dss = _dss(reader)
        stamps = _check_stamps([s for s in found if s.sig_object_type == "/DocTimeStamp"],
                               roots, at, dss, last=found[-1], clean_end=clean_end)
    except _Verdict as verdict:
        return verdict.result
    except Exception as exc:  # a malformed timestamp dictionary or CMS blob
        return _failed("broken", f"a document timestamp cannot be read ({_one_line(exc)})")
    result: VerificationResult | None = None
    for signature in sigs:
        result = _check(signature, roots, at, dss, stamps, last=signature is found[-1],
                        clean_end=clean_end)
        if not result.ok:
            return result
    assert result is not None
    return result


class _Verdict(Exception):
    def __init__(self, result: VerificationResult) -> None:
        super().__init__(result.reason)
        self.result = result


def _dss(reader: Any) -> Any | None:
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    try:
        return DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return None


def _context(roots: list[Any], moment: dt.datetime, dss: Any | None) -> Any:
    """Judges certificates at `moment`, offline, with what the letter carries.

    A certificate without revocation data is judged on its validity (soft-fail); a revocation
    the letter records counts; revocation data gathered after `moment` still speaks for it
    (retroactive: maintenance gathers it after the signature it keeps)."""
    from pyhanko_certvalidator import ValidationContext

    kwargs: dict[str, Any] = {"trust_roots": roots, "allow_fetching": False, "moment": moment,
                              "revocation_mode": "soft-fail", "retroactive_revinfo": True}
    return dss.as_validation_context(kwargs) if dss is not None else ValidationContext(**kwargs)


def _expired(status: Any, at: dt.datetime) -> bool:
    """True when a timestamp's TSA certificate has expired by `at`: with nothing later to
    prove it, the timestamp then proves nothing (maintenance renews before that)."""
    cert = getattr(status, "signing_cert", None)
    return cert is None or cert["tbs_certificate"]["validity"]["not_after"].native < at


def _check_stamps(stamps: list[Any], roots: list[Any], at: dt.datetime, dss: Any | None, *,
                  last: Any, clean_end: bool) -> list[tuple[int, dt.datetime]]:
    """The document timestamps that prove a time, as (signed revision, time). Each is judged
    at the time the next trusted one proves; the newest at its own time, provided its TSA
    certificate has not expired by `at`. A timestamp whose bytes were changed fails the
    letter; an untrusted one proves nothing."""
    from pyhanko.sign.validation import validate_pdf_timestamp

    from reviewdesk.letters.ltv import tst_info

    proven: list[tuple[int, dt.datetime]] = []
    moment: dt.datetime | None = None
    for stamp in reversed(stamps):
        newest = moment is None
        judged_at = moment or tst_info(stamp.signed_data)["gen_time"].native
        status = validate_pdf_timestamp(stamp, validation_context=_context(roots, judged_at, dss))
        if not status.intact or not status.valid:
            raise _Verdict(_failed("altered", "a document timestamp does not match the bytes it "
                                   "covers: the file was changed after it (文書タイムスタンプの後に"
                                   "文書が改変されています)"))
        _coverage(status, last=stamp is last, clean_end=clean_end)
        if status.trusted and not (newest and _expired(status, at)):
            proven.append((stamp.signed_revision, status.timestamp))
            moment = status.timestamp
    return sorted(proven)


def _coverage(status: Any, *, last: bool, clean_end: bool) -> None:
    """Refuses what follows a signed revision unless it only adds validation data or
    timestamps (ModificationLevel.LTA_UPDATES), and bytes appended after the last one."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    def refuse(code: str, reason: str) -> None:
        raise _Verdict(VerificationResult(False, "", None, False, False, reason, code))

    coverage, level = status.coverage, status.modification_level
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return
    if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
        refuse("modified", "a later revision changes what was signed "
                           "(署名後に文書が変更されています)")
    if level is not None and level <= ModificationLevel.LTA_UPDATES and status.docmdp_ok is not False:
        if level == ModificationLevel.NONE or (last and not clean_end):
            refuse("appended", "bytes were appended after the signed revision; the signature "
                               "does not cover the whole file (署名の後にデータが追加されています)")
        return
    name = level.name if level is not None else "unknown"
    refuse("modified", f"the document was changed by an update after signing (modification "
                       f"level {name}; 署名後に文書が変更されています)")


def _check(signature: Any, roots: list[Any], at: dt.datetime, dss: Any | None,
           stamps: list[tuple[int, dt.datetime]], *, last: bool,
           clean_end: bool) -> VerificationResult:
    from pyhanko.sign.validation import validate_pdf_signature

    later = [when for revision, when in stamps if revision > signature.signed_revision]
    try:
        claimed_ts = _token_time(signature)
        # The signature's timestamp is judged when a later document timestamp proves it
        # existed, else at its own time (while its TSA certificate lasts).
        ts_moment = later[0] if later else claimed_ts or at
        moment = claimed_ts or (later[0] if later else at)
        status = validate_pdf_signature(
            signature, signer_validation_context=_context(roots, moment, dss),
            ts_validation_context=_context(roots, ts_moment, dss))
        ts = status.timestamp_validity
        if ts is not None and not (ts.intact and ts.valid):
            return _failed("altered", "the signature's timestamp does not match the signature "
                           "(署名タイムスタンプが不正です)")
        timestamped = ts is not None and ts.trusted and not (not later and _expired(ts, at))
        if claimed_ts is not None and not timestamped:
            moment = later[0] if later else at  # an untrusted timestamp proves nothing
            status = validate_pdf_signature(
                signature, signer_validation_context=_context(roots, moment, dss),
                ts_validation_context=_context(roots, ts_moment, dss))
    except Exception as exc:  # a malformed signature dictionary or CMS blob: never a traceback
        return _failed("broken", f"the signature cannot be read or checked ({_one_line(exc)})")

    signer, fingerprint = _signer(status)
    when = status.signer_reported_dt
    level = ("B-LTA" if later and dss is not None else "B-LT" if timestamped and dss is not None
             else "B-T" if timestamped else "B-B")

    def verdict(code: str, reason: str, *, intact: bool, trusted: bool) -> VerificationResult:
        return VerificationResult(code == "ok", signer, when, intact, trusted, reason, code,
                                  fingerprint, level, moment)

    if not status.intact:
        return verdict("altered", "the signed bytes were changed after signing: the document "
                       "digest does not match (署名後に文書が改変されています)",
                       intact=False, trusted=False)
    if not status.valid:
        return verdict("bad_signature", "the signature value does not match the signed "
                       "document and certificate (署名値が不正です)", intact=False, trusted=False)
    try:
        _coverage(status, last=last, clean_end=clean_end)
    except _Verdict as refused:
        return verdict(refused.result.code, refused.result.reason, intact=False,
                       trusted=status.trusted)
    if not status.trusted:
        return verdict("untrusted", _trust_reason(status), intact=True, trusted=False)
    return verdict("ok", f"signature valid ({level}), document intact, signer trusted at "
                   f"{moment:%Y-%m-%d %H:%M} UTC", intact=True, trusted=True)


def _token_time(signature: Any) -> dt.datetime | None:
    from reviewdesk.letters.ltv import signature_token, tst_info

    token = signature_token(signature)
    return tst_info(token)["gen_time"].native if token is not None else None


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
        why = "the signer's certificate was not valid at the time it was judged at"
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


def trust_anchors(trust_roots: Sequence[bytes]) -> list[Any]:
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
