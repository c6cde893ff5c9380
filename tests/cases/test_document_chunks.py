"""Documents stream into the vault in chunks: byte-identical round trips, chunks in order, a
refused attach writes none, and the trail vouches for the chunks through the document row."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from reviewdesk.auth.integrity import RowProblemKind, check_rows
from reviewdesk.cases import documents
from reviewdesk.errors import InputError, NotFound, PermissionDenied
from reviewdesk.store.models import CHUNK_BYTES, Document, DocumentChunk
from tests.cases import flow
from tests.cases.staging import stored_bytes


def _chunks(world, document_id: int) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return [(seq, len(data)) for seq, data in session.execute(
            sa.select(DocumentChunk.seq, DocumentChunk.data)
            .where(DocumentChunk.document_id == document_id).order_by(DocumentChunk.seq))]


def _all_chunks(world) -> int:  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return int(session.scalar(sa.select(sa.func.count()).select_from(DocumentChunk)) or 0)


def test_a_file_larger_than_a_chunk_round_trips_byte_identical(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    content = os.urandom(2 * CHUNK_BYTES + 12345)
    path = tmp_path / "scan.bin"
    path.write_bytes(content)
    doc_id = documents.add_document_file(world.vault, world["secretary"], case_id, "record", path,
                                         "application/octet-stream")
    assert _chunks(world, doc_id) == [(0, CHUNK_BYTES), (1, CHUNK_BYTES), (2, 12345)]
    with world.vault.reading() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None
        assert (doc.size, doc.sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert stored_bytes(world.vault, doc_id) == content
    read = documents.document_content(world.vault, world["secretary"], doc_id)
    assert hashlib.sha256(read.content).digest() == hashlib.sha256(content).digest()
    out = documents.export_document(world.vault, world["secretary"], doc_id, tmp_path / "out.bin")
    assert out.read_bytes() == content and out.stat().st_mode & 0o777 == 0o600
    with world.vault.reading() as session:
        assert check_rows(session).problems == []


def test_bytes_given_in_memory_are_chunked_the_same_way(world) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    content = bytes(range(256)) * (CHUNK_BYTES // 256) + b"tail"
    doc_id = documents.add_document(world.vault, world["secretary"], case_id, "record", "a.bin",
                                    "application/octet-stream", content)
    assert [seq for seq, _ in _chunks(world, doc_id)] == [0, 1]
    assert stored_bytes(world.vault, doc_id) == content


def test_a_refused_attach_writes_no_chunk(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    path = tmp_path / "scan.bin"
    path.write_bytes(os.urandom(CHUNK_BYTES + 1))
    with pytest.raises(PermissionDenied):
        documents.add_document_file(world.vault, world["derm"], case_id, "record", path,
                                    "application/octet-stream")
    with pytest.raises(NotFound):
        documents.add_document_file(world.vault, world["secretary"], case_id + 999, "record", path,
                                    "application/octet-stream")
    with pytest.raises(InputError):
        documents.add_document_file(world.vault, world["secretary"], case_id, "no-such-kind", path,
                                    "application/octet-stream")
    assert _all_chunks(world) == 0


def test_a_file_that_grows_past_the_limit_while_read_is_refused_whole(world, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = flow.intake(world)
    path = tmp_path / "growing.bin"
    path.write_bytes(os.urandom(3 * CHUNK_BYTES))
    monkeypatch.setattr(documents, "MAX_DOCUMENT_BYTES", 2 * CHUNK_BYTES)
    real_stat = Path.stat
    # The size on disk looked fine when it was measured; the bytes read are not.
    monkeypatch.setattr(Path, "stat", lambda self, **kw: os.stat_result(
        (*real_stat(self, **kw)[:6], CHUNK_BYTES, *real_stat(self, **kw)[7:])))
    with pytest.raises(InputError) as refused:
        documents.add_document_file(world.vault, world["secretary"], case_id, "record", path,
                                    "application/octet-stream")
    assert "200MB" in refused.value.ja
    assert _all_chunks(world) == 0


def test_a_chunk_changed_outside_the_application_is_reported_on_its_document(world) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    doc_id = documents.add_document(world.vault, world["secretary"], case_id, "record", "a.txt",
                                    "text/plain", "診療録".encode())
    with world.vault.begin_write() as session:
        session.execute(sa.update(DocumentChunk).where(DocumentChunk.document_id == doc_id)
                        .values(data="改ざん".encode()))
    with world.vault.reading() as session:
        problems = check_rows(session).problems
    assert [(p.key, p.kind) for p in problems] == [(f"documents:{doc_id}", RowProblemKind.CHANGED)]


def test_text_for_search_is_read_from_the_file(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    path = tmp_path / "カルテ.txt"
    path.write_bytes(("熱傷の経過" * 10).encode())
    doc_id = documents.add_document_file(world.vault, world["secretary"], case_id, "record", path,
                                         "text/plain")
    with world.vault.reading() as session:
        assert session.scalar(sa.select(Document.text).where(Document.id == doc_id)) == "熱傷の経過" * 10
