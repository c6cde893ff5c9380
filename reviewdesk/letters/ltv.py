"""Long-term signatures on PDF bytes: the PAdES level a letter has, and the incremental
revisions (validation data, document timestamps) that keep it verifiable for years.

Every change here is appended as a new revision: the signed bytes are never touched.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
# A document timestamp is renewed while its TSA certificate still has this long to run: the
# renewal must happen before that certificate expires (or is revoked), and a year leaves room
# for a board that runs maintenance only now and then.
RENEWAL_MARGIN = dt.timedelta(days=365)
TSA_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class TsaConfig:
    """Where the association's time-stamping authority answers (RFC 3161 over HTTP)."""

    url: str
    username: str = ""
    password: str = ""
    headers: tuple[tuple[str, str], ...] = ()  # tests and benchmarks only (e.g. a fake time)

    def timestamper(self) -> Any:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        auth = (self.username, self.password) if self.username else None
        return HTTPTimeStamper(self.url, timeout=TSA_TIMEOUT_SECONDS, auth=auth,
                               headers=dict(self.headers) or None)


@dataclass(frozen=True)
class LetterLevel:
    """What the bytes of a signed letter hold for the long term."""

    level: str
    signature_timestamp: dt.datetime | None
    document_timestamps: tuple[dt.datetime, ...]
    last_tsa_expires: dt.datetime | None  # the TSA certificate of the last document timestamp
    has_dss: bool


@dataclass(frozen=True)
class Renewal:
    """What maintenance did to one letter's bytes: the new bytes, the steps, the new level."""

    pdf: bytes
    steps: tuple[str, ...]
    level: str

    @property
    def changed(self) -> bool:
        return bool(self.steps)


def _reader(pdf: bytes) -> Any:
    from pyhanko.pdf_utils.reader import PdfFileReader

    return PdfFileReader(io.BytesIO(pdf), strict=False)


def tst_info(signed_data: Any) -> Any:
    from asn1crypto import cms, tsp

    content = signed_data["encap_content_info"]["content"]
    parsed = content.parsed if isinstance(content, cms.ParsableOctetString) else content
    return parsed if isinstance(parsed, tsp.TSTInfo) else tsp.TSTInfo.load(bytes(content))


def signature_token(signature: Any) -> Any | None:
    """The RFC 3161 token in the signature's unsigned attributes, or None (a B-B signature)."""
    attrs = signature.signer_info["unsigned_attrs"]
    if not attrs:
        return None
    for attr in attrs:
        if attr["type"].native == "signature_time_stamp_token":
            return attr["values"][0]["content"]
    return None


def _token_signer(signed_data: Any) -> Any:
    sid = signed_data["signer_infos"][0]["sid"]
    for choice in signed_data["certificates"]:
        cert = choice.chosen
        if sid.name == "issuer_and_serial_number":
            if (cert.issuer == sid.chosen["issuer"]
                    and cert.serial_number == sid.chosen["serial_number"].native):
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def letter_level(pdf: bytes) -> LetterLevel:
    """The level the bytes hold, read without validating anything (verify.py judges trust)."""
    reader = _reader(pdf)
    signatures = reader.embedded_signatures
    sigs = [s for s in signatures if s.sig_object_type == "/Sig"]
    stamps = [s for s in signatures if s.sig_object_type == "/DocTimeStamp"]
    if not sigs:
        raise ValueError("no signature")
    token = signature_token(sigs[0])
    sig_time = tst_info(token)["gen_time"].native if token is not None else None
    stamp_times = tuple(tst_info(s.signed_data)["gen_time"].native for s in stamps)
    last_expires = None
    if stamps:
        cert = _token_signer(stamps[-1].signed_data)
        last_expires = cert["tbs_certificate"]["validity"]["not_after"].native if cert else None
    has_dss = "/DSS" in reader.root
    if stamps and has_dss:
        level = "B-LTA"
    elif sig_time is not None and has_dss:
        level = "B-LT"
    elif sig_time is not None:
        level = "B-T"
    else:
        level = "B-B"
    return LetterLevel(level, sig_time, stamp_times, last_expires, has_dss)


_STAMP_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f]+)>")


