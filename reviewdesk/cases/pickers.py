"""Small read models for the desktop's pick lists and tabs: contracts, a case's documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read
from reviewdesk.cases.access import read_case
from reviewdesk.store.models import Contract, Document, Facility, InsuredDoctor, Member
from reviewdesk.store.vault import Vault


@dataclass(frozen=True)
class DoctorChoice:
    id: int
    name: str
    category: str


@dataclass(frozen=True)
class ContractChoice:
    id: int
    contract_no: str
    member_name: str
    member_no: str
    course: str
    per_claim_limit: int
    period_start: date
    period_end: date
    facility_id: int | None
    facility_name: str | None
    doctors: tuple[DoctorChoice, ...]


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    filename: str
    mime_type: str
    size: int
    added_at: datetime


def contract_choices(vault: Vault, actor: Actor) -> list[ContractChoice]:
    """Every contract with its member, facility and insured doctors, for registering a case."""
    with read(vault, actor, Action.REGISTER_CASE) as session:
        rows = session.execute(
            sa.select(Contract, Member.name, Member.member_no, Facility.name)
            .join(Member, Member.id == Contract.member_id)
            .outerjoin(Facility, Facility.id == Contract.facility_id)
            .order_by(Contract.period_end.desc(), Member.member_no, Contract.contract_no)
        ).all()
        doctors: dict[int, list[DoctorChoice]] = {}
        for d in session.scalars(sa.select(InsuredDoctor).order_by(InsuredDoctor.id)):
            doctors.setdefault(d.contract_id, []).append(DoctorChoice(d.id, d.name, d.category))
        return [ContractChoice(c.id, c.contract_no, member_name, member_no, c.course,
                               c.per_claim_limit, c.period_start, c.period_end, c.facility_id,
                               facility_name, tuple(doctors.get(c.id, ())))
                for c, member_name, member_no, facility_name in rows]


def case_documents(vault: Vault, actor: Actor, case_id: int) -> list[DocumentRow]:
    """The documents of a case the actor may see (without their bytes), oldest first."""
    with read_case(vault, actor, case_id) as (session, _case):
        rows = session.execute(
            sa.select(Document.id, Document.kind, Document.filename, Document.mime_type,
                      Document.size, Document.added_at)
            .where(Document.case_id == case_id).order_by(Document.id)
        ).all()
    return [DocumentRow(*r) for r in rows]
