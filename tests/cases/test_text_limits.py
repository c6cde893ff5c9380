"""Free text has limits that fit its meaning and holds no control characters, in every service.

One table: each service's free-text field, how to call the service with a value there, and
the field's declared limit (reviewdesk/text_fields.py). Every row is refused one character
over its limit and with an ESC in it, in Japanese naming the field (and the limit), and
leaves the vault as it was. A few rows are then taken at their limit, and stored cleaned.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from reviewdesk import text_fields as tf
from reviewdesk.auth import users
from reviewdesk.cases import (
    archive,
    documents,
    findings,
    intake,
    meetings,
    members,
    opinions,
    review,
    saved_filters,
)
from reviewdesk.cases.findings import FindingInput, VoteInput
from reviewdesk.cases.opinions import OpinionInput
from reviewdesk.cases.queries import CaseFilter
from reviewdesk.errors import InputError
from reviewdesk.letters import board
from reviewdesk.store.models import Case, User
from tests.cases import flow
from tests.cases.staging import snapshot
from tests.support.builders import PASSWORD

NO_SUCH = 999_999  # the text is checked before any record is looked up

TERMS = members.ContractTerms(course="facility", per_claim_limit=10_000_000,
                              period_start=date(2026, 1, 1), period_end=date(2026, 12, 31))


def _intake(w, **values: Any) -> Any:  # type: ignore[no-untyped-def]
    return flow.intake(w, **values)


Call = Callable[[Any, str], object]
ROWS: list[tuple[str, tf.TextField, Call]] = [
    ("register_case patient_name", tf.PATIENT_NAME, lambda w, v: _intake(w, patient_name=v)),
    ("register_case patient_kana", tf.PATIENT_KANA, lambda w, v: _intake(w, patient_kana=v)),
    ("register_case summary", tf.CASE_SUMMARY, lambda w, v: _intake(w, summary=v)),
    ("register_case patient_demand", tf.PATIENT_DEMAND, lambda w, v: _intake(w, patient_demand=v)),
    ("register_case patient_address", tf.PATIENT_ADDRESS, lambda w, v: _intake(w, patient_address=v)),
    ("register_case patient_phone", tf.PATIENT_PHONE, lambda w, v: _intake(w, patient_phone=v)),
    ("register_case patient_insurance_no", tf.PATIENT_INSURANCE_NO,
     lambda w, v: _intake(w, patient_insurance_no=v)),
    ("register_case clinic_patient_id", tf.CLINIC_PATIENT_ID, lambda w, v: _intake(w, clinic_patient_id=v)),
    ("add_document filename", tf.DOCUMENT_NAME,
     lambda w, v: documents.add_document(w.vault, w["secretary"], NO_SUCH, "record", v, "text/plain", b"x")),
    ("withdraw_case", tf.WITHDRAW_REASON,
     lambda w, v: intake.withdraw_case(w.vault, w["secretary"], NO_SUCH, v)),
    ("override_coverage", tf.OVERRIDE_REASON,
     lambda w, v: intake.override_coverage(w.vault, w["chair"], NO_SUCH, v)),
    ("reopen_case", tf.REOPEN_REASON,
     lambda w, v: archive.reopen_case(w.vault, w["secretary"], NO_SUCH, v)),
    ("register_appeal", tf.APPEAL_GROUNDS,
     lambda w, v: archive.register_appeal(w.vault, w["secretary"], NO_SUCH, v)),
    ("declare_conflict", tf.CONFLICT_REASON,
     lambda w, v: review.declare_conflict(w.vault, w["derm"], NO_SUCH, v)),
    ("save_opinion rationale", tf.RATIONALE, lambda w, v: opinions.save_opinion(
        w.vault, w["derm"], NO_SUCH, OpinionInput(causation_rationale=v))),
    ("save_opinion comments", tf.OPINION_COMMENTS, lambda w, v: opinions.save_opinion(
        w.vault, w["derm"], NO_SUCH, OpinionInput(comments=v))),
    ("record_finding reason", tf.FINDING_REASON, lambda w, v: findings.record_finding(
        w.vault, w["chair"], NO_SUCH, FindingInput(outcome="liable", damage_reason=v))),
    ("record_finding summary", tf.FINDING_SUMMARY, lambda w, v: findings.record_finding(
        w.vault, w["chair"], NO_SUCH, FindingInput(outcome="liable", summary=v))),
    ("record_finding question", tf.DEFERRED_QUESTION, lambda w, v: findings.record_finding(
        w.vault, w["chair"], NO_SUCH, FindingInput(outcome="deferred", deferred_question=v))),
    ("record_finding dissent", tf.DISSENT, lambda w, v: findings.record_finding(
        w.vault, w["chair"], NO_SUCH, FindingInput(outcome="liable", votes=(VoteInput(1, "against", v),)))),
    ("create_meeting title", tf.MEETING_TITLE, lambda w, v: meetings.create_meeting(
        w.vault, w["secretary"], "review_board", flow.HELD_ON, v)),
    ("create_meeting location", tf.MEETING_LOCATION, lambda w, v: meetings.create_meeting(
        w.vault, w["secretary"], "review_board", flow.HELD_ON, "第1回審査会", v)),
    ("correct_attendance", tf.CORRECTION_REASON,
     lambda w, v: meetings.correct_attendance(w.vault, w["secretary"], NO_SUCH, [], v)),
    ("recuse", tf.RECUSAL_REASON,
     lambda w, v: meetings.recuse(w.vault, w["secretary"], NO_SUCH, NO_SUCH, v)),
    ("withdraw_recusal", tf.RECUSAL_REASON.about("回避を取り消す理由", "withdrawal reason"),
     lambda w, v: meetings.withdraw_recusal(w.vault, w["secretary"], NO_SUCH, NO_SUCH, v)),
    ("add_member number", tf.MEMBER_NO, lambda w, v: members.add_member(w.vault, w["admin"], v, "青葉会")),
    ("add_member name", tf.MEMBER_NAME, lambda w, v: members.add_member(w.vault, w["admin"], "M-9", v)),
    ("add_member representative", tf.REPRESENTATIVE, lambda w, v: members.add_member(
        w.vault, w["admin"], "M-9", "青葉会", representative=v)),
    ("add_member address", tf.ADDRESS, lambda w, v: members.add_member(
        w.vault, w["admin"], "M-9", "青葉会", address=v)),
    ("add_member phone", tf.PHONE, lambda w, v: members.add_member(
        w.vault, w["admin"], "M-9", "青葉会", phone=v)),
    ("add_member email", tf.EMAIL, lambda w, v: members.add_member(
        w.vault, w["admin"], "M-9", "青葉会", email=v)),
    ("add_facility", tf.FACILITY_NAME, lambda w, v: members.add_facility(w.vault, w["admin"], NO_SUCH, v)),
    ("add_contract", tf.CONTRACT_NO, lambda w, v: members.add_contract(w.vault, w["admin"], NO_SUCH, v, TERMS)),
    ("add_insured_doctor name", tf.DOCTOR_NAME, lambda w, v: members.add_insured_doctor(
        w.vault, w["admin"], NO_SUCH, v, "director")),
    ("add_insured_doctor licence", tf.LICENSE_NO, lambda w, v: members.add_insured_doctor(
        w.vault, w["admin"], NO_SUCH, "青葉 健一", "director", license_no=v)),
    ("create_user", tf.DISPLAY_NAME, lambda w, v: users.create_user(
        w.vault, w["secretary"], "newbie", v, "auditor", PASSWORD)),
    ("save_filter", tf.FILTER_NAME, lambda w, v: saved_filters.save_filter(
        w.vault, w["secretary"], v, CaseFilter())),
    ("board settings", board.FIELDS[0], lambda w, v: board.update_board_settings(
        w.vault, w["secretary"], {board.FIELDS[0].name: v})),
]


@pytest.mark.parametrize(("field", "call"), [(f, c) for _, f, c in ROWS], ids=[r[0] for r in ROWS])
def test_too_long_or_a_control_character_is_refused_in_japanese(world, field: tf.TextField,  # type: ignore[no-untyped-def]
                                                                call: Call) -> None:
    before = snapshot(world.vault)
    with pytest.raises(InputError) as exc:
        call(world, "あ" * (field.max_length + 1))
    assert f"{field.max_length:,}文字以内" in exc.value.ja
    assert str(field.max_length + 1) in exc.value.ja.replace(",", "")
    for bad in ("名前\x1b[2J", "名前\x00", "名前\u202e", "名前\x7f", "名前\x9b"):
        with pytest.raises(InputError) as exc:
            call(world, bad)
        assert "制御文字" in exc.value.ja, (bad, exc.value.ja)
    if not field.multiline and not isinstance(field, board.BoardField):  # board: spaces collapsed
        with pytest.raises(InputError, match="one line"):
            call(world, "一行目\n二行目")
    assert snapshot(world.vault) == before


def test_every_row_names_its_field_in_japanese(world) -> None:  # type: ignore[no-untyped-def]
    for name, field, call in ROWS:
        with pytest.raises(InputError) as exc:
            call(world, "あ" * (field.max_length + 1))
        assert exc.value.ja.startswith(field.ja) or "についての理由" in exc.value.ja, name


def test_the_limit_itself_is_accepted_and_text_is_stored_cleaned(world) -> None:  # type: ignore[no-untyped-def]
    summary = "\t経過\r\n" + "あ" * (tf.CASE_SUMMARY.max_length - 6) + "\r\nい  "
    case_id = flow.intake(world, patient_name="山" * tf.PATIENT_NAME.max_length, summary=summary)
    with world.vault.reading() as session:
        stored = session.scalar(sa.select(Case.summary).where(Case.id == case_id))
    assert stored == "経過\n" + "あ" * (tf.CASE_SUMMARY.max_length - 6) + "\nい"  # LF, trimmed
    users.create_user(world.vault, world["secretary"], "newbie", "名" * 100, "auditor", PASSWORD)
    with world.vault.reading() as session:
        assert session.scalar(sa.select(User.display_name).where(User.username == "newbie")) == "名" * 100
    review.assign_reviewer(world.vault, world["secretary"], case_id, world["derm"].user_id, today=flow.TODAY)
    opinions.save_opinion(world.vault, world["derm"], case_id, OpinionInput(
        negligence_rationale="理由\t一\n" + "う" * 9_000, insured_share=Decimal("0.5")))
    intake.withdraw_case(world.vault, world["secretary"], case_id, "取下げ\r\n書面あり")
    with world.vault.reading() as session:
        assert session.scalar(sa.select(Case.withdrawn_reason).where(Case.id == case_id)) == "取下げ\n書面あり"


@pytest.mark.parametrize("username", ["new\x1bbie", "new\u202ebie", "new\x00bie"])
def test_a_user_name_with_a_control_character_is_refused(world, username: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as exc:
        users.create_user(world.vault, world["secretary"], username, "新人", "auditor", PASSWORD)
    assert "制御文字" in exc.value.ja


def test_clean_text_alone() -> None:
    assert tf.clean_text(None, tf.CASE_SUMMARY) == ""
    assert tf.clean_optional("  ", tf.PATIENT_DEMAND) is None
    assert tf.clean_text("a\u2028b", tf.CASE_SUMMARY) == "a\nb"
    with pytest.raises(InputError, match="must be text"):
        tf.clean_text(12, tf.DISPLAY_NAME)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="one line"):
        tf.clean_text("a\u2029b", tf.DISPLAY_NAME)
    with pytest.raises(InputError, match="control character"):
        tf.clean_text("a\tb", tf.DISPLAY_NAME)  # a tab is kept only where lines are
    assert tf.printable("a\x1b[31mb\u202ec\nd") == "a\\u001b[31mb\\u202ec\nd"
    assert tf.printable("a\nb", multiline=False) == "a\\u000ab"
