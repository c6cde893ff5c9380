"""Read models: frozen rows for the case list and case views, limited to what the actor may see."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases.access import (
    assigned_case_count,
    assigned_case_ids,
    load_case,
    patient_display,
    search_scope,
    visibility_clause,
)
from reviewdesk.cases.case_actions import CaseAction, available_actions
from reviewdesk.cases.due import AWAITING
from reviewdesk.cases.opinions import sees_everyone
from reviewdesk.cases.search import (
    COUNT_LIMIT,
    ServerMatches,
    count_matches,
    matching_ids_clause,
    server_matches,
)
from reviewdesk.store.models import Assignment, Case, Contract, Facility, InsuredDoctor, Member
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import SEARCH, blank_controls, clean_text


class SortKey(StrEnum):
    NUMBER = "number"
    STATE = "state"
    MEMBER = "member"
    PROCEDURE = "procedure"
    OUTCOME = "outcome"
    CLAIM_DATE = "claim_date"
    DUE_DATE = "due_date"
    AMOUNT = "amount"


@dataclass(frozen=True)
class CaseFilter:
    """Criteria of the case list and the archive; empty fields do not filter."""

    states: tuple[str, ...] = ()
    course: str | None = None
    reviewer_id: int | None = None
    year: int | None = None  # the claim's year, or the decision's year with decided_year
    decided_year: int | None = None
    member_id: int | None = None
    procedure: str | None = None
    outcome: str | None = None
    min_amount: int | None = None
    max_amount: int | None = None
    search: str = ""


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    state: str
    member: str
    procedure: str
    outcome: str | None
    claim_date: date
    due_date: date | None
    amount: int | None
    course: str
    patient: str


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    state: str
    member: str
    member_id: int
    facility: str | None
    contract_no: str
    course: str
    insured_doctor: str | None
    specialty: str
    patient: str
    patient_alias: str  # for shared screens, whoever is at the keyboard
    patient_identity_visible: bool
    patient_birth_date: date | None
    patient_sex: str | None
    # The further identifiers (None unless recorded and the reader may see identity).
    patient_address: str | None
    patient_phone: str | None
    patient_insurance_no: str | None
    clinic_patient_id: str | None
    procedure: str
    incident_date: date
    claim_date: date
    received_on: date
    summary: str
    patient_demand: str | None
    demand_amount: int | None
    outcome_kind: str
    disability_grade: int | None
    coverage_covered: bool | None
    coverage_reasons: tuple[str, ...]
    coverage_override: str | None
    exclusions: tuple[str, ...]
    disagreement: bool | None  # None for a reviewer who has not submitted (blind review)
    outcome: str | None
    payout_total: int | None
    decided_on: date | None
    closed_on: date | None
    retention_until: date | None
    withdrawn_reason: str | None
    appeal_of: str | None
    # What this actor may do to the case now, by the services' own guards (the UI shows these).
    available_actions: frozenset[CaseAction] = frozenset()
    extra: dict[str, object] = field(default_factory=dict)


def _due(actor: Actor) -> sa.ScalarSelect[date]:
    """The next due opinion; a reviewer sees only their own (others' would betray their pace)."""
    query = sa.select(sa.func.min(Assignment.due_on)).where(
        Assignment.case_id == Case.id, Assignment.status == AWAITING)
    if not allowed(actor, Action.READ_ALL_CASES):
        # "+ 0" keeps SQLite on the case_id index: a busy reviewer's own index holds tens of
        # thousands of rows, and walking it for every row of the page took seconds.
        query = query.where(Assignment.reviewer_id + 0 == actor.user_id)
    return query.correlate(Case).scalar_subquery()


def _sees_amounts(actor: Actor) -> bool:
    """Payout amounts are the assessment's result, which reviewers do not see."""
    return allowed(actor, Action.READ_ALL_CASES)


def _sort_column(actor: Actor, sort: SortKey) -> sa.ColumnElement[object]:
    if sort is SortKey.AMOUNT and not _sees_amounts(actor):
        sort = SortKey.NUMBER  # an order by amount would betray the hidden amounts
    return {
        SortKey.NUMBER: Case.case_no, SortKey.STATE: Case.state, SortKey.MEMBER: Member.name,
        SortKey.PROCEDURE: Case.procedure, SortKey.OUTCOME: Case.outcome,
        SortKey.CLAIM_DATE: Case.claim_date, SortKey.DUE_DATE: _due(actor),
        SortKey.AMOUNT: Case.payout_total,
    }[sort]


# SQLite: above this many matches a search page is read along the ORDER BY index (_many_matches).
DENSE_MATCHES = 1000
# Known matches from which a page walks the order's index, probing them, rather than looking
# each up and sorting them (measured on 100,000 cases: a lookup ~5 µs, a step of the walk <1).
DENSE_KNOWN = 2_000
_INDEXED_SORTS = frozenset({SortKey.NUMBER, SortKey.STATE, SortKey.PROCEDURE, SortKey.OUTCOME,
                            SortKey.CLAIM_DATE})


def _many_matches(session: Session, actor: Actor, f: CaseFilter) -> bool:
    """Whether a search page on SQLite is read along the ORDER BY index (search.matching_ids_clause):
    FTS5 counts the matches first, in a few milliseconds."""
    return count_matches(session, f.search, scope=search_scope(actor),
                         within=assigned_case_ids(actor)) > DENSE_MATCHES


def _server_matches(vault: Vault, session: Session, actor: Actor, f: CaseFilter,
                    capped: bool) -> ServerMatches | None:
    """On PostgreSQL, the matches of a search, found once for the count and the page
    (search.server_matches: a reviewer's are those of its own cases); the page query then holds
    their ids, or tests each case along the order when there are too many to send. Only a
    search alone is capped: with other criteria the page needs every match."""
    if (session.get_bind().dialect.name != "postgresql" or not f.search.strip()
            or not (allowed(actor, Action.READ_ALL_CASES) or assigned_case_ids(actor) is not None)):
        return None
    return server_matches(vault, session, f.search, scope=search_scope(actor),
                          within=assigned_case_ids(actor), reader=actor.user_id,
                          capped=capped and _only_search(f))


def _only_search(f: CaseFilter) -> bool:
    return f.search.strip() != "" and f == CaseFilter(search=f.search)


def _where(actor: Actor, f: CaseFilter, *, dense: bool = False,
           known: list[int] | None = None) -> list[sa.ColumnElement[bool]]:
    searched = bool(f.search.strip())
    # A reviewer's search looks its cases up from the intersection (search.matching_ids_clause),
    # so the visibility clause must not drive the lookups (it stays, as a filter). Known
    # matches are already the reader's own (search.server_matches keeps to them).
    clauses = [visibility_clause(actor, dense=dense or searched)] if known is None else []
    if f.states:
        clauses.append(Case.state.in_(f.states))
    if f.course:
        clauses.append(Contract.course == f.course)
    if f.reviewer_id is not None:
        clauses.append(Case.id.in_(sa.select(Assignment.case_id).where(
            Assignment.reviewer_id == f.reviewer_id)))
    if f.year is not None:
        clauses.append(Case.claim_date.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    if f.decided_year is not None:
        clauses.append(Case.decided_on.between(date(f.decided_year, 1, 1), date(f.decided_year, 12, 31)))
    if f.member_id is not None:
        clauses.append(Case.member_id == f.member_id)
    if f.procedure:
        clauses.append(Case.procedure == f.procedure)
    if f.outcome:
        clauses.append(Case.outcome == f.outcome)
    # Filtering by a hidden amount would betray it as much as showing it: ignored for reviewers.
    if f.min_amount is not None and _sees_amounts(actor):
        clauses.append(Case.payout_total >= f.min_amount)
    if f.max_amount is not None and _sees_amounts(actor):
        clauses.append(Case.payout_total <= f.max_amount)
    if searched:
        clauses.append(matching_ids_clause(f.search, scope=search_scope(actor), dense=dense,
                                           within=None if dense else assigned_case_ids(actor), known=known))
    return clauses


def _page_ids(actor: Actor, f: CaseFilter, sort: SortKey, descending: bool, offset: int,
              limit: int, *, dense: bool = False, known: list[int] | None = None,
              nulls_as_sqlite: bool = False) -> sa.Select[tuple[int]]:
    """The ids of one page, joining only what the filter or the order needs.

    Without joins SQLite walks a covering index, so even the last page of 100,000 cases is
    a few milliseconds; the rows' details are then read for those ids alone.
    """
    column = _sort_column(actor, sort)
    first = column.desc() if descending else column.asc()
    if nulls_as_sqlite:  # a case without a date or amount sorts as the smallest, on either database
        first = first.nulls_last() if descending else first.nulls_first()
    order = [first, Case.id.desc() if descending else Case.id]
    query = sa.select(Case.id).where(*_where(actor, f, dense=dense, known=known))
    if f.course:
        query = query.join(Contract, Contract.id == Case.contract_id)
    if sort is SortKey.MEMBER:
        query = query.join(Member, Member.id == Case.member_id)
    return query.order_by(*order).offset(offset).limit(limit)


def checked_filter(f: CaseFilter) -> CaseFilter:
    """f with a search string search.py can take: a NUL, an ESC or any other control character
    (a stray paste) is a space between words; one longer than SEARCH allows is refused."""
    search = clean_text(blank_controls(f.search or ""), SEARCH)
    return f if search == f.search else replace(f, search=search)


def count_cases(vault: Vault, actor: Actor, f: CaseFilter = CaseFilter(), *, capped: bool = False) -> int:
    """How many cases match. capped=True (the case list): the count of a search, alone or with
    other criteria, stops past search.COUNT_LIMIT, and COUNT_LIMIT + 1 means "more"; a count
    without a search is exact."""
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        f = checked_filter(f)
        within = assigned_case_ids(actor)
        found = _server_matches(vault, session, actor, f, capped)
        if _only_search(f) and found is not None:
            return found.count
        known = found.ids if found is not None else None
        if _only_search(f) and (within is not None or allowed(actor, Action.READ_ALL_CASES)):
            # From the indexes (and a reviewer's assignments): no case is read.
            return count_matches(session, f.search, scope=search_scope(actor), within=within, capped=capped)
        if f == CaseFilter() and (assigned := assigned_case_count(session, actor)) is not None:
            return assigned
        query = sa.select(Case.id).where(*_where(actor, f, known=known))
        if f.course:
            query = query.join(Contract, Contract.id == Case.contract_id)
        if capped and f.search.strip():
            query = query.limit(COUNT_LIMIT + 1)
        return int(session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)


def listed_count(vault: Vault, actor: Actor, f: CaseFilter = CaseFilter()) -> tuple[int, bool]:
    """The case list's count: a search's stops at search.COUNT_LIMIT, with whether more cases
    match than that (the list then holds the first COUNT_LIMIT); without a search it is exact."""
    n = count_cases(vault, actor, f, capped=True)
    more = bool(checked_filter(f).search.strip()) and n > COUNT_LIMIT
    return (COUNT_LIMIT if more else n), more


def list_cases(vault: Vault, actor: Actor, f: CaseFilter = CaseFilter(), *,
               sort: SortKey = SortKey.NUMBER, descending: bool = True, offset: int = 0,
               limit: int = 200) -> list[CaseRow]:
    """One page of the list; the GUI fetches pages lazily as the user scrolls. Patients appear
    by their case alias for everyone: the secretariat asks for real names with
    `identities.patient_names`, which audits each listing."""
    amounts = _sees_amounts(actor)
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        f = checked_filter(f)
        sqlite = session.get_bind().dialect.name == "sqlite"
        found = _server_matches(vault, session, actor, f, capped=True)  # the count's, if just read
        known = found.ids if found is not None else None
        # Thousands of matches: a walk along an indexed order reaches a page's worth soon.
        dense = sort in _INDEXED_SORTS and (
            (found is not None and known is None)  # too many for the server to send back
            or (known is not None and len(known) >= DENSE_KNOWN)
            or (sqlite and bool(f.search.strip()) and _many_matches(session, actor, f)))
        ids = session.scalars(_page_ids(actor, f, sort, descending, offset, limit, dense=dense, known=known,
                                        nulls_as_sqlite=not sqlite)).all()
        if not ids:
            return []
        rows = session.execute(
            sa.select(Case.id, Case.case_no, Case.state, Member.name, Case.procedure, Case.outcome,
                      Case.claim_date, _due(actor).label("due"), Case.payout_total, Contract.course,
                      Case.patient_alias)
            .join(Member, Member.id == Case.member_id)
            .join(Contract, Contract.id == Case.contract_id)
            .where(Case.id.in_(ids))).all()
    by_id = {r[0]: CaseRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] if amounts else None, r[9],
                           r[10]) for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def case_detail(vault: Vault, actor: Actor, case_id: int) -> CaseDetail:
    with read(vault, actor, Action.READ_ASSIGNED_CASES) as session:
        return detail_in(session, actor, case_id)


def detail_in(session: Session, actor: Actor, case_id: int) -> CaseDetail:
    case = load_case(session, actor, case_id)
    member = session.get(Member, case.member_id)
    contract = session.get(Contract, case.contract_id)
    facility = session.get(Facility, case.facility_id) if case.facility_id else None
    doctor = session.get(InsuredDoctor, case.insured_doctor_id) if case.insured_doctor_id else None
    original = session.get(Case, case.appeal_of_id) if case.appeal_of_id else None
    identity = allowed(actor, Action.SEE_PATIENT_IDENTITY)
    assert member is not None and contract is not None
    return CaseDetail(
        id=case.id, number=case.case_no, state=case.state, member=member.name,
        member_id=member.id, facility=facility.name if facility else None,
        contract_no=contract.contract_no, course=contract.course,
        insured_doctor=doctor.name if doctor else None, specialty=case.specialty,
        patient=patient_display(case, actor), patient_alias=case.patient_alias,
        patient_identity_visible=identity,
        patient_birth_date=case.patient_birth_date if identity else None,
        patient_sex=case.patient_sex,
        patient_address=case.patient_address if identity else None,
        patient_phone=case.patient_phone if identity else None,
        patient_insurance_no=case.patient_insurance_no if identity else None,
        clinic_patient_id=case.clinic_patient_id if identity else None,
        procedure=case.procedure, incident_date=case.incident_date,
        claim_date=case.claim_date, received_on=case.received_on, summary=case.summary,
        patient_demand=case.patient_demand, demand_amount=case.demand_amount,
        outcome_kind=case.outcome_kind, disability_grade=case.disability_grade,
        coverage_covered=case.coverage_covered,
        coverage_reasons=tuple(json.loads(case.coverage_reasons)),
        coverage_override=case.coverage_override, exclusions=tuple(json.loads(case.exclusions)),
        disagreement=case.disagreement if sees_everyone(session, actor, case.id) else None,
        outcome=case.outcome, payout_total=case.payout_total if _sees_amounts(actor) else None,
        decided_on=case.decided_on, closed_on=case.closed_on,
        retention_until=case.retention_until, withdrawn_reason=case.withdrawn_reason,
        appeal_of=original.case_no if original else None,
        available_actions=available_actions(session, actor, case),
    )
