"""The measurements: each returns figures as (label, value, unit) rows."""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Row = tuple[str, str, str]
DEMO_USER, DEMO_PASSWORD = "secretariat1", "demo-password"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def generate(path: Path, cases: int) -> float:
    from reviewdesk.demo.generator import generate_demo
    from reviewdesk.store.vault import Vault

    start = time.perf_counter()
    with Vault.create(path) as vault:
        generate_demo(vault, cases, letters=0)
    return time.perf_counter() - start


def empty_vault(path: Path) -> None:
    from reviewdesk.auth.users import bootstrap_admin
    from reviewdesk.store.vault import Vault

    with Vault.create(path) as vault:
        bootstrap_admin(vault, DEMO_USER, "事務局", DEMO_PASSWORD)


def gui_probe(path: Path) -> dict[str, float]:
    """Open and first page from process start, then scroll to the end, in a child process."""
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.gui_probe", str(path), DEMO_USER,
                           DEMO_PASSWORD], capture_output=True, text=True, env=os.environ.copy(),
                          timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"gui probe failed: {proc.stderr.strip()[-2000:]}")
    figures: dict[str, float] = {}
    for line in proc.stdout.splitlines():
        key, _, value = line.partition(" ")
        if key in ("FIRST_PAGE", "SCROLL_END", "PEAK_RSS_MB", "ROWS"):
            figures[key] = float(value)
    figures["FIRST_PAGE"] -= start
    return figures


SEARCH_WORDS_JA = ("熱傷", "壊死", "瘢痕", "ヒアルロン酸", "脂肪吸引", "色素沈着", "抜去", "感染",
                   "注意義務", "説明義務", "因果関係", "後遺障害", "慰謝料", "休業損害", "二重瞼",
                   "豊胸", "麻痺", "しびれ", "熱", "皮", "左右差", "同意書", "施術記録", "塞栓")
SEARCH_WORDS_EN = ("PDT", "IPL", "HIFU", "LED", "ipl", "hifu", "2024-000", "2019-01")


def search(path: Path, queries: int = 200, seed: int = 7) -> list[Row]:
    """What the search box does: count the matches (as the list does) and read the first page."""
    from reviewdesk.auth.users import authenticate
    from reviewdesk.cases.queries import CaseFilter, list_cases, listed_count
    from reviewdesk.store.vault import Vault

    rng = random.Random(seed)
    rows: list[Row] = []
    with Vault.open(path) as vault:
        actor = authenticate(vault, DEMO_USER, DEMO_PASSWORD)
        for name, words in (("Japanese substrings", SEARCH_WORDS_JA), ("English words", SEARCH_WORDS_EN)):
            times = []
            for _ in range(queries):
                f = CaseFilter(search=rng.choice(words))
                times.append(timed(lambda f=f: (listed_count(vault, actor, f),
                                                 list_cases(vault, actor, f, limit=200))))
            times.sort()
            p50, p95 = statistics.median(times), times[int(len(times) * 0.95) - 1]
            rows.append((f"search, {name}: p50 / p95 ({queries} queries)",
                         f"{p50 * 1000:.0f} / {p95 * 1000:.0f}", "ms"))
    return rows


