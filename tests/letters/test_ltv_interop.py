"""The project's verifier, pyHanko's own validation (its API and its command line, pyhanko-cli)
and poppler's pdfsig on the same letters:
B-B, B-T, B-LTA (from B-T and from B-B), one tampered and one changed after its archive
timestamp. They must agree wherever each can judge (pdfsig checks the signature's integrity
only: it does not verify RFC 3161 document timestamps nor judge later revisions)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from reviewdesk.letters import ltv
from reviewdesk.letters.signing import sign_pdf
from reviewdesk.letters.verify import _quiet_pyhanko, trust_anchors, verify_pdf
from tests.letters.ltv_pki import LtvPki


def _letters(pki: LtvPki, pdf: bytes) -> dict[str, bytes]:
    roots = trust_anchors([pki.root_pem])

    def sign(tsa: ltv.TsaConfig | None) -> bytes:
        return sign_pdf(pdf, pki.p12(), pki.password, signer_name="x", reason="r", location="l",
                        timestamper=tsa.timestamper() if tsa else None)

    bb, bt = sign(None), sign(pki.tsa())
    lta = ltv.renew(bt, pki.tsa(), roots).pdf
    tampered = bytearray(lta)
    tampered[lta.index(b"stream", 2000) + 40] ^= 0x01  # inside the signed revision
    writer = IncrementalPdfFileWriter(io.BytesIO(lta))
    writer.add_stream_to_page(0, writer.add_object(generic.StreamObject(stream_data=b"0 g")))
    modified = io.BytesIO()
    writer.write(modified)
    return {"B-B": bb, "B-T": bt, "B-LTA": lta, "B-LTA from B-B": ltv.renew(bb, pki.tsa(), roots).pdf,
            "tampered": bytes(tampered), "modified": modified.getvalue()}


def _pyhanko(data: bytes, root_pem: bytes) -> bool:
    """pyHanko's bottom line for every signature and document timestamp, at the current time,
    with the validation data the file carries."""
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko.sign.validation.errors import NoDSSFoundError

    reader = PdfFileReader(io.BytesIO(data), strict=False)
    kwargs = {"trust_roots": trust_anchors([root_pem]), "allow_fetching": False}
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None

    def context():  # type: ignore[no-untyped-def]
        from pyhanko_certvalidator import ValidationContext

        return dss.as_validation_context(kwargs) if dss else ValidationContext(**kwargs)

    with _quiet_pyhanko():
        for signature in reader.embedded_signatures:
            if signature.sig_object_type == "/DocTimeStamp":
                status = validate_pdf_timestamp(signature, validation_context=context())
                if not (status.intact and status.valid and status.trusted):
                    return False
            elif not validate_pdf_signature(signature, signer_validation_context=context()).bottom_line:
                return False
    return True


def _pdfsig(path: Path) -> bool:
    """poppler: the first signature's integrity (no trust store here: -nocert)."""
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True,
                         timeout=60, check=False).stdout
    first = re.search(r"Signature #1:(.*?)(?:Signature #2:|\Z)", out, re.S)
    return first is not None and "Signature is Valid." in first.group(1)


def _pyhanko_cli(path: Path, root: Path) -> str:
    """`pyhanko sign validate`'s one-word judgement of each signature (its own defaults: the
    local PKI's OCSP and CRL are fetched from 127.0.0.1)."""
    command = shutil.which("pyhanko", path=str(Path(sys.executable).parent))
    assert command, "pyhanko-cli is part of the test extra"
    out = subprocess.run([command, "sign", "validate", "--executive-summary", "--trust", str(root),
                          str(path)], capture_output=True, text=True, timeout=120, check=False)
    return "VALID" if out.returncode == 0 and "INVALID" not in out.stdout else "INVALID"


def test_four_verifiers_agree(ltv_pki, letter_pdf: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert shutil.which("pdfsig"), "scripts/setup installs poppler-utils"
    table = {}
    root = tmp_path / "root.pem"
    root.write_bytes(ltv_pki.root_pem)
    for name, data in _letters(ltv_pki, letter_pdf).items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        ours = verify_pdf(data, [ltv_pki.root_pem])
        table[name] = (ours.ok, ours.level if ours.ok else ours.code, _pyhanko(data, ltv_pki.root_pem),
                       _pyhanko_cli(path, root), _pdfsig(path))
    assert table == {
        "B-B": (True, "B-B", True, "VALID", True),
        "B-T": (True, "B-T", True, "VALID", True),
        "B-LTA": (True, "B-LTA", True, "VALID", True),
        "B-LTA from B-B": (True, "B-LTA", True, "VALID", True),
        "tampered": (False, "altered", False, "INVALID", False),
        # pdfsig checks the signed revision only: the later change is ours and pyHanko's to see.
        "modified": (False, "modified", False, "INVALID", True),
    }
