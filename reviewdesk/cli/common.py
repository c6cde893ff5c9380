"""What the subcommands share: opening the vault, logging in as --user, printing tables."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from reviewdesk.errors import InputError

PASSWORD_ENV = "REVIEWDESK_PASSWORD"


def add_vault_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vault", required=True, type=Path, help="path of the vault file")


def add_user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", required=True,
        help="act as this user of the vault (password asked for, or taken from "
             f"{PASSWORD_ENV})",
    )


def open_vault(path: Path) -> Any:
    from reviewdesk.store.vault import Vault

    return Vault.open(path)


def read_secret(prompt: str, env_name: str | None = None) -> str:
    """A password from the environment (scripts) or typed at the terminal."""
    if env_name and os.environ.get(env_name):
        return os.environ[env_name]
    if not sys.stdin.isatty():
        raise InputError(f"no terminal to ask for the {prompt.lower()}"
                         + (f"; set {env_name}" if env_name else ""))
    return getpass.getpass(f"{prompt}: ")


def login(vault: Any, username: str) -> Any:
    from reviewdesk.auth.users import authenticate

    return authenticate(vault, username, read_secret("Password", PASSWORD_ENV))


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def print_table(headers: list[str], rows: list[list[Any]]) -> None:
    """A plain aligned table; width counts East Asian wide characters as two columns."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip())