def last_tsa_expiry(pdf: bytes) -> dt.datetime | None:
    """When the TSA certificate of the last document timestamp expires, read from the last
    /DocTimeStamp dictionary alone (no full parse: the dashboard counts thousands of letters).
    Only a schedule: ltv.renew and verify.py read and judge the whole file."""
    from asn1crypto import cms

    at = pdf.rfind(b"/DocTimeStamp")
    if at < 0:
        return None
    start, end = pdf.rfind(b" obj", 0, at), pdf.find(b"endobj", at)
    found = _STAMP_CONTENTS.search(pdf, start if start >= 0 else 0, end if end >= 0 else len(pdf))
    if found is None:
        return None
    try:
        token = cms.ContentInfo.load(bytes.fromhex(found.group(1).decode("ascii")), strict=False)
        cert = _token_signer(token["content"])
        return cert["tbs_certificate"]["validity"]["not_after"].native if cert else None
    except (ValueError, TypeError, KeyError):
        return None


def needs_maintenance(level: str, last_tsa_expires: dt.datetime | None, now: dt.datetime,
                      margin: dt.timedelta = RENEWAL_MARGIN) -> bool:
    """True while a letter lacks validation data or a document timestamp, or its last
    document timestamp's TSA certificate expires within the margin."""
    if level != "B-LTA":
        return True
    return last_tsa_expires is not None and last_tsa_expires - now <= margin


def _context(roots: list[Any], *, moment: dt.datetime | None = None) -> Any:
    from pyhanko_certvalidator import ValidationContext

    # Fetching is on: this is where the letter gathers OCSP responses and CRLs to keep. The
    # signer is checked at the time its timestamp proves (moment): a certificate revoked after
    # that still gets its validation data, which says so (retroactive_revinfo: a response
    # fetched today speaks for that earlier time).
    kwargs: dict[str, Any] = {"trust_roots": roots, "allow_fetching": True,
                              "revocation_mode": "hard-fail", "retroactive_revinfo": True}
    if moment is not None:
        kwargs["moment"] = moment
    return ValidationContext(**kwargs)


def renew(pdf: bytes, tsa: TsaConfig, roots: list[Any], *, now: dt.datetime | None = None,
          margin: dt.timedelta = RENEWAL_MARGIN) -> Renewal:
    """Brings a signed letter to B-LTA, or renews its archive timestamp when due.

    Steps, each an incremental revision: validation data for the signature and its
    timestamp (B-LT), a document timestamp (B-LTA), or for a B-LTA letter whose last TSA
    certificate expires within the margin, validation data for that timestamp and a new one.
    A letter signed at B-B gets validation data and a document timestamp: the document
    timestamp, not a signature timestamp, proves when the signature existed."""
    from pyhanko.sign.validation import add_validation_info

    now = now or dt.datetime.now(dt.UTC)
    before = letter_level(pdf)
    if not needs_maintenance(before.level, before.last_tsa_expires, now, margin):
        return Renewal(pdf, (), before.level)
    steps: list[str] = []
    if before.level == "B-LTA":
        # Validation data for the last document timestamp, then a new one over it.
        last = [s for s in _reader(pdf).embedded_signatures
                if s.sig_object_type == "/DocTimeStamp"][-1]
        pdf = add_validation_info(last, _context(roots), add_vri_entry=False,
                                  output=io.BytesIO()).getvalue()
        return Renewal(_document_timestamp(pdf, tsa, roots), ("renewed_timestamp",), "B-LTA")
    if not before.has_dss:
        signature = next(s for s in _reader(pdf).embedded_signatures
                         if s.sig_object_type == "/Sig")
        context = _context(roots, moment=before.signature_timestamp)
        pdf = add_validation_info(signature, context, output=io.BytesIO()).getvalue()
        steps.append("validation_data")
    steps.append("document_timestamp")
    return Renewal(_document_timestamp(pdf, tsa, roots), tuple(steps), "B-LTA")


def _document_timestamp(pdf: bytes, tsa: TsaConfig, roots: list[Any]) -> bytes:
    """A document timestamp as the last revision, the validation data for its own TSA written
    before it (so the timestamp covers every byte of the file)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.signers.pdf_signer import TimestampDSSContentSettings

    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    PdfTimeStamper(tsa.timestamper()).timestamp_pdf(
        writer, "sha256", validation_context=_context(roots), output=out,
        dss_settings=TimestampDSSContentSettings(update_before_ts=True, include_vri=False))
    return out.getvalue()
