"""The opinions tab: assigning, the structured blind opinion, versions, conflicts, models."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reviewdesk.cases import review
from reviewdesk.cases.opinions import OpinionInput, list_opinions, save_opinion, submit_opinion
from reviewdesk.cases.queries import case_detail
from reviewdesk.ui.case_view.opinion_models import AssignmentTableModel, OpinionTableModel
from reviewdesk.ui.case_view.opinions import OpinionsPanel
from reviewdesk.ui.main_window import MainWindow
from tests.ui.conftest import register

COMPLETE = dict(negligence="yes", negligence_rationale="術式の選択に誤りがあった",
                causation="yes", causation_rationale="瘢痕は施術に起因する",
                duty_to_explain="no", duty_to_explain_rationale="説明は足りていた",
                damage="yes", damage_rationale="瘢痕が残存", recommended_finding="liable")


def _panel(qtbot, ctx, case_id: int) -> OpinionsPanel:  # type: ignore[no-untyped-def]
    panel = OpinionsPanel(ctx, case_id)
    qtbot.addWidget(panel)
    return panel


def _assign(world, case_id: int, *usernames: str) -> None:  # type: ignore[no-untyped-def]
    for name in usernames:
        review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id)


def _fill(panel: OpinionsPanel, values: dict[str, str]) -> None:
    form = panel.form
    for key, value in values.items():
        if key in form.answers:
            form.answers[key].setCurrentIndex(form.answers[key].findData(value))
        elif key.endswith("_rationale"):
            form.rationales[key.removesuffix("_rationale")].setPlainText(value)
        elif key == "recommended_finding":
            form.recommended.setCurrentIndex(form.recommended.findData(value))


def test_secretariat_assigns_reviewers_from_the_tab(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    panel = _panel(qtbot, make_ctx("secretary"), case_id)
    assert panel.assign_bar.isVisibleTo(panel) and not panel.can_write
    for name in ("derm", "lawyer"):
        panel.reviewer_combo.setCurrentIndex(panel.reviewer_combo.findData(world[name].user_id))
        qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert panel.assignments.rowCount() == 2
    assert case_detail(world.vault, world["secretary"], case_id).state == "peer_review"
    # Assigning the same reviewer twice is refused in plain words.
    qtbot.mouseClick(panel.assign_button, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1 and "already" in prompts.errors[0]


def test_reviewer_drafts_then_submits_a_complete_opinion(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    _assign(world, case_id, "derm", "lawyer")
    panel = _panel(qtbot, make_ctx("derm"), case_id)
    assert not panel.assign_bar.isVisibleTo(panel)

    _fill(panel, {"negligence": "yes", "negligence_rationale": "術式の選択に誤り"})
    qtbot.mouseClick(panel.form.save_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert panel.form.status_label.text() == "Draft of version 1, not yet submitted."
    assert panel.form.rationales["negligence"].toPlainText() == "術式の選択に誤り"

    prompts.confirm_answers.append(True)
    qtbot.mouseClick(panel.form.submit_button, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1  # incomplete: a rationale is missing
    assert list_opinions(world.vault, world["derm"], case_id)[0].status == "draft"

    _fill(panel, COMPLETE)
    prompts.confirm_answers.append(True)
    qtbot.mouseClick(panel.form.submit_button, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1
    (opinion,) = list_opinions(world.vault, world["derm"], case_id)
    assert (opinion.status, opinion.version, opinion.causation) == ("submitted", 1, "yes")
    assert opinion.negligence_rationale == COMPLETE["negligence_rationale"]
    assert panel.form.status_label.text().startswith("Version 1 was submitted")
    assert not panel.form.submit_button.isEnabled()

    # Saving again starts an amendment, version 2; the submitted version stays.
    panel.form.comments.setPlainText("追記")
    qtbot.mouseClick(panel.form.save_button, Qt.MouseButton.LeftButton)
    versions = [(o.version, o.status) for o in list_opinions(world.vault, world["derm"], case_id)]
    assert versions == [(1, "submitted"), (2, "draft")]


def test_review_is_blind_until_the_reviewer_submits(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    _assign(world, case_id, "derm", "lawyer")
    submit_opinion(world.vault, world["derm"], save_opinion(
        world.vault, world["derm"], case_id, OpinionInput(**COMPLETE)))
    lawyer = _panel(qtbot, make_ctx("lawyer"), case_id)
    assert lawyer.opinions.rowCount() == 0
    assert lawyer.blind_note.isVisibleTo(lawyer)
    assert lawyer.assignments.rowCount() == 1  # only their own assignment, too

    _fill(lawyer, COMPLETE)
    prompts.confirm_answers.append(False)  # changed their mind: nothing is saved or submitted
    qtbot.mouseClick(lawyer.form.submit_button, Qt.MouseButton.LeftButton)
    assert list_opinions(world.vault, world["lawyer"], case_id) == []
    prompts.confirm_answers.append(True)  # submitting saves what is on screen first
    qtbot.mouseClick(lawyer.form.submit_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert not lawyer.form.submit_button.isEnabled()
    assert lawyer.opinions.rowCount() == 2
    assert not lawyer.blind_note.isVisibleTo(lawyer)
    lawyer.opinion_view.selectRow([o.author for o in lawyer.opinions.rows()].index("皮膚科 一郎"))
    assert "術式の選択に誤りがあった" in lawyer.reader.toPlainText()


def test_auditor_reads_opinions_and_writes_none(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    _assign(world, case_id, "derm")
    submit_opinion(world.vault, world["derm"], save_opinion(
        world.vault, world["derm"], case_id, OpinionInput(**COMPLETE)))
    panel = _panel(qtbot, make_ctx("auditor"), case_id)
    assert panel.opinions.rowCount() == 1
    assert not panel.can_write and panel.form.parent() is None
    assert not panel.assign_bar.isVisibleTo(panel)
    assert not panel.conflict_button.isVisibleTo(panel)


def test_opinion_text_is_escaped(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    _assign(world, case_id, "derm")
    values = dict(COMPLETE, negligence_rationale="<b>太字ではない</b>")
    save_opinion(world.vault, world["derm"], case_id, OpinionInput(**values))
    panel = _panel(qtbot, make_ctx("derm"), case_id)
    panel.opinion_view.selectRow(0)
    assert "<b>太字ではない</b>" in panel.reader.toPlainText()


def test_conflict_takes_the_reviewer_off_and_closes_the_case(qtbot, make_ctx, world, prompts) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    _assign(world, case_id, "derm2")
    window = MainWindow(make_ctx("derm2"), idle_ms=3_600_000)
    qtbot.addWidget(window)
    assert window.assignments.model.rowCount() == 1
    panel = window.open_case(case_id)
    prompts.text_answers.append("施術医と同じ医局の出身")
    qtbot.mouseClick(panel.opinions.conflict_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    assert window.workspace.indexOf(panel) == -1  # its tab is closed
    assert window.workspace.count() == 2  # my assignments and the case list
    assert window.assignments.model.rowCount() == 0
    window.actions["find"].trigger()  # the case list, loaded when first wanted, agrees
    assert window.case_list.model.total == 0


def test_opinion_models_pass_the_model_tester(qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    case_id = register(world)
    _assign(world, case_id, "derm", "lawyer")
    save_opinion(world.vault, world["derm"], case_id, OpinionInput(**COMPLETE))
    assignments = AssignmentTableModel("ja")
    assignments.set_rows(review.list_assignments(world.vault, world["secretary"], case_id))
    qtmodeltester.check(assignments)
    opinions = OpinionTableModel("ja")
    opinions.set_rows(list_opinions(world.vault, world["derm"], case_id))
    qtmodeltester.check(opinions)
    assert opinions.index(0, 2).data() == "下書き"


def test_opinions_are_offered_only_while_the_case_is_with_the_reviewers(qtbot, make_ctx, world) -> None:  # type: ignore[no-untyped-def]
    from reviewdesk.ui.case_view.panel import CaseViewPanel
    from tests.cases.flow import decide, reviewed

    open_case = reviewed(world)
    view = CaseViewPanel(make_ctx("derm"), open_case)
    qtbot.addWidget(view)
    assert view.opinions.form.isEnabled()
    decided = reviewed(world)
    decide(world, decided, "not_liable")
    view = CaseViewPanel(make_ctx("derm"), decided)
    qtbot.addWidget(view)
    assert view.detail.state == "decided" and not view.opinions.form.isEnabled()
    secretary = CaseViewPanel(make_ctx("secretary"), decided)
    qtbot.addWidget(secretary)
    assert not secretary.opinions.assign_button.isEnabled()


def test_the_same_draft_at_two_seats_the_second_save_is_refused_and_its_text_kept(  # type: ignore[no-untyped-def]
        qtbot, make_ctx, world, prompts) -> None:
    case_id = register(world)
    _assign(world, case_id, "derm")
    save_opinion(world.vault, world["derm"], case_id, OpinionInput(negligence_rationale="最初の下書き"))
    clinic = _panel(qtbot, make_ctx("derm"), case_id)
    home = _panel(qtbot, make_ctx("derm"), case_id)
    _fill(home, {"negligence_rationale": "自宅で書いた文"})  # typed, not yet saved
    _fill(clinic, {"negligence_rationale": "診療所で書いた文"})
    qtbot.mouseClick(clinic.form.save_button, Qt.MouseButton.LeftButton)
    assert prompts.errors == []
    # The clinic's save reached the home seat, which kept what its user is typing.
    assert home.form.rationales["negligence"].toPlainText() == "自宅で書いた文"
    qtbot.mouseClick(home.form.save_button, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1 and "another user saved first" in prompts.errors[0]
    assert home.form.rationales["negligence"].toPlainText() == "自宅で書いた文"
    (stored,) = list_opinions(world.vault, world["derm"], case_id)
    assert stored.negligence_rationale == "診療所で書いた文"  # nothing the clinic saved was lost
    # Having seen the message, the user saves again: now based on the latest, it goes through.
    qtbot.mouseClick(home.form.save_button, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1
    (stored,) = list_opinions(world.vault, world["derm"], case_id)
    assert stored.negligence_rationale == "自宅で書いた文"
    # An untouched form follows the other seat's save.
    qtbot.waitUntil(lambda: clinic.form.rationales["negligence"].toPlainText() == "自宅で書いた文")