def reviewer_pages(path: Path, reviewer: str = "derm1") -> list[Row]:
    """A busy reviewer's case list: the count and a page at the start, middle and end."""
    from reviewdesk.auth.users import authenticate
    from reviewdesk.cases.queries import count_cases, list_cases
    from reviewdesk.store.vault import Vault

    with Vault.open(path) as vault:
        actor = authenticate(vault, reviewer, DEMO_PASSWORD)
        total = count_cases(vault, actor)
        times = [timed(lambda offset=offset: list_cases(vault, actor, offset=offset))
                 for offset in (0, total // 2, max(total - 200, 0))]
    return [(f"case list page as a reviewer of {total:,} cases (worst of start/middle/end)",
             f"{max(times) * 1000:.0f}", "ms")]


def letters(path: Path, batch: int = 100) -> list[Row]:
    """Render, and render + sign, an assessment letter built from a liable case of the vault."""
    import datetime as dt

    import sqlalchemy as sa

    from reviewdesk.letters import gather
    from reviewdesk.letters.builders import build_assessment_letter
    from reviewdesk.letters.inputs import AssessmentLetterInput, LetterHeader
    from reviewdesk.letters.pdf import render_pdf
    from reviewdesk.letters.pki import make_demo_pki
    from reviewdesk.letters.signing import sign_pdf
    from reviewdesk.store import models as m
    from reviewdesk.store.vault import Vault

    pki = make_demo_pki()
    with Vault.open(path) as vault, vault.reading() as session:
        assessment = session.scalars(sa.select(m.Assessment).where(m.Assessment.status == "approved")
                                     .limit(1)).first()
        if assessment is None:
            return [("letters", "no approved assessment in the vault", "")]
        case = session.get(m.Case, assessment.case_id)
        assert case is not None
        data = AssessmentLetterInput(
            LetterHeader("RD-BENCH-00001", dt.date(2026, 11, 21), gather.recipient(session, case)),
            gather.case_summary(session, case), "RD-BENCH-00000", dt.date(2026, 11, 12),
            dt.date(2026, 11, 20), gather.assessment_figures(assessment))

    def render() -> bytes:
        return render_pdf(build_assessment_letter(data))

    def render_and_sign() -> bytes:
        return sign_pdf(render(), pki.signer_p12, pki.password, signer_name=pki.signer_name,
                        reason="査定結果通知書", location="東京都千代田区")

    render_and_sign()  # warm: fonts parsed once per process
    render_times = sorted(timed(render) for _ in range(20))
    sign_times = sorted(timed(render_and_sign) for _ in range(20))
    batch_time = timed(lambda: [render_and_sign() for _ in range(batch)])
    return [("letter render (median of 20)", f"{statistics.median(render_times) * 1000:.0f}", "ms"),
            ("letter render + sign (median of 20)", f"{statistics.median(sign_times) * 1000:.0f}", "ms"),
            (f"{batch} letters rendered and signed", f"{batch_time:.1f}", "s")]


def engine(count: int = 5000, seed: int = 11) -> list[Row]:
    """Scenarios per second through parse and assess (the demo's scenario mix)."""
    import datetime as dt

    from reviewdesk.cases.assessment import assess, current_edition, parse_scenario
    from reviewdesk.demo.scenario import demo_scenario

    rng = random.Random(seed)
    contract = {"id": 1, "course": "facility", "period_start": dt.date(2026, 1, 1),
                "period_end": dt.date(2026, 12, 31), "retro_date": dt.date(2016, 1, 1),
                "per_claim_limit": 10_000_000, "deductible": 100_000, "annual_aggregate": 30_000_000,
                "litigation_costs_in_aggregate": True, "anesthesia_class": "C2",
                "anesthesia_attachment": 1_000_000, "anesthesia_limit": 100_000_000}
    scenarios = []
    for _ in range(count):
        kind = rng.choice(("injury", "after_effect", "death"))
        scenarios.append(demo_scenario(
            rng, incident_date=dt.date(2026, 2, 1), claim_date=dt.date(2026, 6, 1), procedure="filler",
            outcome_kind=kind, grade=rng.randint(1, 14) if kind == "after_effect" else None,
            sex=rng.choice(("female", "male")), age=rng.randint(20, 66), share="1",
            contract=contract, aggregate_used=rng.choice((0, 5_000_000))))
    edition = current_edition()
    elapsed = timed(lambda: [assess(parse_scenario(s), edition) for s in scenarios])
    return [("assessment engine (parse + assess)", f"{count / elapsed:,.0f}", "scenarios/s")]


def sqlcipher_cost(rows: int = 100_000, lookups: int = 20_000) -> list[Row]:
    """The same insert and query workload on SQLCipher (raw key, the vault's own connection
    settings) and on stdlib sqlite3 given the same journal, sync and page-cache settings."""
    from reviewdesk.store.engine import PAGE_CACHE_KIB, connect

    def workload(conn) -> float:  # type: ignore[no-untyped-def]
        rng = random.Random(3)
        conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, case_no TEXT UNIQUE, summary TEXT, "
                     "amount INTEGER)")
        data = [(i, f"2026-{i:06d}", f"レーザー施術後に熱傷を生じた事案 {i}" * 3, i * 1000)
                for i in range(rows)]
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", data)
        conn.execute("COMMIT")
        for _ in range(lookups):
            conn.execute("SELECT summary, amount FROM t WHERE case_no = ?",
                         (f"2026-{rng.randrange(rows):06d}",)).fetchone()
        conn.execute("SELECT count(*) FROM t WHERE summary LIKE '%事案 777%'").fetchone()
        return time.perf_counter() - start

    folder = Path(tempfile.mkdtemp())
    results = {}
    for attempt in range(3):  # alternate, best of three each: the machine is noisy
        enc = connect(folder / f"enc{attempt}.db", os.urandom(32).hex() + os.urandom(16).hex())
        plain = sqlite3.connect(folder / f"plain{attempt}.db", isolation_level=None)
        plain.execute("PRAGMA journal_mode = WAL")
        plain.execute("PRAGMA synchronous = NORMAL")
        plain.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
        results.setdefault("enc", []).append(workload(enc))
        results.setdefault("plain", []).append(workload(plain))
        enc.close()
        plain.close()
    enc_t, plain_t = min(results["enc"]), min(results["plain"])
    return [("SQLCipher vs stdlib sqlite3, same workload",
             f"{enc_t:.2f} s / {plain_t:.2f} s = {enc_t / plain_t:.2f}x", "ratio")]


def print_rows(title: str, rows: list[Row]) -> None:
    """The figures as a markdown table under a heading naming the machine and the day."""
    import platform

    print(f"\n{title} — {platform.python_version()}, {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d')}\n")
    width = max(len(r[0]) for r in rows)
    print(f"| {'measure':<{width}} | value | unit |")
    print(f"|{'-' * (width + 2)}|-------|------|")
    for label, value, unit in rows:
        print(f"| {label:<{width}} | {value} | {unit} |")
