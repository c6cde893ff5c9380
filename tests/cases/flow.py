"""Helpers shared by the workflow tests: a case walked to a given point of its life."""

from __future__ import annotations

import hashlib
from datetime import date, time

import sqlalchemy as sa

from reviewdesk.cases import findings, meetings, review
from reviewdesk.cases.assessing import CommitteeInputs
from reviewdesk.cases.findings import FindingInput, VoteInput
from reviewdesk.cases.intake import IntakeData, register_case
from reviewdesk.cases.opinions import OpinionInput, save_opinion, submit_opinion
from reviewdesk.store.models import Letter

TODAY = date(2026, 11, 20)
BOARD = ("derm2", "plastic", "lawyer2", "chair")  # present at meetings; derm/lawyer reviewed
HELD_ON = date(2026, 11, 25)  # the board meeting of these tests; findings are recorded that day
STARTS_AT, ENDS_AT = time(14, 0), time(16, 30)
# The board's judgement on each legal element, as a liable finding records it.
JUDGEMENTS = {"negligence": "accepted", "causation": "accepted", "duty_to_explain": "rejected",
              "damage": "accepted"}


def intake(world, **overrides) -> int:  # type: ignore[no-untyped-def]
    values = dict(contract_id=world.contract_id, patient_name="山田 花子", procedure="filler",
                  incident_date=date(2026, 3, 2), claim_date=date(2026, 5, 11),
                  summary="ヒアルロン酸注入後に皮膚壊死を生じた。", outcome_kind="after_effect",
                  disability_grade=12, insured_doctor_id=world.doctor_id,
                  received_on=date(2026, 5, 12))
    values.update(overrides)
    return register_case(world.vault, world["secretary"], IntakeData(**values), today=TODAY)


def opinion(finding: str = "liable", negligence: str = "yes", causation: str = "yes",
            share: str | None = None) -> OpinionInput:
    return OpinionInput(
        negligence=negligence, negligence_rationale="注入層の選択が不適切であった。",
        causation=causation, causation_rationale="壊死は塞栓による。",
        duty_to_explain="no", duty_to_explain_rationale="同意書に記載あり。",
        damage="yes", damage_rationale="瘢痕が残存。", recommended_finding=finding,
        insured_share=share)


def write(world, username: str, case_id: int, data: OpinionInput | None = None) -> int:  # type: ignore[no-untyped-def]
    op = save_opinion(world.vault, world[username], case_id, data or opinion())
    submit_opinion(world.vault, world[username], op)
    return op


def reviewed(world, **overrides) -> int:  # type: ignore[no-untyped-def]
    """A case in peer review with a dermatologist's and a lawyer's submitted opinions."""
    case_id = intake(world, **overrides)
    for name in ("derm", "lawyer"):
        review.assign_reviewer(world.vault, world["secretary"], case_id,
                               world[name].user_id, today=TODAY)
        write(world, name, case_id)
    return case_id


def board_meeting(world, present: tuple[str, ...] = BOARD) -> int:  # type: ignore[no-untyped-def]
    meeting_id = meetings.create_meeting(world.vault, world["secretary"], "review_board",
                                         HELD_ON, "第12回審査会", "本部会議室", starts_at=STARTS_AT)
    meetings.record_attendance(world.vault, world["secretary"], meeting_id,
                               [world[n].user_id for n in present], ends_at=ENDS_AT)
    return meeting_id


def voters(world, meeting_id: int, item_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The members present and not recused for the item: each of them votes."""
    detail = meetings.meeting_detail(world.vault, world["secretary"], meeting_id)
    [row] = [r for r in detail.agenda if r.item_id == item_id]
    recused = {r.user_id for r in row.recusals}
    return [a.user_id for a in detail.attendance if a.present and a.user_id not in recused]


def decide(world, case_id: int, outcome: str = "liable", share: str | None = None,  # type: ignore[no-untyped-def]
           question: str | None = None, meeting_id: int | None = None) -> int:
    """Puts the case on a board agenda and records the finding; returns the finding id."""
    meeting_id = meeting_id or board_meeting(world)
    item = meetings.add_to_agenda(world.vault, world["secretary"], meeting_id, case_id)
    votes = tuple(VoteInput(uid, "for") for uid in voters(world, meeting_id, item))
    liable = outcome in ("liable", "partly_liable")
    judgements = JUDGEMENTS if liable else {e: "rejected" for e in JUDGEMENTS}
    data = FindingInput(outcome=outcome, insured_share=share, negligence_reason="過失あり",
                        causation_reason="因果関係あり", duty_to_explain_reason="説明は十分",
                        damage_reason="損害あり" if liable else "判断を要しない",
                        deferred_question=question, votes=votes,
                        judgements={} if outcome == "deferred" else judgements)
    return findings.record_finding(world.vault, world["chair"], item, data, today=HELD_ON)


# ASSESSMENT.md section 7's victim and damages, on a 2026 incident (statutory rate 3 %).
INPUTS = CommitteeInputs(victim_age=35, victim_sex="female", annual_income=4_000_000,
                         loss_years=10, treatment_costs=800_000, lost_wages=300_000,
                         hospital_outpatient_consolation=900_000, patient_fault="0.1",
                         litigation_costs=500_000)


def liable(world, share: str | None = None, **overrides) -> int:  # type: ignore[no-untyped-def]
    """A case found liable (or partly liable with `share`), awaiting its assessment."""
    case_id = reviewed(world, **overrides)
    decide(world, case_id, "partly_liable" if share else "liable", share=share)
    return case_id


def signed_letter(world, case_id: int, kind: str, signed: bool = True) -> None:  # type: ignore[no-untyped-def]
    """What the letters service stores once a letter is signed (its own tests cover the PDF)."""
    pdf = f"%PDF {kind} {case_id}".encode()
    with world.vault.begin_write() as s:
        n = int(s.scalar(sa.select(sa.func.count(Letter.id))) or 0) + 1
        s.add(Letter(letter_no=f"L-{n:04d}", kind=kind, case_id=case_id, issued_on=TODAY, pdf=pdf,
                     sha256=hashlib.sha256(pdf).hexdigest(), signed=signed))
