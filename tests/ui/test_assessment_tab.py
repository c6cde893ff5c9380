"""The finding and assessment tabs: live breakdown from the pure engine, storing, four eyes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.cases import assessing
from reviewdesk.cases.assessment import assess, current_edition, parse_scenario
from reviewdesk.cases.queries import case_detail
from reviewdesk.ui import formatting as fmt
from reviewdesk.ui.case_view.assessment_models import (
    AssessmentTableModel,
    TraceTableModel,
)
from reviewdesk.ui.case_view.panel import CaseViewPanel
from tests.cases.flow import decide, reviewed


def _liable_case(world) -> int:  # type: ignore[no-untyped-def]
    case_id = reviewed(world)
    decide(world, case_id, "liable")
    assert case_detail(world.vault, world["secretary"], case_id).state == "assessment"
    return case_id


def _view(qtbot, ctx, case_id: int) -> CaseViewPanel:  # type: ignore[no-untyped-def]
    panel = CaseViewPanel(ctx, case_id)
    qtbot.addWidget(panel)
    return panel


def _expected(world, case_id: int, inputs: assessing.CommitteeInputs):  # type: ignore[no-untyped-def]
    pre = assessing.prefill(world.vault, world["assessor"], case_id)
    return assess(parse_scenario(pre.scenario(inputs)), current_edition())


def test_breakdown_follows_the_inputs_live(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable_case(world)
    view = _view(qtbot, make_ctx("assessor"), case_id)
    tab = view.assessment
    assert tab is not None and tab.editing and tab.form_scroll.isVisibleTo(tab)
    form = tab.form
    form.victim_age.setValue(35)
    form.yen["annual_income"].setValue(4_000_000)
    form.yen["treatment_costs"].setValue(800_000)
    form.patient_fault.setText("0.1")
    expected = _expected(world, case_id, form.value())
    want = f"liability {fmt.yen(expected.liability, 'en')} / payout {fmt.yen(expected.payout.total, 'en')}"
    qtbot.waitUntil(lambda: want in tab.summary_label.text(), timeout=3000)
    assert tab.trace.rowCount() == len(expected.trace)
    assert "800,000" in _values(tab)

    form.yen["treatment_costs"].setValue(1_800_000)
    form.yen["annual_income"].setValue(0)
    expected = _expected(world, case_id, form.value())
    want = f"liability {fmt.yen(expected.liability, 'en')}"
    qtbot.waitUntil(lambda: want in tab.summary_label.text(), timeout=3000)

    form.patient_fault.setText("1.5")  # out of range: said plainly, nothing to store
    qtbot.waitUntil(lambda: not tab.save_button.isEnabled(), timeout=3000)
    assert tab.trace.rowCount() == 0
    assert tab.summary_label.text() == "Cannot compute yet: patient_fault: must be between 0 and 1"


def _values(tab) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(tab.trace.index(r, 3).data()) for r in range(tab.trace.rowCount()))


def test_store_then_a_second_member_approves(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable_case(world)
    first_view = _view(qtbot, make_ctx("assessor"), case_id)
    first = first_view.assessment
    first.form.victim_age.setValue(40)
    first.form.yen["treatment_costs"].setValue(500_000)
    first.recompute()
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert first.versions.rowCount() == 1
    assert not first.approve_button.isEnabled()  # four eyes: not the one who computed
    assert "Another member" in first.note.text()

    second_view = _view(qtbot, make_ctx("assessor2"), case_id)
    second = second_view.assessment
    assert second.approve_button.isEnabled()
    prompts.confirm_answers.append(True)
    qtbot.mouseClick(second.approve_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    detail = case_detail(world.vault, world["secretary"], case_id)
    (row,) = assessing.list_assessments(world.vault, world["secretary"], case_id)
    assert detail.state == "decided" and detail.payout_total == row.payout_total
    assert second_view.detail.state == "decided"
    assert not second.form_scroll.isVisibleTo(second)  # nothing left to compute
    assert not second.approve_button.isEnabled()


def test_readers_see_the_stored_working_and_reviewers_no_assessment(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable_case(world)
    inputs = assessing.CommitteeInputs(victim_age=30, victim_sex="female", treatment_costs=300_000)
    assessing.compute_assessment(world.vault, world["assessor"], case_id, inputs)
    auditor = _view(qtbot, make_ctx("auditor"), case_id)
    tab = auditor.assessment
    assert tab is not None and not tab.editing
    assert not tab.form_scroll.isVisibleTo(tab) and not tab.approve_button.isVisibleTo(tab)
    (row,) = assessing.list_assessments(world.vault, world["auditor"], case_id)
    assert tab.trace.rowCount() == len(row.result.trace)
    assert fmt.yen(row.payout_total, "en") in tab.summary_label.text()

    reviewer = _view(qtbot, make_ctx("derm"), case_id)
    assert reviewer.assessment is None
    names = [reviewer.tabs.tabText(i) for i in range(reviewer.tabs.count())]
    assert "Assessment" not in names and "Finding" in names


def test_finding_tab_shows_outcome_reasons_and_votes(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable_case(world)
    view = _view(qtbot, make_ctx("derm"), case_id)
    text = view.findings.browser.toPlainText()
    assert "有責" in text or "Liable" in text
    assert "過失あり" in text and "委員長 太郎" in text


def test_assessment_models_pass_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    case_id = _liable_case(world)
    inputs = assessing.CommitteeInputs(victim_age=30, victim_sex="female", treatment_costs=300_000)
    assessing.compute_assessment(world.vault, world["assessor"], case_id, inputs)
    rows = assessing.list_assessments(world.vault, world["auditor"], case_id)
    versions = AssessmentTableModel("ja")
    versions.set_rows(rows)
    qtmodeltester.check(versions)
    trace = TraceTableModel("ja")
    trace.set_steps(rows[0].result.trace)
    qtmodeltester.check(trace)
