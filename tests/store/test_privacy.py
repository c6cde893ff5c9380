"""Nothing about a patient reaches the disk unencrypted: vault, WAL and backups hold no plaintext."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from reviewdesk.demo.generator import generate_demo
from reviewdesk.store.backup import backup
from reviewdesk.store.vault import Vault

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "shift_jis", "euc_jp", "iso2022_jp")


def _needles(vault: Vault) -> list[str]:
    with vault.reading() as session:
        names = session.scalars(sa.select(sa.text("patient_name")).select_from(sa.text("cases"))).all()
        summaries = session.scalars(sa.select(sa.text("summary")).select_from(sa.text("cases"))).all()
    # Full names, surnames alone and fragments of the Japanese narrative text.
    needles = set(names) | {n.split()[0] for n in names if len(n.split()[0]) >= 2}
    needles |= {s[5:15] for s in summaries} | {"診療録", "施術同意書", "審査会"}
    return sorted(needles)


def _leaks(data: bytes, needles: list[str]) -> list[str]:
    found = []
    for needle in needles:
        for encoding in ENCODINGS:
            try:
                encoded = needle.encode(encoding)
            except UnicodeEncodeError:
                continue
            # Four random bytes turn up by chance in megabytes of ciphertext; six do not.
            if len(encoded) >= 6 and encoded in data:
                found.append(f"{needle!r} as {encoding}")
    return found


def test_vault_wal_and_backup_hold_no_readable_patient_data(tmp_path: Path) -> None:
    path = tmp_path / "demo.rdvault"
    vault = Vault.create(path, env={"REVIEWDESK_PASSPHRASE": "privacy"})
    generate_demo(vault, 40, letters=3)
    needles = _needles(vault)
    assert len(needles) > 40
    # Keep the WAL populated: a reader holds a snapshot while more is written.
    with vault.engine.connect() as reader:
        snapshot = reader.begin()
        reader.exec_driver_sql("SELECT count(*) FROM cases").all()
        with vault.begin_write() as session:
            session.execute(sa.text("UPDATE cases SET summary = summary || '（追記）'"))
        wal = path.with_name(path.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        snapshot.rollback()
    backup_file = backup(vault, tmp_path / "backup.rdvault")
    files[backup_file.name] = backup_file.read_bytes()
    vault.close()
    assert {path.name, wal.name, backup_file.name} <= set(files)
    for name, data in files.items():
        assert _leaks(data, needles) == [], name


def test_the_demos_masked_copies_name_nobody_and_its_pending_documents_stay_hidden(tmp_path: Path) -> None:
    """The demo's documents name the patient; what it released to reviewers does not."""
    from reviewdesk.cases import masking
    from reviewdesk.cases.document_masking import patient_identity
    from reviewdesk.store.models import Case, Document

    vault = Vault.create(tmp_path / "demo.rdvault", env={"REVIEWDESK_PASSPHRASE": "privacy"})
    generate_demo(vault, 12, letters=0)
    with vault.reading() as session:
        docs = session.execute(sa.select(Document, Case).join(Case, Case.id == Document.case_id)).all()
        states = {doc.masking for doc, _ in docs}
        assert {"pending", "masked", "no_personal_data"} <= states
        for doc, case in docs:
            if doc.masking == "pending":
                assert doc.masked_content is None
                continue
            assert doc.masked_content is not None
            # The engine finds nothing left to propose in any released copy.
            leftover = masking.propose(doc.masked_mime_type, doc.masked_content, patient_identity(case))
            assert leftover == [], (case.case_no, doc.filename, [p.found for p in leftover])
    vault.close()
