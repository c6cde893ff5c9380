"""Detached CAdES signatures of files the vault writes (archive manifests, anchors): CMS with
the signing-certificate-v2 attribute binding the signer's certificate, and, with a
time-stamping authority, a signature timestamp (CAdES-T)."""

from __future__ import annotations

import asyncio
from typing import Any

from reviewdesk.letters.pki import SigningIdentity


def sign_cades(identity: SigningIdentity, data: bytes, timestamper: Any = None) -> bytes:
    """DER ContentInfo of a detached SignedData over data, signed by identity (pyHanko's
    SimpleSigner: content-type, message-digest, signing-time, CMS algorithm protection and
    signing-certificate-v2 as signed attributes). timestamper: a pyHanko TimeStamper, or None
    for CAdES-BES; a TSA that does not answer raises its error."""
    from reviewdesk.letters.signing import _simple_signer

    signer = _simple_signer(identity)
    signed = asyncio.run(signer.async_sign_general_data(
        data, "sha256", detached=True, timestamper=timestamper))
    return bytes(signed.dump())
