"""`python -m benchmarks startup [--cases N] [--vault PATH]`: ReviewDesk's start-up against an
empty PySide6 window measured in the same run (issue 18).

Every figure is the median of --runs child processes (benchmarks/startup_probe.py), each timed
from its spawn; the empty window's wall time and peak memory are the yardsticks of the ratios.
The simulated user types for --typing seconds once the login window is painted (what the
application does meanwhile is its own affair; the typing itself is subtracted), and opens a
case a few seconds after the list appears. One more set of runs types instantly, so nothing
overlaps with typing. The vaults are demo vaults (`reviewdesk demo --no-gui`, demo passphrase);
each run on the N-case vault issues one intake acknowledgement letter into it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import measures

DEMO_PASSPHRASE = "demo-only-passphrase"  # the demo's, so a vault made by `reviewdesk demo` opens
TYPING_S = 1.5  # a password typed into a login window whose user name is filled in
CASE_AFTER_S = 3.0  # a user's few seconds between the list appearing and opening a case


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str  # "s", "ms" or "MiB"
    ratio: float
    target: str

    @property
    def measured(self) -> str:
        digits = 0 if self.unit in ("ms", "MiB") else 2
        return f"{self.value:.{digits}f} {self.unit}"

    def line(self) -> str:
        return f"{self.name}: {self.measured} ({self.ratio:.1f} x empty window)"


def _env(home: Path) -> dict[str, str]:
    env = os.environ.copy()
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["REVIEWDESK_PASSPHRASE"] = DEMO_PASSPHRASE
    env.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    env["XDG_CONFIG_HOME"] = str(home)  # the window's geometry is saved there, not in ~/.config
    return env


def _child(args: list[str], env: dict[str, str]) -> dict[str, list[float]]:
    """One probe process: its KEY lines, times made relative to the spawn."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.startup_probe", *args], env=env,
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"startup probe {args[0]} failed: {proc.stderr.strip()[-3000:]}")
    figures: dict[str, list[float]] = {}
    for line in proc.stdout.splitlines():
        key, *values = line.split()
        if key.isupper() and values:
            numbers = [float(v) for v in values]
            if len(numbers) == 2:  # a stamp: wall since spawn, CPU of the whole process
                numbers[0] -= start
            figures[key] = numbers
    return figures


def _median(runs: list[dict[str, list[float]]], key: str, index: int = 0) -> float:
    return statistics.median(r[key][index] for r in runs)


def _app_runs(vault: Path, env: dict[str, str], runs: int, *, typing: float,
              cases: bool = False) -> list[dict[str, list[float]]]:
    extra = ["--typing", str(typing)] + (["--case-after", str(CASE_AFTER_S)] if cases else [])
    return [_child(["app", str(vault), measures.DEMO_USER, measures.DEMO_PASSWORD, *extra], env)
            for _ in range(runs)]


def _figures(runs: list[dict[str, list[float]]], wall: float, peak: float,
             instant: list[dict[str, list[float]]] | None = None) -> list[Figure]:
    login = _median(runs, "LOGIN_PAINTED")
    to_page = statistics.median(r["FIRST_PAGE"][0] - r["ACCEPTED"][0] for r in runs)
    first_page = statistics.median(r["FIRST_PAGE"][0] - r["TYPING"][0] for r in runs)
    cpu = _median(runs, "FIRST_PAGE", 1)
    figures = [
        Figure("process start to login window painted", login, "s", login / wall, "≤ 2×"),
        Figure("password accepted to first page painted", to_page, "s", to_page / wall, "≤ 0.5 s"),
        Figure("process start to first page excluding typing", first_page, "s", first_page / wall,
               "≤ 4×"),
    ]
    if instant:
        at_once = _median(instant, "FIRST_PAGE")
        figures.append(Figure("process start to first page, typing instantly", at_once, "s",
                              at_once / wall, "—"))
    held = _median(runs, "RSS_LIST_MIB")
    figures += [
        Figure("CPU of the whole process to first page", cpu, "s", cpu / wall, "—"),
        Figure("peak memory with the case list open", _median(runs, "PEAK_LIST_MIB"), "MiB",
               _median(runs, "PEAK_LIST_MIB") / peak, "≤ 3×"),
        Figure("memory held with the case list open", held, "MiB", held / peak, "—"),
    ]
    if all("FIRST_LETTER_MS" in r for r in runs):
        letter = _median(runs, "FIRST_LETTER_MS")
        figures.append(Figure("first letter of a session", letter, "ms", letter / 1000 / wall, "≤ 1 s"))
        end = _median(runs, "PEAK_END_MIB")
        figures.append(Figure("peak memory after the first letter", end, "MiB", end / peak, "—"))
    if all("WARMED_AFTER_PAGE_S" in r for r in runs):
        warmed = _median(runs, "WARMED_AFTER_PAGE_S")
        figures.append(Figure("background loading done, after the first page", warmed, "s",
                              warmed / wall, "—"))
    if all("CASE_TAB_MS" in r for r in runs):
        tab = _median(runs, "CASE_TAB_MS")
        switch = _median(runs, "TAB_SWITCH_MAX_MS")
        figures += [Figure("opening a case tab", tab, "ms", tab / 1000 / wall, "≤ 150 ms"),
                    Figure("switching between its tabs (slowest)", switch, "ms", switch / 1000 / wall,
                           "≤ 50 ms each")]
    return figures


