"""A plain `pip install .` works like the editable install: the wheel carries the resources and
the migrations, its console script says pyproject.toml's version, and packaging/smoke.py's
command-line steps pass on it, with the source's exit codes and messages.

Cheap on purpose (the suite runs three times in CI): the wheel is built without build isolation
and installed without dependencies into a fresh virtual environment that borrows this one's
site-packages through a .pth line, so nothing is downloaded; the smoke steps run in one process
with the suite's cheap argon2 costs. The frozen bundles' build and smoke test are a separate CI
job (packaging/README.md).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from dataclasses import asdict
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
SHIPPED = {"pyproject.toml", "setup.py", "MANIFEST.in", "reviewdesk", "resources"}


def _smoke() -> ModuleType:
    spec = importlib.util.spec_from_file_location("packaging_smoke", REPO / "packaging" / "smoke.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _start_build(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    # A copy of the sources: the build's own build/ and egg-info stay out of the shared checkout.
    source = tmp_path / "source"
    source.mkdir()
    for name in SHIPPED:
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / name, source / name)
    out = tmp_path / "wheel"
    build = "import sys; from setuptools import build_meta; build_meta.build_wheel(sys.argv[1])"
    return subprocess.Popen([sys.executable, "-c", build, str(out)], cwd=source, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE), out


def _environment(home: Path) -> Path:
    venv.create(home, with_pip=False)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(home), "platbase": str(home)}))
    # A plain path line: this environment's packages become importable, but not its .pth files,
    # so not the editable install's finder that would lead back to the source tree.
    (site / "borrowed_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _install(wheel: Path, python: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "--no-compile", "--disable-pip-version-check", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]


def test_the_wheel_installs_and_passes_the_command_line_smoke_steps(tmp_path: Path) -> None:
    build, out = _start_build(tmp_path)
    python = _environment(tmp_path / "venv")  # meanwhile: the environment, the source's results
    smoke = _smoke()
    work = tmp_path / "work"
    work.mkdir()
    source = smoke.in_process_runner()  # this process runs the source (the editable install)
    expected = {step.name: asdict(source(step)) for step in smoke.compared_steps(work)}
    (tmp_path / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    assert build.wait(300) == 0, build.stderr.read()[-3000:] if build.stderr else ""
    (wheel,) = out.glob("reviewdesk-*.whl")

    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    resources = {f"reviewdesk/_resources/{p.relative_to(REPO / 'resources').as_posix()}"
                 for p in (REPO / "resources").rglob("*")
                 if p.is_file() and p.suffix != ".ts" and p.name != "README.md"}
    migrations = {f"reviewdesk/store/migrations/versions/{p.name}"
                  for p in (REPO / "reviewdesk/store/migrations/versions").glob("*.py")}
    assert resources and migrations and not (resources | migrations) - names

    _install(wheel, python)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(HOME=str(tmp_path / "home"), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    script = python.with_name("reviewdesk.exe" if os.name == "nt" else "reviewdesk")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert (done.returncode, done.stdout) == (0, f"reviewdesk {version}\n"), done.stderr

    done = subprocess.run(
        [str(python), str(REPO / "packaging" / "smoke.py"), "in-process", "--work", str(work),
         "--cases", "1", "--expected", str(tmp_path / "expected.json")],
        capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "letter verify: VALID" in done.stdout
    assert f"from {tmp_path / 'venv'}" in done.stdout  # the wheel's package, not the source's
