"""`reviewdesk demo`: a new vault full of sample cases, then the desktop application."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from reviewdesk.store.location import is_server, vault_location


def register(subparsers: Any) -> None:
    demo = subparsers.add_parser("demo", help="create a demo vault with sample data and open it")
    demo.add_argument("--vault", required=True, type=vault_location,
                      help="where to create the demo vault: a new file, or postgresql://OWNER@host/database "
                           "of a new, empty database (the demo is made in a temporary encrypted file, "
                           "then moved there as by 'server import'; every member's login gets the "
                           "demo password)")
    demo.add_argument("--cases", type=int, default=60, help="number of sample cases (default 60)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (same seed, same vault)")
    demo.add_argument("--no-gui", action="store_true", help="create the vault only")
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    from reviewdesk.auth.roles import role_label
    from reviewdesk.errors import InputError
    from reviewdesk.store.location import redact

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

    if is_server(args.vault):
        summary, where = _demo_on_server(args, progress), redact(args.vault)
    else:
        summary, where = _demo_file(args.vault, args, progress), str(args.vault)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"demo vault {where}: {summary.cases:,} cases, {summary.members:,} members, "
          f"{summary.letters:,} signed letters (demo certificate) "
          f"({time.monotonic() - started:.1f} s)")
    if is_server(args.vault):
        from reviewdesk.store.location import without_user

        print(f"members connect to {without_user(str(args.vault))} with their own login")
    print(f"users (password for every demo account, demo only: {summary.password}):")
    for user in summary.users:
        extra = f", {user.specialty}" if user.specialty else ""
        print(f"  {user.username:<13} {user.display_name}  {user.role}{extra} ({role_label(user.role)})")
    if args.no_gui:
        return 0
    from reviewdesk.store.location import without_user
    from reviewdesk.ui.app import run_app

    # On a server the desktop opens as a seat: each member signs in with their own login.
    return run_app(vault=without_user(str(args.vault)), lang=None)


def _demo_file(path: Path, args: argparse.Namespace, progress: Any,
               env: dict[str, str] | None = None, anchors: bool = True) -> Any:
    from reviewdesk.demo.generator import generate_demo
    from reviewdesk.letters.anchors import install
    from reviewdesk.store.vault import Vault

    vault = Vault.create(path, env)
    with install(vault) if anchors else vault:  # a signed checkpoint when it closes
        try:
            return generate_demo(vault, args.cases, seed=args.seed, progress=progress)
        except BaseException:
            vault.anchors = None  # no checkpoint of a vault about to be removed
            vault.close()
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                p.unlink(missing_ok=True)
            raise


def _demo_on_server(args: argparse.Namespace, progress: Any) -> Any:
    """The demo made in a throwaway vault file (encrypted under a random passphrase, in a
    private temporary folder), moved onto the empty database as `server import` moves one;
    then each member's login takes the demo password in place of its one-time password."""
    import secrets
    import tempfile

    from reviewdesk.auth.roles import SYSTEM
    from reviewdesk.auth.users import set_password
    from reviewdesk.letters.server_import import empty_target, import_vault
    from reviewdesk.store.vault import Vault

    empty_target(args.vault)
    env = {**os.environ, "REVIEWDESK_PASSPHRASE": secrets.token_urlsafe(32)}
    with tempfile.TemporaryDirectory(prefix="reviewdesk-demo-") as folder:
        source = Path(folder) / "demo.rdvault"
        summary = _demo_file(source, args, progress, env, anchors=False)
        import_vault(source, args.vault, env=env)
    with Vault.open(args.vault) as server:
        for user in summary.users:
            set_password(server, SYSTEM, user.username, summary.password)
    return summary
