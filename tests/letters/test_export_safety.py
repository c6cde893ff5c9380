"""What leaves the vault is owner-only whatever the umask, and lands where it was sent.

Exported letters, archive folders, backups and the command line's --out files get the vault's
own permissions (files 0600, the folders made for them 0700). Their names come from checked
parts: a case or letter number planted in the vault with a '/', '..', a NUL or a control
character is refused before anything is written, never written outside the folder chosen.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.cases.archive import close_case, mark_notified
from reviewdesk.cli import main
from reviewdesk.errors import InputError
from reviewdesk.letters.exporting import export_case_archive, export_letters, letter_filename
from reviewdesk.letters.issuing import issue_case_letter
from reviewdesk.letters.pki import make_demo_pki
from reviewdesk.letters.signer import import_signer
from reviewdesk.store.backup import backup
from reviewdesk.store.private_files import name_part, private_dir, write_private
from tests.cases import flow
from tests.letters.test_issuing import _liable_case


@pytest.fixture(autouse=True)
def lax_umask() -> Iterator[None]:
    """The common default umask, under which a plain write would be readable by everyone."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _tree(root: Path) -> dict[str, int]:
    """Every file and folder under root (relative name → permission bits)."""
    return {str(p.relative_to(root)): _mode(p) for p in sorted(root.rglob("*"))}


def _owner_only(root: Path) -> None:
    tree = _tree(root)
    assert tree
    for name, mode in tree.items():
        expected = 0o700 if (root / name).is_dir() else 0o600
        assert mode == expected, f"{name}: {oct(mode)}"


@pytest.fixture
def closed_case(world):  # type: ignore[no-untyped-def]
    pki = make_demo_pki()
    import_signer(world.vault, world["secretary"], pki.signer_p12, pki.password.decode())
    case_id = _liable_case(world)
    issue_case_letter(world.vault, world["chair"], case_id, "finding")
    issue_case_letter(world.vault, world["secretary"], case_id, "assessment")
    mark_notified(world.vault, world["secretary"], case_id)
    close_case(world.vault, world["secretary"], case_id, today=flow.TODAY)
    return world, case_id


# Owner-only ------------------------------------------------------------------------------

def test_an_archive_export_is_owner_only(closed_case, tmp_path: Path) -> None:
    world, case_id = closed_case
    folder = export_case_archive(world.vault, world["secretary"], case_id, tmp_path / "out" / "deep")
    assert {p.name for p in folder.iterdir()} >= {"manifest.json", "manifest.json.p7s"}
    _owner_only(tmp_path / "out")  # out, out/deep, the case folder and every file in it


@pytest.mark.file_vault  # the command line on a vault file
def test_exported_letters_and_a_backup_are_owner_only(closed_case, tmp_path: Path) -> None:
    world, case_id = closed_case
    files = export_letters(world.vault, world["auditor"], tmp_path / "letters" / "new", case_id)
    assert len(files) == 2
    _owner_only(tmp_path / "letters")
    (tmp_path / "backups").mkdir()
    copy = backup(world.vault, tmp_path / "backups" / "copy.rdvault")
    assert _mode(copy) == 0o600


def test_an_existing_folder_chosen_is_left_as_it_is(closed_case, tmp_path: Path) -> None:
    world, case_id = closed_case
    chosen = tmp_path / "shared"
    chosen.mkdir(mode=0o755)
    files = export_letters(world.vault, world["auditor"], chosen, case_id)
    assert _mode(chosen) == 0o755 and all(_mode(p) == 0o600 for p in files)


