"""Builders for integration tests: a real vault (a SQLCipher file in a temp folder, or a database
of a throwaway PostgreSQL cluster) with people in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reviewdesk.auth.roles import SYSTEM, Actor
from reviewdesk.auth.users import authenticate, bootstrap_admin, create_user
from reviewdesk.cases.members import (
    ContractTerms,
    add_contract,
    add_facility,
    add_insured_doctor,
    add_member,
)
from reviewdesk.store.vault import Vault

PASSWORD = "test-password"
PASSPHRASE_ENV = {"REVIEWDESK_PASSPHRASE": "test-passphrase"}  # the test vaults' key, no keyring


@dataclass
class World:
    """A vault with one member, facility, contract and doctor, and one user per role."""

    vault: Vault
    actors: dict[str, Actor] = field(default_factory=dict)
    member_id: int = 0
    facility_id: int = 0
    contract_id: int = 0
    doctor_id: int = 0

    def __getitem__(self, username: str) -> Actor:
        return self.actors[username]


USERS = (
    ("secretary", "事務局 花子", "secretariat", None),
    ("derm", "皮膚科 一郎", "physician_reviewer", "dermatology"),
    ("derm2", "皮膚科 二郎", "physician_reviewer", "dermatology"),
    ("plastic", "形成 三郎", "physician_reviewer", "plastic_surgery"),
    ("lawyer", "弁護 士子", "lawyer_reviewer", None),
    ("lawyer2", "弁護 次郎", "lawyer_reviewer", None),
    ("chair", "委員長 太郎", "board_chair", None),
    ("assessor", "査定 一子", "assessment_committee", None),
    ("assessor2", "査定 二子", "assessment_committee", None),
    ("auditor", "監事 四郎", "auditor", None),
)


def make_vault(folder: Path, monkeypatch: object | None = None) -> Vault:
    """A new vault keyed by a passphrase (no keyring needed)."""
    return Vault.create(folder / "test.rdvault", env=PASSPHRASE_ENV)


def make_world(folder: Path) -> World:
    return populate_world(make_vault(folder))


def populate_world(vault: Vault) -> World:
    """The world's people and contract in a new, empty vault (a file, or a server database)."""
    bootstrap_admin(vault, "admin", "管理者", PASSWORD)
    admin = authenticate(vault, "admin", PASSWORD)
    world = World(vault)
    world.actors["admin"] = admin
    world.member_id = add_member(vault, admin, "M-0001", "医療法人社団 青葉会",
                                 representative="青葉 健一", address="東京都港区南青山1-2-3")
    world.facility_id = add_facility(vault, admin, world.member_id, "青葉美容クリニック 表参道院",
                                     address="東京都渋谷区神宮前4-5-6")
    world.contract_id = add_contract(vault, admin, world.member_id, "C-2026-0001", ContractTerms(
        course="facility", per_claim_limit=10_000_000, period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31), annual_aggregate=30_000_000, retro_date=date(2020, 1, 1),
        facility_id=world.facility_id))
    world.doctor_id = add_insured_doctor(vault, admin, world.contract_id, "青葉 健一", "director")
    for username, name, role, specialty in USERS:
        create_user(vault, admin, username, name, role, PASSWORD, specialty)
        world.actors[username] = authenticate(vault, username, PASSWORD)
    assert SYSTEM.user_id is None
    return world
