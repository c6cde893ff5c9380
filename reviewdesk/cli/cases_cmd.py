"""`reviewdesk cases list|show`: the cases the --user may see, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from typing import Any

from reviewdesk.cli.common import (add_user_argument, add_vault_argument, login, open_vault,
                                   print_json, print_table)

# Only argparse at import time: every `reviewdesk` command imports this module to register it.
LIST_COLUMNS = ("number", "state", "member", "procedure", "claim_date", "outcome", "amount",
                "due_date", "course", "patient")
PAGE = 500


def register(subparsers: Any) -> None:
    cases = subparsers.add_parser("cases", help="list and show cases, as the given user sees them")
    sub = cases.add_subparsers(metavar="ACTION", required=True)

    lst = sub.add_parser("list", help="the cases the user may see")
    add_vault_argument(lst)
    add_user_argument(lst)
    lst.add_argument("--state", action="append", default=[],
                     help="only cases in this state (repeatable, or comma-separated)")
    lst.add_argument("--search", default="", help="full-text search (every word must occur)")
    lst.add_argument("--format", choices=["table", "json", "csv"], default="table")
    lst.set_defaults(handler=_list)

    show = sub.add_parser("show", help="one case with what the user may see of its review")
    show.add_argument("case_no", metavar="CASE_NO")
    add_vault_argument(show)
    add_user_argument(show)
    show.add_argument("--format", choices=["json", "text"], default="text")
    show.set_defaults(handler=_show)


def _states(values: list[str]) -> tuple[str, ...]:
    from reviewdesk.cases.states import CaseState
    from reviewdesk.errors import InputError

    states = [s.strip() for v in values for s in v.split(",") if s.strip()]
    known = {s.value for s in CaseState}
    for state in states:
        if state not in known:
            raise InputError(f"--state: unknown state '{state}' "
                             f"(one of {', '.join(sorted(known))})")
    return tuple(states)


def _list(args: argparse.Namespace) -> int:
    from reviewdesk.cases.queries import CaseFilter, SortKey, list_cases

    f = CaseFilter(states=_states(args.state), search=args.search)
    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        rows = []
        while True:
            page = list_cases(vault, actor, f, sort=SortKey.NUMBER, descending=False,
                              offset=len(rows), limit=PAGE)
            rows.extend(page)
            if len(page) < PAGE:
                break
    records = [{c: _plain(getattr(r, c)) for c in LIST_COLUMNS} for r in rows]
    if args.format == "json":
        print_json(records)
    elif args.format == "csv":
        import csv
        import sys

        writer = csv.DictWriter(sys.stdout, fieldnames=list(LIST_COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        print_table(list(LIST_COLUMNS), [[rec[c] for c in LIST_COLUMNS] for rec in records])
    return 0


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, Decimals as exact strings, dataclasses as dicts."""
    import dataclasses
    from datetime import date, datetime
    from decimal import Decimal

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def case_view(vault: Any, actor: Any, case_no: str) -> dict[str, Any]:
    """The case as the actor may see it: blind review and role limits applied by the services."""
    from reviewdesk.auth.permissions import Action, allowed
    from reviewdesk.cases import assessing, findings, review
    from reviewdesk.cases.access import case_id_for_number
    from reviewdesk.cases.opinions import sees_everyone
    from reviewdesk.cases.queries import case_detail

    with vault.reading() as session:
        case_id = case_id_for_number(session, actor, case_no)
        blind = not sees_everyone(session, actor, case_id)
    detail = _plain(case_detail(vault, actor, case_id))
    detail.pop("extra", None)
    if blind:  # whether the physicians disagree says something about their opinions
        detail["disagreement"] = None
    view: dict[str, Any] = {**detail}
    view["assignments"] = _plain(review.list_assignments(vault, actor, case_id))
    view["opinions"] = _plain(review.list_opinions(vault, actor, case_id))
    view["findings"] = _plain(findings.list_findings(vault, actor, case_id))
    view["assessments"] = (
        [{k: v for k, v in _plain(a).items() if k not in ("inputs_json", "result_json")}
         for a in assessing.list_assessments(vault, actor, case_id)]
        if allowed(actor, Action.READ_ALL_CASES) else [])
    return view


def _show(args: argparse.Namespace) -> int:
    with open_vault(args.vault) as vault:
        view = case_view(vault, login(vault, args.user), args.case_no)
    if args.format == "json":
        print_json(view)
        return 0
    sections = ("assignments", "opinions", "findings", "assessments")
    for key, value in view.items():
        if key not in sections and value not in (None, "", [], ()):
            print(f"{key}: {value}")
    for key in sections:
        print(f"\n[{key}] {len(view[key])}")
        for entry in view[key]:
            print("  - " + ", ".join(f"{k}={v}" for k, v in entry.items()
                                     if v not in (None, "") and k not in ("votes",)))
    return 0