@pytest.mark.file_vault  # the command line on a vault file
def test_the_command_line_out_files_are_owner_only(closed_case, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewdesk.cases.queries import case_detail

    world, case_id = closed_case
    number = case_detail(world.vault, world["secretary"], case_id).number
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    vault = str(world.vault.path)
    assert main(["letter", "export", "--vault", vault, "--user", "auditor", "--all",
                 "--out", str(tmp_path / "cli" / "letters")]) == 0
    assert main(["archive", "export", "--vault", vault, "--user", "secretary", "--case", number,
                 "--out", str(tmp_path / "cli" / "archive")]) == 0
    (tmp_path / "backups").mkdir()
    assert main(["backup", "--vault", vault, "--out", str(tmp_path / "backups" / "b.rdvault")]) == 0
    _owner_only(tmp_path / "cli")
    assert _mode(tmp_path / "backups" / "b.rdvault") == 0o600


def test_private_files_refuse_links_and_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.txt"
    target.write_text("untouched", encoding="utf-8")
    (tmp_path / "link.pdf").symlink_to(target)
    with pytest.raises(InputError, match="already exists"):
        write_private(tmp_path / "link.pdf", b"%PDF")
    assert target.read_text(encoding="utf-8") == "untouched"
    replaced = write_private(tmp_path / "chosen.pdf", b"old")
    write_private(replaced, b"new", replace=True)  # a save dialog that asked first
    assert replaced.read_bytes() == b"new" and _mode(replaced) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chosen.pdf", "elsewhere.txt", "link.pdf"]
    with pytest.raises(InputError, match="not a folder"):
        private_dir(target / "sub")


# Names from the vault --------------------------------------------------------------------

HOSTILE = ["../../escaped", "..", "2026/00001", "2026\\00001", "2026-00001\x00", "\x1b[2J2026",
           "2026-00001\u202efdp.exe", "", "C:evil", "a\nb"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_name_part_must_be_a_plain_name(value: str) -> None:
    with pytest.raises(InputError) as exc:
        name_part(value, "case number", "事案番号")
    assert "\x1b" not in str(exc.value) and "\x00" not in str(exc.value)
    assert "事案番号" in exc.value.ja and "\n" not in exc.value.ja
    assert letter_filename("2026-00001", "finding", "2026-001") == "2026-00001_finding_2026-001.pdf"


def _plant(world, sql: str, **params: object) -> None:  # type: ignore[no-untyped-def]
    """Writes to the throwaway vault directly, as a tampered or damaged vault would hold it."""
    with world.vault.begin_write() as session:
        session.execute(sa.text(sql), params)


@pytest.mark.parametrize("case_no", ["../../escaped", "2026/00001", "2026-00001\x00", "\x1b]0;x\x07"])
@pytest.mark.file_vault  # the command line on a vault file
def test_a_hostile_case_number_is_refused_and_nothing_is_written(world, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 case_no: str) -> None:
    case_id = flow.intake(world)
    flow.signed_letter(world, case_id, "finding")
    _plant(world, "UPDATE cases SET case_no = :n WHERE id = :id", n=case_no, id=case_id)
    out = tmp_path / "exports" / "deep" / "out"
    for call in (lambda: export_letters(world.vault, world["secretary"], out, case_id),
                 lambda: export_letters(world.vault, world["auditor"], out)):
        with pytest.raises(InputError, match="case number") as exc:
            call()
        assert "事案番号" in exc.value.ja
    assert [p for p in (tmp_path / "exports").rglob("*") if p.is_file()] == []
    assert not (tmp_path / "escaped").exists() and not (tmp_path / "exports" / "escaped").exists()


@pytest.mark.parametrize("letter_no", ["../../escaped", "L-0001/..", "L\x000001", "L-\x9b0001"])
@pytest.mark.file_vault  # the command line on a vault file
def test_a_hostile_letter_number_is_refused_and_nothing_is_written(world, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   letter_no: str) -> None:
    case_id = flow.intake(world)
    flow.signed_letter(world, case_id, "finding")  # a sound letter first: it is not written either
    flow.signed_letter(world, case_id, "intake_acknowledgement")
    _plant(world, "UPDATE letters SET letter_no = :n WHERE id = (SELECT max(id) FROM letters)",
           n=letter_no)
    with pytest.raises(InputError, match="letter number"):
        export_letters(world.vault, world["secretary"], tmp_path / "exports", case_id)
    assert list((tmp_path / "exports").rglob("*")) == []


def test_a_hostile_case_number_stops_an_archive_export_before_anything(closed_case, tmp_path: Path) -> None:
    world, case_id = closed_case
    _plant(world, "UPDATE cases SET case_no = '../../escaped' WHERE id = :id", id=case_id)
    with pytest.raises(InputError, match="case number"):
        export_case_archive(world.vault, world["secretary"], case_id, tmp_path / "exports")
    assert not (tmp_path / "exports").exists() and not (tmp_path.parent / "escaped").exists()


@pytest.mark.file_vault  # the command line on a vault file
def test_the_command_line_says_so_on_one_escaped_line(world, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    case_id = flow.intake(world)
    flow.signed_letter(world, case_id, "finding")
    _plant(world, "UPDATE cases SET case_no = :n WHERE id = :id", n="\x1b[2J../x", id=case_id)
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    assert main(["letter", "export", "--vault", str(world.vault.path), "--user", "auditor", "--all",
                 "--out", str(tmp_path / "exports")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err and "\\u001b[2J../x" in err
    assert list((tmp_path / "exports").rglob("*")) == []
