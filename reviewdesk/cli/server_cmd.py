"""`reviewdesk server …`: setting up a ReviewDesk database on a PostgreSQL server."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

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

    imp = sub.add_parser(
        "import", help="move a vault file onto a new, empty server database (run as its owner)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=IMPORT_DESCRIPTION)
    imp.add_argument("--vault", required=True, type=Path,
                     help="the vault file to move (its key: the OS keyring or REVIEWDESK_PASSPHRASE)")
    imp.add_argument("--db", required=True,
                     help="postgresql://OWNER@host/database: a new, empty database, as its owner")
    imp.set_defaults(handler=_import)


IMPORT_DESCRIPTION = """\
Copies everything in the vault file, the audit trail included and every id kept, onto a new,
empty database (create it with createdb; import sets it up as 'server init' would, so do not
run 'server init' on it first), then verifies the copy by row counts and a full check. A
database that holds any rows is refused, and so is a vault file open in another process. The
file is not changed (but for an older schema, upgraded as on any opening); once moved, keep
it only as an archive.

Each member gets their own database login. A password hash cannot become a database password,
so every login gets a new one-time password, printed here once: the secretariat hands each
member their own (it is also their password in the application). Disabled members get a login
that cannot log in; when enabling one, set a password with 'reviewdesk users set-password'.
"""


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


def _import(args: argparse.Namespace) -> int:
    import sys
    import time

    from reviewdesk.letters.server_import import import_vault
    from reviewdesk.store.location import redact

    started = time.monotonic()
    stream = getattr(sys.stderr, "unescaped", sys.stderr)  # its \r on purpose (cli.common)
    tty = stream.isatty()

    def progress(stage: str, done: int, total: int | None) -> None:
        if total is None:
            print(f"{stage}…", file=stream, flush=True)
        elif done == total:
            print(f"\r{stage}: {done:,} rows" + " " * 20 if tty else f"{stage}: {done:,} rows",
                  file=stream, flush=True)
        elif tty:
            print(f"\r{stage}: {done:,}/{total:,}", end="", file=stream, flush=True)
        elif done % 100_000 == 0:
            print(f"{stage}: {done:,}/{total:,}", file=stream, flush=True)

    report = import_vault(args.vault, args.db, progress=progress)
    assert report.check is not None
    rows = sum(report.counts.values())
    print(f"imported {args.vault} into {redact(args.db)}: {rows:,} rows in {len(report.counts)} "
          f"tables, vault id {report.vault_id} ({time.monotonic() - started:.1f} s)")
    for line in report.check.lines("en"):
        print(f"check: {line}")
    print_logins(report.logins)
    return 0


def print_logins(logins: list[Any]) -> None:
    """The one-time passwords, printed once, for the secretariat to hand over."""
    from reviewdesk.cli.common import print_table

    print("database logins, each with a one-time password (shown only now; hand each member "
          "their own; it is their password in the application too):")
    print_table(["user", "name", "role", "one-time password"],
                [[x.username, x.display_name, x.role,
                  x.password or "(disabled: the login cannot log in)"] for x in logins])
    existed = [x.username for x in logins if x.existed]
    if existed:
        print(f"these logins already existed on the server (another database of it, or an earlier "
              f"attempt) and now have the password above: {', '.join(existed)}")
