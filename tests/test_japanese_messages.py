"""Issue 12: every message a user can see is Japanese on the Japanese screen.

Two checks. Statically, every `raise` of a ReviewDeskError in the Qt-free core gives its
Japanese wording (`ja=`), or is in a short allow-list saying why not. Dynamically, refusals and
rule violations are provoked through the services on the staged vault of the permission-matrix
tests (every refused operation and role, outsiders, and a list of known bad inputs), rendered
through the UI's error path (`user_message(exc, "ja")`) and required to be Japanese, with no
English sentence in them. Stored conflict reasons are codes and data, rendered per language.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import reviewdesk
from reviewdesk.auth import users
from reviewdesk.auth.permissions import MATRIX
from reviewdesk.auth.roles import Role
from reviewdesk.cases import archive, meetings, review
from reviewdesk.cases.assessment import parse_scenario
from reviewdesk.cases.assessment.parse import load_json
from reviewdesk.cases.assessment.rules import load_edition
from reviewdesk.cases.outcomes import parse_ratio
from reviewdesk.cases.review_terms import (
    ConflictCode,
    ConflictReason,
    conflict_texts,
    encode_reasons,
    reason_text,
)
from reviewdesk.errors import ReviewDeskError
from reviewdesk.letters import issuing
from reviewdesk.store.vault import Vault
from reviewdesk.ui.messages import user_message
from tests.cases.staging import ACTING, OUTSIDERS, PASSPHRASE, Stage, build_stage
from tests.cases.test_permission_matrix import OPERATIONS, Operation
from tests.support.builders import PASSWORD

CORE = ("auth", "cases", "letters", "store")
ROOT = Path(reviewdesk.__file__).parent

# Raises that need no Japanese of their own, and why.
ALLOWED_WITHOUT_JA = {
    # The desktop words a missing or wrong key itself (ui.messages.vault_failure_message).
    "KeyUnavailable", "WrongKeyError",
}

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")
# Three or more ASCII words in a row is an English sentence (names, numbers, file names and
# single codes such as lawyer1 or A4 are not).
ENGLISH = re.compile(r"[A-Za-z]{2,}[,;:)]?(?:\s+[(']?[A-Za-z]{2,}[,;:)']?){2,}")


def assert_japanese(text: str, where: str) -> None:
    assert JAPANESE.search(text), f"{where}: no Japanese in {text!r}"
    english = ENGLISH.search(text)
    assert english is None, f"{where}: English {english.group(0)!r} in {text!r}"


@pytest.fixture(scope="module", autouse=True)
def japanese_ui() -> Iterator[None]:
    """The Japanese interface as the application sets it up: its translations installed."""
    from reviewdesk.ui.app import application, install_translations

    app = application()
    translators = install_translations(app, "ja")
    yield
    for translator in translators:
        app.removeTranslator(translator)


def japanese_message(exc: BaseException, where: str) -> str:
    text = user_message(exc, "ja")
    assert_japanese(text, where)
    return text


# Static: every raise in the core carries Japanese -------------------------------------------

def _error_names() -> set[str]:
    for package in CORE:
        module = importlib.import_module(f"reviewdesk.{package}")
        for info in pkgutil.walk_packages(module.__path__, module.__name__ + "."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)
    names, todo = set(), [ReviewDeskError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def test_every_core_raise_of_a_user_error_has_japanese() -> None:
    errors = _error_names() - ALLOWED_WITHOUT_JA
    missing = []
    for package in CORE:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                    continue
                func = node.exc.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in errors and not any(k.arg == "ja" for k in node.exc.keywords):
                    missing.append(f"{path.relative_to(ROOT.parent)}:{node.lineno} {name}")
    assert not missing, "raised without ja=: " + ", ".join(missing)


def test_japanese_wording_given_is_japanese() -> None:
    """A `ja=` whose literal parts have no Japanese is English under another name."""
    wrong = []
    for package in CORE:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                for keyword in getattr(node, "keywords", ()):
                    literals = [c.value for c in ast.walk(keyword.value)
                                if isinstance(c, ast.Constant) and isinstance(c.value, str)]
                    if keyword.arg == "ja" and literals and not any(map(JAPANESE.search, literals)):
                        wrong.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert not wrong, "ja= without Japanese: " + ", ".join(wrong)


# Dynamic: refusals through the UI's error path ----------------------------------------------

@pytest.fixture(scope="module")
def stage(tmp_path_factory: pytest.TempPathFactory) -> Stage:
    return build_stage(tmp_path_factory.mktemp("stage"))


@pytest.fixture
def vault(stage: Stage, tmp_path: Path, memory_keyring: Any,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Vault]:
    copy = tmp_path / "test.rdvault"
    shutil.copyfile(stage.path, copy)
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", PASSPHRASE)
    (tmp_path / "out").mkdir()
    with Vault.open(copy, env={"REVIEWDESK_PASSPHRASE": PASSPHRASE}) as opened:
        yield opened


def _refusals() -> list[tuple[Operation, str]]:
    pairs = [(op, ACTING[role]) for op in OPERATIONS for role in Role if role not in MATRIX[op.action]]
    pairs += [(op, name) for op in OPERATIONS if op.scoped for name in OUTSIDERS]
    return pairs


def test_every_refusal_reads_japanese(vault: Vault, stage: Stage) -> None:
    """Each refused (operation, role) pair, and each outsider's call, says why in Japanese."""
    from dataclasses import replace

    stage = replace(stage, out=vault.path.parent / "out")
    seen = 0
    for op, username in _refusals():
        actor = stage.actors[username]
        try:
            op.run(vault, actor, stage)
        except ReviewDeskError as exc:
            japanese_message(exc, f"{op.name} as {username}")
            seen += 1
    assert seen > 50


