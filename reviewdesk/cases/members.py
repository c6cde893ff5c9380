"""Members, their facilities and contracts, and the doctors insured under them (secretariat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from reviewdesk.auth import audit
from reviewdesk.auth.permissions import Action
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.errors import InputError
from reviewdesk.store.models import Contract, Facility, InsuredDoctor, Member
from reviewdesk.store.vault import Vault
from reviewdesk.text_fields import (
    ADDRESS,
    CONTRACT_NO,
    DOCTOR_NAME,
    EMAIL,
    FACILITY_NAME,
    LICENSE_NO,
    MEMBER_NAME,
    MEMBER_NO,
    PHONE,
    REPRESENTATIVE,
    clean_optional,
    clean_text,
)

# Current scheme (seed 001): facility and practitioner courses; former scheme (seed 002):
# all procedures (全科) and non-surgical (非外科).
COURSES: dict[str, tuple[str, str]] = {
    "facility": ("開設者コース", "Facility course"),
    "practitioner": ("施術医コース", "Practitioner course"),
    "all": ("全科コース（旧制度）", "All procedures (former)"),
    "non_surgical": ("非外科コース（旧制度）", "Non-surgical (former)"),
}
CURRENT_LIMITS = (1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000)
DOCTOR_CATEGORIES: dict[str, tuple[str, str]] = {
    "director": ("院長", "Director"),
    "full_time": ("常勤医", "Full-time doctor"),
    "part_time": ("非常勤医（週3日以下）", "Part-time doctor (3 days a week or fewer)"),
}
ANESTHESIA_CLASSES = ("A", "B", "C1", "C2")
# Seed 002's monthly premiums for the former scheme.
FORMER_PREMIUMS = {("all", "director"): 10_000, ("all", "full_time"): 7_000,
                   ("all", "part_time"): 5_000}
NON_SURGICAL_PREMIUM = 4_000


@dataclass(frozen=True)
class ContractTerms:
    course: str
    per_claim_limit: int
    period_start: date
    period_end: date
    deductible: int = 100_000
    annual_aggregate: int | None = None
    retro_date: date | None = None
    facility_id: int | None = None
    litigation_costs_in_aggregate: bool = False
    facility_rider: bool = False
    anesthesia_class: str | None = None
    anesthesia_attachment: int | None = None
    anesthesia_limit: int | None = None
    monthly_premium: int | None = None


def monthly_premium(course: str, category: str) -> int | None:
    """Seed 002's premium per doctor for the former courses; the current scheme is priced per plan."""
    if course == "non_surgical":
        return NON_SURGICAL_PREMIUM
    return FORMER_PREMIUMS.get((course, category))


def _check_terms(t: ContractTerms) -> None:
    if t.course not in COURSES:
        raise InputError(f"course: must be one of {', '.join(COURSES)}", ja="コースが正しくありません")
    if t.per_claim_limit <= 0 or t.deductible < 0:
        raise InputError("per_claim_limit/deductible: must be positive yen amounts",
                         ja="支払限度額・免責金額が正しくありません")
    if t.annual_aggregate is not None and t.annual_aggregate < t.per_claim_limit:
        raise InputError("annual_aggregate: must not be below the per-claim limit",
                         ja="年間支払限度額が1事故の限度額を下回っています")
    if t.period_end < t.period_start:
        raise InputError("period_end: before period_start", ja="契約期間の終了日が開始日より前です")
    if t.anesthesia_class is not None and t.anesthesia_class not in ANESTHESIA_CLASSES:
        raise InputError(f"anesthesia_class: must be one of {', '.join(ANESTHESIA_CLASSES)}",
                         ja=f"麻酔特約の区分は {'・'.join(ANESTHESIA_CLASSES)} のいずれかにしてください")


