"""Every service that acts for a user against every role: allowed as MATRIX says, with its effect.

The services are found by inspection (`discover_services`), not listed by hand: a new one
without an entry in OPERATIONS fails `test_every_service_has_an_operation`, by name. Each entry
names the Action that governs the service, how to call it on the staged vault (staging.py)
and what the call must have done. Per role, a refused call raises PermissionDenied and
changes nothing; an allowed call writes exactly the audit events listed and has its effect.
Revoking the entry's action must refuse the call, and that action alone must allow it, so a
service checking another action fails too, even one held by the same roles.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
import json
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import reviewdesk.auth
import reviewdesk.cases
import reviewdesk.letters
from reviewdesk.auth import users, vault_admin
from reviewdesk.auth.permissions import MATRIX, Action, allowed
from reviewdesk.auth.roles import Actor, Role
from reviewdesk.cases import (
    archive,
    assessing,
    document_masking,
    documents,
    findings,
    history,
    identities,
    intake,
    meetings,
    members,
    opinions,
    pickers,
    queries,
    record,
    review,
    saved_filters,
    statistics,
)
from reviewdesk.cases.findings import FindingInput, VoteInput
from reviewdesk.cases.intake import IntakeData
from reviewdesk.cases.masking import Span
from reviewdesk.cases.members import ContractTerms
from reviewdesk.cases.opinions import OpinionInput, list_opinions, save_opinion, submit_opinion
from reviewdesk.cases.queries import CaseFilter
from reviewdesk.errors import NotFound, PermissionDenied
from reviewdesk.letters import board, exporting, issuing, ltv, maintenance, signer, tsa
from reviewdesk.store.changes import ChangeKind, Changes
from reviewdesk.store.models import (
    AgendaItem,
    Assessment,
    Assignment,
    Attendance,
    Case,
    Contract,
    Document,
    DocumentNotice,
    Facility,
    Finding,
    InsuredDoctor,
    Letter,
    Meeting,
    Member,
    Opinion,
    Payment,
    Recusal,
    SavedFilter,
    Setting,
    SignerCertificate,
    User,
)
from reviewdesk.store.vault import Vault, read_salt
from tests.cases.flow import BOARD, HELD_ON, INPUTS, JUDGEMENTS, TODAY
from tests.cases.staging import (
    ACTING,
    CONSENT_FILE,
    DOCUMENT,
    MASKED_DOCUMENT,
    ORIGINAL_DOCUMENT,
    OUTSIDERS,
    PASSPHRASE,
    PENDING_DOCUMENT,
    Stage,
    audit_head,
    audit_since,
    build_stage,
    column,
    first,
    scalar,
    snapshot,
    stored_bytes,
)
from tests.support.builders import PASSWORD

# Discovery ---------------------------------------------------------------------------------

PACKAGES = (reviewdesk.cases, reviewdesk.auth, reviewdesk.letters)
# The mechanism itself, not services: the matrix, the write path, the trail, case visibility.
MECHANISM = frozenset({"reviewdesk.auth.permissions", "reviewdesk.auth.unit_of_work",
                       "reviewdesk.auth.audit", "reviewdesk.cases.access"})


def discover_services() -> dict[str, Callable[..., Any]]:
    """Public functions taking an actor, whose first parameter is the vault or the actor."""
    found: dict[str, Callable[..., Any]] = {}
    for package in PACKAGES:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name in MECHANISM:
                continue
            module = importlib.import_module(info.name)
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if name.startswith("_") or function.__module__ != module.__name__:
                    continue
                params = list(inspect.signature(function).parameters)
                if "actor" in params and params[0] in ("vault", "actor"):
                    found[f"{module.__name__}.{name}"] = function
    return found


# The operations ----------------------------------------------------------------------------

Args = tuple[tuple[Any, ...], dict[str, Any]]
Effect = Callable[[Vault, Stage, Actor, Any], bool]


def args(*positional: Any, **keywords: Any) -> Args:
    return positional, keywords


@dataclass(frozen=True)
class Operation:
    service: Callable[..., Any]
    action: Action  # what MATRIX must allow; READ_ASSIGNED_CASES for what visibility alone governs
    call: Callable[[Stage, Actor], Args]  # the arguments after (vault, actor)
    effect: Effect  # true when an allowed call did what it is for
    # The events an allowed call writes, in order (none for reads); a function of the actor where
    # what one may read decides it (the secretariat's read of an original is audited).
    audits: tuple[str, ...] | Callable[[Stage, Actor], tuple[str, ...]] = ()
    scoped: bool = False  # shows or changes only cases the actor may see: outsiders get nothing
    variant: str = ""

    @property
    def key(self) -> str:
        return f"{self.service.__module__}.{self.service.__name__}"

    @property
    def name(self) -> str:
        return self.service.__name__ + (f"[{self.variant}]" if self.variant else "")

    def run(self, vault: Vault, actor: Actor, stage: Stage) -> Any:
        positional, keywords = self.call(stage, actor)
        if next(iter(inspect.signature(self.service).parameters)) == "actor":
            return self.service(actor, *positional, **keywords)
        return self.service(vault, actor, *positional, **keywords)


def state(v: Vault, case_id: int) -> str:
    return str(scalar(v, sa.select(Case.state).where(Case.id == case_id)))


def _finding(s: Stage) -> FindingInput:
    return FindingInput("liable", negligence_reason="過失あり", causation_reason="因果関係あり",
                        duty_to_explain_reason="説明は十分", damage_reason="損害あり", judgements=JUDGEMENTS,
                        votes=tuple(VoteInput(s.actors[n].user_id, "for") for n in BOARD))


def _draft(s: Stage, a: Actor) -> int:
    return int(s.ids.get(f"draft_{a.username}", s.ids["draft_derm"]))


def _holds_the_stage(path: Path, s: Stage) -> bool:
    with Vault.open(path, env={"REVIEWDESK_PASSPHRASE": PASSPHRASE}) as restored:
        return scalar(restored, sa.select(Case.id).where(Case.id == s.ids["pr"])) == s.ids["pr"]


def _original_read(s: Stage, a: Actor) -> tuple[str, ...]:
    return ("document.open_original",) if allowed(a, Action.READ_ORIGINAL_DOCUMENTS) else ()


def v_rows(vault: Vault, statement: sa.Select[Any]) -> list[tuple[Any, ...]]:
    with vault.reading() as session:
        return [tuple(r) for r in session.execute(statement).all()]


def _ids(rows: Any, attribute: str = "id") -> list[Any]:
    return [getattr(r, attribute) for r in rows]


NEW_CASE = IntakeData(contract_id=0, patient_name="佐藤 次郎", procedure="filler",
                      incident_date=date(2026, 6, 1), claim_date=date(2026, 7, 1),
                      summary="注入後の腫脹が遷延した。", received_on=TODAY)
NEW_TERMS = ContractTerms(course="practitioner", per_claim_limit=5_000_000,
                          period_start=date(2027, 1, 1), period_end=date(2027, 12, 31))
OPERATIONS: list[Operation] = [
    # Peer review
    Operation(review.assign_reviewer, Action.ASSIGN_REVIEWER,
              lambda s, a: args(s.ids["pr"], s.actors["derm2"].user_id, today=TODAY),
              lambda v, s, a, r: first(v, sa.select(
                  Assignment.case_id, Assignment.reviewer_id, Assignment.status)
                  .where(Assignment.id == r)) == (s.ids["pr"], s.actors["derm2"].user_id, "assigned"),
              ("assignment.create",)),
    Operation(review.declare_conflict, Action.DECLARE_CONFLICT, lambda s, a: args(s.ids["pr"], "知人の事案"),
              lambda v, s, a, r: column(v, sa.select(Assignment.status).where(
                  Assignment.case_id == s.ids["pr"], Assignment.reviewer_id == a.user_id))
              == ["withdrawn_conflict"], ("assignment.conflict",), scoped=True),
    Operation(opinions.save_opinion, Action.WRITE_OPINION,
              lambda s, a: args(s.ids["pr"], OpinionInput(negligence="no")),
              lambda v, s, a, r: first(v, sa.select(Opinion.author_id, Opinion.negligence, Opinion.status)
                                       .where(Opinion.id == r)) == (a.user_id, "no", "draft"),
              ("opinion.save",), scoped=True),
    Operation(opinions.submit_opinion, Action.WRITE_OPINION, lambda s, a: args(_draft(s, a)),
              lambda v, s, a, r: scalar(v, sa.select(Opinion.status).where(
                  Opinion.id == _draft(s, a))) == "submitted", ("opinion.submit",), scoped=True),
    Operation(opinions.list_opinions, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["ready"]),
              lambda v, s, a, r: {s.actors["derm"].user_id, s.actors["lawyer"].user_id}
              <= set(_ids(r, "author_id")) and set(_ids(r, "case_id")) == {s.ids["ready"]},
              scoped=True),
    Operation(review.list_assignments, Action.READ_ASSIGNED_CASES,
              lambda s, a: args(s.ids["pr"], today=TODAY),
              lambda v, s, a, r: bool(r) and set(_ids(r, "case_id")) == {s.ids["pr"]}
              and (not a.is_reviewer or a.user_id in _ids(r, "reviewer_id")), scoped=True),
    Operation(review.my_assignments, Action.READ_ASSIGNED_CASES, lambda s, a: args(TODAY),
              lambda v, s, a, r: s.ids["pr"] in _ids(r.rows, "case_id") if a.is_reviewer else r.rows == (),
              scoped=True),
    Operation(review.overdue_assignments, Action.ASSIGN_REVIEWER, lambda s, a: args(date(2027, 1, 30)),
              lambda v, s, a, r: s.ids["pr"] in _ids(r, "case_id")),
    Operation(review.flagged_cases, Action.ASSIGN_REVIEWER, lambda s, a: args(),
              lambda v, s, a, r: any(f.case_id == s.ids["disputed"] and "negligence" in f.elements
                                     for f in r)),
    # Meetings and findings
    Operation(meetings.create_meeting, Action.MANAGE_MEETINGS,
              lambda s, a: args("review_board", date(2026, 12, 16), "第14回審査会"),
              lambda v, s, a, r: first(v, sa.select(Meeting.kind, Meeting.title).where(Meeting.id == r))
              == ("review_board", "第14回審査会"), ("meeting.create",)),
    Operation(meetings.add_to_agenda, Action.MANAGE_MEETINGS,
              lambda s, a: args(s.ids["meeting"], s.ids["ready"]),
              lambda v, s, a, r: first(v, sa.select(AgendaItem.meeting_id, AgendaItem.case_id)
                                       .where(AgendaItem.id == r)) == (s.ids["meeting"], s.ids["ready"])
              and state(v, s.ids["ready"]) == "board_review", ("meeting.agenda_add",)),
    Operation(meetings.present_item, Action.RECORD_FINDING, lambda s, a: args(s.ids["item"]),
              lambda v, s, a, r: scalar(v, sa.select(Meeting.current_item_id).where(
                  Meeting.id == s.ids["meeting"])) == s.ids["item"], ("meeting.present",)),
    Operation(meetings.record_attendance, Action.RECORD_ATTENDANCE,
              lambda s, a: args(s.ids["meeting"], [s.actors[n].user_id for n in (*BOARD, "derm")]),
              lambda v, s, a, r: set(column(v, sa.select(Attendance.user_id).where(
                  Attendance.meeting_id == s.ids["meeting"], Attendance.present.is_(True))))
              == {s.actors[n].user_id for n in (*BOARD, "derm")}, ("meeting.attendance",)),
    Operation(meetings.recuse, Action.RECORD_ATTENDANCE,
              lambda s, a: args(s.ids["item"], s.actors["plastic"].user_id, "同門"),
              lambda v, s, a, r: first(v, sa.select(Recusal.agenda_item_id, Recusal.user_id).where(
                  Recusal.id == r)) == (s.ids["item"], s.actors["plastic"].user_id),
              ("meeting.recusal",)),
    Operation(meetings.list_meetings, Action.READ_ASSIGNED_CASES, lambda s, a: args(),
              lambda v, s, a, r: s.ids["meeting"] in _ids(r)),
    Operation(meetings.meeting_detail, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["meeting"]),
              lambda v, s, a, r: r.meeting.id == s.ids["meeting"]
              and s.ids["board"] in _ids(r.agenda, "case_id"), scoped=True),
    Operation(meetings.withdraw_recusal, Action.RECORD_ATTENDANCE,
              lambda s, a: args(s.ids["open_item"], s.actors["plastic"].user_id, "回避の記録誤り"),
              lambda v, s, a, r: column(v, sa.select(Recusal.user_id).where(
                  Recusal.agenda_item_id == s.ids["open_item"])) == [],
              ("meeting.recusal_withdraw",)),
    Operation(meetings.correct_attendance, Action.RECORD_ATTENDANCE,
              lambda s, a: args(s.ids["open_meeting"], [s.actors[n].user_id for n in (*BOARD, "derm")],
                                "出席の記録漏れ"),
              lambda v, s, a, r: s.actors["derm"].user_id in column(v, sa.select(Attendance.user_id).where(
                  Attendance.meeting_id == s.ids["open_meeting"], Attendance.present.is_(True))),
              ("meeting.attendance_correct",)),
    Operation(findings.record_finding, Action.RECORD_FINDING,
              lambda s, a: args(s.ids["item"], _finding(s), today=HELD_ON),
              lambda v, s, a, r: first(v, sa.select(Finding.case_id, Finding.outcome).where(Finding.id == r))
              == (s.ids["board"], "liable") and state(v, s.ids["board"]) == "assessment",
              ("finding.record",)),
    Operation(findings.list_findings, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["decided"]),
              lambda v, s, a, r: _ids(r, "outcome") == ["not_liable"], scoped=True),
    # The appeal's panel (not reviewers of the original) reads the contested finding through it.
    Operation(findings.original_findings, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["appeal"]),
              lambda v, s, a, r: _ids(r, "case_id") == [s.ids["appealed"]]
              and _ids(r, "outcome") == ["not_liable"], scoped=True),
    Operation(findings.meeting_minutes, Action.READ_ALL_CASES, lambda s, a: args(s.ids["meeting"]),
              lambda v, s, a, r: s.ids["board"] in _ids(r.items, "case_id")
              and any(_ids(r.attendance, "present"))),
    # Assessment
    Operation(assessing.prefill, Action.COMPUTE_ASSESSMENT, lambda s, a: args(s.ids["assess"]),
              lambda v, s, a, r: r.case_id == s.ids["assess"] and r.per_claim_limit == 10_000_000),
    Operation(assessing.compute_assessment, Action.COMPUTE_ASSESSMENT,
              lambda s, a: args(s.ids["assess"], INPUTS, today=TODAY),
              lambda v, s, a, r: first(v, sa.select(Assessment.case_id, Assessment.status,
                                                    Assessment.computed_by).where(Assessment.id == r))
              == (s.ids["assess"], "computed", a.user_id) and scalar(v, sa.select(Assessment.status).where(
                  Assessment.id == s.ids["assessment"])) == "superseded", ("assessment.compute",)),
    Operation(assessing.approve_assessment, Action.APPROVE_ASSESSMENT,
              lambda s, a: args(s.ids["assessment"], today=TODAY),
              lambda v, s, a, r: scalar(v, sa.select(Assessment.approved_by).where(
                  Assessment.id == s.ids["assessment"])) == a.user_id
              and state(v, s.ids["assess"]) == "decided"
              and bool(column(v, sa.select(Payment.amount).where(Payment.case_id == s.ids["assess"]))),
              ("assessment.approve",)),
    Operation(assessing.list_assessments, Action.READ_ALL_CASES, lambda s, a: args(s.ids["assess"]),
              lambda v, s, a, r: _ids(r) == [s.ids["assessment"]]),
    Operation(assessing.aggregate_status, Action.READ_ALL_CASES, lambda s, a: args(s.ids["contract"]),
              lambda v, s, a, r: r.contract_id == s.ids["contract"] and r.annual_aggregate == 30_000_000),
    # The end of a case
    Operation(archive.mark_notified, Action.ISSUE_LETTER, lambda s, a: args(s.ids["decided"]),
              lambda v, s, a, r: state(v, s.ids["decided"]) == "notified", ("case.notified",)),
    Operation(archive.close_case, Action.CLOSE_CASE, lambda s, a: args(s.ids["notified"], today=TODAY),
              lambda v, s, a, r: first(v, sa.select(Case.state, Case.retention_until).where(
                  Case.id == s.ids["notified"])) == ("closed", r), ("case.close",)),
    Operation(archive.reopen_case, Action.REOPEN_CASE, lambda s, a: args(s.ids["closed"], "誤って完結"),
              lambda v, s, a, r: r == state(v, s.ids["closed"]) == "withdrawn", ("case.reopen",)),
    Operation(archive.register_appeal, Action.REGISTER_APPEAL,
              lambda s, a: args(s.ids["decided"], "判断に異議", today=TODAY),
              lambda v, s, a, r: scalar(v, sa.select(Case.appeal_of_id).where(Case.id == r))
              == s.ids["decided"], ("case.appeal",)),
    Operation(archive.list_archive, Action.READ_ASSIGNED_CASES, lambda s, a: args(),
              lambda v, s, a, r: s.ids["archived"] in _ids(r), scoped=True),
    Operation(archive.count_archive, Action.READ_ASSIGNED_CASES, lambda s, a: args(),
              lambda v, s, a, r: r >= 1, scoped=True),
    # Intake
    Operation(intake.register_case, Action.REGISTER_CASE,
              lambda s, a: args(replace(NEW_CASE, contract_id=s.ids["contract"]), today=TODAY),
              lambda v, s, a, r: first(v, sa.select(Case.patient_name, Case.state).where(Case.id == r))
              == ("佐藤 次郎", "coverage_check"), ("case.register", "case.coverage_check")),
    Operation(intake.override_coverage, Action.OVERRIDE_COVERAGE,
              lambda s, a: args(s.ids["uncovered"], "審査会で受理"),
              lambda v, s, a, r: scalar(v, sa.select(Case.coverage_override).where(
                  Case.id == s.ids["uncovered"])) == "審査会で受理", ("case.coverage_override",)),
    Operation(intake.mark_not_covered, Action.REGISTER_CASE, lambda s, a: args(s.ids["uncovered"]),
              lambda v, s, a, r: state(v, s.ids["uncovered"]) == "not_covered", ("case.not_covered",)),
    Operation(intake.withdraw_case, Action.WITHDRAW_CASE, lambda s, a: args(s.ids["pr"], "請求の取下げ"),
              lambda v, s, a, r: first(v, sa.select(Case.state, Case.withdrawn_reason).where(
                  Case.id == s.ids["pr"])) == ("withdrawn", "請求の取下げ"), ("case.withdraw",)),
    Operation(documents.add_document, Action.ADD_DOCUMENT,
              lambda s, a: args(s.ids["pr"], "consent", "同意書.txt", "text/plain", "同意書".encode()),
              lambda v, s, a, r: first(v, sa.select(Document.case_id, Document.masking).where(
                  Document.id == r)) == (s.ids["pr"], "pending") and stored_bytes(v, r) == "同意書".encode(),
              ("document.add",)),
    Operation(documents.add_document_file, Action.ADD_DOCUMENT,
              lambda s, a: args(s.ids["pr"], "consent", s.ids["consent_file"], "text/plain"),
              lambda v, s, a, r: scalar(v, sa.select(Document.filename).where(Document.id == r))
              == CONSENT_FILE[0] and stored_bytes(v, r) == CONSENT_FILE[1], ("document.add",)),
    # A file too large to preview is saved instead: an audited export of the original.
    Operation(documents.export_document, Action.READ_ORIGINAL_DOCUMENTS,
              lambda s, a: args(s.ids["document"], s.out / "資料.txt"),
              lambda v, s, a, r: r == s.out / "資料.txt" and r.read_bytes() == DOCUMENT[2]
              and r.stat().st_mode & 0o777 == 0o600, ("document.export",)),
    # Readers of originals get the original (an audited read), everyone else the masked copy.
    Operation(documents.document_content, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["document"]),
              lambda v, s, a, r: (r.name, r.content) == (DOCUMENT[0], DOCUMENT[2]) if r.original
              else (r.name, r.content) == ("資料1_診療録.txt", MASKED_DOCUMENT),
              _original_read, scoped=True),
    Operation(documents.case_documents, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["pr"]),
              lambda v, s, a, r: _ids(r.rows) == ([s.ids["document"], s.ids["pending_document"]]
                                                  if allowed(a, Action.READ_ORIGINAL_DOCUMENTS)
                                                  else [s.ids["document"]]), scoped=True),
    # An appeal carries its original's documents over by reference; its panel reads them.
    Operation(documents.document_content, Action.READ_ASSIGNED_CASES,
              lambda s, a: args(s.ids["original_document"]),
              lambda v, s, a, r: r.content == ORIGINAL_DOCUMENT[2], _original_read, scoped=True,
              variant="appeal"),
    Operation(documents.case_documents, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["appeal"]),
              lambda v, s, a, r: [(d.id, d.from_case_no) for d in r.rows] == [(s.ids["original_document"], scalar(
                  v, sa.select(Case.case_no).where(Case.id == s.ids["appealed"])))],
              scoped=True, variant="appeal"),
    Operation(document_masking.masking_source, Action.MASK_DOCUMENTS, lambda s, a: args(s.ids["pending_document"]),
              lambda v, s, a, r: (r.content, r.identity.name) == (PENDING_DOCUMENT[2], "山田 花子"),
              ("document.open_original",)),
    Operation(document_masking.apply_masking, Action.MASK_DOCUMENTS,
              lambda s, a: args(s.ids["pending_document"], spans=[Span(4, 9)]),
              lambda v, s, a, r: first(v, sa.select(Document.masking, Document.masked_content).where(
                  Document.id == s.ids["pending_document"])) == ("masked", "請求者 ■■■■■".encode()),
              ("document.mask",)),
    Operation(document_masking.masking_history, Action.MASK_DOCUMENTS, lambda s, a: args(s.ids["document"]),
              lambda v, s, a, r: [m.revision for m in r] == [1, 2]),
    Operation(document_masking.latest_masks, Action.MASK_DOCUMENTS, lambda s, a: args(s.ids["document"]),
              lambda v, s, a, r: r.loaded.revision == 2 and bool(r.spans or r.boxes)),
    Operation(document_masking.acknowledge_changes, Action.ACKNOWLEDGE_NOTICES, lambda s, a: args(s.ids["pr"]),
              lambda v, s, a, r: r == (1 if a.username in ("derm", "lawyer") else 0)
              and not scalar(v, sa.select(sa.func.count(DocumentNotice.id)).where(
                  DocumentNotice.user_id == a.user_id, DocumentNotice.acknowledged_at.is_(None))),
              lambda s, a: ("document.changes_acknowledged",) if a.username in ("derm", "lawyer") else (),
              scoped=True),
    Operation(pickers.contract_choices, Action.REGISTER_CASE, lambda s, a: args(),
              lambda v, s, a, r: any(c.id == s.ids["contract"] and _ids(c.doctors) == [s.ids["doctor"]]
                                     for c in r)),
    # Members and contracts
    Operation(members.add_member, Action.ADMINISTER_MEMBERS, lambda s, a: args("M-0002", "医療法人 緑会"),
              lambda v, s, a, r: scalar(v, sa.select(Member.name).where(Member.id == r)) == "医療法人 緑会",
              ("member.add",)),
    Operation(members.add_facility, Action.ADMINISTER_MEMBERS,
              lambda s, a: args(s.ids["member"], "緑クリニック"),
              lambda v, s, a, r: first(v, sa.select(Facility.member_id, Facility.name).where(
                  Facility.id == r)) == (s.ids["member"], "緑クリニック"), ("facility.add",)),
    Operation(members.add_contract, Action.ADMINISTER_MEMBERS,
              lambda s, a: args(s.ids["member"], "C-2027-0001", NEW_TERMS),
              lambda v, s, a, r: first(v, sa.select(Contract.member_id, Contract.contract_no).where(
                  Contract.id == r)) == (s.ids["member"], "C-2027-0001"), ("contract.add",)),
    Operation(members.add_insured_doctor, Action.ADMINISTER_MEMBERS,
              lambda s, a: args(s.ids["contract"], "緑 太郎", "full_time"),
              lambda v, s, a, r: first(v, sa.select(InsuredDoctor.contract_id, InsuredDoctor.name).where(
                  InsuredDoctor.id == r)) == (s.ids["contract"], "緑 太郎"), ("insured_doctor.add",)),
    Operation(members.list_members, Action.ADMINISTER_MEMBERS, lambda s, a: args(),
              lambda v, s, a, r: any(m.id == s.ids["member"] and m.contracts == 1 for m in r)),
    Operation(members.list_facilities, Action.ADMINISTER_MEMBERS, lambda s, a: args(),
              lambda v, s, a, r: _ids(r) == [s.ids["facility"]]),
    Operation(members.list_contracts, Action.ADMINISTER_MEMBERS, lambda s, a: args(),
              lambda v, s, a, r: any(c.id == s.ids["contract"] and c.doctors == 1 for c in r)),
    Operation(members.list_insured_doctors, Action.ADMINISTER_MEMBERS, lambda s, a: args(),
              lambda v, s, a, r: _ids(r) == [s.ids["doctor"]]),
    # Case reads
    Operation(queries.case_detail, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["pr"]),
              lambda v, s, a, r: (r.id, r.state) == (s.ids["pr"], "peer_review"), scoped=True),
    Operation(queries.count_cases, Action.READ_ASSIGNED_CASES, lambda s, a: args(),
              lambda v, s, a, r: r >= 1, scoped=True),
    Operation(queries.listed_count, Action.READ_ASSIGNED_CASES, lambda s, a: args(),
              lambda v, s, a, r: r[0] >= 1 and r[1] is False, scoped=True),
    Operation(queries.list_cases, Action.READ_ASSIGNED_CASES, lambda s, a: args(),
              lambda v, s, a, r: s.ids["pr"] in _ids(r), scoped=True),
    # Real names in a listing: the secretariat only, each listing audited (the list shows aliases).
    Operation(identities.patient_names, Action.SEE_PATIENT_IDENTITY,
              lambda s, a: args([s.ids["pr"], s.ids["decided"]]),
              lambda v, s, a, r: r == dict(v_rows(v, sa.select(Case.id, Case.patient_name).where(
                  Case.id.in_([s.ids["pr"], s.ids["decided"]])))) and len(r) == 2,
              ("patient.names_listed",)),
    Operation(record.case_record, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["pr"]),
              lambda v, s, a, r: r["id"] == s.ids["pr"] and bool(r["assignments"]), scoped=True),
    Operation(history.case_history, Action.READ_ASSIGNED_CASES, lambda s, a: args(s.ids["pr"]),
              lambda v, s, a, r: {"case.register", "assignment.create"} <= set(_ids(r, "action")),
              scoped=True),
    Operation(statistics.dashboard, Action.VIEW_DASHBOARD, lambda s, a: args(TODAY),
              lambda v, s, a, r: r.total_cases == scalar(v, sa.select(sa.func.count(Case.id)))
              and r.open_cases >= 1),
    Operation(statistics.aggregate_uses, Action.VIEW_DASHBOARD, lambda s, a: args(TODAY),
              lambda v, s, a, r: len(r) == scalar(v, sa.select(sa.func.count(Contract.id)).where(
                  Contract.annual_aggregate.is_not(None)))),
    # Saved filters
    Operation(saved_filters.save_filter, Action.SAVE_FILTERS,
              lambda s, a: args("審査会の事案", CaseFilter(states=("board_review",))),
              lambda v, s, a, r: first(v, sa.select(SavedFilter.user_id, SavedFilter.name).where(
                  SavedFilter.id == r)) == (a.user_id, "審査会の事案"), ("filter.save",)),
    Operation(saved_filters.delete_filter, Action.SAVE_FILTERS,
              lambda s, a: args(s.ids[f"filter_{a.username}"]),
              lambda v, s, a, r: scalar(v, sa.select(SavedFilter.id).where(
                  SavedFilter.id == s.ids[f"filter_{a.username}"])) is None, ("filter.delete",)),
    Operation(saved_filters.list_saved_filters, Action.SAVE_FILTERS, lambda s, a: args(),
              lambda v, s, a, r: _ids(r) == [s.ids[f"filter_{a.username}"]]),
    # Users and the vault
    Operation(users.create_user, Action.ADMINISTER_USERS,
              lambda s, a: args("clerk2", "事務 三郎", "secretariat", PASSWORD),
              lambda v, s, a, r: first(v, sa.select(User.username, User.role).where(User.id == r))
              == ("clerk2", "secretariat"), ("user.create",)),
    Operation(users.list_users, Action.LIST_USERS, lambda s, a: args(),
              lambda v, s, a, r: set(ACTING.values()) <= set(_ids(r, "username"))),
    Operation(users.set_disabled, Action.ADMINISTER_USERS, lambda s, a: args("derm2", True),
              lambda v, s, a, r: scalar(v, sa.select(User.disabled).where(User.username == "derm2")) is True,
              ("user.disable",)),
    Operation(users.set_password, Action.ADMINISTER_USERS, lambda s, a: args("derm2", "new-password-9"),
              lambda v, s, a, r: users.authenticate(v, "derm2", "new-password-9").username == "derm2",
              ("user.password",)),
    Operation(vault_admin.backup_vault, Action.BACKUP, lambda s, a: args(s.out / "copy.rdvault"),
              lambda v, s, a, r: r == s.out / "copy.rdvault" and read_salt(r) == read_salt(v.path),
              ("vault.backup",)),
    Operation(vault_admin.restore_vault, Action.BACKUP,
              lambda s, a: args(s.ids["backup"], s.out / "restored.rdvault"),
              lambda v, s, a, r: r == s.out / "restored.rdvault" and _holds_the_stage(r, s)),
    # Letters and the signer
    # The decided case already has its finding letter: a second one is a correction naming it.
    Operation(issuing.issue_case_letter, Action.ISSUE_LETTER,
              lambda s, a: args(s.ids["decided"], "finding", issued_on=TODAY,
                                replaces_no=s.ids["finding_letter_no"], correction_reason="誤記"),
              lambda v, s, a, r: first(v, sa.select(
                  Letter.case_id, Letter.kind, Letter.signed, Letter.created_by, Letter.replaces_id)
                  .where(Letter.id == r))
              == (s.ids["decided"], "finding", True, a.user_id, s.ids["finding_letter"])
              and scalar(v, sa.select(Letter.pdf).where(Letter.id == r)).startswith(b"%PDF"),
              ("letter.issue",)),
    Operation(issuing.issue_minutes, Action.ISSUE_LETTER,
              lambda s, a: args(s.ids["meeting"], issued_on=TODAY),
              lambda v, s, a, r: first(v, sa.select(Letter.meeting_id, Letter.kind, Letter.signed)
                                       .where(Letter.id == r)) == (s.ids["meeting"], "minutes", True),
              ("letter.issue",)),
    # Reviewers read no letters (blind review; the GUI has no letters tab for them).
    Operation(issuing.case_letters, Action.READ_ALL_CASES, lambda s, a: args(s.ids["decided"]),
              lambda v, s, a, r: _ids(r, "kind") == ["finding"], scoped=True),
    Operation(issuing.original_letters, Action.READ_ALL_CASES, lambda s, a: args(s.ids["appeal"]),
              lambda v, s, a, r: _ids(r, "kind") == ["finding"] and {x.case_no for x in r} == {scalar(
                  v, sa.select(Case.case_no).where(Case.id == s.ids["appealed"]))}, scoped=True),
    Operation(issuing.letter_pdf, Action.READ_ALL_CASES, lambda s, a: args(s.ids["finding_letter"]),
              lambda v, s, a, r: (r[0].id, r[0].kind) == (s.ids["finding_letter"], "finding")
              and hashlib.sha256(r[1]).hexdigest() == r[0].sha256, scoped=True),
    Operation(issuing.letter_pdf, Action.READ_ALL_CASES, lambda s, a: args(s.ids["minutes_letter"]),
              lambda v, s, a, r: r[0].kind == "minutes" and r[1].startswith(b"%PDF"), variant="minutes"),
    Operation(exporting.export_letters, Action.READ_ALL_CASES, lambda s, a: args(s.out / "letters"),
              lambda v, s, a, r: bool(r) and all(p.is_file() for p in r) and any(
                  scalar(v, sa.select(Case.case_no).where(Case.id == s.ids["decided"])) in p.name for p in r),
              ("letter.export",), scoped=True),
    Operation(exporting.export_letter, Action.READ_ALL_CASES,
              lambda s, a: args(s.ids["finding_letter"], s.out / "one.pdf"),
              lambda v, s, a, r: r == s.out / "one.pdf" and hashlib.sha256(r.read_bytes()).hexdigest()
              == scalar(v, sa.select(Letter.sha256).where(Letter.id == s.ids["finding_letter"])),
              ("letter.export",), scoped=True),
    Operation(exporting.export_case_archive, Action.EXPORT_ARCHIVE,
              lambda s, a: args(s.ids["archived"], s.out / "archive"),
              lambda v, s, a, r: (r / "manifest.json.p7s").is_file() and any(
                  n.endswith("_record.json")
                  for n in json.loads((r / "manifest.json").read_text(encoding="utf-8"))["files"]),
              ("case.archive_export",)),
    Operation(signer.import_signer, Action.ADMINISTER_SIGNER,
              lambda s, a: args(s.new_signer.signer_p12, s.new_signer.password.decode()),
              lambda v, s, a, r: r[0].fingerprint_sha256 != s.signer_fingerprint
              and column(v, sa.select(SignerCertificate.fingerprint).where(
                  SignerCertificate.active.is_(True))) == [r[0].fingerprint_sha256.replace(":", "")],
              ("signer.import",)),
    Operation(signer.signer_info, Action.ADMINISTER_SIGNER, lambda s, a: args(),
              lambda v, s, a, r: r is not None and r.fingerprint_sha256 == s.signer_fingerprint),
    # The board settings letters print: the staged vault holds none, so it reads association.toml's.
    Operation(board.board_settings, Action.READ_ALL_CASES, lambda s, a: args(),
              lambda v, s, a, r: r == board.defaults() and r.representative_name != ""),
    Operation(board.update_board_settings, Action.ADMINISTER_BOARD,
              lambda s, a: args({"representative_name": "山本 一郎", "phone": "06-1111-2222"}),
              lambda v, s, a, r: (r.representative_name, r.phone) == ("山本 一郎", "06-1111-2222")
              and first(v, sa.select(Setting.value).where(Setting.key == "board.representative_name"))
              == ("山本 一郎",) and sorted(column(v, sa.select(Setting.key).where(
                  Setting.key.like("board.%")))) == ["board.phone", "board.representative_name"]
              and board.board_settings(v, a) == r, ("board.update",)),
    # The TSA (a board setting; its password is kept out of this test: none is given).
    Operation(tsa.tsa_settings, Action.ADMINISTER_BOARD, lambda s, a: args(),
              lambda v, s, a, r: r == tsa.TsaSettings("", "", False)),
    Operation(tsa.update_tsa_settings, Action.ADMINISTER_BOARD,
              lambda s, a: args("http://127.0.0.1:9/tsa", "board"),
              lambda v, s, a, r: r.url == "http://127.0.0.1:9/tsa" and column(v, sa.select(
                  Setting.value).where(Setting.key.like("tsa.%")).order_by(Setting.key))
              == ["http://127.0.0.1:9/tsa", "board"], ("board.tsa",)),
    # Long-term signatures: the staged letters are B-B; a TSA that refuses stops maintenance
    # before anything is stored (tests/letters/test_ltv.py renews against a real local TSA).
    Operation(maintenance.letters_needing_maintenance, Action.READ_ALL_CASES, lambda s, a: args(),
              lambda v, s, a, r: r == scalar(v, sa.select(sa.func.count(Letter.id))
                                             .where(Letter.signed.is_(True)))),
    Operation(maintenance.maintain_letters, Action.ISSUE_LETTER,
              lambda s, a: args(tsa=ltv.TsaConfig("http://127.0.0.1:9/tsa")),
              lambda v, s, a, r: r.failed >= 1 and r.renewed == 0),
]

BY_NAME = {op.name: op for op in OPERATIONS}


def first_allowed(op: Operation, stage: Stage) -> Actor:
    role = next(r for r in Role if r in MATRIX[op.action])
    return stage.actors[ACTING[role]]


# Fixtures ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Stage:
    return build_stage(tmp_path_factory.mktemp("stage"))


@dataclass
class Run:
    """One test's copy of the staged vault, and what it watches for a call to change."""

    vault: Vault
    stage: Stage
    keyring: Any
    published: list[Changes]

    def watch(self) -> dict[str, Any]:
        return {"tables": snapshot(self.vault), "audit": audit_head(self.vault),
                "out": sorted(p for p in self.stage.out.rglob("*") if p.is_file()),
                "keyring": dict(self.keyring.store)}

    def assert_unchanged(self, before: dict[str, Any], what: str) -> None:
        after = self.watch()
        assert audit_since(self.vault, before["audit"]) == [], f"{what} wrote audit events"
        assert after["tables"] == before["tables"], f"{what} changed the vault"
        assert after["out"] == before["out"], f"{what} wrote files"
        assert after["keyring"] == before["keyring"], f"{what} changed the keyring"
        assert self.published == [], f"{what} announced changes"


