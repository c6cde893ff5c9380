"""Nothing the vault holds reaches a terminal as a control sequence: the CLI prints it escaped.

The services refuse control characters now (reviewdesk/text_fields.py), but a vault written
before, restored from elsewhere or tampered with may hold them; the commands must not pass an
ESC, a CSI or a bidi override through to the terminal, nor break their one-line messages.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from reviewdesk.cli import main
from tests.cases import flow

HOSTILE_NAME = "皮膚科\x1b]0;owned\x07 一郎\u202e"
HOSTILE_SUMMARY = "概要\x1b[2J\x1b[31m赤字\x9b1m\n二行目\rかくれ"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


@pytest.fixture
def hostile(world, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A vault whose stored text holds control characters, closed for the commands to open."""
    case_id = flow.intake(world)
    with world.vault.begin_write() as session:
        session.execute(sa.text("UPDATE users SET display_name = :n WHERE username = 'derm'"),
                        {"n": HOSTILE_NAME})
        session.execute(sa.text("UPDATE cases SET summary = :s WHERE id = :id"),
                        {"s": HOSTILE_SUMMARY, "id": case_id})
        session.execute(sa.text("UPDATE members SET name = :n"), {"n": "青葉会\x1b[8m"})
        number = session.scalar(sa.text("SELECT case_no FROM cases WHERE id = :id"), {"id": case_id})
    world.vault.close()
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", "test-password")
    return str(world.vault.path), number


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    captured = capsys.readouterr()
    for raw in RAW:
        assert raw not in captured.out and raw not in captured.err, (args, raw)
    return captured.out


def test_tables_and_text_show_control_characters_escaped(hostile, capsys) -> None:  # type: ignore[no-untyped-def]
    vault, number = hostile
    common = ("--vault", vault, "--user", "secretary")
    users = _run(capsys, "users", "list", *common)
    assert "皮膚科\\u001b]0;owned\\u0007 一郎\\u202e" in users
    cases = _run(capsys, "cases", "list", *common)
    assert "青葉会\\u001b[8m" in cases
    shown = _run(capsys, "cases", "show", number, *common)
    assert "概要\\u001b[2J\\u001b[31m赤字\\u009b1m\n二行目\\u000dかくれ" in shown  # the line feed kept
    _run(capsys, "cases", "history", number, *common)
    _run(capsys, "cases", "list", *common, "--format", "csv")


def test_json_stays_json_and_keeps_the_stored_text(hostile, capsys) -> None:  # type: ignore[no-untyped-def]
    vault, number = hostile
    common = ("--vault", vault, "--user", "secretary", "--format", "json")
    users = json.loads(_run(capsys, "users", "list", *common))
    assert HOSTILE_NAME in {u["display_name"] for u in users}
    shown = json.loads(_run(capsys, "cases", "show", number, *common))
    assert shown["summary"] == HOSTILE_SUMMARY
    assert {c["member"] for c in json.loads(_run(capsys, "cases", "list", *common))} == {"青葉会\x1b[8m"}


def test_an_error_quoting_stored_text_stays_one_escaped_line(hostile, capsys) -> None:  # type: ignore[no-untyped-def]
    vault, _number = hostile
    assert main(["cases", "show", "2026-\x1b[2J\n99999", "--vault", vault, "--user", "secretary"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\x1b" not in err
