"""`reviewdesk cases list|show`: only what the --user may see, and no existence leak."""

from __future__ import annotations

import csv
import io
import json
import os
import runpy
import subprocess

import pytest
import sqlalchemy as sa

from reviewdesk.cases import assessing, review
from reviewdesk.cases.opinions import save_opinion, submit_opinion
from reviewdesk.cli import main
from reviewdesk.store import keys
from reviewdesk.store.models import AuditEvent
from tests.cases.flow import INPUTS, TODAY, intake, liable, opinion
from tests.conftest import reviewdesk_command
from tests.support.builders import PASSWORD, make_world
from tests.support.templates import WorldTemplate, build_world_template


@pytest.fixture
def cli(world, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """Runs `reviewdesk` in-process against the world's vault; returns (code, stdout, stderr)."""
    monkeypatch.setenv("REVIEWDESK_PASSPHRASE", "test-passphrase")
    monkeypatch.setenv("REVIEWDESK_PASSWORD", PASSWORD)

    def run(*args: str) -> tuple[int, str, str]:
        code = main([*args[:2], *args[2:], "--vault", str(world.vault.path)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _two_cases(world) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    first = intake(world, summary="レーザー照射後の熱傷。")
    for name in ("derm2", "lawyer2"):
        review.assign_reviewer(world.vault, world["secretary"], first, world[name].user_id,
                               today=TODAY)
    op = save_opinion(world.vault, world["lawyer2"], first, opinion())
    submit_opinion(world.vault, world["lawyer2"], op)
    second = liable(world, procedure="peeling")
    assessing.compute_assessment(world.vault, world["assessor"], second, INPUTS, today=TODAY)
    return first, second


@pytest.fixture(scope="module")
def cases_template(tmp_path_factory: pytest.TempPathFactory) -> WorldTemplate[tuple[int, int]]:
    return build_world_template(tmp_path_factory.mktemp("cases_cli"), _two_cases)


@pytest.fixture
def cases(cases_template, world, tmp_path):  # type: ignore[no-untyped-def]
    """Case 1 with derm2 and lawyer2 (lawyer2 has submitted); case 2 (derm, lawyer) assessed:
    the world's vault becomes this test's copy of the module's template."""
    cases_template.load_into(world, tmp_path / "cases")
    return cases_template.made


def test_list_as_the_secretariat_and_as_a_reviewer(cli, cases, world) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("cases", "list", "--user", "secretary", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["number"], r["state"], r["procedure"], r["claim_date"]) for r in rows] == [
        ("2026-00001", "peer_review", "filler", "2026-05-11"),
        ("2026-00002", "assessment", "peeling", "2026-05-11")]
    assert {r["member"] for r in rows} == {"医療法人社団 青葉会"}
    assert all(r["patient"].startswith("患者") for r in rows)  # aliases unless asked for names
    code, out, _ = cli("cases", "list", "--user", "secretary", "--format", "json", "--real-names")
    assert code == 0 and {r["patient"] for r in json.loads(out)} == {"山田 花子"}
    with world.vault.reading() as session:  # the listing of real names is in the audit trail
        [detail] = session.scalars(sa.select(AuditEvent.detail)
                                   .where(AuditEvent.action == "patient.names_listed")).all()
    assert json.loads(detail)["cases"] == ["2026-00001", "2026-00002"]
    code, out, _ = cli("cases", "list", "--user", "derm2", "--format", "json")
    [mine] = json.loads(out)
    assert (code, mine["number"]) == (0, "2026-00001")
    assert mine["patient"].startswith("患者")
    assert json.loads(cli("cases", "list", "--user", "plastic", "--format", "json")[1]) == []


def test_list_filters_and_formats(cli, cases) -> None:  # type: ignore[no-untyped-def]
    _, out, _ = cli("cases", "list", "--user", "chair", "--state", "assessment,decided",
                    "--format", "json")
    assert [r["number"] for r in json.loads(out)] == ["2026-00002"]
    _, out, _ = cli("cases", "list", "--user", "auditor", "--search", "熱傷", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["number"], r["state"], r["procedure"]) for r in rows] == [
        ("2026-00001", "peer_review", "filler")]
    code, out, _ = cli("cases", "list", "--user", "auditor")
    assert code == 0
    assert out.splitlines()[0].split()[:5] == ["number", "state", "member", "procedure", "claim_date"]
    assert len(out.splitlines()) == 3
    code, _, err = cli("cases", "list", "--user", "auditor", "--state", "lost")
    assert code == 2 and err.startswith("reviewdesk: --state: unknown state 'lost'")


def test_show_refuses_an_invisible_case_like_a_missing_one(cli, cases) -> None:  # type: ignore[no-untyped-def]
    hidden = cli("cases", "show", "2026-00002", "--user", "derm2", "--format", "json")
    missing = cli("cases", "show", "2099-00042", "--user", "derm2", "--format", "json")
    assert hidden == (3, "", "reviewdesk: no case 2026-00002\n")
    assert missing == (3, "", "reviewdesk: no case 2099-00042\n")


def test_show_applies_blind_review_and_role_limits(cli, cases, world) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("cases", "show", "2026-00001", "--user", "derm2", "--format", "json")
    view = json.loads(out)
    assert code == 0 and view["number"] == "2026-00001"
    assert view["patient"].startswith("患者") and view["patient_birth_date"] is None
    assert view["opinions"] == []  # the lawyer's opinion stays hidden until derm2 submits
    assert view["disagreement"] is None  # and so does whether the physicians agree
    assert [a["reviewer_id"] for a in view["assignments"]] == [world["derm2"].user_id]
    op = save_opinion(world.vault, world["derm2"], cases[0], opinion())
    submit_opinion(world.vault, world["derm2"], op)
    view = json.loads(cli("cases", "show", "2026-00001", "--user", "derm2", "--format", "json")[1])
    assert {o["author"] for o in view["opinions"]} == {"皮膚科 二郎", "弁護 次郎"}
    assert len(view["assignments"]) == 2 and view["assessments"] == []
    assert view["disagreement"] is False
    secretariat = json.loads(cli("cases", "show", "2026-00002", "--user", "secretary",
                                 "--format", "json")[1])
    assert [(f["outcome"], f["insured_share"]) for f in secretariat["findings"]] == [("liable", "1")]
    [assessment] = secretariat["assessments"]
    assert (assessment["version"], assessment["status"], assessment["liability"]) == (
        1, "computed", 8_709_220)
    code, out, _ = cli("cases", "show", "2026-00002", "--user", "secretary", "--format", "text")
    assert code == 0 and "number: 2026-00002" in out and "[assessments] 1" in out


def test_real_command_in_a_subprocess(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The subprocess derives the vault key at full cost, so this vault is made at full cost too.
    real = runpy.run_path(keys.__file__)
    monkeypatch.setattr(keys, "KDF_MEMORY_KIB", real["KDF_MEMORY_KIB"])
    monkeypatch.setattr(keys, "KDF_TIME_COST", real["KDF_TIME_COST"])
    world = make_world(tmp_path)
    try:
        intake(world)
        hidden = intake(world)
        review.assign_reviewer(world.vault, world["secretary"], hidden - 1,
                               world["derm"].user_id, today=TODAY)
    finally:
        world.vault.close()
    env = {**os.environ, "REVIEWDESK_PASSPHRASE": "test-passphrase",
           "REVIEWDESK_PASSWORD": PASSWORD,
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    vault = str(tmp_path / "test.rdvault")
    listed = subprocess.run([*reviewdesk_command(), "cases", "list", "--vault", vault, "--user", "derm",
                             "--format", "json"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert [r["number"] for r in json.loads(listed.stdout)] == ["2026-00001"]
    shown = subprocess.run([*reviewdesk_command(), "cases", "show", "2026-00002", "--vault", vault,
                            "--user", "derm", "--format", "json"], env=env, capture_output=True,
                           text=True, timeout=120)
    assert (shown.returncode, shown.stdout, shown.stderr) == (3, "", "reviewdesk: no case 2026-00002\n")


def _model_rows(world, name: str, case_id: int) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    from datetime import UTC

    from reviewdesk.cases.history import case_history

    return [(r.at.replace(tzinfo=UTC).isoformat(), r.username, r.action)
            for r in case_history(world.vault, world[name], case_id)]


def test_history_prints_the_read_model_for_a_reviewer_and_the_secretariat(cli, cases, world) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    first, _ = cases
    for name in ("derm2", "secretary"):
        code, out, err = cli("cases", "history", "2026-00001", "--user", name, "--format", "json")
        rows = json.loads(out)
        assert (code, err) == (0, "")
        assert all({"at", "user", "action", "label", "entity"} <= set(r) for r in rows)
        assert [(r["at"], r["user"], r["action"]) for r in rows] == _model_rows(world, name, first)
        assert all(datetime.fromisoformat(r["at"]).utcoffset() is not None for r in rows)
        code, text, _ = cli("cases", "history", "2026-00001", "--user", name)
        assert code == 0 and len(text.splitlines()) == len(rows)
        assert [line.split()[2] for line in text.splitlines()] == [r["action"] for r in rows]
    derm2 = json.loads(cli("cases", "history", "2026-00001", "--user", "derm2", "--format", "json")[1])
    staff = json.loads(cli("cases", "history", "2026-00001", "--user", "secretary", "--format", "json")[1])
    # lawyer2 submitted, derm2 has not: the secretariat sees lawyer2's opinion, derm2 does not.
    assert ("lawyer2", "opinion.submit") in {(r["user"], r["action"]) for r in staff}
    assert "lawyer2" not in {r["user"] for r in derm2}
    assert "opinion.submit" not in {r["action"] for r in derm2}
    assert [r["action"] for r in derm2] == ["case.register", "case.coverage_check", "assignment.create"]
    assert "山田" not in json.dumps(derm2, ensure_ascii=False)


def test_history_refuses_an_invisible_case_like_a_missing_one(cli, cases) -> None:  # type: ignore[no-untyped-def]
    hidden = cli("cases", "history", "2026-00002", "--user", "derm2", "--format", "json")
    missing = cli("cases", "history", "2099-00042", "--user", "derm2")
    assert hidden == (3, "", "reviewdesk: no case 2026-00002\n")
    assert missing == (3, "", "reviewdesk: no case 2099-00042\n")
