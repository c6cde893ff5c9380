"""The letters tab: issue and sign, preview from bytes, verify, export the exact bytes, correct."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from reviewdesk.letters.issuing import case_letters, letter_pdf
from reviewdesk.letters.pki import make_demo_pki
from reviewdesk.letters.signer import import_signer
from reviewdesk.ui.case_view.letters import LettersPanel, LetterTableModel
from reviewdesk.ui.case_view.panel import CaseViewPanel
from tests.ui.conftest import register


@pytest.fixture(scope="module")
def pki():  # type: ignore[no-untyped-def]
    return make_demo_pki()


def _panel(qtbot, ctx, case_id: int) -> LettersPanel:  # type: ignore[no-untyped-def]
    panel = LettersPanel(ctx, case_id)
    qtbot.addWidget(panel)
    return panel


def _issue(qtbot, panel: LettersPanel, prompts, kind: str) -> None:  # type: ignore[no-untyped-def]
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(kind))
    prompts.confirm_answers.append(True)
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)


def test_issue_preview_verify_export_and_correct(qtbot, make_ctx, world, prompts, pki,
                                                 tmp_path) -> None:  # type: ignore[no-untyped-def]
    import_signer(world.vault, world["secretary"], pki.signer_p12, pki.password.decode())
    case_id = register(world)
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    assert panel.model.rowCount() == 0 and not panel.export_button.isEnabled()

    _issue(qtbot, panel, prompts, "intake_acknowledgement")
    assert prompts.errors == []
    assert panel.model.rowCount() == 1
    (row,) = case_letters(world.vault, world["secretary"], case_id)
    assert row.signed and panel.model.index(0, 1).data() == "Intake acknowledgement"
    assert panel.viewer.currentIndex() == 1  # selected and shown from its bytes
    assert panel.viewer.pdf_document.status() == QPdfDocument.Status.Ready

    qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)
    assert panel.verdict.text().startswith("Valid signature by ")

    target = tmp_path / "exported.pdf"
    prompts.path_answers.append([target])
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == letter_pdf(world.vault, world["secretary"], row.id)[1]

    prompts.text_answers.append("受付日の誤り")
    qtbot.mouseClick(panel.correct_button, Qt.MouseButton.LeftButton)
    rows = case_letters(world.vault, world["secretary"], case_id)
    assert [r.replaces for r in rows] == [None, row.letter_no]
    assert panel.model.index(1, 4).data() == row.letter_no


def test_without_a_signer_the_refusal_is_plain(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    ctx = make_ctx("secretary")
    ctx.lang = "ja"
    panel = _panel(qtbot, ctx, case_id)
    _issue(qtbot, panel, prompts, "intake_acknowledgement")
    assert prompts.errors == ["署名用の証明書が登録されていません（事務局が登録してください）"]
    assert panel.model.rowCount() == 0


def test_letters_by_role(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    auditor = CaseViewPanel(make_ctx("auditor"), case_id)
    qtbot.addWidget(auditor)
    assert auditor.letters is not None and not auditor.letters.issue_bar.isVisibleTo(auditor.letters)
    assert not auditor.letters.correct_button.isVisibleTo(auditor.letters)
    chair = CaseViewPanel(make_ctx("chair"), case_id)
    qtbot.addWidget(chair)
    assert chair.letters is not None and chair.letters.issue_bar.isVisibleTo(chair.letters)
    from reviewdesk.cases import review

    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id)
    reviewer = CaseViewPanel(make_ctx("derm"), case_id)
    qtbot.addWidget(reviewer)
    assert reviewer.detail is not None  # the reviewer sees the case ...
    assert reviewer.letters is None  # ... but not its letters, which name the patient


def test_letter_model_passes_the_model_tester(qtmodeltester, world, pki) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.letters.issuing import issue_case_letter

    import_signer(world.vault, world["secretary"], pki.signer_p12, pki.password.decode())
    case_id = register(world)
    issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    model = LetterTableModel("ja")
    model.set_rows(case_letters(world.vault, world["secretary"], case_id))
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "受付通知書"