@pytest.fixture
def run(stage: Stage, tmp_path: Path, memory_keyring: Any,
        monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    copy = tmp_path / "test.rdvault"
    shutil.copyfile(stage.path, copy)
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", PASSPHRASE)  # restore reads the key from there
    (tmp_path / "out").mkdir()
    vault = Vault.open(copy, env={"REVIEWDESK_PASSPHRASE": PASSPHRASE})
    published: list[Changes] = []
    vault.subscribe(published.append)
    yield Run(vault, replace(stage, out=tmp_path / "out"), memory_keyring, published)
    vault.close()


def assert_allowed_call(r: Run, op: Operation, actor: Actor) -> None:
    before = r.watch()
    result = op.run(r.vault, actor, r.stage)
    written = audit_since(r.vault, before["audit"])
    audits = op.audits(r.stage, actor) if callable(op.audits) else op.audits
    assert written == [(event, actor.username) for event in audits], (
        f"{op.name} by {actor.username}: audit events {written}, expected {audits}")
    if audits:
        assert r.published and all(ChangeKind.AUDIT in c.kinds for c in r.published)
        assert snapshot(r.vault) != before["tables"]
    else:
        assert snapshot(r.vault) == before["tables"], f"{op.name} is a read but changed the vault"
        assert r.published == []
    assert op.effect(r.vault, r.stage, actor, result), (
        f"{op.name} by {actor.username} did not have its effect: {result!r}")


# Tests ---------------------------------------------------------------------------------------

def test_every_service_has_an_operation() -> None:
    services = discover_services()
    covered = {op.key for op in OPERATIONS}
    missing, stale = sorted(services.keys() - covered), sorted(covered - services.keys())
    assert not missing, f"services without an entry in OPERATIONS: {', '.join(missing)}"
    assert not stale, f"OPERATIONS entries for no discovered service: {', '.join(stale)}"
    for op in OPERATIONS:
        assert services[op.key] is op.service, op.key


def test_every_action_used_here_is_in_the_matrix() -> None:
    assert {op.action for op in OPERATIONS} <= set(MATRIX)
    assert len(BY_NAME) == len(OPERATIONS)


@pytest.mark.parametrize(("op", "role"), [pytest.param(op, role, id=f"{op.name}-{role.value}")
                                          for op in OPERATIONS for role in Role])
def test_role_against_operation(run: Run, op: Operation, role: Role) -> None:
    actor = run.stage.actors[ACTING[role]]
    assert actor.role is role
    if role in MATRIX[op.action]:
        assert_allowed_call(run, op, actor)
    else:
        before = run.watch()
        with pytest.raises(PermissionDenied):
            op.run(run.vault, actor, run.stage)
        run.assert_unchanged(before, f"a refused {op.name}")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_revoking_the_action_refuses(run: Run, op: Operation, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the entry's action in MATRIX, even a role that holds it today is refused."""
    actor = first_allowed(op, run.stage)
    monkeypatch.setitem(MATRIX, op.action, frozenset())
    before = run.watch()
    if op.action is Action.READ_ASSIGNED_CASES:  # visibility: seeing no case at all
        monkeypatch.setitem(MATRIX, Action.READ_ALL_CASES, frozenset())
        try:
            result = op.run(run.vault, actor, run.stage)
        except (PermissionDenied, NotFound):
            pass
        else:
            assert not op.effect(run.vault, run.stage, actor, result), (
                f"{op.name} showed {actor.username} cases with no right to read any")
    else:
        with pytest.raises(PermissionDenied):
            op.run(run.vault, actor, run.stage)
    run.assert_unchanged(before, f"{op.name} without {op.action.value}")


@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.name)
def test_the_action_alone_allows(run: Run, op: Operation, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every other action revoked (reading cases aside), the call still succeeds: the
    service checks the entry's action, not another one held by the same roles."""
    keep = {op.action, Action.READ_ALL_CASES, Action.READ_ASSIGNED_CASES}
    for action in MATRIX:
        if action not in keep:
            monkeypatch.setitem(MATRIX, action, frozenset())
    assert_allowed_call(run, op, first_allowed(op, run.stage))


@pytest.mark.parametrize("op", [op for op in OPERATIONS if op.scoped], ids=lambda op: op.name)
def test_outsiders_get_nothing(run: Run, op: Operation) -> None:
    """Reviewers assigned to none of the staged cases see none of them and change none."""
    for username in OUTSIDERS:
        actor = run.stage.actors[username]
        if actor.role not in MATRIX[op.action]:
            continue
        before = run.watch()
        try:
            result = op.run(run.vault, actor, run.stage)
        except NotFound:
            pass
        else:
            assert not op.effect(run.vault, run.stage, actor, result), (
                f"{op.name} showed {username} a case not assigned to them")
        run.assert_unchanged(before, f"{op.name} by {username}")


def test_reviewers_write_only_their_own_opinions_on_their_own_cases(run: Run) -> None:
    vault, s = run.vault, run.stage
    before = snapshot(vault)
    outsider = s.actors["lawyer2"]  # a lawyer, but not assigned to the case
    with pytest.raises(NotFound):
        save_opinion(vault, outsider, s.ids["pr"], OpinionInput(negligence="no"))
    with pytest.raises(NotFound):
        submit_opinion(vault, s.actors["lawyer"], s.ids["draft_derm"])
    with pytest.raises(NotFound):
        list_opinions(vault, s.actors["derm2"], s.ids["pr"])
    with pytest.raises(NotFound):
        review.declare_conflict(vault, outsider, s.ids["pr"], "関係なし")
    assert snapshot(vault) == before
    # A board member who is not assigned sees the meeting but not the case on its agenda.
    detail = meetings.meeting_detail(vault, s.actors["derm2"], s.ids["meeting"])
    assert detail.agenda == () and detail.meeting.id == s.ids["meeting"]
    assert len(meetings.meeting_detail(vault, s.actors["auditor"], s.ids["meeting"]).agenda) == 1
