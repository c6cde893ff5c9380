"""The built application proves itself: packaging/smoke-test runs this on a bundle.

    python packaging/smoke.py PROGRAM [--source PROGRAM] [--cases N] [--work DIR] [--no-gui]
                              [--startup-runs N]

PROGRAM is the `reviewdesk` to test: a bundle's executable, or a virtual environment's script.
Every step runs it in a clean environment (a fresh HOME, a minimal PATH, no variable of this
shell), and the steps compare with `--source` (the repository's own .venv/bin/reviewdesk):
- --version, and `assess` on a scenario: the same output, JSON and text, as the source;
- errors (bad JSON, a missing file, an unknown edition or command, no vault, not a PDF): the
  same exit code and the same message as the source;
- `demo --no-gui --cases N` into a new folder, `check`, a letter issued, exported and verified,
  `check` again;
- the desktop screens rendered offscreen (`screenshots`), the login window among them;
- on Linux, the application started for real on an X display (Xvfb): the login window appears,
  is photographed, and Escape closes it with exit code 0;
- nothing is written inside the program's folder.
tests/test_wheel_install.py runs the same steps, but the GUI ones, on a freshly built wheel.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCENARIO = Path(__file__).resolve().with_name("smoke-scenario.json")
PASSPHRASE = "demo-only-passphrase"  # the demo's (README); a demo vault only
PASSWORD = "demo-password"
SECRETARIAT = "secretariat1"
LOGIN_TITLE = "ReviewDesk — ログイン"


class Failed(Exception):
    """A step did not do what the source does."""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Step:
    name: str
    args: list[str]
    env: dict[str, str] = field(default_factory=dict)


Runner = Callable[[Step], Result]


def version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def clean_env(home: Path) -> dict[str, str]:
    """What a user's fresh session would give the program, and nothing of this shell's."""
    env = {"HOME": str(home), "LANG": "C.UTF-8", "COLUMNS": "100", "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(home / "tmp")}
    if os.name == "nt":
        for name in ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "SYSTEMDRIVE"):
            if name in os.environ:
                env[name] = os.environ[name]
        env.update(USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
                   LOCALAPPDATA=str(home / "AppData" / "Local"), TEMP=str(home / "tmp"),
                   TMP=str(home / "tmp"), PATH=os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"),
                                                           "System32"))
    else:
        env["PATH"] = "/usr/bin:/bin"
        env["XDG_RUNTIME_DIR"] = str(home / "run")
    for folder in ("tmp", "run", "AppData/Roaming", "AppData/Local"):
        (home / folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def process_runner(program: list[str], env: dict[str, str], cwd: Path) -> Runner:
    def run(step: Step) -> Result:
        done = subprocess.run([*program, *step.args], env={**env, **step.env}, cwd=cwd,
                              capture_output=True, timeout=600)
        return Result(done.returncode, done.stdout.decode("utf-8", "replace"),
                      done.stderr.decode("utf-8", "replace"))

    return run


def in_process_runner() -> Runner:
    """`reviewdesk ARGS` through reviewdesk.cli.main in this interpreter: the tests' cheap way."""
    from reviewdesk.cli import main

    def run(step: Step) -> Result:
        out, err = io.StringIO(), io.StringIO()
        env = {"COLUMNS": "100", **step.env}
        saved = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(step.args)
                except SystemExit as exc:  # argparse: --version, usage errors
                    code = exc.code if isinstance(exc.code, int) else 1
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        return Result(code, out.getvalue(), err.getvalue())

    return run


# The steps ---------------------------------------------------------------------------------

def compared_steps(work: Path) -> list[Step]:
    """Steps whose exit code and output must be exactly the source's."""
    scenario = work / "scenario.json"
    shutil.copyfile(SCENARIO, scenario)
    (work / "broken.json").write_text("{not json", encoding="utf-8")
    (work / "notes.txt").write_text("not a pdf", encoding="utf-8")
    return [
        Step("version", ["--version"]),
        Step("assess (JSON)", ["assess", str(scenario)]),
        Step("assess (text)", ["assess", "--format", "text", str(scenario)]),
        Step("assess: not JSON", ["assess", str(work / "broken.json")]),
        Step("assess: no such file", ["assess", str(work / "missing.json")]),
        Step("assess: unknown edition", ["assess", "--edition", "nope", str(scenario)]),
        Step("check: no vault", ["check", "--vault", str(work / "missing.rdvault")]),
        Step("letter verify: not a PDF", ["letter", "verify", str(work / "notes.txt")]),
        Step("unknown command", ["no-such-command"]),
    ]


