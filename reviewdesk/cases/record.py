"""A whole case as plain JSON-ready data, as the acting user may see it (CLI, archive export)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reviewdesk.auth.permissions import Action, allowed
from reviewdesk.auth.roles import Actor
from reviewdesk.cases import assessing, findings, review
from reviewdesk.cases.opinions import list_opinions
from reviewdesk.cases.queries import case_detail
from reviewdesk.store.vault import Vault


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, Decimals as exact strings, dataclasses as dicts, sets as
    sorted lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def case_record(vault: Vault, actor: Actor, case_id: int, *, with_results: bool = False) -> dict[str, Any]:
    """Intake, assignments, opinions, findings and assessments; blind review and identity rules
    apply through the services. with_results adds each assessment's inputs and result."""
    detail = plain(case_detail(vault, actor, case_id))
    detail.pop("extra", None)
    view: dict[str, Any] = {**detail}
    view["assignments"] = plain(review.list_assignments(vault, actor, case_id))
    view["opinions"] = plain(list_opinions(vault, actor, case_id))
    view["findings"] = plain(findings.list_findings(vault, actor, case_id))
    assessments = []
    if allowed(actor, Action.READ_ALL_CASES):
        for row in assessing.list_assessments(vault, actor, case_id):
            entry = plain({f.name: getattr(row, f.name) for f in dataclasses.fields(row)
                           if f.name not in ("inputs", "result")})
            if with_results:
                # As stored: the engine's own JSON form of the inputs and the result.
                entry["inputs"], entry["result"] = row.inputs.to_dict(), row.result.to_dict()
            assessments.append(entry)
    view["assessments"] = assessments
    return view
