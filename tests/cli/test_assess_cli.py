"""`reviewdesk assess`: JSON and text output, exit 0; every input error one stderr line, exit 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reviewdesk.cli import main
from tests.cases.test_assessment_scenarios import build
from tests.conftest import reviewdesk_command

REPO = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, data: Any, name: str = "scenario.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["assess", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, write(tmp_path, build()))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert {"edition", "coverage", "damages", "liability", "payout", "trace"} <= set(result)
    assert result["damages"]["total"] == 9_676_912
    assert result["liability"] == 8_709_220
    assert result["payout"] == {
        "indemnity": 8_609_220,
        "litigation": 0,
        "anesthesia_layer": 0,
        "total": 8_609_220,
    }
    assert "逸失利益" in out  # ensure_ascii=False: Japanese as is
    assert out.startswith('{\n  "edition"')  # indent 2


def test_text_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "--format", "text", write(tmp_path, build()))
    assert (code, err) == (0, "")
    assert out.startswith("査定結果")
    assert "8,609,220円" in out and "【支払額】" in out


def test_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(build()).encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    code, out, _ = run_cli(capsys, "-")
    assert code == 0 and json.loads(out)["payout"]["total"] == 8_609_220


def test_named_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "--edition", "akai-hon-2024", write(tmp_path, build()))
    assert code == 0 and json.loads(out)["edition"] == "akai-hon-2024"


def test_byte_order_mark_is_accepted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(build()).encode("utf-8"))
    assert run_cli(capsys, str(path))[0] == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"victim": {"sex": "female", "annual_income": 1, "household_role": "other",
                     "dependents": 0}},
         "victim.age: missing (required field)"),
        ({"policy.colour": "red"}, "policy.colour: unknown field (not in the scenario)"),
        ({"victim.age": "35"},
         'victim.age: must be a whole number (an age in years), got string "35"'),
        ({"damages.treatment_costs": -1}, "damages.treatment_costs: must not be negative, got -1"),
        ({"patient_fault": "1.5"}, 'patient_fault: must be a ratio from 0 to 1, got string "1.5"'),
        ({"outcome.disability_grade": 15},
         "outcome.disability_grade: must be a disability grade from 1 to 14, got number 15"),
        ({"procedure": "tattoo"},
         "procedure: unknown procedure code 'tattoo' (not in the catalogue)"),
        ({"incident_date": "2023-13-01"}, "incident_date: not a real date: 2023-13-01"),
        ({"victim.age": 70, "outcome.loss_years": None},
         "outcome.loss_years: missing; the victim is 70, at or past the end of working age (67), "
         "so the committee must give the loss period in years"),
    ],
)  # fmt: skip
def test_input_errors_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], changes: dict[str, Any], message: str
) -> None:
    code, out, err = run_cli(capsys, write(tmp_path, build(changes)))
    assert code == 2
    assert out == ""
    assert err == f"reviewdesk: {message}\n"


def test_file_that_is_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "incident_date: 2023-05-10\n", "scenario.yaml")
    code, out, err = run_cli(capsys, path)
    assert (code, out) == (2, "")
    assert err == f"reviewdesk: {path}: not valid JSON (line 1, column 1: Expecting value)\n"


def test_file_that_is_not_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "scenario.json"
    path.write_bytes(b"\xff\xfe\x00{")
    code, _, err = run_cli(capsys, str(path))
    assert code == 2 and err == f"reviewdesk: {path}: not valid JSON (not UTF-8 text)\n"


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.json"
    code, _, err = run_cli(capsys, str(path))
    assert code == 2
    assert err == f"reviewdesk: {path}: cannot read the file (No such file or directory)\n"


def test_directory_instead_of_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, str(tmp_path))
    assert code == 2 and err.startswith(f"reviewdesk: {tmp_path}: cannot read the file (")
    assert err.count("\n") == 1


def test_unknown_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "--edition", "nope", write(tmp_path, build()))
    assert code == 2
    assert err.startswith("reviewdesk: edition: unknown rule edition 'nope' (known: akai-hon-2024")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env.pop("REVIEWDESK_HOME", None)
    return env


def test_real_command_success_and_errors(tmp_path: Path) -> None:
    good = write(tmp_path, build(), "good.json")
    done = subprocess.run(
        [*reviewdesk_command(), "assess", good], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["payout"]["total"] == 8_609_220

    for bad, message in [
        (write(tmp_path, "{not json", "bad.json"), "not valid JSON"),
        (write(tmp_path, build({"insured_share": 2}), "ratio.json"), "insured_share: must be"),
        (str(tmp_path / "missing.json"), "cannot read the file"),
    ]:
        done = subprocess.run(
            [*reviewdesk_command(), "assess", bad], capture_output=True, text=True, env=_env(), timeout=60
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert "Traceback" not in done.stderr
        assert done.stderr.count("\n") == 1 and message in done.stderr


def test_real_command_reads_standard_input_as_text() -> None:
    done = subprocess.run(
        [*reviewdesk_command(), "assess", "--format", "text", "-"],
        input=json.dumps(build()),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "支払額合計" in done.stdout and "8,609,220円" in done.stdout


def test_assess_imports_no_qt_nor_reportlab(tmp_path: Path) -> None:
    # The command must start fast: its module and the engine pull in neither.
    script = (
        "import argparse, sys\n"
        "from reviewdesk.cli import assess\n"
        "parser = argparse.ArgumentParser()\n"
        "assess.register(parser.add_subparsers())\n"
        f"assert assess.run(parser.parse_args(['assess', {write(tmp_path, build())!r}])) == 0\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(loaded & {'PySide6', 'reportlab', 'sqlalchemy'})\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=_env(),
        cwd=REPO,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("HEAVY []")
