"""A case's history (case view tab, CLI): READ_AUDIT roles see every event; the others see
nothing that blind review or their role keeps from them, and never the patient's name."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.unit_of_work import write
from reviewdesk.cases import assessing, review
from reviewdesk.cases.document_masking import apply_masking
from reviewdesk.cases.documents import add_document
from reviewdesk.cases.history import HistoryRow, action_label, case_history
from reviewdesk.cases.opinions import save_opinion, submit_opinion
from reviewdesk.cases.queries import case_detail
from reviewdesk.errors import NotFound
from reviewdesk.store.models import AuditEvent
from tests.cases import flow


def _assign(world, name: str, case_id: int) -> int:  # type: ignore[no-untyped-def]
    return review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id,
                                  today=flow.TODAY)


def _history(world, name: str, case_id: int) -> list[HistoryRow]:  # type: ignore[no-untyped-def]
    return case_history(world.vault, world[name], case_id)


def _audit_rows(world, case_id: int) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    with world.vault.reading() as s:
        return [tuple(r) for r in s.execute(
            sa.select(AuditEvent.id, AuditEvent.username, AuditEvent.action)
            .where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)).all()]


def _opinion_events(rows: list[HistoryRow]) -> list[tuple[str, str]]:
    return [(r.username, r.action) for r in rows
            if r.entity == "opinion" or r.action.startswith("opinion.")]


@pytest.fixture
def blind(world):  # type: ignore[no-untyped-def]
    """A case with derm and lawyer assigned: the lawyer saved and submitted, derm has a draft."""
    case_id = flow.intake(world)
    derm_assignment = _assign(world, "derm", case_id)
    lawyer_assignment = _assign(world, "lawyer", case_id)
    flow.write(world, "lawyer", case_id)
    draft = save_opinion(world.vault, world["derm"], case_id, flow.opinion())
    return case_id, derm_assignment, lawyer_assignment, draft


def test_a_reviewer_who_has_not_submitted_sees_no_other_opinion_event(world, blind) -> None:  # type: ignore[no-untyped-def]
    case_id, derm_assignment, _lawyer_assignment, draft = blind
    rows = _history(world, "derm", case_id)
    # Nothing the lawyer did, nor that the lawyer was assigned (who, and the deadline).
    assert "lawyer" not in {r.username for r in rows}
    assert _opinion_events(rows) == [("derm", "opinion.save")]
    assert [r.entity_id for r in rows if r.entity == "assignment"] == [derm_assignment]
    # Case-level events and their own remain, in order.
    assert [(r.username, r.action) for r in rows] == [
        ("secretary", "case.register"), ("secretary", "case.coverage_check"),
        ("secretary", "assignment.create"), ("derm", "opinion.save")]
    assert rows[-1].entity_id == draft and rows[-1].detail == {"version": 1}


def test_after_submitting_the_reviewer_sees_the_others_opinion_events(world, blind) -> None:  # type: ignore[no-untyped-def]
    case_id, derm_assignment, lawyer_assignment, draft = blind
    submit_opinion(world.vault, world["derm"], draft)
    rows = _history(world, "derm", case_id)
    assert _opinion_events(rows) == [("lawyer", "opinion.save"), ("lawyer", "opinion.submit"),
                                     ("derm", "opinion.save"), ("derm", "opinion.submit")]
    assert [r.entity_id for r in rows if r.entity == "assignment"] == [derm_assignment,
                                                                        lawyer_assignment]
    assert [r.id for r in rows] == [i for i, _, _ in _audit_rows(world, case_id)]
    # The lawyer, who submitted first, saw derm's draft being saved as soon as it was.
    assert ("derm", "opinion.save") in _opinion_events(_history(world, "lawyer", case_id))


def test_another_reviewers_conflict_declaration_stays_hidden_until_submitting(world) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.intake(world)
    _assign(world, "derm", case_id)
    _assign(world, "derm2", case_id)
    review.declare_conflict(world.vault, world["derm2"], case_id, "同一医療法人に勤務していた")
    before = _history(world, "derm", case_id)
    assert not [r for r in before if r.action == "assignment.conflict"]
    assert len([r for r in before if r.action == "assignment.create"]) == 1
    flow.write(world, "derm", case_id)
    after = _history(world, "derm", case_id)
    assert [(r.username, r.action) for r in after if r.entity == "assignment"] == [
        ("secretary", "assignment.create"), ("secretary", "assignment.create"),
        ("derm2", "assignment.conflict")]
    assert all("reason" not in r.detail for r in after)  # the free text never shows
    with pytest.raises(NotFound):  # off the case, derm2 sees nothing of it
        _history(world, "derm2", case_id)


def test_the_auditor_the_secretariat_and_the_chair_see_every_event(world, blind) -> None:  # type: ignore[no-untyped-def]
    case_id, *_ = blind
    flow.write(world, "derm", case_id)
    other = flow.intake(world)
    audit_rows = _audit_rows(world, case_id)
    assert {a for _, _, a in audit_rows} >= {"opinion.save", "opinion.submit", "assignment.create"}
    for name in ("auditor", "secretary", "chair"):
        rows = _history(world, name, case_id)
        assert [(r.id, r.username, r.action) for r in rows] == audit_rows, name
        assert {r.id for r in _history(world, name, other)}.isdisjoint({r.id for r in rows})


def test_read_audit_roles_see_unsubmitted_drafts_reviewers_do_not(world, blind) -> None:  # type: ignore[no-untyped-def]
    case_id, *_ = blind
    # The lawyer has submitted: sees everyone; the auditor sees the same opinion events.
    assert _opinion_events(_history(world, "auditor", case_id)) == [
        ("lawyer", "opinion.save"), ("lawyer", "opinion.submit"), ("derm", "opinion.save")]
    # A reviewer assigned later, who has written nothing yet, sees no opinion event at all.
    _assign(world, "lawyer2", case_id)
    assert _opinion_events(_history(world, "lawyer2", case_id)) == []


def test_reviewers_never_see_assessment_events(world) -> None:  # type: ignore[no-untyped-def]
    case_id = flow.liable(world)
    assessing.compute_assessment(world.vault, world["assessor"], case_id, flow.INPUTS,
                                 today=flow.TODAY)
    for name in ("assessor", "assessor2", "auditor", "secretary"):
        assert "assessment.compute" in [r.action for r in _history(world, name, case_id)], name
    derm = _history(world, "derm", case_id)
    assert "assessment.compute" not in [r.action for r in derm]
    assert "finding.record" in [r.action for r in derm]  # the finding is case-level
    # The assessment committee reads all cases, so blind review does not apply to it.
    assert len(_opinion_events(_history(world, "assessor", case_id))) == 4


def test_the_patients_name_reaches_only_readers_of_originals(world, blind) -> None:  # type: ignore[no-untyped-def]
    case_id, *_ = blind
    v, sec = world.vault, world["secretary"]
    first = add_document(v, sec, case_id, "record", "山田　花子様_診療録.txt", "text/plain", "経過".encode())
    add_document(v, sec, case_id, "record", "診療録(山田花子).txt", "text/plain", "所見".encode())
    apply_masking(v, sec, first, no_personal_data=True)
    for name in ("secretary", "chair"):  # they read originals, under their own names
        files = [r.detail["filename"] for r in _history(world, name, case_id) if r.action == "document.add"]
        assert files == ["山田　花子様_診療録.txt", "診療録(山田花子).txt"], name
    for name in ("derm", "lawyer", "auditor", "assessor"):
        rows = _history(world, name, case_id)
        # Users' display names are no patient data (the secretary is 事務局 花子): left out.
        text = repr([dataclasses.replace(r, name="") for r in rows])
        assert "山田" not in text and "花子" not in text, name
        # The neutral name of the released document; nothing of the one still waiting.
        shown = [r.detail["filename"] for r in rows if r.entity == "document"]
        assert shown == ["資料1_診療録.txt", "資料1_診療録.txt"], name


def test_the_patients_name_in_any_shown_detail_becomes_the_alias_with_any_spacing(world) -> None:  # type: ignore[no-untyped-def]
    """On a server the database redacts for seats that may not read the name (reviewdesk_case_events);
    on a file the application does: the same rule, the same result."""
    case_id = flow.intake(world, patient_name="山田　花子", patient_kana="ヤマダ ハナコ")
    with write(world.vault, world["secretary"], Action.REGISTER_CASE) as uow:
        uow.audit("case.note", "case", case_id, case_id=case_id,
                  detail={"kind": "山田花子様の件", "state": "ﾔﾏﾀﾞ ﾊﾅｺ / ヤマダハナコ / 山田 花子 / 山田", "reason": "山田花子",
                          "version": 3})
    alias = case_detail(world.vault, world["secretary"], case_id).patient_alias
    for name in ("assessor", "auditor", "chair"):
        [row] = [r for r in _history(world, name, case_id) if r.action == "case.note"]
        assert row.detail == {"version": 3, "kind": f"{alias}様の件", "state": f"ﾔﾏﾀﾞ ﾊﾅｺ / {alias} / {alias} / 山田"}
    [row] = [r for r in _history(world, "secretary", case_id) if r.action == "case.note"]
    assert row.detail["kind"] == "山田花子様の件" and "reason" not in row.detail


def test_a_case_the_user_cannot_see_has_no_history(world, blind) -> None:  # type: ignore[no-untyped-def]
    case_id, *_ = blind
    for name in ("plastic", "lawyer2"):
        with pytest.raises(NotFound) as exc:
            _history(world, name, case_id)
        assert str(exc.value) == f"no case {case_id}"
    with pytest.raises(NotFound):
        _history(world, "auditor", 9999)


def test_action_labels() -> None:
    assert action_label("opinion.submit") == "Opinion submitted"
    assert action_label("opinion.submit", "ja") == "査読意見の提出"
    assert action_label("something.new", "ja") == "something.new"


def test_rows_carry_the_users_display_name_and_a_letters_number_and_kind(world) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from reviewdesk.letters.issuing import issue_case_letter
    from tests.ui.conftest import register

    case_id = register(world)
    issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement",
                      issued_on=dt.date(2026, 5, 2), sign=False)
    rows = case_history(world.vault, world["secretary"], case_id)
    assert {(r.username, r.name) for r in rows} == {("secretary", "事務局 花子")}
    (issued,) = [r for r in rows if r.action == "letter.issue"]
    assert set(issued.detail) == {"letter_no", "kind"}
    assert issued.detail["kind"] == "intake_acknowledgement"