def test_a_permission_refusal_names_role_and_action() -> None:
    from reviewdesk.auth.permissions import Action, require
    from reviewdesk.auth.roles import Actor
    from reviewdesk.errors import PermissionDenied

    with pytest.raises(PermissionDenied) as exc:
        require(Actor(7, "lawyer1", "弁護士 一郎", Role.LAWYER_REVIEWER), Action.RECORD_FINDING)
    assert exc.value.ja == "審査委員（弁護士）は審査結果の記録を行えません"
    assert str(exc.value) == "lawyer1 (lawyer_reviewer) may not record finding"  # the CLI's wording


def _bad_calls(v: Vault, s: Stage) -> dict[str, Callable[[], Any]]:
    sec, ids, a = s.actors["secretary"], s.ids, s.actors
    return {
        "conflict: reviewed the original": lambda: review.assign_reviewer(
            v, sec, ids["appeal"], a["plastic"].user_id, today=date(2026, 11, 21)),
        "conflict: affiliated with the member": lambda: review.assign_reviewer(
            v, sec, ids["pr"], users.create_user(
                v, sec, "watanabe", "渡辺 健一", "physician_reviewer", PASSWORD, "dermatology",
                affiliations=((ids["member"], None),))),
        "already assigned": lambda: review.assign_reviewer(v, sec, ids["pr"], a["derm"].user_id),
        "business days": lambda: review.assign_reviewer(v, sec, ids["pr"], a["derm2"].user_id,
                                                        business_days=0),
        "not a reviewer": lambda: review.assign_reviewer(v, sec, ids["pr"], a["auditor"].user_id),
        "empty conflict": lambda: review.declare_conflict(v, a["derm"], ids["pr"], " "),
        "empty recusal": lambda: meetings.recuse(v, sec, ids["open_item"], a["derm"].user_id, ""),
        "already on agenda": lambda: meetings.add_to_agenda(v, sec, ids["meeting"], ids["board"]),
        "close an open case": lambda: archive.close_case(v, sec, ids["pr"]),
        "letter kind": lambda: issuing.issue_case_letter(v, sec, ids["decided"], "memo"),
        "no such letter": lambda: issuing.issue_case_letter(v, sec, ids["decided"], "finding",
                                                            replaces_no="9999-999"),
        "username": lambda: users.create_user(v, sec, "a b", "氏名", "auditor", PASSWORD),
        "taken": lambda: users.create_user(v, sec, "auditor", "氏名", "auditor", PASSWORD),
        "name": lambda: users.create_user(v, sec, "newbie", " ", "auditor", PASSWORD),
        "role": lambda: users.create_user(v, sec, "newbie", "氏名", "janitor", PASSWORD),
        "password": lambda: users.create_user(v, sec, "newbie", "氏名", "auditor", "x"),
        "specialty": lambda: users.create_user(v, sec, "newbie", "氏名", "physician_reviewer", PASSWORD),
        "disable oneself": lambda: users.set_disabled(v, sec, sec.username, True),
        "no such user": lambda: users.set_disabled(v, sec, "nobody", True),
        "wrong password": lambda: users.authenticate(v, "secretary", "wrong password"),
        "scenario missing": lambda: parse_scenario({}),
        "scenario field": lambda: parse_scenario({"incident_date": "2026-13-01"}),
        "scenario unknown": lambda: parse_scenario({"incident_dates": "x"}),
        "scenario json": lambda: load_json("{", "scenario"),
        "edition": lambda: load_edition("no-such-edition"),
        "ratio float": lambda: parse_ratio(0.1, "patient_fault", "過失相殺"),
        "ratio text": lambda: parse_ratio("many", "patient_fault", "過失相殺"),
    }


