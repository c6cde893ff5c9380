"""`reviewdesk server …`: setting up a ReviewDesk database on a PostgreSQL server."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewdesk.cli.common import read_secret


def register(subparsers: argparse._SubParsersAction) -> None:
    server = subparsers.add_parser("server", help="server mode on PostgreSQL (README, 'Server mode')")
    sub = server.add_subparsers(title="server commands", metavar="SUBCOMMAND", required=True)

    init = sub.add_parser("init", help="create or upgrade the schema, the roles and the first "
                                       "administrator (run as the database's owner)")
    init.add_argument("--db", required=True,
                      help="postgresql://OWNER@host/database (the owner's login, not a seat's)")
    init.add_argument("--admin-name", required=True, help="user name of the first administrator")
    init.add_argument("--admin-display-name", default="事務局 管理者")
    init.add_argument("--admin-password-file", type=Path,
                      help="file holding the administrator's password (else asked for, or "
                           "taken from REVIEWDESK_PASSWORD)")
    init.set_defaults(handler=_init)


def _init(args: argparse.Namespace) -> int:
    from reviewdesk.auth.server_admin import init_server, needs_admin
    from reviewdesk.errors import InputError
    from reviewdesk.store.location import redact

    password = None
    if needs_admin(args.db):
        if args.admin_password_file:
            try:
                password = args.admin_password_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise InputError(f"{args.admin_password_file}: cannot read ({exc.strerror})",
                                 ja="パスワードのファイルを読めません") from None
        else:
            password = read_secret(f"Password for {args.admin_name}", "REVIEWDESK_PASSWORD")
    report = init_server(args.db, args.admin_name, password, args.admin_display_name)
    where = redact(args.db)
    if report.migrated_from is None:
        print(f"{where}: created the ReviewDesk schema ({report.revision})")
    elif report.migrated_from != report.revision:
        print(f"{where}: upgraded the schema from {report.migrated_from} to {report.revision}")
    else:
        print(f"{where}: the schema is up to date ({report.revision}); roles and rules checked")
    if report.admin_created:
        print(f"created the administrator {args.admin_name} with their own database login")
    return 0
