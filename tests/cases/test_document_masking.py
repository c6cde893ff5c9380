"""Masked documents through the services: reviewers see only masked copies, under neutral names,
and only once masked; originals stay with the secretariat and the chair (issue 13)."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import date

import pytest
import sqlalchemy as sa

from reviewdesk.cases import document_masking, documents, masking, review
from reviewdesk.cases.history import case_history
from reviewdesk.cases.queries import CaseFilter, case_detail, list_cases
from reviewdesk.cli import main
from reviewdesk.errors import InputError, NotFound, PermissionDenied
from reviewdesk.store.models import AuditEvent, Document, DocumentNotice
from tests.cases.flow import TODAY, intake
from tests.support.builders import PASSWORD

NAME, KANA = "田中 花子", "タナカ ハナコ"
RECORD = (f"診療録（抜粋）\n患者氏名：{NAME}（{KANA}）\n生年月日：昭和60年3月4日\n"
          "経過：ヒアルロン酸注入後に皮膚壊死を認めた。").encode()
FILENAME = "診療録_田中花子様.txt"


def _case(world) -> int:  # type: ignore[no-untyped-def]
    case_id = intake(world, patient_name=NAME, patient_kana=KANA,
                     patient_birth_date=date(1985, 3, 4))
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id, today=TODAY)
    return case_id


def _add(world, case_id: int, content: bytes = RECORD, name: str = FILENAME,  # type: ignore[no-untyped-def]
         mime: str = "text/plain") -> int:
    return documents.add_document(world.vault, world["secretary"], case_id, "record", name, mime, content)


def _mask_all(world, doc_id: int) -> document_masking.MaskingResult:  # type: ignore[no-untyped-def]
    source = document_masking.masking_source(world.vault, world["secretary"], doc_id)
    proposals = masking.propose(source.mime_type, source.content, source.identity)
    assert proposals, "the record names the patient: the view must propose masks"
    return document_masking.apply_masking(
        world.vault, world["secretary"], doc_id,
        spans=[p.span for p in proposals if p.span is not None],
        boxes=[b for p in proposals for b in p.boxes])


def _consent_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from reviewdesk.resources import resource_path

    pdfmetrics.registerFont(TTFont("IPAexGothic", str(resource_path("fonts", "ipaexg.ttf"))))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setAuthor(NAME)
    c.setFont("IPAexGothic", 12)
    c.drawString(72, 760, f"同意書　患者氏名：{NAME}")
    c.showPage()
    c.setFont("IPAexGothic", 12)
    c.drawString(72, 760, "合併症の説明：腫脹、内出血、感染")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_new_document_is_hidden_from_reviewers_until_masked(world) -> None:  # type: ignore[no-untyped-def]
    v, sec, derm = world.vault, world["secretary"], world["derm"]
    case_id = _case(world)
    doc_id = _add(world, case_id)

    mine = documents.case_documents(v, sec, case_id)
    assert [(r.filename, r.masking) for r in mine.rows] == [(FILENAME, "pending")]
    theirs = documents.case_documents(v, derm, case_id)
    assert theirs.rows == () and theirs.awaiting_masking == 1
    with pytest.raises(NotFound):
        documents.document_content(v, derm, doc_id)

    result = _mask_all(world, doc_id)
    assert result.revision == 1 and result.box_count >= 3  # name, kana, birth date

    theirs = documents.case_documents(v, derm, case_id)
    assert theirs.awaiting_masking == 0
    [row] = theirs.rows
    assert (row.filename, row.masking) == ("資料1_診療録.txt", "masked")
    copy = documents.document_content(v, derm, doc_id)
    assert copy.name == "資料1_診療録.txt" and not copy.original
    text = copy.content.decode("utf-8")
    for secret in ("田中", "花子", "タナカ", "ハナコ", "昭和60年3月4日"):
        assert secret not in text
    assert "■" in text and "皮膚壊死" in text
    # The secretariat still reads the original, and that read is on the audit trail.
    original = documents.document_content(v, sec, doc_id)
    assert original.original and original.content == RECORD and original.name == FILENAME
    with v.reading() as session:
        actions = session.scalars(sa.select(AuditEvent.action).where(AuditEvent.entity_id == doc_id,
                                                                     AuditEvent.entity == "document")).all()
    assert actions.count("document.open_original") == 2  # the masking view's read and this one
    assert "document.mask" in actions


def test_the_chair_reads_originals_other_readers_only_masked_copies(world) -> None:  # type: ignore[no-untyped-def]
    v = world.vault
    case_id = _case(world)
    doc_id = _add(world, case_id)
    assert documents.document_content(v, world["chair"], doc_id).content == RECORD
    for role in ("assessor", "auditor", "derm"):
        with pytest.raises(NotFound):
            documents.document_content(v, world[role], doc_id)
    _mask_all(world, doc_id)
    for role in ("assessor", "auditor", "derm"):
        assert "田中" not in documents.document_content(v, world[role], doc_id).content.decode()
    # On the meeting's shared screen even the chair gets the masked copy.
    shared = documents.document_content(v, world["chair"], doc_id, shared_screen=True)
    assert not shared.original and "田中" not in shared.content.decode()
    assert [r.filename for r in documents.case_documents(v, world["chair"], case_id,
                                                          shared_screen=True).rows] == ["資料1_診療録.txt"]


def test_only_the_secretariat_masks(world) -> None:  # type: ignore[no-untyped-def]
    case_id = _case(world)
    doc_id = _add(world, case_id)
    for role in ("chair", "derm", "assessor", "auditor"):
        with pytest.raises(PermissionDenied):
            document_masking.masking_source(world.vault, world[role], doc_id)
        with pytest.raises(PermissionDenied):
            document_masking.apply_masking(world.vault, world[role], doc_id, no_personal_data=True)


def test_marking_free_of_personal_data_is_deliberate_and_still_strips_metadata(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    case_id = _case(world)
    pdf = _consent_pdf()
    doc_id = _add(world, case_id, pdf, "同意書_田中花子様.pdf", "application/pdf")
    with pytest.raises(InputError):
        document_masking.apply_masking(v, sec, doc_id)  # neither masks nor the statement
    with pytest.raises(InputError):
        document_masking.apply_masking(v, sec, doc_id, no_personal_data=True,
                                boxes=[masking.Box(0, 0.1, 0.1, 0.2, 0.2)])
    document_masking.apply_masking(v, sec, doc_id, no_personal_data=True)
    copy = documents.document_content(v, world["derm"], doc_id)
    assert copy.name == "資料1_診療録.pdf"
    assert b"Author" not in copy.content or NAME.encode("utf-16-be") not in copy.content
    from pypdf import PdfReader
    reader = PdfReader(io.BytesIO(copy.content))
    assert not (reader.metadata or {}).get("/Author")


def test_a_pdf_page_with_a_mask_loses_its_text_and_the_other_keeps_it(world) -> None:  # type: ignore[no-untyped-def]
    v = world.vault
    case_id = _case(world)
    doc_id = _add(world, case_id, _consent_pdf(), "同意書_田中花子様.pdf", "application/pdf")
    result = _mask_all(world, doc_id)
    assert result.masked_pages == (0,)
    copy = documents.document_content(v, world["derm"], doc_id).content
    text = subprocess.run(["pdftotext", "-", "-"], input=copy, capture_output=True, check=True).stdout.decode()
    assert "田中" not in text and "花子" not in text
    assert "合併症" in text  # the page without a mask keeps its text


def test_reviewer_search_runs_over_masked_text_only(world) -> None:  # type: ignore[no-untyped-def]
    v, sec, derm = world.vault, world["secretary"], world["derm"]
    case_id = _case(world)
    doc_id = _add(world, case_id)

    def found(actor, words: str) -> bool:  # type: ignore[no-untyped-def]
        return case_id in [r.id for r in list_cases(v, actor, CaseFilter(search=words))]

    # Pending: the secretariat finds the record's words; the reviewer finds nothing of it.
    assert found(sec, "田中") and found(sec, "皮膚壊死を認めた")
    assert not found(derm, "皮膚壊死を認めた") and not found(derm, "田中")
    _mask_all(world, doc_id)
    assert found(derm, "皮膚壊死を認めた")  # the masked copy's text
    for secret in ("田中", "花子", "タナカ", "昭和60年"):
        assert not found(derm, secret), secret
        assert not found(world["assessor"], secret), secret
    assert found(sec, "田中") and found(world["chair"], "田中")


def test_a_correction_after_release_is_audited_and_noticed_by_the_reviewers(world) -> None:  # type: ignore[no-untyped-def]
    v, sec, derm = world.vault, world["secretary"], world["derm"]
    case_id = _case(world)
    doc_id = _add(world, case_id)
    first = _mask_all(world, doc_id)
    assert first.notified == 0  # nobody could have read it before its first release
    assert documents.case_documents(v, derm, case_id).changed == 0

    source = document_masking.masking_source(v, sec, doc_id)
    assert source.spans  # the latest masks come back for the correction
    second = document_masking.apply_masking(v, sec, doc_id, spans=[*source.spans, masking.Span(0, 4)])
    assert (second.revision, second.notified) == (2, 1)
    listed = documents.case_documents(v, derm, case_id)
    assert listed.changed == 1 and listed.rows[0].changed
    with v.reading() as session:
        detail = json.loads(session.scalars(sa.select(AuditEvent.detail).where(
            AuditEvent.action == "document.mask").order_by(AuditEvent.id.desc())).first())
    assert detail["correction"] is True and detail["revision"] == 2 and detail["boxes"] == second.box_count
    assert detail["document"] == "資料1_診療録.txt" and "田中" not in json.dumps(detail, ensure_ascii=False)

    assert document_masking.acknowledge_changes(v, derm, case_id) == 1
    assert documents.case_documents(v, derm, case_id).changed == 0
    with v.reading() as session:
        assert session.scalar(sa.select(sa.func.count(DocumentNotice.id)).where(
            DocumentNotice.acknowledged_at.is_(None))) == 0
    history = document_masking.masking_history(v, sec, doc_id)
    assert [(r.revision, r.status, r.masked_by) for r in history] == [
        (1, "masked", "事務局 花子"), (2, "masked", "事務局 花子")]
    assert history[1].box_count == history[0].box_count + 1


def test_history_names_documents_neutrally_for_reviewers(world) -> None:  # type: ignore[no-untyped-def]
    v, derm = world.vault, world["derm"]
    case_id = _case(world)
    doc_id = _add(world, case_id)
    pending = _add(world, case_id, "紹介状".encode(), "紹介状_田中花子様.txt")

    def documents_in(actor) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
        return [(r.action, r.detail.get("filename")) for r in case_history(v, actor, case_id)
                if r.entity == "document"]

    assert documents_in(derm) == []  # nothing of documents not yet masked
    _mask_all(world, doc_id)
    seen = documents_in(derm)
    assert ("document.add", "資料1_診療録.txt") in seen and ("document.mask", "資料1_診療録.txt") in seen
    assert all("田中" not in str(name) for _, name in seen)
    assert ("document.add", "紹介状_田中花子様.txt") in documents_in(world["secretary"])
    assert pending not in [r.entity_id for r in case_history(v, derm, case_id)]


def test_bad_files_are_refused_with_a_japanese_message_and_nothing_written(world) -> None:  # type: ignore[no-untyped-def]
    v, sec = world.vault, world["secretary"]
    case_id = _case(world)
    doc_id = _add(world, case_id, b"%PDF-1.7\n garbage that is not a pdf", "壊れた.pdf", "application/pdf")
    with pytest.raises(masking.MaskingError) as caught:
        document_masking.apply_masking(v, sec, doc_id, boxes=[masking.Box(0, 0.1, 0.1, 0.2, 0.2)])
    assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in caught.value.ja)
    with v.reading() as session:
        doc = session.get(Document, doc_id)
        assert (doc.masking, doc.masked_content) == ("pending", None)


@pytest.mark.file_vault  # the command line on a vault file
def test_the_cli_lists_and_writes_what_the_user_may_see(world, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    v = world.vault
    case_id = _case(world)
    doc_id = _add(world, case_id)
    hidden = _add(world, case_id, "紹介状".encode(), "紹介状_田中花子様.txt")
    _mask_all(world, doc_id)
    case_no = case_detail(v, world["secretary"], case_id).number
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", PASSWORD)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["documents", *args, "--vault", str(v.path)])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("list", case_no, "--user", "derm", "--format", "json")
    [listed] = json.loads(out)
    assert code == 0 and (listed["id"], listed["name"], listed["masking"]) == (doc_id, "資料1_診療録.txt", "masked")
    copy = tmp_path / "copy.txt"
    code, _, _ = run("get", case_no, str(doc_id), "--user", "derm", "--out", str(copy))
    assert code == 0 and "田中" not in copy.read_text() and copy.stat().st_mode & 0o777 == 0o600
    code, _, _ = run("get", case_no, str(hidden), "--user", "derm", "--out", str(tmp_path / "x"))
    assert code == 3 and not (tmp_path / "x").exists()
    code, out, _ = run("list", case_no, "--user", "secretary", "--format", "json")
    assert [(d["name"], d["masking"]) for d in json.loads(out)] == [
        (FILENAME, "masked"), ("紹介状_田中花子様.txt", "pending")]
    code, _, _ = run("get", case_no, str(hidden), "--user", "secretary", "--out", str(tmp_path / "o.txt"))
    assert code == 0 and (tmp_path / "o.txt").read_text() == "紹介状"  # the original