def add_member(vault: Vault, actor: Actor, member_no: str, name: str, *,
               representative: str | None = None, address: str | None = None,
               phone: str | None = None, email: str | None = None,
               joined_on: date | None = None) -> int:
    with write(vault, actor, Action.ADMINISTER_MEMBERS) as uow:
        session = uow.session
        member_no, name = clean_text(member_no, MEMBER_NO), clean_text(name, MEMBER_NAME)
        representative = clean_optional(representative, REPRESENTATIVE)
        address, phone = clean_optional(address, ADDRESS), clean_optional(phone, PHONE)
        email = clean_optional(email, EMAIL)
        if not name or not member_no:
            raise InputError("member: number and name are required", ja="会員番号と会員名は必須です")
        if session.scalar(sa.select(Member.id).where(Member.member_no == member_no)):
            raise InputError(f"member_no: {member_no} exists", ja=f"会員番号 {member_no} は登録済みです")
        member = Member(member_no=member_no, name=name.strip(), representative=representative,
                        address=address, phone=phone, email=email, joined_on=joined_on)
        session.add(member)
        session.flush()
        audit.record(session, actor, "member.add", "member", member.id,
                     detail={"member_no": member_no, "name": name})
        return member.id


def add_facility(vault: Vault, actor: Actor, member_id: int, name: str,
                 address: str | None = None, phone: str | None = None) -> int:
    with write(vault, actor, Action.ADMINISTER_MEMBERS) as uow:
        session = uow.session
        name = clean_text(name, FACILITY_NAME)
        address, phone = clean_optional(address, ADDRESS), clean_optional(phone, PHONE)
        if not name:
            raise InputError("facility: a name is required", ja="施設名を入力してください")
        if session.get(Member, member_id) is None:
            raise InputError(f"member: no member {member_id}", ja="会員が見つかりません")
        facility = Facility(member_id=member_id, name=name.strip(), address=address, phone=phone)
        session.add(facility)
        session.flush()
        audit.record(session, actor, "facility.add", "facility", facility.id,
                     detail={"member_id": member_id, "name": name})
        return facility.id


def add_contract(vault: Vault, actor: Actor, member_id: int, contract_no: str,
                 terms: ContractTerms) -> int:
    with write(vault, actor, Action.ADMINISTER_MEMBERS) as uow:
        session = uow.session
        contract_no = clean_text(contract_no, CONTRACT_NO)
        if not contract_no:
            raise InputError("contract_no: required", ja="契約番号を入力してください")
        _check_terms(terms)
        if session.get(Member, member_id) is None:
            raise InputError(f"member: no member {member_id}", ja="会員が見つかりません")
        if session.scalar(sa.select(Contract.id).where(Contract.contract_no == contract_no)):
            raise InputError(f"contract_no: {contract_no} exists",
                             ja=f"契約番号 {contract_no} は登録済みです")
        contract = Contract(member_id=member_id, contract_no=contract_no, **terms.__dict__)
        session.add(contract)
        session.flush()
        audit.record(session, actor, "contract.add", "contract", contract.id,
                     detail={"contract_no": contract_no, "course": terms.course,
                             "per_claim_limit": terms.per_claim_limit})
        return contract.id


def add_insured_doctor(vault: Vault, actor: Actor, contract_id: int, name: str, category: str,
                       *, license_no: str | None = None,
                       anesthesiology_registered: bool = False) -> int:
    with write(vault, actor, Action.ADMINISTER_MEMBERS) as uow:
        session = uow.session
        name, license_no = clean_text(name, DOCTOR_NAME), clean_optional(license_no, LICENSE_NO)
        if not name:
            raise InputError("name: required", ja="医師の氏名を入力してください")
        if category not in DOCTOR_CATEGORIES:
            raise InputError(f"category: must be one of {', '.join(DOCTOR_CATEGORIES)}",
                             ja=f"医師の区分「{category}」は登録できる区分ではありません")
        if session.get(Contract, contract_id) is None:
            raise InputError(f"contract: no contract {contract_id}", ja="契約が見つかりません")
        doctor = InsuredDoctor(contract_id=contract_id, name=name.strip(), category=category,
                               license_no=license_no,
                               anesthesiology_registered=anesthesiology_registered)
        session.add(doctor)
        session.flush()
        audit.record(session, actor, "insured_doctor.add", "insured_doctor", doctor.id,
                     detail={"contract_id": contract_id, "name": name, "category": category})
        return doctor.id


