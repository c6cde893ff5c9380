"""`reviewdesk users add|list|disable|enable`, acting as a user of the vault."""

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
    read_secret,
)


def register(subparsers: Any) -> None:
    users = subparsers.add_parser("users", help="the vault's user accounts")
    sub = users.add_subparsers(metavar="ACTION", required=True)

    add = sub.add_parser("add", help="add a user")
    add_vault_argument(add)
    add_user_argument(add)
    add.add_argument("username")
    add.add_argument("--name", required=True, help="full name, e.g. 山田 太郎")
    add.add_argument("--role", required=True,
                     help="secretariat, physician_reviewer, lawyer_reviewer, board_chair, "
                          "assessment_committee or auditor")
    add.add_argument("--specialty", help="dermatology, plastic_surgery or anesthesiology")
    add.add_argument("--member", action="append", default=[], metavar="MEMBER_NO",
                     help="a member the user works for (conflict-of-interest checks); repeatable")
    add.add_argument("--password-env", default="REVIEWDESK_NEW_PASSWORD",
                     help="environment variable holding the new user's password "
                          "(asked for when unset)")
    add.set_defaults(handler=_add)

    lst = sub.add_parser("list", help="list users")
    add_vault_argument(lst)
    add_user_argument(lst)
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(handler=_list)

    setpw = sub.add_parser("set-password", help="set a user's password (on a server, their "
                                                "database login's too)")
    add_vault_argument(setpw)
    add_user_argument(setpw)
    setpw.add_argument("username")
    setpw.add_argument("--password-env", default="REVIEWDESK_NEW_PASSWORD",
                       help="environment variable holding the new password (else asked for)")
    setpw.set_defaults(handler=_set_password)

    for name, disabled in (("disable", True), ("enable", False)):
        cmd = sub.add_parser(name, help=f"{name} a user's account")
        add_vault_argument(cmd)
        add_user_argument(cmd)
        cmd.add_argument("username")
        cmd.set_defaults(handler=_set_disabled, disabled=disabled)


def _add(args: argparse.Namespace) -> int:
    from reviewdesk.auth.permissions import Action, require
    from reviewdesk.auth.users import create_user
    from reviewdesk.cases.members import list_members
    from reviewdesk.errors import InputError

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        require(actor, Action.ADMINISTER_USERS)  # before asking for anything more
        by_number = {m.member_no: m.id for m in list_members(vault, actor)} if args.member else {}
        unknown = [no for no in args.member if no not in by_number]
        if unknown:
            raise InputError(f"--member: no member {unknown[0]}")
        password = read_secret(f"Password for {args.username}", args.password_env)
        create_user(vault, actor, args.username, args.name, args.role, password, args.specialty,
                    affiliations=tuple((by_number[no], None) for no in args.member))
    print(f"added {args.username} ({args.role})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from reviewdesk.auth.users import list_users

    with open_vault(args.vault) as vault:
        rows = list_users(vault, login(vault, args.user))
    if args.format == "json":
        print_json([{"name": r.username, "display_name": r.display_name, "role": r.role.value,
                     "specialty": r.specialty.value if r.specialty else None,
                     "disabled": r.disabled} for r in rows])
    else:
        print_table(["name", "display name", "role", "specialty", "status"],
                    [[r.username, r.display_name, r.role.value,
                      r.specialty.value if r.specialty else "",
                      "disabled" if r.disabled else "active"] for r in rows])
    return 0


def _set_disabled(args: argparse.Namespace) -> int:
    from reviewdesk.auth.users import set_disabled

    with open_vault(args.vault) as vault:
        set_disabled(vault, login(vault, args.user), args.username, args.disabled)
    print(f"{args.username}: {'disabled' if args.disabled else 'enabled'}")
    return 0


def _set_password(args: argparse.Namespace) -> int:
    from reviewdesk.auth.permissions import Action, require
    from reviewdesk.auth.users import set_password

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        require(actor, Action.ADMINISTER_USERS)  # before asking for anything more
        set_password(vault, actor, args.username,
                     read_secret(f"New password for {args.username}", args.password_env))
    print(f"{args.username}: password set")
    return 0
