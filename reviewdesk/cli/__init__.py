"""The `reviewdesk` command: one subcommand per module, each imported lazily when it runs."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reviewdesk.errors import ReviewDeskError

# Modules under reviewdesk.cli, each with `register(subparsers)`; heavy imports stay inside
# the handlers so `reviewdesk assess` does not pay for Qt or reportlab.
COMMAND_MODULES: tuple[str, ...] = (
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewdesk",
        description="ReviewDesk: the review board's cases, opinions, findings and letters.",
    )
    parser.add_argument("--vault", help="the vault to open in the desktop application")
    parser.add_argument("--lang", choices=["ja", "en"], help="language of the user interface")
    parser.set_defaults(handler=_run_gui)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from reviewdesk.ui.app import run_app

    return run_app(vault=args.vault, lang=args.lang)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except ReviewDeskError as exc:
        print(f"reviewdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reviewdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
