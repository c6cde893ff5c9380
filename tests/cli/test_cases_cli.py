"""`reviewdesk cases list|show`: only what the --user may see, and no existence leak."""

from __future__ import annotations

import csv
import io
import json
import os
import runpy
import subprocess
from pathlib import Path

import pytest

from reviewdesk.cases import assessing, review
from reviewdesk.cli import main
from reviewdesk.store import keys
from tests.cases.flow import INPUTS, TODAY, intake, liable, opinion
from tests.support.builders import PASSWORD, make_world

REVIEWDESK = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "reviewdesk"


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


@pytest.fixture
def cases(world):  # type: ignore[no-untyped-def]
    """Case 1 with derm2 and lawyer2 (lawyer2 has submitted); case 2 (derm, lawyer) assessed."""
    first = intake(world, summary="レーザー照射後の熱傷。")
    for name in ("derm2", "lawyer2"):
        review.assign_reviewer(world.vault, world["secretary"], first, world[name].user_id,
                               today=TODAY)
    op = review.save_opinion(world.vault, world["lawyer2"], first, opinion())
    review.submit_opinion(world.vault, world["lawyer2"], op)
    second = liable(world, procedure="peeling")
    assessing.compute_assessment(world.vault, world["assessor"], second, INPUTS, today=TODAY)
    return first, second


def test_list_as_the_secretariat_and_as_a_reviewer(cli, cases) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = cli("cases", "list", "--user", "secretary", "--format", "json")
    rows = json.loads(out)
    assert code == 0
    assert [(r["number"], r["state"], r["procedure"], r["claim_date"]) for r in rows] == [
        ("2026-00001", "peer_review", "filler", "2026-05-11"),
        ("2026-00002", "assessment", "peeling", "2026-05-11")]
    assert {r["member"] for r in rows} == {"医療法人社団 青葉会"}
    assert {r["patient"] for r in rows} == {"山田 花子"}
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
    op = review.save_opinion(world.vault, world["derm2"], cases[0], opinion())
    review.submit_opinion(world.vault, world["derm2"], op)
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
    listed = subprocess.run([str(REVIEWDESK), "cases", "list", "--vault", vault, "--user", "derm",
                             "--format", "json"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert [r["number"] for r in json.loads(listed.stdout)] == ["2026-00001"]
    shown = subprocess.run([str(REVIEWDESK), "cases", "show", "2026-00002", "--vault", vault,
                            "--user", "derm", "--format", "json"], env=env, capture_output=True,
                           text=True, timeout=120)
    assert (shown.returncode, shown.stdout, shown.stderr) == (3, "", "reviewdesk: no case 2026-00002\n")
