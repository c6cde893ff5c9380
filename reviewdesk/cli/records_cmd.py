"""`reviewdesk signer import` and `reviewdesk archive export|list`: the vault's signed records."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewdesk.cases.outcomes import FindingOutcome
from reviewdesk.cli.common import (
    add_user_argument,
    add_vault_argument,
    login,
    open_vault,
    print_json,
    print_table,
    read_secret,
)
from reviewdesk.errors import InputError


def register(subparsers: Any) -> None:
    signer = subparsers.add_parser("signer", help="the certificate that signs letters")
    signer_sub = signer.add_subparsers(metavar="ACTION", required=True)
    imp = signer_sub.add_parser("import", help="store a PKCS#12 signing certificate in the vault")
    imp.add_argument("file", metavar="FILE.p12", type=Path)
    add_vault_argument(imp)
    add_user_argument(imp)
    imp.add_argument("--password-env", default="REVIEWDESK_SIGNER_PASSWORD",
                     help="environment variable holding the PKCS#12 password (asked for when unset)")
    imp.set_defaults(handler=_signer_import)

    archive = subparsers.add_parser("archive", help="closed cases kept for ten years")
    archive_sub = archive.add_subparsers(metavar="ACTION", required=True)
    export = archive_sub.add_parser("export", help="write a closed case's self-contained record")
    add_vault_argument(export)
    add_user_argument(export)
    export.add_argument("--case", required=True, metavar="CASE_NO")
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.set_defaults(handler=_archive_export)
    lst = archive_sub.add_parser("list", help="archived decisions, filtered")
    add_vault_argument(lst)
    add_user_argument(lst)
    lst.add_argument("--year", type=int, help="year of the decision")
    lst.add_argument("--member", type=int, help="member id")
    lst.add_argument("--procedure", help="procedure code")
    lst.add_argument("--outcome", choices=[o.value for o in FindingOutcome
                                           if o is not FindingOutcome.DEFERRED])
    lst.add_argument("--min-amount", type=int)
    lst.add_argument("--max-amount", type=int)
    lst.add_argument("--search", default="")
    lst.add_argument("--limit", type=int, default=100)
    lst.add_argument("--format", choices=["table", "json"], default="table")
    lst.set_defaults(handler=_archive_list)


def _signer_import(args: argparse.Namespace) -> int:
    from reviewdesk.letters.signer import import_signer

    try:
        p12 = args.file.read_bytes()
    except OSError as exc:
        raise InputError(f"{args.file}: cannot read it ({exc.strerror or exc})") from exc
    from reviewdesk.auth.permissions import Action, require

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        require(actor, Action.ADMINISTER_SIGNER)  # before asking for the password
        info, where = import_signer(vault, actor, p12, read_secret("PKCS#12 password", args.password_env))
    print(f"signer: {info.subject} (valid until {info.not_after:%Y-%m-%d}, SHA-256 "
          f"{info.fingerprint_sha256}); password kept in the "
          f"{'OS keyring' if where == 'keyring' else 'encrypted vault (no OS keyring here)'}")
    return 0


def _archive_export(args: argparse.Namespace) -> int:
    from reviewdesk.cases.access import case_id_for_number
    from reviewdesk.letters.exporting import export_case_archive

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        with vault.reading() as session:
            case_id = case_id_for_number(session, actor, args.case)
        folder = export_case_archive(vault, actor, case_id, args.out)
    print(f"exported {args.case} to {folder}")
    return 0


def _archive_list(args: argparse.Namespace) -> int:
    from reviewdesk.cases.archive import archive_filter, list_archive
    from reviewdesk.cases.record import plain

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        f = archive_filter(year=args.year, member_id=args.member, procedure=args.procedure,
                           outcome=args.outcome, min_amount=args.min_amount,
                           max_amount=args.max_amount, search=args.search)
        rows = list_archive(vault, actor, f, limit=args.limit)
    if args.format == "json":
        print_json(plain(rows))
    else:
        print_table(["number", "member", "procedure", "outcome", "claim date", "amount"],
                    [[r.number, r.member, r.procedure, r.outcome or "", r.claim_date,
                      f"{r.amount:,}" if r.amount is not None else ""] for r in rows])
    return 0
