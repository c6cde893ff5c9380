"""`reviewdesk demo`: a new vault full of sample cases, then the desktop application."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="create a demo vault with sample data and open it")
    demo.add_argument("--vault", required=True, type=Path, help="where to create the demo vault")
    demo.add_argument("--cases", type=int, default=60, help="number of sample cases (default 60)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same vault)")
    demo.add_argument("--no-gui", action="store_true", help="create the vault only")
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from reviewdesk.auth.roles import role_label
    from reviewdesk.demo.generator import generate_demo
    from reviewdesk.errors import InputError
    from reviewdesk.store.vault import Vault

    if args.cases < 1:
        raise InputError("--cases: must be at least 1")
    started = time.monotonic()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if sys.stderr.isatty() and (now - last[0] > 0.5 or done == total):
            last[0] = now
            stream = getattr(sys.stderr, "unescaped", sys.stderr)  # its \r on purpose (cli.common)
            print(f"\r{stage}: {done:,}/{total:,}", end="", file=stream, flush=True)

    from reviewdesk.letters.anchors import install

    with install(Vault.create(args.vault)) as vault:  # a signed checkpoint when it closes
        try:
            summary = generate_demo(vault, args.cases, seed=args.seed, progress=progress)
        except BaseException:
            vault.anchors = None  # no checkpoint of a vault about to be removed
            vault.close()
            for p in (args.vault, Path(f"{args.vault}-wal"), Path(f"{args.vault}-shm")):
                p.unlink(missing_ok=True)
            raise
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"demo vault {args.vault}: {summary.cases:,} cases, {summary.members:,} members, "
          f"{summary.letters:,} signed letters (demo certificate) "
          f"({time.monotonic() - started:.1f} s)")
    print(f"users (password for every demo account, demo only: {summary.password}):")
    for user in summary.users:
        extra = f", {user.specialty}" if user.specialty else ""
        print(f"  {user.username:<13} {user.display_name}  {user.role}{extra} ({role_label(user.role)})")
    if args.no_gui:
        return 0
    from reviewdesk.ui.app import run_app

    return run_app(vault=str(args.vault), lang=None)
