"""The shape that makes the rules hold by construction, checked by reading the source.

Every write goes through `write(...)` (permission, audit, announcement); every read on behalf of
an actor goes through `read(...)` or `read_case(...)`; no widget announces changes by hand.
"""

from __future__ import annotations

import ast
from pathlib import Path

import reviewdesk

PACKAGE = Path(reviewdesk.__file__).parent
MECHANISM = {PACKAGE / "auth" / "unit_of_work.py"}


def _modules(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (PACKAGE / f).rglob("*.py"))


def _calls(tree: ast.AST, attribute: str) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr == attribute]


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', '?')}"


def test_only_the_unit_of_work_opens_a_write_transaction() -> None:
    offenders = [_where(p, c) for p in _modules("auth", "cases", "letters", "demo", "ui", "cli")
                 if p not in MECHANISM for c in _calls(ast.parse(p.read_text()), "begin_write")]
    assert offenders == []


def test_reads_on_behalf_of_an_actor_go_through_the_read_path() -> None:
    offenders = []
    for path in _modules("auth", "cases", "letters"):
        if path in MECHANISM:
            continue
        for fn in ast.walk(ast.parse(path.read_text())):
            if isinstance(fn, ast.FunctionDef) and "actor" in {a.arg for a in fn.args.args}:
                offenders += [f"{_where(path, c)} ({fn.name})" for c in _calls(fn, "reading")]
    assert offenders == []


def test_no_view_announces_changes_by_hand() -> None:
    offenders = []
    for path in _modules("ui"):
        if path.name == "context.py":  # the relay of what the vault publishes
            continue
        for call in _calls(ast.parse(path.read_text()), "emit"):
            target = call.func.value  # type: ignore[attr-defined]
            if isinstance(target, ast.Attribute) and target.attr == "changes_applied":
                offenders.append(_where(path, call))
    assert offenders == []


def test_widgets_reach_the_core_through_ctx_run() -> None:
    # The vault and the actor are handed to operations by ctx.run; a widget holding them
    # itself would be a second way in (the login and vault dialogs run before a context exists).
    allowed = {PACKAGE / "ui" / n for n in ("context.py", "tasks.py", "app.py", "lock.py",
                                           "screenshots.py", "main_window.py")}
    allowed |= {PACKAGE / "ui" / "dialogs" / n for n in ("login.py", "vault_chooser.py")}
    allowed |= {PACKAGE / "ui" / "case_list" / "model.py"}
    offenders = [_where(p, c) for p in _modules("ui") if p not in allowed
                 for c in _calls(ast.parse(p.read_text()), "submit")]
    assert offenders == []


def test_every_multi_line_field_lets_tab_move_on() -> None:
    # A keyboard-only user must never be trapped in a text box: each QPlainTextEdit/QTextEdit
    # a screen makes is followed by setTabChangesFocus(True) (read-only viewers included).
    offenders = []
    for path in _modules("ui"):
        tree = ast.parse(path.read_text())
        made = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
                and c.func.id in ("QPlainTextEdit", "QTextEdit", "QTextBrowser")]
        released = _calls(tree, "setTabChangesFocus")
        if len(released) < len(made):
            offenders.append(f"{path.name}: {len(made)} made, {len(released)} release Tab")
    assert offenders == []
