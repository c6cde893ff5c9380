"""The archive manifest's signature: CAdES with signing-certificate-v2, a signature timestamp
from the board's TSA (CAdES-T) when one is configured, export facts, owner-only files."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from asn1crypto import cms

from reviewdesk import __version__
from reviewdesk.cases.archive import close_case, mark_notified
from reviewdesk.letters.anchors import SignatureState, verify_detached
from reviewdesk.letters.exporting import export_case_archive
from reviewdesk.letters.issuing import issue_case_letter
from reviewdesk.letters.signer import signer_info
from tests.cases import flow
from tests.letters.test_issuing import _liable_case


def _attrs(signature: bytes) -> tuple[set[str], set[str]]:
    info = cms.ContentInfo.load(signature)["content"]["signer_infos"][0]
    unsigned = info["unsigned_attrs"].native if info["unsigned_attrs"] else []
    return ({a["type"] for a in info["signed_attrs"].native}, {a["type"] for a in unsigned or []})


def test_manifest_is_cades_t_with_export_facts(ltv_world, ltv_pki, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    world = ltv_world
    case_id = _liable_case(world)
    issue_case_letter(world.vault, world["chair"], case_id, "finding")
    issue_case_letter(world.vault, world["secretary"], case_id, "assessment")
    mark_notified(world.vault, world["secretary"], case_id)
    close_case(world.vault, world["secretary"], case_id, today=flow.TODAY)
    folder = export_case_archive(world.vault, world["secretary"], case_id, tmp_path / "out")
    data = (folder / "manifest.json").read_bytes()
    signature = (folder / "manifest.json.p7s").read_bytes()
    signed, unsigned = _attrs(signature)
    assert {"signing_certificate_v2", "message_digest", "content_type"} <= signed
    assert "signature_time_stamp_token" in unsigned
    assert verify_detached(data, signature, [ltv_pki.root_pem])[0] == SignatureState.OK
    manifest = json.loads(data)
    info = signer_info(world.vault, world["secretary"])
    assert info is not None and manifest["signer_fingerprint_sha256"] == info.fingerprint_sha256
    assert manifest["exported_by"] == "secretary" and manifest["application_version"] == __version__
    assert manifest["exported_at"].endswith("+00:00")
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path

    ltv_pki.tsa_up = False  # offline: still signed, without the timestamp
    again = export_case_archive(world.vault, world["secretary"], case_id, tmp_path / "offline")
    signed, unsigned = _attrs((again / "manifest.json.p7s").read_bytes())
    assert "signing_certificate_v2" in signed and "signature_time_stamp_token" not in unsigned
