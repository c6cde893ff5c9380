"""A certomancer PKI with a TSA, an OCSP responder and a CRL, served on 127.0.0.1 in a thread.

The certificates are made relative to the current clock (tests/letters/pki/ltv.yml), so the
suite passes on any date. Nothing here reaches the network beyond the loopback interface.
"""

from __future__ import annotations

import datetime as dt
import string
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

CONFIG = Path(__file__).with_name("pki") / "ltv.yml"
KEYS = ("root", "signer", "revoked", "tsa", "tsa-short", "ocsp")
ARCH = "letters"

SIGNER_DAYS = 200  # the signer certificate expires 200 days after the fixture is made
TSA_SHORT_DAYS = 100  # a TSA whose certificate expires within the renewal margin


@dataclass
class LtvPki:
    """The running PKI: where its services answer and what the application needs from it."""

    url: str
    made_at: dt.datetime
    arch: Any
    password: bytes = b"ltv-test-password"
    tsa_up: bool = True

    def tsa_url(self, label: str = "tsa") -> str:
        return f"{self.url}/{ARCH}/tsa/{label}"

    def tsa(self, label: str = "tsa", at: dt.datetime | None = None) -> Any:
        """The application's TsaConfig for one of the PKI's TSAs; `at` makes the TSA stamp that
        time instead of the clock's (certomancer's fake-time header; tests only)."""
        from certomancer.integrations._animator_shared import FAKE_TIME_HEADER

        from reviewdesk.letters.ltv import TsaConfig

        headers = ((FAKE_TIME_HEADER, at.isoformat()),) if at else ()
        return TsaConfig(self.tsa_url(label), headers=headers)

    def crl(self) -> bytes:
        """The root's current CRL as its distribution point serves it."""
        import urllib.request

        with urllib.request.urlopen(f"{self.url}/{ARCH}/crls/root/latest.crl", timeout=10) as r:
            return bytes(r.read())

    @property
    def root_pem(self) -> bytes:
        return self.cert_pem("root")

    def cert_pem(self, label: str) -> bytes:
        from asn1crypto import pem

        der = self.arch.get_cert(label).dump()
        return bytes(pem.armor("CERTIFICATE", der))

    def p12(self, label: str = "signer") -> bytes:
        return bytes(self.arch.package_pkcs12(label, certs_to_embed=["root"],
                                              password=self.password))


def _write_keys(folder: Path) -> None:
    for name in KEYS:
        key = ec.generate_private_key(ec.SECP256R1())
        (folder / f"{name}.key.pem").write_bytes(key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()))


def _config_text(url: str, keys: Path, now: dt.datetime) -> str:
    def at(days: float) -> str:
        return (now + dt.timedelta(days=days)).isoformat()

    return string.Template(CONFIG.read_text(encoding="utf-8")).substitute(
        url=url, keys=str(keys), root_from=at(-60), root_to=at(3650),
        signer_from=at(-30), signer_to=at(SIGNER_DAYS), revoked_since=at(-1),
        tsa_to=at(2000), tsa_short_to=at(TSA_SHORT_DAYS))


@dataclass
class _Gate:
    """Answers 503 to every request while the PKI is 'down' (the TSA is unreachable)."""

    app: Any
    pki: LtvPki | None = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        if self.pki is not None and not self.pki.tsa_up and "/tsa/" in environ.get("PATH_INFO", ""):
            start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
            return [b"down"]
        return self.app(environ, start_response)


def serve(folder: Path) -> Iterator[LtvPki]:
    """Starts the PKI's services on a free loopback port; yields it; stops them."""
    from certomancer.integrations.animator import Animator, AnimatorArchStore
    from certomancer.registry import CertomancerConfig
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args: Any, **kwargs: Any) -> None:
            pass

    _write_keys(folder)
    gate = _Gate(app=None)
    server = make_server("127.0.0.1", 0, gate, threaded=True, request_handler=Quiet)
    url = f"http://127.0.0.1:{server.server_port}"
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    config = CertomancerConfig.from_yaml(_config_text(url, folder, now), key_search_dir=str(folder))
    gate.app = Animator(AnimatorArchStore(config.pki_archs), with_web_ui=False)
    pki = LtvPki(url=url, made_at=now, arch=config.get_pki_arch(ARCH))
    gate.pki = pki
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pki
    finally:
        server.shutdown()
        thread.join(5)