def test_known_violations_read_japanese(vault: Vault, stage: Stage) -> None:
    for what, call in _bad_calls(vault, stage).items():
        with pytest.raises(ReviewDeskError) as exc:
            call()
        japanese_message(exc.value, what)


def test_a_disabled_account_is_refused_in_japanese(vault: Vault, stage: Stage) -> None:
    sec, derm = stage.actors["secretary"], stage.actors["derm"]
    users.set_disabled(vault, sec, derm.username, True)
    with pytest.raises(ReviewDeskError) as exc:
        review.declare_conflict(vault, derm, stage.ids["pr"], "知人")
    japanese_message(exc.value, "disabled account")


# Conflict reasons: codes and data, each language rendered ---------------------------------

REASONS = [ConflictReason(ConflictCode.AFFILIATED_MEMBER, {"name": "渡辺 健一", "member": "青葉会"}),
           ConflictReason(ConflictCode.REVIEWED_ORIGINAL, {"name": "渡辺 健一"}),
           ConflictReason(ConflictCode.DECLARED, {"reason": "患者の知人 {name}"})]


def test_conflict_reasons_render_per_language() -> None:
    assert conflict_texts(REASONS, "ja") == ("渡辺 健一 は被共済者である会員「青葉会」の関係者です、"
                                            "渡辺 健一 はこの異議申立の原事案を査読しました、"
                                            "利益相反の申告: 患者の知人 {name}")
    assert "reviewed the original case of this appeal" in conflict_texts(REASONS, "en")
    for code in ConflictCode:
        reason = ConflictReason(code, {"name": "渡辺 健一", "member": "青葉会", "reason": "知人"})
        assert_japanese(reason.text("ja"), code.value)


def test_stored_reasons_are_codes_and_old_text_stays_readable() -> None:
    stored = encode_reasons(REASONS)
    assert '"code": "affiliated_member"' in stored and "is affiliated" not in stored
    assert reason_text(stored, "ja") == conflict_texts(REASONS, "ja")
    assert reason_text(stored, "en") == conflict_texts(REASONS, "en")
    for plain in ("同門", "Watanabe is affiliated with the insured member X", "{not json", '{"a": 1}'):
        assert reason_text(plain, "ja") == plain


def test_a_typed_recusal_reason_is_shown_as_written(vault: Vault, stage: Stage) -> None:
    """Automatic recusals are covered in tests/cases/test_meetings_findings.py."""
    detail = meetings.meeting_detail(vault, stage.actors["secretary"], stage.ids["open_meeting"])
    typed = [r for item in detail.agenda for r in item.recusals]
    assert [(r.reason, r.reason_text("ja"), r.reason_text("en")) for r in typed] == [("同門",) * 3]
