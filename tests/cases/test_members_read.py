"""Read models of members, facilities, contracts and insured doctors (the administration screen)."""

from __future__ import annotations

from datetime import date

import pytest

from reviewdesk.cases.members import (
    ContractTerms,
    add_contract,
    add_facility,
    add_insured_doctor,
    add_member,
    list_contracts,
    list_facilities,
    list_insured_doctors,
    list_members,
)
from reviewdesk.errors import PermissionDenied


def test_lists(world) -> None:  # type: ignore[no-untyped-def]
    sec = world["secretary"]
    other = add_member(world.vault, sec, "M-0002", "医療法人 緑会")
    facility = add_facility(world.vault, sec, other, "緑クリニック", phone="03-0000-0000")
    contract = add_contract(world.vault, sec, other, "C-2025-0002", ContractTerms(
        course="all", per_claim_limit=5_000_000, period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31), annual_aggregate=5_000_000))
    add_insured_doctor(world.vault, sec, contract, "緑 一郎", "full_time", license_no="123")

    members = list_members(world.vault, sec)
    assert [(m.member_no, m.contracts) for m in members] == [("M-0001", 1), ("M-0002", 1)]
    assert members[0].representative == "青葉 健一"
    assert [(f.id, f.name) for f in list_facilities(world.vault, sec, other)] == [(facility, "緑クリニック")]
    assert len(list_facilities(world.vault, sec)) == 2
    contracts = list_contracts(world.vault, sec)
    assert [(c.contract_no, c.doctors) for c in contracts] == [("C-2026-0001", 1), ("C-2025-0002", 1)]
    assert [c.member_name for c in list_contracts(world.vault, sec, other)] == ["医療法人 緑会"]
    assert contracts[1].annual_aggregate == 5_000_000 and contracts[1].course == "all"
    doctors = list_insured_doctors(world.vault, sec, contract)
    assert [(d.name, d.category, d.license_no) for d in doctors] == [("緑 一郎", "full_time", "123")]
    assert len(list_insured_doctors(world.vault, sec)) == 2


@pytest.mark.parametrize("username", ["chair", "auditor", "derm", "assessor"])
@pytest.mark.parametrize("read", [list_members, list_facilities, list_contracts, list_insured_doctors])
def test_only_the_secretariat_reads_the_registers(world, username, read) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        read(world.vault, world[username])
