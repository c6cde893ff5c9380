"""`reviewdesk letter …`: verify a signed PDF; issue, list and export the letters of a vault."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewdesk.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "letter", aliases=["letters"], help="signed letters: verify a PDF",
        description="Commands on signed letters."
    )
    actions = parser.add_subparsers(title="letter commands", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="check a signed letter: exit 0 valid, 1 invalid or untrusted, 2 unreadable",
        description=(
            "Check that FILE.pdf carries a valid signature covering the whole file by a signer "
            "whose certificate chains to a trusted root (--trust)."
        ),
    )
    verify.add_argument("file", metavar="FILE.pdf", type=Path)
    verify.add_argument(
        "--trust",
        metavar="CA.pem",
        type=Path,
        action="append",
        default=[],
        help="a trusted root certificate (PEM or DER); repeat for several",
    )
    verify.add_argument("--vault", type=Path,
                        help="also trust the signer certificates registered in this vault")
    verify.add_argument("--at", metavar="YYYY-MM-DD[THH:MM]", type=_moment,
                        help="judge the letter as of this time (default: now)")
    verify.set_defaults(handler=_verify)

    maintain = actions.add_parser(
        "maintain", help="keep signed letters verifiable: validation data, archive timestamps",
        description="Adds validation data and document timestamps (PAdES B-LTA) to every signed "
                    "letter that needs them, and renews archive timestamps whose TSA certificate "
                    "expires within a year, using the board's time-stamping authority.")
    maintain.add_argument("--vault", required=True, type=Path)
    maintain.add_argument("--user", required=True, help="act as this user of the vault")
    maintain.set_defaults(handler=_maintain)

    export = actions.add_parser("export", help="write stored letters exactly as signed")
    export.add_argument("--vault", required=True, type=Path)
    export.add_argument("--user", required=True, help="act as this user of the vault")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--case", metavar="CASE_NO", help="the letters of one case")
    which.add_argument("--all", action="store_true", help="every letter the user may see")
    export.add_argument("--out", required=True, type=Path, metavar="DIR")
    export.set_defaults(handler=_export)

    issue = actions.add_parser("issue", help="render, sign and store a letter of a case")
    issue.add_argument("--vault", required=True, type=Path)
    issue.add_argument("--user", required=True, help="act as this user of the vault")
    issue.add_argument("--case", required=True, metavar="CASE_NO")
    issue.add_argument("--kind", required=True,
                       choices=["intake_acknowledgement", "not_covered", "finding", "assessment",
                                "case_record"])
    issue.add_argument("--replaces", metavar="LETTER_NO",
                       help="the letter this one corrects (the old one stays as it was)")
    issue.add_argument("--reason", default="", help="why the correction is issued")
    issue.set_defaults(handler=_issue)

    lst = actions.add_parser("list", help="the letters of a case")
    lst.add_argument("--vault", required=True, type=Path)
    lst.add_argument("--user", required=True, help="act as this user of the vault")
    lst.add_argument("--case", required=True, metavar="CASE_NO")
    lst.set_defaults(handler=_list)


def _moment(text: str) -> Any:
    import datetime as dt

    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date and time: {text!r}") from exc
    return when if when.tzinfo else when.astimezone()


def _maintain(args: argparse.Namespace) -> int:
    from reviewdesk.cli.common import login, open_vault
    from reviewdesk.letters.maintenance import maintain_letters

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        report = maintain_letters(vault, actor)
    for line in report.lines:
        print(line.text())
    print(f"{report.renewed} letter(s) renewed, {report.failed} could not be renewed, "
          f"{len(report.lines) - report.renewed - report.failed} needed nothing")
    return 1 if report.failed else 0


def read_input(path: Path, what: str) -> bytes:
    """The bytes of a file named on the command line, or a one-line InputError."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from exc


def _verify(args: argparse.Namespace) -> int:
    # pyHanko and cryptography load here, not when the parser is built.
    from reviewdesk.letters.pki import load_certificates
    from reviewdesk.letters.verify import verify_pdf

    roots = [read_input(path, "trusted certificate") for path in args.trust]
    if args.vault:
        from reviewdesk.cli.common import open_vault
        from reviewdesk.letters.signer import trusted_roots

        with open_vault(args.vault) as vault:
            vault_roots = trusted_roots(vault)
    else:
        vault_roots = []
    for path, blob in zip(args.trust, roots, strict=True):
        try:
            load_certificates(blob)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc
    data = read_input(args.file, "letter")
    try:
        result = verify_pdf(data, roots + vault_roots, at=args.at)
    except InputError as exc:
        raise InputError(f"{args.file}: {exc}") from exc
    if not result.ok:
        hint = (" (no --trust root was given)"
                if result.code == "untrusted" and not roots and not vault_roots else "")
        print(f"INVALID: {args.file}: {result.reason}{hint}")
        return 1
    when = result.signing_time.astimezone() if result.signing_time else None
    stamp = when.isoformat(timespec="seconds") if when else "an unstated time"
    judged = result.judged_at.astimezone().isoformat(timespec="seconds") if result.judged_at else "?"
    print(f"VALID: {args.file}: signed by {result.signer} at {stamp}; document intact "
          f"(nothing but validation data follows the signature); signer trusted at {judged}; "
          f"PAdES {result.level}")
    return 0


def _case_id(vault: Any, actor: Any, case_no: str) -> int:
    from reviewdesk.cases.access import case_id_for_number

    with vault.reading() as session:
        return case_id_for_number(session, actor, case_no)


def _export(args: argparse.Namespace) -> int:
    from reviewdesk.cli.common import login, open_vault
    from reviewdesk.letters.exporting import export_letters

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        case_id = _case_id(vault, actor, args.case) if args.case else None
        written = export_letters(vault, actor, args.out, case_id)
    for path in written:
        print(path)
    print(f"{len(written)} letter(s) written as signed to {args.out}")
    return 0


def _issue(args: argparse.Namespace) -> int:
    from reviewdesk.cli.common import login, open_vault
    from reviewdesk.letters.issuing import case_letters, issue_case_letter

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        case_id = _case_id(vault, actor, args.case)
        letter_id = issue_case_letter(vault, actor, case_id, args.kind, replaces_no=args.replaces,
                                      correction_reason=args.reason)
        row = next(r for r in case_letters(vault, actor, case_id) if r.id == letter_id)
    print(f"issued {row.letter_no} ({row.title}) for {args.case}, signed, SHA-256 {row.sha256}")
    return 0


def _list(args: argparse.Namespace) -> int:
    from reviewdesk.cli.common import login, open_vault, print_table
    from reviewdesk.letters.issuing import case_letters

    with open_vault(args.vault) as vault:
        actor = login(vault, args.user)
        rows = case_letters(vault, actor, _case_id(vault, actor, args.case))
    print_table(["number", "title", "issued", "signed", "replaces", "sha256"],
                [[r.letter_no, r.title, r.issued_on, "yes" if r.signed else "no", r.replaces or "",
                  r.sha256[:16]] for r in rows])
    return 0
