"""`reviewdesk assess SCENARIO.json`: print an assessment as JSON or as a Japanese breakdown."""

from __future__ import annotations

import argparse
import sys
from typing import Any

# Only argparse at import time: every `reviewdesk` command imports this module to register it.


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assess",
        help="assess one scenario (ASSESSMENT.md) and print the result",
        description=(
            "Compute the damages, the insured's liability, the coverage check and the payout "
            "of one scenario. Exit 0 on success, 2 on bad input."
        ),
    )
    parser.add_argument(
        "scenario", metavar="SCENARIO.json", help="scenario file, or - for standard input"
    )
    parser.add_argument(
        "--format",
        choices=["json", "text"],
        default="json",
        help="json (default) or text (a Japanese breakdown)",
    )
    parser.add_argument(
        "--edition", metavar="NAME", help="rule edition to use (default: the one in force today)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import json

    from reviewdesk.cases.assessment import (
        assess,
        current_edition,
        load_edition,
        parse_scenario_text,
        render_text,
    )

    source = "standard input" if args.scenario == "-" else args.scenario
    scenario = parse_scenario_text(_read(args.scenario), source)
    edition = load_edition(args.edition) if args.edition else current_edition()
    result = assess(scenario, edition)
    if args.format == "text":
        sys.stdout.write(render_text(result))
    else:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    return 0


def _read(path: str) -> str:
    from pathlib import Path

    from reviewdesk.errors import InputError

    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    try:
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        name = "standard input" if path == "-" else path
        raise InputError(f"{name}: not valid JSON (not UTF-8 text)") from None
