"""Patients' real names in a listing: for the secretariat only, and every listing audited.

The case list shows each patient by the case alias, whoever reads it. The secretariat may ask
for the real names of the cases it lists (`reviewdesk cases list --real-names`); each such
request is one audit event naming the cases whose patients it showed, so who saw which
identities, and when, is in the trail. Opening one case shows its patient to the secretariat
as before (the case view); a listing is what could carry many identities at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from reviewdesk.auth.permissions import Action, require
from reviewdesk.auth.roles import Actor
from reviewdesk.auth.unit_of_work import read, write
from reviewdesk.cases.access import visibility_clause
from reviewdesk.store.models import Case
from reviewdesk.store.vault import Vault

_CHUNK = 5000


def patient_names(vault: Vault, actor: Actor, case_ids: Sequence[int]) -> dict[int, str]:
    """The real patient name of each of these cases the actor may see, by case id; the audit
    trail records the listing (its cases by number) before the names are returned."""
    require(actor, Action.SEE_PATIENT_IDENTITY)
    wanted = list(dict.fromkeys(case_ids))
    if not wanted:
        return {}
    names: dict[int, str] = {}
    numbers: list[str] = []
    with read(vault, actor, Action.SEE_PATIENT_IDENTITY) as session:
        for start in range(0, len(wanted), _CHUNK):
            rows = session.execute(
                sa.select(Case.id, Case.case_no, Case.patient_name)
                .where(Case.id.in_(wanted[start:start + _CHUNK]), visibility_clause(actor))
                .order_by(Case.id)).all()
            for case_id, case_no, name in rows:
                names[case_id] = name
                numbers.append(case_no)
    if names:
        only = next(iter(names)) if len(names) == 1 else None
        with write(vault, actor, Action.SEE_PATIENT_IDENTITY) as uow:
            uow.audit("patient.names_listed", "case", only, case_id=only,
                      detail={"count": len(names), "cases": numbers})
    return names
