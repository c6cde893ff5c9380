"""The trail's head outside the vault: in each signed letter, each backup's signed manifest, the
checkpoint written at every close, and each archive export's signed manifest."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from reviewdesk.auth.audit import head
from reviewdesk.auth.integrity import AnchorVerdict
from reviewdesk.auth.vault_admin import backup_vault
from reviewdesk.cases import archive
from reviewdesk.letters.anchors import (
    SignatureState,
    backup_manifest_path,
    checkpoint_dir,
    install,
    letter_anchor,
    verify_detached,
)
from reviewdesk.letters.exporting import export_case_archive
from reviewdesk.letters.issuing import issue_case_letter, letter_pdf
from reviewdesk.letters.signer import trusted_roots
from reviewdesk.letters.vault_check import check_vault
from reviewdesk.letters.verify import verify_pdf
from reviewdesk.store.models import AuditEvent, Case
from reviewdesk.store.vault import Vault
from tests.cases import flow
from tests.support.builders import PASSPHRASE_ENV

# Checkpoints and backup manifests beside a vault file.
pytestmark = pytest.mark.file_vault


def _head(vault: Vault) -> tuple[int, str]:
    with vault.reading() as session:
        return head(session)


def test_a_signed_letter_carries_the_head_before_its_own_event(signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    case_id = flow.intake(world)
    before = _head(world.vault)
    letter_id = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    _row, pdf = letter_pdf(world.vault, world["secretary"], letter_id)
    assert letter_anchor(pdf) == (world.vault.vault_id, *before)
    assert verify_pdf(pdf, trusted_roots(world.vault)).ok  # the anchor is inside the signed bytes
    assert _head(world.vault)[0] == before[0] + 1


def test_a_backup_carries_a_signed_manifest_of_its_own_trail(signed_world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    install(world.vault)
    out = backup_vault(world.vault, world["secretary"], tmp_path / "copy.rdvault")
    manifest = backup_manifest_path(out)
    data = manifest.read_bytes()
    body = json.loads(data)
    seq, digest = _head(world.vault)  # the backup's event is in the copy, and is the head
    assert (body["kind"], body["audit_seq"], body["audit_head"]) == ("backup", seq, digest)
    with world.vault.reading() as session:
        assert session.scalar(sa.select(AuditEvent.action).where(AuditEvent.id == seq)) == "vault.backup"
    assert body["file"] == "copy.rdvault" and body["size"] == out.stat().st_size
    state, signer = verify_detached(data, manifest.with_name(manifest.name + ".p7s").read_bytes(),
                                    trusted_roots(world.vault))
    assert state is SignatureState.OK and "デモ用" in signer
    assert verify_detached(data + b" ", manifest.with_name(manifest.name + ".p7s").read_bytes(),
                           trusted_roots(world.vault))[0] is SignatureState.INVALID


def test_closing_writes_a_signed_checkpoint_without_patient_data(signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    flow.intake(world)  # 山田 花子
    path = world.vault.path
    expected = _head(world.vault)
    install(world.vault).close()
    [checkpoint] = sorted(checkpoint_dir(path).glob("*.json"))
    body = json.loads(checkpoint.read_bytes())
    assert set(body) == {"format", "kind", "vault_id", "audit_seq", "audit_head", "written_at"}
    assert (body["audit_seq"], body["audit_head"]) == expected
    with Vault.open(path, env=PASSPHRASE_ENV) as vault, vault.reading() as session:
        name, alias = session.execute(sa.select(Case.patient_name, Case.patient_alias)).one()
    raw = checkpoint.read_text(encoding="utf-8")
    assert name not in raw and alias not in raw and "花子" not in raw
    world.vault = install(Vault.open(path, env=PASSPHRASE_ENV))
    world.vault.close()  # nothing new: no second checkpoint
    assert len(list(checkpoint_dir(path).glob("*.json"))) == 1
    with Vault.open(path, env=PASSPHRASE_ENV) as vault:
        report = check_vault(vault)
    assert report.ok and any(a.anchor.kind == "checkpoint" for a in report.anchors)


def test_a_vault_without_a_signer_closes_without_a_checkpoint(world) -> None:  # type: ignore[no-untyped-def]
    path = world.vault.path
    install(world.vault).close()
    assert not checkpoint_dir(path).exists()


def test_an_altered_checkpoint_fails_the_check(signed_world) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    path = world.vault.path
    install(world.vault).close()
    [checkpoint] = sorted(checkpoint_dir(path).glob("*.json"))
    body = json.loads(checkpoint.read_bytes())
    body["audit_seq"] -= 1  # someone makes the checkpoint fit a shorter trail
    checkpoint.write_text(json.dumps(body), encoding="utf-8")
    with Vault.open(path, env=PASSPHRASE_ENV) as vault:
        world.vault = vault
        report = check_vault(vault)
    [bad] = [a for a in report.anchors if not a.ok]
    assert bad.anchor.signature is SignatureState.INVALID and not report.ok
    assert "改変されています" in bad.text("ja")


def test_an_archive_export_is_audited_and_its_manifest_anchors_the_trail(signed_world, tmp_path) -> None:  # type: ignore[no-untyped-def]
    world = signed_world
    case_id = flow.reviewed(world)
    flow.decide(world, case_id, "not_liable")
    issue_case_letter(world.vault, world["chair"], case_id, "finding", issued_on=date(2026, 11, 26))
    archive.mark_notified(world.vault, world["secretary"], case_id)
    archive.close_case(world.vault, world["secretary"], case_id, today=flow.TODAY)
    issue_case_letter(world.vault, world["secretary"], case_id, "case_record")
    folder = export_case_archive(world.vault, world["auditor"], case_id, tmp_path / "archive")
    manifest = json.loads((folder / "manifest.json").read_bytes())
    seq, digest = _head(world.vault)
    assert manifest["audit"] == {"vault_id": world.vault.vault_id, "audit_seq": seq, "audit_head": digest}
    with world.vault.reading() as session:
        event = session.execute(sa.select(AuditEvent.action, AuditEvent.username, AuditEvent.detail)
                                .where(AuditEvent.id == seq)).one()
    assert event[:2] == ("case.archive_export", "auditor")
    assert len(json.loads(event[2])["letters"]) == 2  # the finding letter and the case record
    report = check_vault(world.vault, [folder])
    kinds = {a.anchor.kind: a for a in report.anchors if a.anchor.signature is SignatureState.OK}
    assert report.ok and {"archive", "letter"} <= set(kinds)
    assert kinds["archive"].verdict is AnchorVerdict.OK
