"""An appeal carries its original's file over: the documents as references (the same bytes, never
copied), the contested finding and the letters read-only (issue 12)."""

from __future__ import annotations

import hashlib

import pytest
import sqlalchemy as sa

from reviewdesk.cases import archive, findings, review
from reviewdesk.cases.document_masking import apply_masking
from reviewdesk.cases.documents import add_document, case_documents, document_content
from reviewdesk.cases.opinions import list_opinions
from reviewdesk.cases.queries import CaseFilter, case_detail, list_cases
from reviewdesk.errors import NotFound, PermissionDenied
from reviewdesk.letters.issuing import case_letters, letter_pdf, original_letters
from reviewdesk.store.models import Document
from tests.cases.flow import TODAY, decide, reviewed, signed_letter

RECORD = "診療録：ヒアルロン酸を鼻根部に注入".encode()
CONSENT = "同意書：合併症の説明を受けました".encode()


def _appealed(world) -> tuple[int, int, list[int]]:  # type: ignore[no-untyped-def]
    """(original, appeal, the original's documents): reviewed by derm and lawyer, found not
    liable, its finding letter signed; the appeal's panel is derm2."""
    v, sec = world.vault, world["secretary"]
    original = reviewed(world)
    docs = [add_document(v, sec, original, "record", "カルテ.txt", "text/plain", RECORD),
            add_document(v, sec, original, "consent", "同意書.txt", "text/plain", CONSENT)]
    for doc in docs:
        apply_masking(v, sec, doc, no_personal_data=True)
    decide(world, original, "not_liable")
    signed_letter(world, original, "finding")
    appeal = archive.register_appeal(v, sec, original, "説明義務の判断に異議", today=TODAY)
    review.assign_reviewer(v, sec, appeal, world["derm2"].user_id, today=TODAY)
    return original, appeal, docs


def _documents(world) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    with world.vault.reading() as session:
        return [tuple(r) for r in session.execute(  # type: ignore[misc]
            sa.select(Document.id, Document.case_id, Document.sha256).order_by(Document.id)).all()]


def test_the_appeal_lists_its_original_documents_as_references(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    original, appeal, docs = _appealed(world)
    original_no = case_detail(v, sec, original).number
    stored = _documents(world)
    assert [d[1] for d in stored] == [original, original]  # registering the appeal copied nothing

    rows = case_documents(v, sec, appeal).rows
    assert [(r.id, r.filename, r.from_case_no, r.carried_over) for r in rows] == [
        (docs[0], "カルテ.txt", original_no, True), (docs[1], "同意書.txt", original_no, True)]
    # The same bytes as the original's, served from the original's row.
    first = document_content(v, sec, docs[0])
    assert (first.name, first.mime_type, first.content) == ("カルテ.txt", "text/plain", RECORD)
    assert hashlib.sha256(document_content(v, sec, docs[1]).content).hexdigest() == stored[1][2]

    # The appeal's own documents are its own; the original does not list them.
    own = add_document(v, sec, appeal, "claimant_letter", "異議申立書.txt", "text/plain",
                       "異議申立書".encode())
    rows = case_documents(v, sec, appeal).rows
    assert [(r.id, r.from_case_no) for r in rows] == [
        (docs[0], original_no), (docs[1], original_no), (own, None)]
    assert [r.id for r in case_documents(v, sec, original).rows] == docs
    assert all(r.from_case_no is None for r in case_documents(v, sec, original).rows)
    # Still one row per file: the carried documents belong to the original, unchanged.
    assert _documents(world) == [*stored, (own, appeal, hashlib.sha256("異議申立書".encode()).hexdigest())]


def test_the_appeal_panel_reads_the_original_documents_through_the_appeal_only(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    original, appeal, docs = _appealed(world)
    own = add_document(v, sec, appeal, "claimant_letter", "異議申立書.txt", "text/plain",
                       "異議申立書".encode())
    other = reviewed(world)  # derm and lawyer's, unrelated to the appeal
    other_doc = add_document(v, sec, other, "record", "別件.txt", "text/plain", "別件".encode())
    for doc in (own, other_doc):
        apply_masking(v, sec, doc, no_personal_data=True)
    panel = world["derm2"]
    # derm2 never reviewed the original, yet reads its documents on the appeal.
    assert [r.id for r in case_documents(v, panel, appeal).rows] == [*docs, own]
    assert document_content(v, panel, docs[0]).content == RECORD
    # ... and nothing else of the original, nor any other case's documents.
    with pytest.raises(NotFound):
        case_detail(v, panel, original)
    with pytest.raises(NotFound):
        case_documents(v, panel, original)
    with pytest.raises(NotFound):
        list_opinions(v, panel, original)
    with pytest.raises(NotFound):
        document_content(v, panel, other_doc)
    # The original's reviewers do not read the appeal's own documents through the original.
    with pytest.raises(NotFound):
        document_content(v, world["derm"], own)
    assert document_content(v, world["derm"], docs[0]).content == RECORD  # their own case's
    # A reviewer on neither case reads none of them.
    for doc in (*docs, own):
        with pytest.raises(NotFound):
            document_content(v, world["lawyer2"], doc)


def test_search_finds_the_appeal_by_its_original_documents(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    original, appeal, _docs = _appealed(world)
    found = [r.id for r in list_cases(v, sec, CaseFilter(search="鼻根部"))]
    assert sorted(found) == sorted([original, appeal])
    assert [r.id for r in list_cases(v, world["derm2"], CaseFilter(search="鼻根部"))] == [appeal]
    # A document added to the original later is found through the appeal too.
    later = add_document(v, sec, original, "photo", "経過.txt", "text/plain", "瘢痕拘縮の経過".encode())
    assert list_cases(v, world["derm2"], CaseFilter(search="瘢痕拘縮")) == []  # not masked yet
    apply_masking(v, sec, later, no_personal_data=True)
    assert [r.id for r in list_cases(v, world["derm2"], CaseFilter(search="瘢痕拘縮"))] == [appeal]


def test_the_appeal_shows_the_contested_finding_and_letters_read_only(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    original, appeal, _docs = _appealed(world)
    [contested] = findings.list_findings(v, sec, original)
    for actor in (sec, world["derm2"], world["chair"], world["auditor"]):
        rows = findings.original_findings(v, actor, appeal)
        assert [(f.id, f.case_id, f.outcome) for f in rows] == [(contested.id, original, "not_liable")]
        assert rows[0].case_no == case_detail(v, sec, original).number
    assert findings.original_findings(v, sec, original) == []  # not an appeal
    assert findings.list_findings(v, sec, appeal) == []  # the appeal's own: none yet
    with pytest.raises(NotFound):  # a reviewer on neither case
        findings.original_findings(v, world["lawyer2"], appeal)

    letters = original_letters(v, sec, appeal)
    assert [(x.kind, x.case_no) for x in letters] == [("finding", case_detail(v, sec, original).number)]
    assert [x.id for x in letters] == [x.id for x in case_letters(v, sec, original)]
    assert case_letters(v, sec, appeal) == []  # the appeal's own letters are separate
    assert letter_pdf(v, world["auditor"], letters[0].id)[1].startswith(b"%PDF")
    assert original_letters(v, sec, original) == []
    for reviewer in ("derm2", "derm"):  # reviewers read no letters, the appeal's panel neither
        with pytest.raises(PermissionDenied):
            original_letters(v, world[reviewer], appeal)
