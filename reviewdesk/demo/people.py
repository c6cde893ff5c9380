"""Demo users, members, facilities, yearly contracts and insured doctors, as rows to insert."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from reviewdesk.cases.intake_terms import Sex
from reviewdesk.demo.vocabulary import (
    CITIES,
    CLINIC_WORDS,
    CORPORATION_FORMS,
    GIVEN_FEMALE,
    GIVEN_MALE,
    SURNAMES,
)

DEMO_PASSWORD = "demo-password"


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: str
    specialty: str | None = None


DEMO_USERS = (
    DemoUser("secretariat1", "佐藤 美咲", "secretariat"),
    DemoUser("secretariat2", "高橋 直樹", "secretariat"),
    DemoUser("derm1", "伊藤 恵子", "physician_reviewer", "dermatology"),
    DemoUser("derm2", "渡辺 健一", "physician_reviewer", "dermatology"),
    DemoUser("plastic1", "山本 雄一", "physician_reviewer", "plastic_surgery"),
    DemoUser("plastic2", "中村 由美", "physician_reviewer", "plastic_surgery"),
    DemoUser("anest1", "小林 聡", "physician_reviewer", "anesthesiology"),
    DemoUser("lawyer1", "加藤 智子", "lawyer_reviewer"),
    DemoUser("lawyer2", "吉田 哲也", "lawyer_reviewer"),
    DemoUser("chair1", "山田 博之", "board_chair"),
    DemoUser("assess1", "松本 裕子", "assessment_committee"),
    DemoUser("assess2", "井上 康弘", "assessment_committee"),
    DemoUser("auditor1", "木村 修", "auditor"),
)

FIRST_YEAR = 2016
CURRENT_SCHEME_FROM = 2021  # the insurer-backed scheme (seed 001) replaced the mutual aid
CURRENT_LIMITS = (1_000_000, 2_000_000, 5_000_000, 10_000_000, 20_000_000)


def person_name(rng: random.Random, sex: str | None = None) -> tuple[str, str]:
    sex = sex or rng.choice((Sex.FEMALE.value, Sex.MALE.value))
    given = rng.choice(GIVEN_FEMALE if sex == Sex.FEMALE else GIVEN_MALE)
    return f"{rng.choice(SURNAMES)} {given}", sex


@dataclass
class DemoContract:
    id: int
    member_id: int
    facility_id: int
    year: int
    course: str
    per_claim_limit: int
    annual_aggregate: int | None
    period_start: date
    period_end: date
    retro_date: date
    anesthesia_class: str | None
    doctor_ids: list[int] = field(default_factory=list)


@dataclass
class PeopleRows:
    members: list[dict[str, object]] = field(default_factory=list)
    facilities: list[dict[str, object]] = field(default_factory=list)
    contracts: list[dict[str, object]] = field(default_factory=list)
    doctors: list[dict[str, object]] = field(default_factory=list)
    affiliations: list[dict[str, object]] = field(default_factory=list)
    by_member_year: dict[tuple[int, int], DemoContract] = field(default_factory=dict)
    doctor_names: dict[int, str] = field(default_factory=dict)


def build_people(rng: random.Random, member_count: int, last_year: int,
                 user_ids: dict[str, int]) -> PeopleRows:
    rows = PeopleRows()
    contract_id = doctor_id = 0
    for m in range(1, member_count + 1):
        pref, town = rng.choice(CITIES)
        word = rng.choice(CLINIC_WORDS)
        director, _ = person_name(rng)
        address = f"{pref}{town}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        rows.members.append({
            "id": m, "member_no": f"M-{m:05d}",
            "name": f"{rng.choice(CORPORATION_FORMS)} {word}会" if m % 4 else f"{director}（個人開設）",
            "representative": director, "address": address,
            "phone": f"0{rng.randint(3, 99)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
            "email": f"office{m}@example.jp", "joined_on": date(FIRST_YEAR, 1, 1),
        })
        rows.facilities.append({"id": m, "member_id": m, "name": f"{word}美容クリニック {town[-2:]}院",
                                "address": address, "phone": None})
        former_course = "non_surgical" if m % 5 == 0 else "all"
        current_course = "practitioner" if m % 3 == 0 else "facility"
        limit = rng.choice(CURRENT_LIMITS)
        rider = rng.choice(("A", "B", "C1", "C2")) if former_course == "all" and m % 4 == 1 else None
        doctors = [(director, "director", rider == "C2")]
        for _ in range(rng.randint(0, 2)):
            doctors.append((person_name(rng)[0], rng.choice(("full_time", "part_time")), False))
        for year in range(FIRST_YEAR, last_year + 1):
            contract_id += 1
            current = year >= CURRENT_SCHEME_FROM
            course = current_course if current else former_course
            per_claim = limit if current else (1_000_000 if course == "non_surgical" else 2_000_000)
            premium = None if current else (4_000 if course == "non_surgical" else 10_000)
            contract = DemoContract(
                contract_id, m, m, year, course, per_claim, None if current else 5_000_000,
                date(year, 1, 1), date(year, 12, 31), date(FIRST_YEAR, 1, 1),
                None if current else rider)
            rows.contracts.append({
                "id": contract_id, "contract_no": f"C-{year}-{m:05d}", "member_id": m,
                "facility_id": m, "course": course, "per_claim_limit": per_claim,
                "deductible": 100_000, "annual_aggregate": contract.annual_aggregate,
                "period_start": contract.period_start, "period_end": contract.period_end,
                "retro_date": contract.retro_date, "litigation_costs_in_aggregate": not current,
                "facility_rider": course == "facility",
                "anesthesia_class": contract.anesthesia_class,
                "anesthesia_attachment": 1_000_000 if contract.anesthesia_class else None,
                "anesthesia_limit": 100_000_000 if contract.anesthesia_class else None,
                "monthly_premium": premium,
            })
            for name, category, anesthesiologist in doctors:
                doctor_id += 1
                rows.doctors.append({
                    "id": doctor_id, "contract_id": contract_id, "name": name, "category": category,
                    "license_no": f"{rng.randint(100000, 599999)}",
                    "anesthesiology_registered": anesthesiologist,
                })
                rows.doctor_names[doctor_id] = name
                contract.doctor_ids.append(doctor_id)
            rows.by_member_year[(m, year)] = contract
    # Two reviewers work at member clinics: the conflict-of-interest checks have something to find.
    rows.affiliations.append({"id": 1, "user_id": user_ids["derm2"], "member_id": 1,
                              "facility_id": 1, "note": "非常勤勤務"})
    if member_count > 1:
        rows.affiliations.append({"id": 2, "user_id": user_ids["plastic2"], "member_id": 2,
                                  "facility_id": 2, "note": "元勤務先"})
    return rows
