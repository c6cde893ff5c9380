"""The `reviewdesk` command: one subcommand per module, each imported lazily when it runs."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reviewdesk.errors import ReviewDeskError
from reviewdesk.text_fields import printable

# Modules under reviewdesk.cli, each with `register(subparsers)`; heavy imports stay inside
# the handlers so `reviewdesk assess` does not pay for Qt or reportlab.
COMMAND_MODULES: tuple[str, ...] = (
    "reviewdesk.cli.assess",
    "reviewdesk.cli.vault_cmds",
    "reviewdesk.cli.users_cmd",
    "reviewdesk.cli.demo_cmd",
    "reviewdesk.cli.records_cmd",
    "reviewdesk.cli.letter",
    "reviewdesk.cli.cases_cmd",
    "reviewdesk.cli.documents_cmd",
    "reviewdesk.cli.gui_cmds",
    "reviewdesk.cli.server_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewdesk",
        description="ReviewDesk: the review board's cases, opinions, findings and letters.",
    )
    parser.add_argument("--vault", help="the vault to open in the desktop application")
    parser.add_argument("--lang", choices=["ja", "en"], help="language of the user interface")
    parser.add_argument("--version", action=_PrintVersion, help="print the version and exit")
    parser.set_defaults(handler=_run_gui)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


class _PrintVersion(argparse.Action):
    """--version: the installed metadata is read only when asked (argparse's wants it up front)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from reviewdesk import __version__

        print(f"reviewdesk {__version__}")
        parser.exit()


def _run_gui(args: argparse.Namespace) -> int:
    from reviewdesk.ui.app import run_app

    return run_app(vault=args.vault, lang=args.lang)


def _desktop_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """`reviewdesk [--vault V] [--lang L]` starts the desktop application without registering
    every command first (a tenth of a second before the first window); anything else, or an
    error, goes through the full parser, which reports it."""
    quick = argparse.ArgumentParser(prog="reviewdesk", add_help=False, exit_on_error=False)
    quick.add_argument("--vault")
    quick.add_argument("--lang", choices=["ja", "en"])
    try:
        args, rest = quick.parse_known_args(sys.argv[1:] if argv is None else list(argv))
    except argparse.ArgumentError:
        return None
    if rest:
        return None
    args.handler = _run_gui
    return args


def main(argv: Sequence[str] | None = None) -> int:
    from reviewdesk.cli.common import escaped_output

    args = _desktop_only(argv) or build_parser().parse_args(argv)
    # What the vault holds is printed as text: a control character in it is shown escaped.
    with escaped_output():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.handler(args) or 0)
    except ReviewDeskError as exc:
        # One line, whatever the message quotes (a multi-line value from the vault included).
        print(f"reviewdesk: {printable(exc, multiline=False)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("reviewdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        message = _database_failure(exc)
        if message is None:
            raise
        print(f"reviewdesk: {message}", file=sys.stderr)
        return 2


def _database_failure(exc: Exception) -> str | None:
    """A damaged page surfaces only when it is read; say so plainly instead of a traceback."""
    sa_exc = sys.modules.get("sqlalchemy.exc")
    sqlcipher = sys.modules.get("sqlcipher3.dbapi2")
    if sa_exc and isinstance(exc, sa_exc.OperationalError) and "locked" in str(exc):
        return "the vault is busy in another process; try again in a moment"
    if (sa_exc and isinstance(exc, sa_exc.DatabaseError)) or (
            sqlcipher and isinstance(exc, sqlcipher.DatabaseError)):
        detail = getattr(exc, "orig", exc)
        return (f"the vault is damaged or unreadable ({detail}); check it with "
                "'reviewdesk check' and restore it from a backup")
    return None