# Read models for the administration screen ---------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    id: int
    member_no: str
    name: str
    representative: str | None
    address: str | None
    phone: str | None
    email: str | None
    joined_on: date | None
    contracts: int


@dataclass(frozen=True)
class FacilityRow:
    id: int
    member_id: int
    name: str
    address: str | None
    phone: str | None


@dataclass(frozen=True)
class ContractRow:
    id: int
    member_id: int
    member_name: str
    contract_no: str
    course: str
    per_claim_limit: int
    deductible: int
    annual_aggregate: int | None
    period_start: date
    period_end: date
    facility_id: int | None
    doctors: int


@dataclass(frozen=True)
class InsuredDoctorRow:
    id: int
    contract_id: int
    name: str
    category: str
    license_no: str | None
    anesthesiology_registered: bool


def list_members(vault: Vault, actor: Actor) -> list[MemberRow]:
    """Every member with how many contract years it holds, by member number."""
    contracts = (sa.select(Contract.member_id, sa.func.count(Contract.id).label("n"))
                 .group_by(Contract.member_id).subquery())
    with read(vault, actor, Action.ADMINISTER_MEMBERS) as session:
        rows = session.execute(
            sa.select(Member, sa.func.coalesce(contracts.c.n, 0))
            .outerjoin(contracts, contracts.c.member_id == Member.id)
            .order_by(Member.member_no)).all()
        return [MemberRow(m.id, m.member_no, m.name, m.representative, m.address, m.phone,
                          m.email, m.joined_on, int(n)) for m, n in rows]


def list_facilities(vault: Vault, actor: Actor, member_id: int | None = None) -> list[FacilityRow]:
    query = sa.select(Facility).order_by(Facility.member_id, Facility.id)
    if member_id is not None:
        query = query.where(Facility.member_id == member_id)
    with read(vault, actor, Action.ADMINISTER_MEMBERS) as session:
        return [FacilityRow(f.id, f.member_id, f.name, f.address, f.phone)
                for f in session.scalars(query).all()]


def list_contracts(vault: Vault, actor: Actor, member_id: int | None = None) -> list[ContractRow]:
    """Contract years, the latest first, with how many doctors each insures."""
    doctors = (sa.select(InsuredDoctor.contract_id, sa.func.count(InsuredDoctor.id).label("n"))
               .group_by(InsuredDoctor.contract_id).subquery())
    query = (sa.select(Contract, Member.name, sa.func.coalesce(doctors.c.n, 0))
             .join(Member, Member.id == Contract.member_id)
             .outerjoin(doctors, doctors.c.contract_id == Contract.id)
             .order_by(Contract.period_start.desc(), Contract.contract_no))
    if member_id is not None:
        query = query.where(Contract.member_id == member_id)
    with read(vault, actor, Action.ADMINISTER_MEMBERS) as session:
        return [ContractRow(c.id, c.member_id, name, c.contract_no, c.course, c.per_claim_limit,
                            c.deductible, c.annual_aggregate, c.period_start, c.period_end,
                            c.facility_id, int(n))
                for c, name, n in session.execute(query).all()]


def list_insured_doctors(vault: Vault, actor: Actor,
                         contract_id: int | None = None) -> list[InsuredDoctorRow]:
    query = sa.select(InsuredDoctor).order_by(InsuredDoctor.contract_id, InsuredDoctor.id)
    if contract_id is not None:
        query = query.where(InsuredDoctor.contract_id == contract_id)
    with read(vault, actor, Action.ADMINISTER_MEMBERS) as session:
        return [InsuredDoctorRow(d.id, d.contract_id, d.name, d.category, d.license_no,
                                 d.anesthesiology_registered)
                for d in session.scalars(query).all()]
