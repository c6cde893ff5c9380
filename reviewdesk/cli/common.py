"""What the subcommands share: opening the vault, logging in as --user, printing tables."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from reviewdesk.errors import InputError
from reviewdesk.store.location import vault_location
from reviewdesk.text_fields import printable

PASSWORD_ENV = "REVIEWDESK_PASSWORD"


class EscapingStream:
    """A text stream that writes every control character (ESC, CSI, BEL, a bidi override) as
    its escape, so what the vault holds reaches a terminal as text, never as a command to it.
    `unescaped` is the stream itself, for what the command writes on purpose (a progress line)."""

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        self.unescaped.write(printable(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unescaped, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """Everything a command prints, to stdout and stderr, goes through an EscapingStream."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def add_vault_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vault", required=True, type=vault_location,
                        help="path of the vault file, or postgresql://[host]/database of a server")


def add_user_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user", required=True,
        help="act as this user of the vault (password asked for, or taken from "
             f"{PASSWORD_ENV})",
    )


def open_vault(path: Path | str, *, anchors: bool = True) -> Any:
    """The vault at path (or on the server at that URL: connected at `login`); with anchors, a
    file writes a signed checkpoint of its audit trail at close and a signed manifest with each
    backup (letters/anchors.py)."""
    from reviewdesk.store.vault import Vault

    vault = Vault.open(path)
    if anchors and not vault.is_server:
        from reviewdesk.letters.anchors import install

        install(vault)
    return vault


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

    # Escaped before measuring (a line break or ESC in a cell must not break the table either).
    cells = [[str(c) for c in headers]] + [["" if c is None else printable(c, multiline=False) for c in r]
                                           for r in rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(headers))]
    for row in cells:
        print("  ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip())