def expect(result: Result, step: str, code: int = 0, out: str | None = None) -> None:
    if result.code != code or (out is not None and out not in result.out) or "Traceback" in result.err:
        raise Failed(f"{step}: exit {result.code} (expected {code})\n--- stdout\n{result.out[-2000:]}"
                     f"\n--- stderr\n{result.err[-2000:]}")


def owner_only(path: Path) -> None:
    """Mode 0600 on POSIX; on Windows an ACL with one entry, the user's (private_files.py)."""
    if os.name == "posix":
        if path.stat().st_mode & 0o777 != 0o600:
            raise Failed(f"{path.name}: mode {path.stat().st_mode & 0o777:o}, not owner-only")
        return
    listing = subprocess.run(["icacls", str(path)], capture_output=True, text=True).stdout
    entries = listing.split("\n\n")[0].replace(str(path), "").split("\n")
    user = os.environ.get("USERNAME", "")
    if len(entries) != 1 or user.lower() not in entries[0].lower() or "(F)" not in entries[0]:
        raise Failed(f"{path.name}: not owner-only: {listing}")


def vault_steps(run: Runner, work: Path, cases: int, log: Callable[[str], None]) -> Path:
    """A demo vault made, checked, a letter issued, exported and verified; returns the vault."""
    vault = work / "demo" / "demo.rdvault"
    vault.parent.mkdir()
    keyed = {"REVIEWDESK_PASSPHRASE": PASSPHRASE}
    user = {**keyed, "REVIEWDESK_PASSWORD": PASSWORD}

    started = time.monotonic()
    result = run(Step("demo", ["demo", "--no-gui", "--cases", str(cases), "--vault", str(vault)], keyed))
    expect(result, "demo", out=f"{cases} cases")
    log(f"demo: {result.out.splitlines()[0]} [{time.monotonic() - started:.1f} s]")

    result = run(Step("check", ["check", "--vault", str(vault)], keyed))
    expect(result, "check", out="結果: 保管庫は健全です")
    log("check: " + result.out.strip().splitlines()[-1])

    result = run(Step("cases list", ["cases", "list", "--vault", str(vault), "--user", SECRETARIAT,
                                     "--state", "received", "--format", "json"], user))
    expect(result, "cases list")
    case = json.loads(result.out)[0]["number"]
    result = run(Step("letter issue", ["letter", "issue", "--vault", str(vault), "--user", SECRETARIAT,
                                       "--case", case, "--kind", "intake_acknowledgement"], user))
    expect(result, "letter issue", out=f"for {case}, signed")
    log("letter issue: " + result.out.strip())

    out = work / "letters"
    result = run(Step("letter export", ["letter", "export", "--vault", str(vault), "--user", SECRETARIAT,
                                        "--case", case, "--out", str(out)], user))
    expect(result, "letter export", out="written as signed")
    letters = sorted(out.glob("*intake_acknowledgement*.pdf"))
    if not letters:
        raise Failed(f"letter export: no letter in {out}: {sorted(p.name for p in out.iterdir())}")
    owner_only(letters[0])
    result = run(Step("letter verify", ["letter", "verify", str(letters[0]), "--vault", str(vault)], keyed))
    expect(result, "letter verify", out="VALID: ")
    log("letter verify: " + result.out.strip()[:120] + "…")

    result = run(Step("check again", ["check", "--vault", str(vault)], keyed))
    expect(result, "check after the letter", out="結果: 保管庫は健全です")
    return vault


def screenshot_steps(run: Runner, work: Path, vault: Path, log: Callable[[str], None]) -> Path:
    shots = work / "screens"
    env = {"REVIEWDESK_PASSPHRASE": PASSPHRASE, "REVIEWDESK_PASSWORD": PASSWORD}
    result = run(Step("screenshots", ["screenshots", "--vault", str(vault), "--user", SECRETARIAT,
                                      "--out", str(shots)], env))
    expect(result, "screenshots (offscreen)", out="login.png")
    login = shots / "login.png"
    if login.stat().st_size < 5_000:
        raise Failed(f"screenshots: {login} is only {login.stat().st_size} bytes")
    log(f"screenshots (offscreen): {len(result.out.split())} screens, the login window in {login}")
    return login


