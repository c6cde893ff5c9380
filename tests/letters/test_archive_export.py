"""Archive export: a closed case's letters as signed, its record and a signed manifest."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from reviewdesk.cases.archive import close_case, mark_notified
from reviewdesk.cli import main
from reviewdesk.errors import RuleViolation
from reviewdesk.letters.exporting import export_case_archive, export_letters
from reviewdesk.letters.issuing import issue_case_letter, letter_pdf
from reviewdesk.letters.pki import make_demo_pki
from reviewdesk.letters.signer import import_signer
from tests.cases import flow
from tests.letters.test_issuing import _liable_case


@pytest.fixture
def closed_case(world, tmp_path: Path):  # type: ignore[no-untyped-def]
    pki = make_demo_pki()
    import_signer(world.vault, world["secretary"], pki.signer_p12, pki.password.decode())
    (tmp_path / "ca.pem").write_bytes(pki.ca_certificate_pem)
    case_id = _liable_case(world)
    with pytest.raises(RuleViolation, match="signed"):
        mark_notified(world.vault, world["secretary"], case_id)
    issue_case_letter(world.vault, world["chair"], case_id, "finding")
    issue_case_letter(world.vault, world["secretary"], case_id, "assessment")
    mark_notified(world.vault, world["secretary"], case_id)
    close_case(world.vault, world["secretary"], case_id, today=flow.TODAY)
    return world, case_id


def test_archive_export_is_complete_and_signed(closed_case, tmp_path: Path) -> None:
    world, case_id = closed_case
    folder = export_case_archive(world.vault, world["secretary"], case_id, tmp_path / "out")
    names = sorted(p.name for p in folder.iterdir())
    assert any("_finding_" in n for n in names) and any("_assessment_" in n for n in names)
    assert any("_case_record_" in n for n in names)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    record = json.loads(next(folder.glob("*_record.json")).read_text(encoding="utf-8"))
    assert record["state"] == "closed" and record["retention_until"]
    assert "山田 花子" not in json.dumps(record, ensure_ascii=False)  # alias only
    assert record["assessments"][0]["result"]["payout"]["total"] == 8_609_220
    verified = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", str(folder / "manifest.json.p7s"),
         "-content", str(folder / "manifest.json"), "-CAfile", str(tmp_path / "ca.pem"),
         "-purpose", "any", "-out", "/dev/null"], capture_output=True, text=True)
    assert verified.returncode == 0, verified.stderr


def test_exported_letters_are_byte_for_byte_as_signed(closed_case, tmp_path: Path) -> None:
    world, case_id = closed_case
    files = export_letters(world.vault, world["auditor"], tmp_path / "letters", case_id)
    assert len(files) == 2
    from reviewdesk.letters.issuing import case_letters

    for row in case_letters(world.vault, world["auditor"], case_id):
        exported = next(p for p in files if row.letter_no in p.name)
        assert exported.read_bytes() == letter_pdf(world.vault, world["auditor"], row.id)[1]


def test_open_cases_are_not_exported(world, tmp_path: Path) -> None:
    case_id = flow.intake(world)
    with pytest.raises(RuleViolation, match="not closed"):
        export_case_archive(world.vault, world["secretary"], case_id, tmp_path)


def _for_the_command_line(closed_case, monkeypatch) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """The closed case's vault, closed for a command to open, and the case's number."""
    from reviewdesk.cases.queries import case_detail

    world, case_id = closed_case
    number = case_detail(world.vault, world["secretary"], case_id).number
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    return world.vault.path, number


@pytest.mark.file_vault  # the command line on a vault file
def test_archive_export_command(closed_case, tmp_path: Path, monkeypatch, capsys) -> None:
    path, number = _for_the_command_line(closed_case, monkeypatch)
    assert main(["archive", "export", "--vault", str(path), "--user", "secretary", "--case", number,
                 "--out", str(tmp_path / "cli")]) == 0
    assert (tmp_path / "cli" / number / "manifest.json.p7s").exists()
    assert main(["archive", "export", "--vault", str(path), "--user", "derm", "--case", number,
                 "--out", str(tmp_path / "cli2")]) == 3
    assert main(["archive", "list", "--vault", str(path), "--user", "auditor", "--format", "json"]) == 0
    assert number in capsys.readouterr().out


@pytest.mark.file_vault  # the command line on a vault file
def test_letter_commands_against_the_vault(closed_case, tmp_path: Path, monkeypatch, capsys) -> None:
    path, number = _for_the_command_line(closed_case, monkeypatch)
    assert main(["letter", "export", "--vault", str(path), "--user", "auditor", "--all",
                 "--out", str(tmp_path / "all")]) == 0
    pdfs = sorted((tmp_path / "all").glob("*.pdf"))
    assert len(pdfs) == 2
    assert main(["letter", "verify", str(pdfs[0])]) == 1  # nobody trusted
    assert main(["letter", "verify", str(pdfs[0]), "--vault", str(path)]) == 0
    assert "VALID" in capsys.readouterr().out
    assert main(["letter", "export", "--vault", str(path), "--user", "derm2", "--case", number,
                 "--out", str(tmp_path / "derm")]) == 3
    # Nor a reviewer of this very case: reviewers export no letters (blind review).
    for reviewer in ("lawyer", "derm"):
        assert main(["letter", "export", "--vault", str(path), "--user", reviewer, "--case", number,
                     "--out", str(tmp_path / reviewer)]) == 3
        assert main(["letter", "list", "--vault", str(path), "--user", reviewer, "--case", number]) == 3
        assert not (tmp_path / reviewer).exists()
    capsys.readouterr()
    # A closed case takes no new letter, not even a second original; the message says why.
    assert main(["letter", "issue", "--vault", str(path), "--user", "secretary", "--case", number,
                 "--kind", "intake_acknowledgement"]) == 2
    assert "reopen it before issuing" in capsys.readouterr().err
    assert main(["letter", "list", "--vault", str(path), "--user", "secretary", "--case", number]) == 0
    assert "審査結果通知書" in capsys.readouterr().out
