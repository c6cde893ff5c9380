"""Signs a letter with pyHanko (PAdES baseline) and a visible signature block drawn by reportlab."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import content as pdf_content
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils import layout as pdf_layout
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from reviewdesk.errors import InputError
from reviewdesk.letters.era import JST, wareki
from reviewdesk.letters.fonts import GOTHIC, MINCHO, register_fonts
from reviewdesk.letters.layout import MM, signature_box
from reviewdesk.letters.pki import SigningIdentity, load_pkcs12

FIELD_NAME = "ReviewDeskSignature"
_FRAME = (0.55, 0.09, 0.10)


def sign_pdf(
    pdf: bytes,
    p12: bytes,
    password: bytes | str,
    *,
    signer_name: str,
    reason: str,
    location: str,
    when: dt.datetime | None = None,
    audit_anchor: tuple[str, int, str] | None = None,
    timestamper: Any = None,
) -> bytes:
    """The letter signed by the PKCS#12's key as one incremental update: PAdES baseline B, a
    visible block naming signer and time at the bottom right of the last page. With a
    timestamper (pyHanko TimeStamper, e.g. ltv.TsaConfig.timestamper()) the signature carries
    a signature timestamp: B-T. A TSA that does not answer raises its error (the caller
    decides whether to sign at B-B instead).

    audit_anchor (vault id, audit sequence number, head hash) goes into the document catalog
    as /ReviewDeskAudit in the same signed revision (letters/anchors.py reads it back)."""
    identity = load_pkcs12(p12, password)
    when = when or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        raise ValueError("the signing time must carry its time zone")
    info = identity.info
    if not info.not_before <= when <= info.not_after:
        # A signature made outside the certificate's validity would never verify.
        raise InputError(
            f"the signing certificate is valid from {info.not_before:%Y-%m-%d} to "
            f"{info.not_after:%Y-%m-%d}, not at {when:%Y-%m-%d %H:%M %Z}",
            ja=f"署名用証明書の有効期間は{info.not_before:%Y-%m-%d}から{info.not_after:%Y-%m-%d}までで、"
               f"{when:%Y-%m-%d %H:%M}には使えません",
        )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        last_page = int(writer.root["/Pages"]["/Count"]) - 1
        media_box = _media_box(writer, last_page)
    except (PdfError, KeyError, ValueError, TypeError) as exc:
        raise InputError(f"cannot sign: not a readable PDF ({exc})",
                         ja="署名できません: 読み取れるPDFではありません") from exc
    if audit_anchor is not None:
        _add_audit_anchor(writer, *audit_anchor)
    box = signature_box(media_box[2] - media_box[0])
    stamp = draw_signature_block(
        box[2] - box[0], box[3] - box[1], signer_name=signer_name, when=when, reason=reason,
        location=location,
    )
    style = StaticStampStyle(
        background=_PdfBytesPage(stamp),
        border_width=0,
        background_opacity=1.0,
        background_layout=pdf_layout.SimpleBoxLayoutRule(
            x_align=pdf_layout.AxisAlignment.ALIGN_MIN,
            y_align=pdf_layout.AxisAlignment.ALIGN_MIN,
        ),
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=signer_name,
    )
    field_spec = fields.SigFieldSpec(FIELD_NAME, on_page=last_page, box=box)
    pdf_signer = _PdfSignerAt(meta, _simple_signer(identity), stamp_style=style,
                              new_field_spec=field_spec, system_time=when,
                              timestamper=timestamper)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


def draw_signature_block(
    width: float, height: float, *, signer_name: str, when: dt.datetime, reason: str,
    location: str,
) -> bytes:
    """A one-page PDF of exactly width x height points: the visible signature appearance.

    Drawn with reportlab because pyHanko's text stamp spaces IPAex glyphs wrongly."""
    register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=(width, height), invariant=1, initialFontName=MINCHO)
    c.setStrokeColorRGB(*_FRAME)
    c.setLineWidth(0.8)
    c.rect(0.4, 0.4, width - 0.8, height - 0.8)
    c.setFillColorRGB(*_FRAME)
    c.rect(0.4, height - 5 * MM, width - 0.8, 5 * MM - 0.4, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.setFont(GOTHIC, 7.5)
    c.drawString(2.5 * MM, height - 3.6 * MM, "電子署名（PAdES）")
    local = when.astimezone(JST)
    lines = (
        ("署名者", signer_name),
        ("日　時", f"{wareki(local.date())} {local:%H時%M分%S秒}（日本時間）"),
        ("理　由", reason),
        ("場　所", location),
    )
    c.setFillColorRGB(0.1, 0.1, 0.1)
    y = height - 8.8 * MM
    step = (y - 2.6 * MM) / (len(lines) - 1)  # spread the lines down to a clear bottom edge
    for label, value in lines:
        c.setFont(GOTHIC, 7)
        c.drawString(2.5 * MM, y, label)
        c.setFont(MINCHO, 7.5)
        c.drawString(13 * MM, y, _fit(value, MINCHO, 7.5, width - 15.5 * MM))
        y -= step
    c.showPage()
    c.save()
    return out.getvalue()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """The text, cut with … if it would run past the block's edge."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


ANCHOR_KEY = "/ReviewDeskAudit"


def _add_audit_anchor(writer: IncrementalPdfFileWriter, vault_id: str, seq: int, head: str) -> None:
    writer.root[generic.NameObject(ANCHOR_KEY)] = generic.DictionaryObject({
        generic.NameObject("/Vault"): generic.TextStringObject(vault_id),
        generic.NameObject("/Seq"): generic.NumberObject(seq),
        generic.NameObject("/Head"): generic.TextStringObject(head),
    })
    writer.update_root()


def _media_box(writer: IncrementalPdfFileWriter, page_index: int) -> tuple[float, ...]:
    page, _ = writer.find_page_for_modification(page_index)
    box = page.get_object().get("/MediaBox") or [0, 0, 595.28, 841.89]
    return tuple(float(v) for v in box)


def _simple_signer(identity: SigningIdentity) -> signers.SimpleSigner:
    def der(cert: Any) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    key_der = identity.key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=der(identity.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs([der(c) for c in identity.chain]),
    )


class _PdfSignerAt(signers.PdfSigner):
    """A PdfSigner whose signing time is the one printed in the visible block, not a second
    reading of the clock."""

    def __init__(self, *args: Any, system_time: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._system_time = system_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> Any:
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._system_time
        return session


class _PdfBytesPage(pdf_content.PdfContent):
    """Page 0 of an in-memory PDF as a form XObject (pyHanko's ImportedPdfPage needs a file
    name, and a letter must never pass through a temporary file)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data

    def render(self) -> bytes:
        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = "/ReviewDeskSignatureBlock"
        self.resources.xobject[name] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = pdf_layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
        return name.encode("ascii") + b" Do"