# A real start on an X display ---------------------------------------------------------------

@contextlib.contextmanager
def x_display(work: Path) -> Iterator[str]:
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            raise Failed(f"an X start needs {tool} (apt-get install xvfb xdotool), or pass --no-x11")
    for number in range(91, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            break
    display = f":{number}"
    # -noreset: no server reset as the last client leaves, which a next start would run into.
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x900x24", "-nolisten", "tcp",
                               "-noreset"], stdout=subprocess.DEVNULL, stderr=(work / "xvfb.log").open("wb"))
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise Failed(f"Xvfb {display} did not start (see {work / 'xvfb.log'})")
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait(10)


def _window(display: str, title: str) -> str | None:
    done = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                          env={"DISPLAY": display, "PATH": os.environ.get("PATH", "")},
                          capture_output=True, text=True)
    ids = done.stdout.split()
    return ids[0] if ids else None


def start_to_login(program: list[str], env: dict[str, str], display: str, vault: Path,
                   photo: Path | None = None) -> float:
    """Seconds from starting the program to its login window mapped on the display; then
    Escape closes the window, which must end the program with exit code 0."""
    env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "REVIEWDESK_PASSPHRASE": PASSPHRASE}
    started = time.monotonic()
    app = subprocess.Popen([*program, "--vault", str(vault)], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    try:
        while (window := _window(display, LOGIN_TITLE)) is None:
            if app.poll() is not None:
                raise Failed(f"the application ended ({app.returncode}) before its login window: "
                             f"{app.stderr.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() - started > 120:
                raise Failed("no login window within 120 s")
            time.sleep(0.01)
        elapsed = time.monotonic() - started
        if photo is not None:
            time.sleep(1.0)  # painted, not just mapped
            grab(display, window, photo)
        # A key pressed the moment the window maps may come before Qt listens: press until it ends.
        tool_env = {"DISPLAY": display, "PATH": os.environ.get("PATH", "")}
        for _attempt in range(60):
            subprocess.run(["xdotool", "windowfocus", window], env=tool_env, capture_output=True)
            subprocess.run(["xdotool", "key", "Escape"], env=tool_env, check=True)
            with contextlib.suppress(subprocess.TimeoutExpired):
                app.wait(0.5)
            if app.poll() is not None:
                break
        code = app.wait(10)
        if code != 0:
            raise Failed(f"Escape on the login window: exit {code}, "
                         f"{app.stderr.read().decode(errors='replace')[-2000:]}")
        return elapsed
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()


def grab(display: str, window: str, photo: Path) -> None:
    """A PNG of one X window, taken with this interpreter's Qt as a client of that display."""
    script = ("import sys; from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); "
              "ok = app.primaryScreen().grabWindow(int(sys.argv[1])).save(sys.argv[2]); "
              "sys.exit(0 if ok else 1)")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    subprocess.run([sys.executable, "-c", script, window, str(photo)], env=env, check=True,
                   capture_output=True, timeout=60)


def x11_steps(program: list[str], source: list[str], env: dict[str, str], work: Path, vault: Path,
              runs: int, log: Callable[[str], None]) -> None:
    with x_display(work) as display:
        photo = work / "login-x11.png"
        seconds = start_to_login(program, env, display, vault, photo)
        log(f"X11 start: login window after {seconds:.2f} s, photographed in {photo}; "
            "Escape closed it, exit 0")
        for name, prog in (("program", program), ("source", source)) if runs else ():
            times = [start_to_login(prog, env, display, vault) for _ in range(runs)]
            log(f"start to login window, {name}: median {statistics.median(times):.2f} s of {runs} "
                f"({', '.join(f'{t:.2f}' for t in times)})")


# Driving -------------------------------------------------------------------------------------

def cheap_hashing() -> None:
    """The test suite's argon2 costs (tests/conftest.py): the steps, not the hashing, are tested."""
    from argon2 import PasswordHasher

    from reviewdesk.auth import passwords
    from reviewdesk.store import keys

    passwords.hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    keys.KDF_TIME_COST, keys.KDF_MEMORY_KIB, keys.KDF_PARALLELISM = 1, 8, 1


def compare(step: Step, ours: Result, theirs: Result, log: Callable[[str], None]) -> None:
    if ours != theirs:
        raise Failed(f"{step.name}: differs from the source\n--- program\n{asdict(ours)}"
                     f"\n--- source\n{asdict(theirs)}")
    if step.name == "version" and ours.out != f"reviewdesk {version()}\n":
        raise Failed(f"--version says {ours.out!r}, pyproject.toml {version()!r}")
    log(f"{step.name}: exit {ours.code}, as the source"
        + (f" ({ours.err.strip().splitlines()[-1][:90]})" if ours.err.strip() else ""))


def in_process(work: Path, cases: int, expected: Path) -> int:
    """The command-line steps through this interpreter's reviewdesk (an installed wheel's, run by
    tests/test_wheel_install.py), compared with the source's results saved in `expected`."""
    import reviewdesk
    from reviewdesk.resources import resource_path

    package = Path(reviewdesk.__file__).resolve().parent
    if REPO in package.parents or not resource_path("rules").is_relative_to(package):
        print(f"smoke: reviewdesk from {package}, resources in {resource_path()}: not an installed "
              "package", file=sys.stderr)
        return 1
    cheap_hashing()
    run = in_process_runner()
    try:
        saved = json.loads(expected.read_text(encoding="utf-8"))
        for step in compared_steps(work):
            compare(step, run(step), Result(**saved[step.name]), print)
        vault_steps(run, work, cases, print)
    except Failed as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        return 1
    print(f"smoke: passed; reviewdesk and its resources from {package}")
    return 0


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def program_of(path: str) -> list[str]:
    found = Path(path)
    if found.is_dir():  # a bundle folder: its executable (Windows: the console one)
        for name in ("reviewdesk-cli.exe", "reviewdesk", "ReviewDesk.app/Contents/MacOS/reviewdesk"):
            if (found / name).is_file():
                return [str((found / name).resolve())]
        raise SystemExit(f"smoke: no reviewdesk program in {found}")
    return [str(found.resolve())]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program", help="the bundle folder, or the reviewdesk program to test; "
                        "'in-process' for this interpreter's reviewdesk (with --expected)")
    venv_script = Path("Scripts", "reviewdesk.exe") if os.name == "nt" else Path("bin", "reviewdesk")
    parser.add_argument("--source", default=str(REPO / ".venv" / venv_script),
                        help="the source's reviewdesk to compare with (default: .venv's)")
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--work", type=Path, help="folder for the vault and files (default: a new one)")
    parser.add_argument("--no-gui", action="store_true", help="the command-line steps only")
    parser.add_argument("--no-x11", action="store_true", help="no start on an X display (Xvfb)")
    parser.add_argument("--startup-runs", type=int, default=0,
                        help="also time N starts to the login window, the program's and the source's")
    parser.add_argument("--expected", type=Path, help=argparse.SUPPRESS)  # the tests' source results
    args = parser.parse_args(argv)
    if args.program == "in-process":
        args.work.mkdir(parents=True, exist_ok=True)
        return in_process(args.work, args.cases, args.expected)

    program = program_of(args.program)
    installed = Path(program[0]).parent
    if installed.name == "MacOS":
        installed = installed.parent.parent
    work = args.work or Path(tempfile.mkdtemp(prefix="reviewdesk-smoke-"))
    work.mkdir(parents=True, exist_ok=True)
    env = clean_env(work / "home")
    log = print
    log(f"smoke: testing {program[0]} in {work}")
    before = snapshot(installed)
    started = time.monotonic()
    try:
        run = process_runner(program, env, work)
        source = process_runner(program_of(args.source), env, work)
        for step in compared_steps(work):
            compare(step, run(step), source(step), log)
        vault = vault_steps(run, work, args.cases, log)
        if not args.no_gui:
            screenshot_steps(run, work, vault, log)
            if sys.platform.startswith("linux") and not args.no_x11:
                x11_steps(program, program_of(args.source), env, work, vault, args.startup_runs, log)
        after = snapshot(installed)
        if after != before:
            changed = sorted(set(after.items()) ^ set(before.items()))
            raise Failed(f"files inside {installed} changed: {changed[:10]}")
        home = sorted(str(p.relative_to(work / "home")) for p in (work / "home").rglob("*") if p.is_file())
        log(f"nothing written inside {installed}; in the fresh HOME: {home or 'nothing'}")
    except Failed as exc:
        print(f"smoke: FAILED: {exc}", file=sys.stderr)
        return 1
    log(f"smoke: passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
