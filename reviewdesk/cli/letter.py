"""`reviewdesk letter …`: commands on signed letters; `letter verify` checks one PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewdesk.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "letter", help="signed letters: verify a PDF", description="Commands on signed letters."
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
    verify.set_defaults(handler=_verify)


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
    for path, blob in zip(args.trust, roots, strict=True):
        try:
            load_certificates(blob)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc
    data = read_input(args.file, "letter")
    try:
        result = verify_pdf(data, roots)
    except InputError as exc:
        raise InputError(f"{args.file}: {exc}") from exc
    if not result.ok:
        hint = " (no --trust root was given)" if result.code == "untrusted" and not roots else ""
        print(f"INVALID: {args.file}: {result.reason}{hint}")
        return 1
    when = result.signing_time.astimezone() if result.signing_time else None
    stamp = when.isoformat(timespec="seconds") if when else "an unstated time"
    print(f"VALID: {args.file}: signed by {result.signer} at {stamp}; document intact "
          f"(the signature covers the whole file); signer trusted")
    return 0
