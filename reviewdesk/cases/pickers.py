"""Small read models for the desktop's pick lists: the contracts a claim can fall under."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read
from reviewdesk.store.models import Contract, Facility, InsuredDoctor, Member
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
    member_id: int
    member_name: str
    member_no: str
    course: str
    per_claim_limit: int
    period_start: date
    period_end: date
    facility_id: int | None
    facility_name: str | None
    doctors: tuple[DoctorChoice, ...]


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
        return [ContractChoice(c.id, c.contract_no, c.member_id, member_name, member_no, c.course,
                               c.per_claim_limit, c.period_start, c.period_end, c.facility_id,
                               facility_name, tuple(doctors.get(c.id, ())))
                for c, member_name, member_no, facility_name in rows]


def contract_members(contracts: list[ContractChoice]) -> list[tuple[int, str, str]]:
    """(member id, member no., name) of every member holding one of the contracts, by member no."""
    members = {c.member_id: (c.member_id, c.member_no, c.member_name) for c in contracts}
    return sorted(members.values(), key=lambda m: (m[1], m[0]))


def contracts_for_claim(contracts: list[ContractChoice], claim_date: date,
                        member_id: int | None = None,
                        any_period: bool = False) -> list[ContractChoice]:
    """The contracts a claim made on `claim_date` can fall under, optionally of one member.

    Every course is claims-made (DOMAIN.md): what counts is that the claim is first made within
    the contract period, whenever the incident happened (a retro date before the incident is a
    coverage question the assessment answers, not a reason to hide the contract). `any_period`
    lists every period, so a claim made outside them can still be received and declined."""
    return [c for c in contracts
            if (member_id is None or c.member_id == member_id)
            and (any_period or c.period_start <= claim_date <= c.period_end)]
