"""Which letters may be issued when, and who reads them (issue 12): blind review, the order of
the decision letters, one original per decision, nothing on a closed case."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reviewdesk.cases import review
from reviewdesk.cases.archive import close_case, mark_notified, reopen_case
from reviewdesk.errors import InputError, PermissionDenied, RuleViolation
from reviewdesk.letters.exporting import export_letters
from reviewdesk.letters.issuing import case_letters, issue_case_letter, letter_pdf
from reviewdesk.letters.pki import make_demo_pki
from reviewdesk.letters.signer import import_signer
from tests.cases import flow
from tests.letters.test_issuing import _liable_case, _text


@pytest.fixture(scope="module")
def pki():  # type: ignore[no-untyped-def]
    return make_demo_pki()  # services sign at the wall clock


@pytest.fixture
def signed_world(world, pki):  # type: ignore[no-untyped-def]
    import_signer(world.vault, world["secretary"], pki.signer_p12, pki.password.decode())
    return world


def _in_peer_review(world) -> int:  # type: ignore[no-untyped-def]
    """The dermatologist has submitted; the lawyer has not."""
    case_id = flow.intake(world)
    for name in ("derm", "lawyer"):
        review.assign_reviewer(world.vault, world["secretary"], case_id, world[name].user_id,
                               today=flow.TODAY)
    flow.write(world, "derm", case_id)
    return case_id


def test_no_case_record_while_peer_review_runs(signed_world) -> None:
    world = signed_world
    case_id = _in_peer_review(world)
    with pytest.raises(RuleViolation, match="finding is recorded") as refused:
        issue_case_letter(world.vault, world["secretary"], case_id, "case_record")
    assert "審査結果が記録された後" in refused.value.ja
    assert case_letters(world.vault, world["secretary"], case_id) == []


def test_reviewers_read_and_export_no_letters(signed_world, tmp_path: Path) -> None:
    world = signed_world
    case_id = _in_peer_review(world)
    letter = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    for name in ("derm", "lawyer"):  # both assigned to the case
        with pytest.raises(PermissionDenied):
            export_letters(world.vault, world[name], tmp_path / name, case_id)
        with pytest.raises(PermissionDenied):
            export_letters(world.vault, world[name], tmp_path / name)
        assert not (tmp_path / name).exists()
        with pytest.raises(PermissionDenied):
            case_letters(world.vault, world[name], case_id)
        with pytest.raises(PermissionDenied):
            letter_pdf(world.vault, world[name], letter)
    assert len(export_letters(world.vault, world["auditor"], tmp_path / "auditor", case_id)) == 1


def test_the_assessment_letter_waits_for_the_finding_letter(signed_world) -> None:
    world = signed_world
    case_id = _liable_case(world)
    with pytest.raises(RuleViolation, match="finding letter before") as refused:
        issue_case_letter(world.vault, world["secretary"], case_id, "assessment")
    assert refused.value.ja == "査定結果通知書は、審査結果通知書を発行した後に発行してください"
    assert case_letters(world.vault, world["secretary"], case_id) == []


def test_the_assessment_letter_cites_the_finding_letter_by_its_number_and_date(signed_world) -> None:
    world = signed_world
    case_id = _liable_case(world)
    finding = issue_case_letter(world.vault, world["chair"], case_id, "finding",
                                issued_on=date(2026, 11, 27))
    assessment = issue_case_letter(world.vault, world["secretary"], case_id, "assessment",
                                   issued_on=date(2026, 12, 1))
    finding_no = letter_pdf(world.vault, world["secretary"], finding)[0].letter_no
    text = _text(letter_pdf(world.vault, world["secretary"], assessment)[1]).replace("\n", "")
    assert f"令和8年11月27日付け{finding_no}" in text
    assert "令和8年11月25日付け" not in text  # the meeting's date is not the letter's
    assert "—により" not in text


def test_a_second_original_is_refused_and_points_to_the_correction(signed_world) -> None:
    world = signed_world
    case_id = flow.intake(world)
    first = issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    first_no = letter_pdf(world.vault, world["secretary"], first)[0].letter_no
    with pytest.raises(RuleViolation, match=f"--replaces {first_no}") as refused:
        issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")
    assert "訂正版を発行" in refused.value.ja and first_no in refused.value.ja
    # The correction is the way, and only for a letter of the same kind.
    issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement",
                      replaces_no=first_no, correction_reason="受付日の誤記")
    assert len(case_letters(world.vault, world["secretary"], case_id)) == 2
    with pytest.raises(RuleViolation, match="--replaces"):
        issue_case_letter(world.vault, world["secretary"], case_id, "intake_acknowledgement")


def test_a_correction_replaces_a_letter_of_its_own_kind(signed_world) -> None:
    world = signed_world
    case_id = _liable_case(world)
    finding = issue_case_letter(world.vault, world["chair"], case_id, "finding")
    finding_no = letter_pdf(world.vault, world["secretary"], finding)[0].letter_no
    with pytest.raises(InputError, match="is a finding letter; a correction replaces a letter of the same kind") as refused:
        issue_case_letter(world.vault, world["secretary"], case_id, "assessment", replaces_no=finding_no)
    assert refused.value.ja == f"{finding_no} は審査結果通知書です。同じ種類の通知書のみ訂正できます"


def test_finding_and_assessment_letters_once_per_decision(signed_world) -> None:
    world = signed_world
    case_id = flow.reviewed(world)
    flow.decide(world, case_id, "deferred", question="同意書の原本を提出されたい")
    issue_case_letter(world.vault, world["chair"], case_id, "finding")  # the deferral
    with pytest.raises(RuleViolation, match="already has a finding letter"):
        issue_case_letter(world.vault, world["chair"], case_id, "finding")
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm2"].user_id,
                           today=flow.TODAY)
    flow.write(world, "derm2", case_id)
    flow.decide(world, case_id, "not_liable")
    issue_case_letter(world.vault, world["chair"], case_id, "finding")  # the new finding's letter
    with pytest.raises(RuleViolation, match="already has a finding letter"):
        issue_case_letter(world.vault, world["chair"], case_id, "finding")
    mark_notified(world.vault, world["secretary"], case_id)


def test_no_letters_on_a_closed_case(signed_world) -> None:
    world = signed_world
    case_id = _liable_case(world)
    issue_case_letter(world.vault, world["chair"], case_id, "finding")
    issue_case_letter(world.vault, world["secretary"], case_id, "assessment")
    mark_notified(world.vault, world["secretary"], case_id)
    close_case(world.vault, world["secretary"], case_id, today=flow.TODAY)
    finding_no = next(r.letter_no for r in case_letters(world.vault, world["secretary"], case_id)
                      if r.kind == "finding")
    for kind, replaces in (("intake_acknowledgement", None), ("finding", finding_no)):
        with pytest.raises(RuleViolation, match="closed; reopen it") as refused:
            issue_case_letter(world.vault, world["secretary"], case_id, kind, replaces_no=replaces)
        assert "先に事案を再開" in refused.value.ja
    # The case record is the archive's own letter of a closed case.
    issue_case_letter(world.vault, world["secretary"], case_id, "case_record")
    reopen_case(world.vault, world["secretary"], case_id, "査定の誤記")
    issue_case_letter(world.vault, world["secretary"], case_id, "finding", replaces_no=finding_no,
                      correction_reason="誤記")
    assert [r.kind for r in case_letters(world.vault, world["secretary"], case_id)] == [
        "finding", "assessment", "case_record", "finding"]
