"""One demo case's whole file for its lifecycle state: intake, review, finding, assessment."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from reviewdesk.auth.audit import PendingEvent
from reviewdesk.cases.archive import retention_date
from reviewdesk.cases.assessing import AssessmentStatus
from reviewdesk.cases.assessment import assess, current_edition, parse_scenario
from reviewdesk.cases.assessment.coverage import check_coverage
from reviewdesk.cases.intake import assessment_course, default_specialty
from reviewdesk.cases.intake_terms import OutcomeKind, Sex
from reviewdesk.cases.meeting_terms import MeetingKind, MeetingStatus, VoteChoice
from reviewdesk.cases.outcomes import LIABLE_OUTCOMES, Answer, FindingOutcome, Judgement
from reviewdesk.cases.procedures import NON_SURGICAL_CODES, PROCEDURES
from reviewdesk.cases.review_terms import AssignmentStatus, OpinionStatus
from reviewdesk.cases.search import normalise
from reviewdesk.cases.states import CaseState
from reviewdesk.demo import documents as demo_documents
from reviewdesk.demo.people import DemoContract, PeopleRows, person_name
from reviewdesk.demo.scenario import demo_scenario
from reviewdesk.demo.vocabulary import (
    DEFERRED_QUESTIONS,
    INCIDENTS,
    RATIONALES,
    VERDICT_WORDS,
    WITHDRAWN_REASONS,
)
from reviewdesk.store.models import CHUNK_BYTES

S = CaseState
# The first cases walk through every state, so even a small demo shows each of them.
EVERY_STATE = (S.RECEIVED, S.COVERAGE_CHECK, S.PEER_REVIEW, S.BOARD_REVIEW, S.DEFERRED,
               S.ASSESSMENT, S.DECIDED, S.NOTIFIED, S.CLOSED, S.WITHDRAWN, S.NOT_COVERED)
WEIGHTS = {S.CLOSED: 52, S.NOTIFIED: 4, S.DECIDED: 3, S.ASSESSMENT: 3, S.BOARD_REVIEW: 4,
           S.PEER_REVIEW: 10, S.DEFERRED: 2, S.COVERAGE_CHECK: 3, S.RECEIVED: 2,
           S.WITHDRAWN: 7, S.NOT_COVERED: 10}
REVIEWED = {S.BOARD_REVIEW, S.DEFERRED, S.ASSESSMENT, S.DECIDED, S.NOTIFIED, S.CLOSED}
FOUND = {S.DEFERRED, S.ASSESSMENT, S.DECIDED, S.NOTIFIED, S.CLOSED}
RICH_DOCUMENTS = 40  # cases that also get a consent PDF and a photo (rendering costs time)
# How long ago an open case's claim came in, by state, so its steps fall before today.
RECENT_CLAIM_DAYS = {S.RECEIVED: (1, 20), S.COVERAGE_CHECK: (3, 30), S.PEER_REVIEW: (20, 90),
                     S.BOARD_REVIEW: (40, 80), S.DEFERRED: (120, 250), S.ASSESSMENT: (120, 250),
                     S.DECIDED: (150, 280), S.NOTIFIED: (180, 300)}


@dataclass
class Tables:
    """Rows for a bulk insert, by table, plus the audit events they imply."""

    cases: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    document_chunks: list[dict[str, Any]] = field(default_factory=list)  # the originals' bytes
    maskings: list[dict[str, Any]] = field(default_factory=list)
    assignments: list[dict[str, Any]] = field(default_factory=list)
    opinions: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    attendance: list[dict[str, Any]] = field(default_factory=list)
    agenda_items: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    votes: list[dict[str, Any]] = field(default_factory=list)
    assessments: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    search: list[dict[str, Any]] = field(default_factory=list)
    events: list[PendingEvent] = field(default_factory=list)


class CaseFactory:
    """Builds case files one after another, keeping ids, meetings and aggregates consistent."""

    def __init__(self, rng: random.Random, people: PeopleRows, users: dict[str, int],
                 contracts: dict[int, dict[str, Any]], today: date) -> None:
        self.rng, self.people, self.users, self.contracts, self.today = rng, people, users, contracts, today
        self.t = Tables()
        self.ids: dict[str, int] = {}
        self.meetings: dict[tuple[int, int], int] = {}
        self.present: dict[int, list[int]] = {}
        self.agenda_length: dict[int, int] = {}
        self.aggregate_used: dict[int, int] = {}
        self.edition = current_edition(today)
        self.board = [users[u] for u in ("derm1", "derm2", "plastic1", "plastic2", "anest1",
                                         "lawyer1", "lawyer2", "chair1")]
        self.names = {v: k for k, v in users.items()}
        self.member_count = max(m for m, _ in people.by_member_year)
        self.seq_by_year: dict[int, int] = {}

    def _id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def _event(self, at: date, user: str | None, action: str, entity: str, entity_id: int,
               case_id: int, **detail: Any) -> None:
        uid = self.users.get(user) if user else None
        self.t.events.append(PendingEvent(datetime.combine(at, datetime.min.time()) + timedelta(hours=10),
                                          uid, user or "system", action, entity, entity_id, case_id, detail))

    def state_for(self, index: int) -> CaseState:
        if index < len(EVERY_STATE):
            return EVERY_STATE[index]
        return self.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]

    # One case --------------------------------------------------------------------------------

    def add(self, index: int) -> None:
        rng, state = self.rng, self.state_for(index)
        # The state walk's withdrawn and not-covered cases stay open, to be seen as such.
        recent = state not in {S.CLOSED, S.WITHDRAWN, S.NOT_COVERED} or index < len(EVERY_STATE)
        if recent:
            low, high = RECENT_CLAIM_DAYS.get(state, (3, 200))
            if state is S.PEER_REVIEW and index < len(EVERY_STATE):
                low = high  # the state walk's review is overdue, for the secretariat's list
            claim = self.today - timedelta(days=rng.randint(low, high))
        else:
            span = (self.today - timedelta(days=300) - date(2016, 3, 1)).days
            claim = date(2016, 3, 1) + timedelta(days=rng.randint(0, span))
        member = rng.randint(1, self.member_count)
        contract = self.people.by_member_year[(member, claim.year)]
        procedure = self._procedure(contract)
        exclusions: list[str] = []
        if state is S.NOT_COVERED:
            contract, procedure, exclusions = self._not_covered(member, claim, contract, procedure)
        c = self.contracts[contract.id]
        incident = claim - timedelta(days=rng.randint(10, 200))
        received = min(claim + timedelta(days=rng.randint(1, 10)), self.today)
        sex = Sex.FEMALE.value if rng.random() < 0.85 else Sex.MALE.value
        patient, _ = person_name(rng, sex)
        outcome_kind, grade = self._outcome(procedure)
        summary, demand = INCIDENTS[procedure]
        case_id = self._id("cases")
        year = received.year
        self.seq_by_year[year] = self.seq_by_year.get(year, 0) + 1
        case_no = f"{year}-{self.seq_by_year[year]:05d}"
        alias = "患者" + hashlib.sha256(f"{case_no}{rng.random()}".encode()).hexdigest()[:6].upper()
        coverage = None
        if state is not S.RECEIVED:
            coverage = check_coverage(
                incident_date=incident, claim_date=claim, procedure=procedure,
                course=assessment_course(c["course"]), period_start=c["period_start"],
                period_end=c["period_end"], retro_date=c["retro_date"], exclusions=exclusions,
                facility_rider=c["facility_rider"])
        specialty = default_specialty(procedure).value
        doctor_id = rng.choice(contract.doctor_ids)
        row: dict[str, Any] = {
            "id": case_id, "case_no": case_no, "state": state.value, "member_id": member,
            "contract_id": contract.id, "insured_doctor_id": doctor_id, "facility_id": member,
            "specialty": specialty, "patient_name": patient, "patient_kana": None,
            "patient_birth_date": date(claim.year - rng.randint(22, 62), rng.randint(1, 12),
                                       rng.randint(1, 28)),
            "patient_sex": sex, "patient_alias": alias, "procedure": procedure,
            "patient_address": None, "patient_insurance_no": None,
            "patient_phone": f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            "clinic_patient_id": f"{rng.randint(100000, 999999)}",
            "incident_date": incident, "claim_date": claim, "received_on": received,
            "summary": (f"{self.people.doctor_names[doctor_id]}医師による"
                        f"{PROCEDURES[procedure].label_ja}。{summary}"),
            "patient_demand": demand, "demand_amount": rng.randrange(300_000, 15_000_000, 10_000),
            "outcome_kind": outcome_kind, "disability_grade": grade,
            "exclusions": json.dumps(exclusions),
            "coverage_covered": coverage.covered if coverage else None,
            "coverage_reasons": json.dumps(list(coverage.reasons) if coverage else []),
            "coverage_override": None, "disagreement": False, "outcome": None, "payout_total": None,
            "decided_on": None, "closed_on": None, "retention_until": None,
            "withdrawn_reason": None, "appeal_of_id": None, "state_before_close": None,
            "created_at": datetime.combine(received, datetime.min.time()),
            "updated_at": datetime.combine(received, datetime.min.time()),
        }
        self.t.cases.append(row)
        self._event(received, "secretariat1", "case.register", "case", case_id, case_id, case_no=case_no)
        if coverage:
            self._event(received, "secretariat1", "case.coverage_check", "case", case_id, case_id,
                        covered=coverage.covered, reasons=list(coverage.reasons))
        texts = [case_no, row["summary"], demand, alias]
        searchable, originals = self._documents(index, row, state)
        texts += searchable
        opinion_texts: list[str] = []
        if state is S.WITHDRAWN:
            row["withdrawn_reason"] = rng.choice(WITHDRAWN_REASONS)
            self._event(received + timedelta(days=20), "secretariat1", "case.withdraw", "case",
                        case_id, case_id)
            if not recent:
                self._close(row, received + timedelta(days=40), S.WITHDRAWN)
        elif state is S.NOT_COVERED:
            row["decided_on"] = received + timedelta(days=rng.randint(5, 20))
            self._event(row["decided_on"], "secretariat1", "case.not_covered", "case", case_id, case_id)
            if not recent:
                self._close(row, row["decided_on"] + timedelta(days=30), S.NOT_COVERED)
        elif state not in {S.RECEIVED, S.COVERAGE_CHECK}:
            opinion_texts = self._review_and_decide(row, state, c, sex, index < RICH_DOCUMENTS)
        self.t.search.append({"rowid": case_id, "base": normalise("\n".join(texts)),
                              "opinions": normalise("\n".join(opinion_texts)),
                              "originals": normalise("\n".join(originals))})

    def _procedure(self, contract: DemoContract) -> str:
        if contract.course == "non_surgical":
            return self.rng.choice(sorted(NON_SURGICAL_CODES))
        return self.rng.choice(list(PROCEDURES))

    def _not_covered(self, member: int, claim: date, contract: DemoContract,
                     procedure: str) -> tuple[DemoContract, str, list[str]]:
        reason = self.rng.choice(("enrolment", "course", "exclusion"))
        later = self.people.by_member_year.get((member, claim.year + 1))
        if reason == "enrolment" and later:
            return later, procedure, []  # the claim was made before this contract began
        if reason == "course" and contract.course == "non_surgical":
            return contract, self.rng.choice(("double_eyelid", "liposuction", "rhinoplasty")), []
        return contract, procedure, [self.rng.choice(("guaranteed_result", "unregistered_facility",
                                                      "intoxication", "intentional"))]

    def _outcome(self, procedure: str) -> tuple[str, int | None]:
        roll = self.rng.random()
        if roll < 0.03 and procedure in ("drip_infusion", "liposuction", "breast_augmentation"):
            return OutcomeKind.DEATH.value, None
        if roll < 0.38:
            return OutcomeKind.AFTER_EFFECT.value, self.rng.choice((9, 10, 11, 12, 12, 13, 14, 14))
        return OutcomeKind.INJURY.value, None

    def _documents(self, index: int, row: dict[str, Any], state: CaseState) -> tuple[list[str], list[str]]:
        """Adds the case's documents (masked once reviewers read the file); returns the texts
        every reader may search and the originals' texts."""
        label = PROCEDURES[row["procedure"]].label_ja
        secretariat = self.users["secretariat1"]
        searchable: list[str] = []
        originals: list[str] = []
        docs = demo_documents.case_documents(index, row, index < RICH_DOCUMENTS, label)
        for ordinal, (kind, name, mime, content, doc_text) in enumerate(docs, start=1):
            doc_id = self._id("documents")
            doc: dict[str, Any] = {
                "id": doc_id, "case_id": row["id"], "kind": kind, "filename": name, "mime_type": mime,
                "size": len(content), "sha256": hashlib.sha256(content).hexdigest(),
                "text": doc_text, "added_by": secretariat,
                "added_at": row["created_at"], "masking": "pending", "masked_content": None,
                "masked_mime_type": None, "masked_text": None, "masked_size": None,
                "masked_sha256": None, "masked_by": None, "masked_at": None, "released_at": None}
            self.t.documents.append(doc)
            self.t.document_chunks.extend(
                {"document_id": doc_id, "seq": seq, "data": content[at:at + CHUNK_BYTES]}
                for seq, at in enumerate(range(0, len(content), CHUNK_BYTES)))
            self._event(row["received_on"], "secretariat1", "document.add", "document", doc_id,
                        row["id"], filename=name)
            if doc_text:
                originals.append(doc_text)
            if not demo_documents.released(index, state, kind):
                continue
            columns, record, neutral = demo_documents.masked(
                doc_id, ordinal, row, kind, mime, content, secretariat, row["created_at"])
            doc.update(columns)
            self.t.maskings.append(record)
            self._event(row["received_on"], "secretariat1",
                        "document.mask" if columns["masking"] == "masked" else "document.no_personal_data",
                        "document", doc_id, row["id"], document=neutral, revision=1,
                        pages=[p + 1 for p in json.loads(record["pages"])], boxes=record["box_count"],
                        correction=False, notified=0, sha256=columns["masked_sha256"])
            if columns["masked_text"]:
                searchable.append(columns["masked_text"])
        return searchable, originals

    def _close(self, row: dict[str, Any], on: date, before: CaseState) -> None:
        if on > self.today:  # not yet closed: the case waits in the state before closing
            row["state"] = before.value
            return
        row["state"], row["state_before_close"] = S.CLOSED.value, before.value
        row["closed_on"] = on
        row["retention_until"] = retention_date(row["decided_on"] or on)
        self._event(on, "secretariat1", "case.close", "case", row["id"], row["id"])

    def number_meetings(self) -> None:
        """Meetings are numbered in the order they are held (第1回 is the first)."""
        for n, meeting in enumerate(sorted(self.t.meetings, key=lambda m: m["held_on"]), start=1):
            meeting["title"] = f"第{n}回 審査会"

    # Review, finding, assessment ---------------------------------------------------------

    def _reviewers(self, specialty: str, showcase: bool) -> tuple[str, ...]:
        physicians = {"dermatology": ("derm1", "derm2"), "plastic_surgery": ("plastic1", "plastic2"),
                      "anesthesiology": ("anest1",)}[specialty]
        if showcase:  # the README's first reviewers find real work waiting for them
            return (physicians[0], "lawyer1")
        return (self.rng.choice(physicians), self.rng.choice(("lawyer1", "lawyer2")))

    def _review_and_decide(self, row: dict[str, Any], state: CaseState, contract: dict[str, Any],
                           sex: str, showcase: bool) -> list[str]:
        rng, case_id = self.rng, row["id"]
        assigned_on = row["received_on"] + timedelta(days=rng.randint(3, 10))
        liable_bias = rng.random()
        texts: list[str] = []
        reviewers = self._reviewers(row["specialty"], showcase)
        submitted_all = state in REVIEWED
        for n, reviewer in enumerate(reviewers):
            assignment_id = self._id("assignments")
            due = assigned_on + timedelta(days=42)
            # In showcase cases the physician has yet to write; elsewhere either may be done.
            submitted = submitted_all or (not showcase and n == 0 and rng.random() < 0.5)
            self.t.assignments.append({
                "id": assignment_id, "case_id": case_id, "reviewer_id": self.users[reviewer],
                "assigned_by": self.users["secretariat1"], "assigned_on": assigned_on, "due_on": due,
                "status": (AssignmentStatus.SUBMITTED if submitted else AssignmentStatus.ASSIGNED).value,
                "question": None,
                "conflict_reason": None})
            self._event(assigned_on, "secretariat1", "assignment.create", "assignment",
                        assignment_id, case_id, reviewer=reviewer)
            if submitted or rng.random() < 0.5:  # some unsubmitted reviewers have a draft
                at = min(assigned_on + timedelta(days=rng.randint(7, 35)), self.today)
                texts += self._opinion(row, assignment_id, reviewer, liable_bias, submitted, at)
        if state not in REVIEWED:
            return texts
        meeting_day = self._meeting_day(assigned_on + timedelta(days=45))
        if state in FOUND and meeting_day > self.today:  # a finding is never dated ahead
            meeting_day = self._meeting_day(self.today - timedelta(days=35))
        meeting_id = self._meeting(meeting_day)
        item_id = self._id("agenda_items")
        self.agenda_length[meeting_id] = self.agenda_length.get(meeting_id, 0) + 1
        self.t.agenda_items.append({"id": item_id, "meeting_id": meeting_id, "case_id": case_id,
                                    "position": self.agenda_length[meeting_id]})
        if state is S.BOARD_REVIEW:
            return texts
        o = FindingOutcome
        outcome = (o.DEFERRED if state is S.DEFERRED else
                   o.NOT_LIABLE if liable_bias < 0.5 and state not in {S.ASSESSMENT} else
                   o.PARTLY_LIABLE if liable_bias < 0.65 else o.LIABLE).value
        share = {o.LIABLE: "1", o.PARTLY_LIABLE: "0.5"}.get(outcome)
        finding_id = self._finding(row, meeting_id, item_id, meeting_day, outcome, share)
        if outcome == o.DEFERRED:
            return texts
        row["outcome"] = outcome
        if outcome == o.NOT_LIABLE:
            row["decided_on"] = meeting_day
        else:
            decided = self._assessment(row, state, contract, sex, share or "1", meeting_day)
            if decided is None:  # computed, awaiting the second member's approval
                row["state"] = S.ASSESSMENT.value
                return texts
            row["decided_on"] = decided
        self._event(row["decided_on"], "secretariat1", "case.decide", "case", case_id, case_id,
                    finding_id=finding_id)
        if state in {S.NOTIFIED, S.CLOSED}:
            self._event(row["decided_on"] + timedelta(days=7), "secretariat1", "case.notify", "case",
                        case_id, case_id)
        if state is S.CLOSED:
            self._close(row, row["decided_on"] + timedelta(days=rng.randint(30, 90)), S.NOTIFIED)
        return texts

    def _opinion(self, row: dict[str, Any], assignment_id: int, reviewer: str, bias: float,
                 submitted: bool, at: date) -> list[str]:
        rng = self.rng
        def verdict() -> str:
            roll = rng.random() * 0.6 + bias * 0.5
            return (Answer.YES if roll > 0.55 else
                    Answer.UNDETERMINED if roll > 0.45 else Answer.NO).value
        values = {el: verdict() for el in RATIONALES}
        label = PROCEDURES[row["procedure"]].label_ja
        rationale = {el: RATIONALES[el][0].format(p=label, v=VERDICT_WORDS[el][values[el]])
                     for el in RATIONALES}
        liable = values["negligence"] == Answer.YES and values["causation"] == Answer.YES
        opinion_id = self._id("opinions")
        stamp = datetime.combine(at, datetime.min.time()) + timedelta(hours=15)
        self.t.opinions.append({
            "id": opinion_id, "case_id": row["id"], "assignment_id": assignment_id,
            "author_id": self.users[reviewer], "version": 1, "previous_id": None,
            "status": (OpinionStatus.SUBMITTED if submitted else OpinionStatus.DRAFT).value,
            **{el: values[el] for el in RATIONALES},
            **{f"{el}_rationale": rationale[el] for el in RATIONALES},
            "recommended_finding": (FindingOutcome.LIABLE if liable else FindingOutcome.NOT_LIABLE).value,
            "insured_share": "1" if liable else None,
            "comments": "", "created_at": stamp, "submitted_at": stamp if submitted else None})
        if submitted:
            self._event(at, reviewer, "opinion.submit", "opinion", opinion_id, row["id"])
            return list(rationale.values())
        return []

    @staticmethod
    def _meeting_day(after: date) -> date:
        """The board meets on the second Thursday of each month."""
        first = date(after.year, after.month, 1)
        day = first + timedelta(days=(3 - first.weekday()) % 7 + 7)
        if day < after:
            nxt = date(after.year + (after.month == 12), after.month % 12 + 1, 1)
            day = nxt + timedelta(days=(3 - nxt.weekday()) % 7 + 7)
        return day

    def _meeting(self, day: date) -> int:
        key = (day.year, day.month)
        if key in self.meetings:
            return self.meetings[key]
        meeting_id = self._id("meetings")
        held = day <= self.today
        self.t.meetings.append({
            "id": meeting_id, "kind": MeetingKind.REVIEW_BOARD.value, "held_on": day,
            "title": "審査会", "location": "本部会議室（東京都千代田区）",  # numbered by number_meetings
            "status": (MeetingStatus.HELD if held else MeetingStatus.SCHEDULED).value,
            "committee_size": len(self.board), "starts_at": time(14, 0), "ends_at": time(16, 0)})
        absent = self.rng.choice(self.board[:-1]) if self.rng.random() < 0.4 else None
        self.present[meeting_id] = [uid for uid in self.board if uid != absent]
        for uid in self.board:
            self.t.attendance.append({"id": self._id("attendance"), "meeting_id": meeting_id,
                                      "user_id": uid, "present": uid != absent})
        self.meetings[key] = meeting_id
        return meeting_id

    def _finding(self, row: dict[str, Any], meeting_id: int, item_id: int, day: date,
                 outcome: str, share: str | None) -> int:
        finding_id = self._id("findings")
        label = PROCEDURES[row["procedure"]].label_ja
        liable = outcome in LIABLE_OUTCOMES
        votes = []
        for uid in self.present[meeting_id]:
            dissent = uid == self.users["lawyer2"] and self.rng.random() < 0.1
            dissent_text = "説明義務違反の程度について見解を異にする。" if dissent else None
            votes.append({"id": self._id("votes"), "finding_id": finding_id, "user_id": uid,
                          "vote": (VoteChoice.AGAINST if dissent else VoteChoice.FOR).value,
                          "dissent": dissent_text})
        against = sum(v["vote"] == VoteChoice.AGAINST for v in votes)
        # The summary states the recorded tally: 全員一致 only when nobody voted against.
        carried = ("全員一致で" if not against
                   else f"賛成{len(votes) - against}名・反対{against}名の多数により")
        decided = outcome != FindingOutcome.DEFERRED
        found = (Judgement.ACCEPTED if liable else Judgement.REJECTED).value if decided else None
        self.t.findings.append({
            "id": finding_id, "case_id": row["id"], "meeting_id": meeting_id,
            "agenda_item_id": item_id, "outcome": outcome, "insured_share": share,
            "negligence_reason": (f"{label}の手技に"
                                  f"{'注意義務違反が認められる' if liable else '過失は認められない'}。"),
            "causation_reason": f"施術と症状との因果関係は{'認められる' if liable else '認められない'}。",
            "duty_to_explain_reason": "合併症についての説明は同意書により概ね確認できる。",
            "damage_reason": "提出資料により損害の発生が確認された。" if liable else "判断を要しない。",
            "summary": f"審査会は提出資料及び査読意見に基づき審議し、{carried}上記のとおり判定した。",
            "negligence_judgement": found, "causation_judgement": found,
            "duty_to_explain_judgement": Judgement.REJECTED.value if decided else None,
            "damage_judgement": found if liable else (Judgement.NOT_DECIDED.value if decided else None),
            "deferred_question": (self.rng.choice(DEFERRED_QUESTIONS)
                                  if outcome == FindingOutcome.DEFERRED else None),
            "original_finding_id": None, "recorded_by": self.users["chair1"],
            "recorded_at": datetime.combine(day, datetime.min.time()) + timedelta(hours=16)})
        self.t.votes.extend(votes)
        self._event(day, "chair1", "finding.record", "finding", finding_id, row["id"], outcome=outcome)
        return finding_id

    def _assessment(self, row: dict[str, Any], state: CaseState, contract: dict[str, Any],
                    sex: str, share: str, meeting_day: date) -> date | None:
        used = self.aggregate_used.get(contract["id"], 0)
        age = max(20, row["claim_date"].year - row["patient_birth_date"].year)
        scenario = demo_scenario(self.rng, incident_date=row["incident_date"], claim_date=row["claim_date"],
                                 procedure=row["procedure"], outcome_kind=row["outcome_kind"],
                                 grade=row["disability_grade"], sex=sex, age=min(age, 66), share=share,
                                 contract=contract, aggregate_used=used)
        result = assess(parse_scenario(scenario), self.edition)
        data = result.to_dict()
        computed_on = meeting_day + timedelta(days=14)
        approved = state is not S.ASSESSMENT and computed_on + timedelta(days=7) <= self.today
        assessment_id = self._id("assessments")
        stamp = datetime.combine(computed_on, datetime.min.time()) + timedelta(hours=11)
        self.t.assessments.append({
            "id": assessment_id, "case_id": row["id"], "version": 1,
            "status": (AssessmentStatus.APPROVED if approved else AssessmentStatus.COMPUTED).value,
            "edition": self.edition.edition,
            "inputs_json": json.dumps(scenario, ensure_ascii=False),
            "result_json": json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            "liability": data["liability"], "payout_total": data["payout"]["total"],
            "computed_by": self.users["assess1"], "computed_at": stamp,
            "approved_by": self.users["assess2"] if approved else None,
            "approved_at": stamp + timedelta(days=7) if approved else None})
        self._event(computed_on, "assess1", "assessment.compute", "assessment", assessment_id, row["id"],
                    total=data["payout"]["total"])
        if not approved:
            return None
        payout = data["payout"]
        for kind in ("indemnity", "litigation", "anesthesia_layer"):
            if payout[kind]:
                in_aggregate = kind == "indemnity" or (
                    kind == "litigation" and contract["litigation_costs_in_aggregate"])
                self.t.payments.append({
                    "id": self._id("payments"), "contract_id": contract["id"], "case_id": row["id"],
                    "assessment_id": assessment_id, "kind": kind, "amount": payout[kind],
                    "counts_to_aggregate": payout[kind] if in_aggregate else 0,
                    "recorded_on": computed_on + timedelta(days=7)})
                if in_aggregate:
                    used = self.aggregate_used.get(contract["id"], 0)
                    self.aggregate_used[contract["id"]] = used + payout[kind]
        row["payout_total"] = payout["total"]
        self._event(computed_on + timedelta(days=7), "assess2", "assessment.approve", "assessment",
                    assessment_id, row["id"])
        return computed_on + timedelta(days=7)
