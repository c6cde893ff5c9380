"""`reviewdesk screenshots`: renders the desktop screens offscreen to PNG files."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from reviewdesk.cli.common import PASSWORD_ENV, add_vault_argument, open_vault, read_secret

DEFAULT_USERS = ("secretariat1", "derm1")  # the demo's secretariat and dermatology reviewer


def register(subparsers: Any) -> None:
    shots = subparsers.add_parser(
        "screenshots", help="render the desktop screens to PNG files (offscreen)",
        description="Renders what the given users see to PNG files. The images show case data "
                    "as it is on screen and are not encrypted: use a demo vault.")
    add_vault_argument(shots)
    shots.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    shots.add_argument("--user", action="append",
                       help="render as this user (repeatable; default: "
                            f"{', '.join(DEFAULT_USERS)}); password from {PASSWORD_ENV}")
    shots.add_argument("--lang", choices=["ja", "en"], default="ja",
                       help="language of the screens (default ja)")
    shots.set_defaults(handler=_screenshots)


def _screenshots(args: argparse.Namespace) -> int:
    # Offscreen unless the caller chose a platform: screenshots need no display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reviewdesk.store.private_files import owner_only_umask, private_dir
    from reviewdesk.ui.screenshots import render_screenshots

    print("reviewdesk: the PNG files show case data unencrypted; use them with demo vaults only",
          file=sys.stderr)
    users = args.user or list(DEFAULT_USERS)
    password = read_secret("Password", PASSWORD_ENV)
    with open_vault(args.vault) as vault, owner_only_umask():  # PNGs and folder: owner-only
        saved = render_screenshots(vault, private_dir(args.out), users, password, args.lang,
                                   log=lambda m: print(m, file=sys.stderr))
    for path in saved:
        print(path)
    return 0