def _demo_vault(path: Path, cases: int, env: dict[str, str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "reviewdesk", "demo", "--vault", str(path),
                           "--cases", str(cases), "--no-gui"], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"reviewdesk demo failed: {proc.stderr.strip()[-2000:]}")


def _empty_vault(path: Path, env: dict[str, str]) -> None:
    code = ("import sys; from benchmarks import measures; from pathlib import Path; "
            "measures.empty_vault(Path(sys.argv[1]))")
    subprocess.run([sys.executable, "-c", code, str(path)], env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks startup", description=__doc__)
    parser.add_argument("--cases", type=int, default=2_000, help="cases in the generated vault")
    parser.add_argument("--vault", type=Path,
                        help="reuse this demo vault (demo passphrase) instead of generating one")
    parser.add_argument("--runs", type=int, default=5, help="child processes per figure (median)")
    parser.add_argument("--typing", type=float, default=TYPING_S,
                        help=f"seconds the simulated user types at the login (default {TYPING_S})")
    parser.add_argument("--workdir", type=Path, help="where to put the generated vaults")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs: at least 5 (the figures are medians)")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="reviewdesk-startup-"))
    work.mkdir(parents=True, exist_ok=True)
    env = _env(work)
    started = time.monotonic()
    empty = work / "startup-empty.rdvault"
    if not empty.exists():
        _empty_vault(empty, env)
    big = args.vault
    if big is None:
        big = work / f"startup-{args.cases}.rdvault"
        if not big.exists():
            _demo_vault(big, args.cases, env)

    windows = [_child(["empty"], env) for _ in range(args.runs)]
    wall, cpu = _median(windows, "PAINTED"), _median(windows, "PAINTED", 1)
    peak = _median(windows, "PEAK_MIB")
    empty_figures = _figures(_app_runs(empty, env, args.runs, typing=args.typing), wall, peak)
    big_runs = _app_runs(big, env, args.runs, typing=args.typing, cases=True)
    instant = _app_runs(big, env, args.runs, typing=0.0)
    rows = int(big_runs[0]["ROWS"][0])
    big_figures = _figures(big_runs, wall, peak, instant)

    import platform

    print(f"\nReviewDesk start-up, medians of {args.runs} runs — Python {platform.python_version()}, "
          f"{os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}; typing {args.typing:g} s, "
          f"a case opened {CASE_AFTER_S:g} s after the list")
    print(f"empty window: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB peak (process start "
          "to shown and painted)")
    for label, figures in (("empty vault", empty_figures), (f"{rows:,} cases", big_figures)):
        print(f"\n{label}:")
        for f in figures:
            print(f.line())
    print("\nThe same as a table (README, 'Start-up'):\n")
    print("| figure | vault | target | measured | × empty window |")
    print("|---|---|---|---|---|")
    print(f"| empty PySide6 window, process start to painted | — | — | {wall:.2f} s, {peak:.0f} MiB | 1 |")
    for label, figures in (("empty", empty_figures), (f"{rows:,} cases", big_figures)):
        for f in figures:
            print(f"| {f.name} | {label} | {f.target} | {f.measured} | {f.ratio:.1f} |")
    print(f"\n(whole benchmark: {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
