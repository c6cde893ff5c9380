"""`reviewdesk cases list|show|history`: the cases the --user may see, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from typing import Any

from reviewdesk.cli.common import (
    add_user_argument,
    add_vault_argument,
    login,
    open_vault,
    print_json,
    print_table,
)

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
    lst.add_argument("--real-names", action="store_true",
                     help="the patients' real names instead of the case aliases (secretariat; "
                          "recorded in the audit trail)")
    lst.set_defaults(handler=_list)

    show = sub.add_parser("show", help="one case with what the user may see of its review")
    show.add_argument("case_no", metavar="CASE_NO")
    add_vault_argument(show)
    add_user_argument(show)
    show.add_argument("--format", choices=["json", "text"], default="text")
    show.set_defaults(handler=_show)

    history = sub.add_parser("history", help="one case's history, as far as the user may see it")
    history.add_argument("case_no", metavar="CASE_NO")
    add_vault_argument(history)
    add_user_argument(history)
    history.add_argument("--format", choices=["json", "text"], default="text")
    history.set_defaults(handler=_history)


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
        names: dict[int, str] = {}
        if args.real_names:
            from reviewdesk.cases.identities import patient_names

            names = patient_names(vault, actor, [r.id for r in rows])
    from reviewdesk.cases.record import plain

    records = [{c: plain(getattr(r, c)) for c in LIST_COLUMNS} for r in rows]
    for row, record in zip(rows, records, strict=True):
        record["patient"] = names.get(row.id, record["patient"])
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


def case_view(vault: Any, actor: Any, case_no: str) -> dict[str, Any]:
    """The case as the actor may see it: blind review and role limits applied by the services."""
    from reviewdesk.cases.access import case_id_for_number
    from reviewdesk.cases.record import case_record

    with vault.reading() as session:
        case_id = case_id_for_number(session, actor, case_no)
    return case_record(vault, actor, case_id)


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


def history_records(vault: Any, actor: Any, case_no: str) -> list[dict[str, Any]]:
    """The case's history as the actor may see it (the case view's read model), JSON-ready:
    `at` in ISO 8601 with its UTC offset, `user` the login name, `name` the user's display name,
    `action` the event's code."""
    from datetime import UTC

    from reviewdesk.cases.access import case_id_for_number
    from reviewdesk.cases.history import action_label, case_history
    from reviewdesk.cases.record import plain

    with vault.reading() as session:
        case_id = case_id_for_number(session, actor, case_no)
    return [{"at": row.at.replace(tzinfo=UTC).isoformat(), "user": row.username, "name": row.name,
             "action": row.action, "label": action_label(row.action, "en"), "entity": row.entity,
             "entity_id": row.entity_id, "detail": plain(row.detail)}
            for row in case_history(vault, actor, case_id)]


def _history(args: argparse.Namespace) -> int:
    with open_vault(args.vault) as vault:
        records = history_records(vault, login(vault, args.user), args.case_no)
    if args.format == "json":
        print_json(records)
        return 0
    for rec in records:
        detail = ", ".join(f"{k}={v}" for k, v in rec["detail"].items())
        print(f"{rec['at']}  {rec['user']}  {rec['action']}  ({rec['label']})"
              + (f"  {detail}" if detail else ""))
    return 0
