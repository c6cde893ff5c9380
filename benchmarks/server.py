"""`python -m benchmarks server [--cases N] [--seats 15] [--seconds 60] [--think S] [--socket]`

The whole board on one PostgreSQL server: the demo vault of N cases (cached) imported with
`reviewdesk server import`, then each seat a process of its own, signed in with its member's
login, doing what that member does for --seconds: reviewers reading their cases and saving or
submitting opinions, the secretariat searching and registering cases, the chair recording
findings at a meeting held today, the committee computing assessments, the auditor reading.
Between actions a seat waits --think seconds on average (0: as fast as it can).

Prints actions per second, p50/p95/p99 latency per kind of action, the delay from a write at
one seat to its Changes at every other seat's subscriber, the errors, and afterwards the
lost-update count, the audit chain and `reviewdesk check`.
"""

from __future__ import annotations

import argparse
import bisect
import json
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks import measures, server_watch
from benchmarks.server_seat import SLOW_SECONDS
from benchmarks.server_setup import Board, cached_demo, import_board

# Who sits at the fifteen desks: (login, what they do). The secretariat has two clerks per
# login (two desks each); the demo has one login per other member.
SEATS: tuple[tuple[str, str], ...] = (
    ("secretariat1", "searcher"), ("secretariat1", "intake"), ("secretariat2", "searcher"),
    ("secretariat2", "intake"), ("derm1", "reviewer"), ("derm2", "reviewer"), ("plastic1", "reviewer"),
    ("plastic2", "reviewer"), ("anest1", "reviewer"), ("lawyer1", "reviewer"), ("lawyer2", "reviewer"),
    ("chair1", "chair"), ("assess1", "committee"), ("assess2", "committee"), ("auditor1", "auditor"),
)
PER_SEAT = 300  # cases a reviewer or committee seat works on
AGENDA = 40  # items on the chair's meeting: a long real agenda (a finding takes the chair seconds)
GRACE = 3.0  # seconds seats keep listening after the run
WRITES = ("case.register", "opinion.save", "opinion.submit", "finding.record", "assessment.compute")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def ms(value: float) -> str:
    return f"{value * 1000:.0f}"


# Staging: what the seats will work on, prepared as the database's owner ---------------------

def stage(board: Board, seats: int) -> dict[str, Any]:
    import sqlalchemy as sa

    from reviewdesk.auth.users import actor_for
    from reviewdesk.cases import meetings, review
    from reviewdesk.store import models as m
    from reviewdesk.store.vault import Vault

    today = date.today()
    plan: dict[str, Any] = {"today": today.isoformat(), "reviewer_cases": {}, "committee_cases": {}}
    with Vault.open(board.owner_url) as vault:
        with vault.reading() as s:
            users = dict(s.execute(sa.select(m.User.username, m.User.id)).all())
            plan["max_case_id"] = int(s.scalar(sa.select(sa.func.max(m.Case.id))) or 1)
            for name, _ in SEATS[:seats]:
                rows = s.scalars(sa.select(m.Assignment.case_id)
                                 .join(m.Case, m.Case.id == m.Assignment.case_id)
                                 .where(m.Assignment.reviewer_id == users[name],
                                        m.Assignment.status.in_(("assigned", "submitted")),
                                        m.Case.state == "peer_review")
                                 .order_by(m.Assignment.case_id).limit(PER_SEAT)).all()
                plan["reviewer_cases"][name] = sorted(set(rows))
            spare = s.scalars(sa.select(m.Case.id).where(m.Case.state == "peer_review")
                              .order_by(m.Case.id.desc()).limit(400)).all()
            board_cases = s.scalars(sa.select(m.Case.id).where(m.Case.state == "board_review")
                                    .order_by(m.Case.id.desc()).limit(AGENDA)).all()
            assessing = s.scalars(sa.select(m.Case.id).where(m.Case.state == "assessment")
                                  .order_by(m.Case.id.desc()).limit(2 * PER_SEAT)).all()
            plan["committee_cases"] = {"assess1": sorted(assessing[0::2]), "assess2": sorted(assessing[1::2])}
            contracts = s.execute(
                sa.select(m.Contract.id, sa.func.min(m.InsuredDoctor.id), m.Contract.period_start)
                .join(m.InsuredDoctor, m.InsuredDoctor.contract_id == m.Contract.id)
                .where(m.Contract.period_start <= today - timedelta(days=60), m.Contract.period_end >= today)
                .group_by(m.Contract.id, m.Contract.period_start).limit(200)).all()
            incident = (today - timedelta(days=30)).isoformat()
            plan["contracts"] = [(cid, did, incident) for cid, did, _ in contracts]
            secretary = actor_for(vault, users["secretariat1"])
            board_members = [u.id for u in meetings.committee_members(s, "review_board")]
        # A reviewer without cases in peer review (the demo's anaesthetist) is assigned some.
        for name, mix in SEATS[:seats]:
            if mix == "reviewer" and len(plan["reviewer_cases"][name]) < 20:
                for case_id in [c for c in spare if c not in plan["reviewer_cases"][name]][:80]:
                    try:
                        review.assign_reviewer(vault, secretary, case_id, users[name], today=today)
                        plan["reviewer_cases"][name].append(case_id)
                    except Exception:
                        continue
                    if len(plan["reviewer_cases"][name]) >= 40:
                        break
        # The chair's meeting: held today, everyone present, cases awaiting the board on its agenda.
        meeting_id = meetings.create_meeting(vault, secretary, "review_board", today, "負荷試験 審査会",
                                             "本部会議室")
        meetings.record_attendance(vault, secretary, meeting_id, board_members)
        items = []
        for case_id in board_cases:
            try:
                items.append(meetings.add_to_agenda(vault, secretary, meeting_id, case_id))
            except Exception:
                continue
        plan["meeting_id"], plan["items"] = meeting_id, items
        with vault.reading() as s:
            plan["audit_head"] = int(s.scalar(sa.select(sa.func.max(m.AuditEvent.id))) or 0)
            all_cases = {c for cs in plan["reviewer_cases"].values() for c in cs}
            plan["revisions"] = {str(i): r or 0 for i, r in s.execute(
                sa.select(m.Opinion.id, m.Opinion.revision).where(m.Opinion.case_id.in_(all_cases))).all()}
    return plan


def seat_configs(board: Board, plan: dict[str, Any], args: argparse.Namespace,
                 work: Path) -> list[dict[str, Any]]:
    configs = []
    for index, (name, mix) in enumerate(SEATS[:args.seats]):
        cases: list[int] = []
        items: list[int] = []
        if mix == "reviewer":
            cases = plan["reviewer_cases"][name]
        elif mix == "committee":
            cases = plan["committee_cases"][name]
        elif mix == "chair":
            items = list(plan["items"])
        configs.append({"index": index, "url": board.seat_url, "username": name,
                        "password": board.passwords[name], "mix": mix, "seconds": args.seconds,
                        "think": args.think, "grace": GRACE, "seed": 1000 + index, "cases": cases,
                        "items": items, "max_case_id": plan["max_case_id"], "contracts": plan["contracts"],
                        "meeting_id": plan["meeting_id"], "today": plan["today"],
                        "out": str(work / f"seat-{index:02d}.json")})
    return configs


def run_seats(configs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from benchmarks.server_seat import seat_main

    ctx = multiprocessing.get_context("spawn")
    go, ready = ctx.Event(), ctx.Queue()
    processes = [ctx.Process(target=seat_main, args=(c, go, ready), name=f"seat-{c['index']}")
                 for c in configs]
    for p in processes:
        p.start()
    for _ in processes:
        ready.get(timeout=600)  # every seat signed in, subscribed and warm
    go.set()
    seconds = configs[0]["seconds"] + GRACE + 600
    for p in processes:
        p.join(timeout=seconds)
        if p.is_alive():
            p.terminate()
    reports = []
    for c in configs:
        path = Path(c["out"])
        reports.append(json.loads(path.read_text(encoding="utf-8")) if path.exists()
                       else {"config": c, "fatal": "the seat's process wrote no report"})
    return reports


# Analysis ----------------------------------------------------------------------------------

def notification_delays(reports: list[dict[str, Any]]) -> tuple[list[float], int]:
    """Each write (the time its own seat heard it, right after the commit) matched with the
    first arrival at every other seat that carries its Changes (a seat's listener tells the
    notices it hears within a quarter second as one): the delays, and how many (write, seat)
    pairs never arrived."""
    writes = sorted(((r["config"]["index"], t, frozenset(c), frozenset(k)) for r in reports
                     if "fatal" not in r for t, c, k in r["heard_own"]), key=lambda w: w[1])
    delays: list[float] = []
    missed = 0
    for listener in reports:
        if "fatal" in listener:
            continue
        me = listener["config"]["index"]
        arrivals = sorted((t, frozenset(c), frozenset(k)) for t, c, k in listener["arrivals"])
        times = [a[0] for a in arrivals]
        for seat, t, cases, kinds in writes:
            if seat == me:
                continue
            # The notice may beat the writer's own timestamp by a hair: both follow the commit.
            first = bisect.bisect_left(times, t - 0.05)
            heard = next((a for a in arrivals[first:] if cases <= a[1] and kinds <= a[2]), None)
            if heard is not None:
                delays.append(heard[0] - t)
            else:
                missed += 1
    return delays, missed


def lost_updates(board: Board, plan: dict[str, Any], reports: list[dict[str, Any]]) -> list[measures.Row]:
    """Every write a seat saw committed against what the database holds afterwards."""
    import sqlalchemy as sa

    from reviewdesk.auth.audit import verify_chain
    from reviewdesk.auth.integrity import check_rows
    from reviewdesk.store import models as m
    from reviewdesk.store.vault import Vault

    reported: dict[str, list[int]] = defaultdict(list)
    for r in reports:
        for w in r.get("writes", ()):
            reported[w["action"]].append(w["id"])
    lost: Counter[str] = Counter()
    with Vault.open(board.owner_url) as vault, vault.reading() as s:
        events = Counter(dict(s.execute(
            sa.select(m.AuditEvent.action, sa.func.count()).where(m.AuditEvent.id > plan["audit_head"])
            .group_by(m.AuditEvent.action)).all()))
        cases = set(s.scalars(sa.select(m.Case.id).where(m.Case.id.in_(reported["case.register"]))).all())
        lost["case.register"] = len(set(reported["case.register"]) - cases)
        duplicates = int(s.scalar(sa.select(sa.func.count() - sa.func.count(sa.distinct(m.Case.case_no)))
                                  .select_from(m.Case)) or 0)
        findings = set(s.scalars(sa.select(m.Finding.id)
                                 .where(m.Finding.id.in_(reported["finding.record"]))).all())
        lost["finding.record"] = len(set(reported["finding.record"]) - findings)
        computed = set(s.scalars(sa.select(m.Assessment.id)
                                 .where(m.Assessment.id.in_(reported["assessment.compute"]))).all())
        lost["assessment.compute"] = len(set(reported["assessment.compute"]) - computed)
        # An opinion's revision counts its saves and its submission: each one is there or lost.
        touched = Counter(reported["opinion.save"]) + Counter(reported["opinion.submit"])
        now = dict(s.execute(sa.select(m.Opinion.id, m.Opinion.revision)
                             .where(m.Opinion.id.in_(list(touched)))).all())
        lost["opinion.save"] = sum(max(0, plan["revisions"].get(str(i), 0) + n - (now.get(i) or 0))
                                   for i, n in touched.items())
        submitted = set(s.scalars(sa.select(m.Opinion.id).where(m.Opinion.id.in_(reported["opinion.submit"]),
                                                                 m.Opinion.status == "submitted")).all())
        lost["opinion.submit"] = len(set(reported["opinion.submit"]) - submitted)
        chain = verify_chain(s)
        digests = check_rows(s)
    mismatched = [f"{a}: {len(reported[a])} reported, {events[a]} audited" for a in WRITES
                  if len(reported[a]) != events[a]]
    check = subprocess.run([sys.executable, "-m", "reviewdesk", "check", "--vault", board.owner_url],
                           capture_output=True, text=True)
    check_text = "passes" if check.returncode == 0 else \
        f"FAILS ({check.returncode}): {(check.stdout + check.stderr).strip()[-400:]}"
    return [
        ("writes reported committed, by kind",
         ", ".join(f"{a.split('.')[0]} {a.split('.')[1]} {len(reported[a])}" for a in WRITES), ""),
        ("lost updates (reported committed, not in the database)", str(sum(lost.values())),
         ", ".join(f"{k} {v}" for k, v in lost.items() if v) or "rows"),
        ("writes reported vs audit events of the run", "; ".join(mismatched) or "equal", ""),
        ("duplicate case numbers", str(duplicates), "rows"),
        ("audit chain", "intact" if chain.intact else f"BROKEN at {chain.broken_event_id}: {chain.reason}",
         f"{chain.events:,} events"),
        ("audited rows as the trail recorded them (check's digests)",
         f"{len(digests.problems)} problems", f"{digests.rows:,} rows"),
        ("reviewdesk check --vault <owner URL>", check_text, ""),
    ]


def figures(reports: list[dict[str, Any]], args: argparse.Namespace) -> tuple[list[measures.Row], list[str]]:
    rows: list[measures.Row] = []
    notes: list[str] = []
    fatal = [r for r in reports if "fatal" in r]
    alive = [r for r in reports if "fatal" not in r]
    for r in fatal:
        notes.append(f"seat {r['config']['index']} ({r['config']['username']}) failed: {r['fatal']}")
    latencies: dict[str, list[float]] = defaultdict(list)
    for r in alive:
        for kind, values in r["latencies"].items():
            latencies[kind].extend(values)
    errors = [e for r in alive for e in r["errors"]]
    wall = max(r["ended"] for r in alive) - min(r["started"] for r in alive)
    total = sum(len(v) for v in latencies.values()) + len(errors)
    rows.append(("seats (processes) / seconds / think time", f"{len(alive)} / {wall:.0f} / {args.think:g}",
                 "/ s / s"))
    rows.append(("actions per second (all seats)", f"{total / wall:.1f}", f"{total:,} actions"))
    worst = 0.0
    for kind in sorted(latencies):
        values = latencies[kind]
        worst = max(worst, percentile(values, 0.95))
        rows.append((f"{kind}: p50 / p95 / p99 ({len(values)})",
                     f"{ms(percentile(values, 0.5))} / {ms(percentile(values, 0.95))} / "
                     f"{ms(percentile(values, 0.99))}", "ms"))
    notes.append(server_watch.search_words(alive))
    delays, missed = notification_delays(alive)
    if delays:
        rows.append((f"notice, commit → other seat's subscriber: p50 / p95 / p99 / max ({len(delays):,})",
                     f"{ms(statistics.median(delays))} / {ms(percentile(delays, 0.95))} / "
                     f"{ms(percentile(delays, 0.99))} / {ms(max(delays))}", "ms"))
    rows.append(("notifications that never arrived (write × other seat)", str(missed), ""))
    rows.append(("errors", str(len(errors) + len(fatal)), ""))
    kinds = Counter((e["action"], e["type"], e["message"]) for e in errors)
    for (action, kind, message), n in kinds.most_common(15):
        notes.append(f"{n} × {action}: {kind}: {message}")
    notes.append("notice delay: from the moment the writing seat's own subscriber heard its commit (right "
                 "after it) to the other seat's subscriber, on one clock (time.time(), one machine); "
                 "a notice may beat the writer's own call by a hair, hence delays just below 0")
    ok = worst <= 0.1 and delays and percentile(delays, 0.95) <= 1.0 and missed == 0
    notes.insert(0, "targets (p95 ≤ 100 ms every action, notification p95 ≤ 1 s, none lost): "
                    + ("met" if ok else "MISSED"))
    return rows, notes


def watched(board: Board, reports: list[dict[str, Any]], before: dict[str, int],
            after: dict[str, int]) -> list[str]:
    alive = [r for r in reports if "fatal" not in r]
    if not alive:
        return []
    start, end = min(r["started"] for r in alive), max(r["ended"] for r in alive)
    stalled = server_watch.stalls(before, after, end - start)
    notes = [f"machine stalled during the run (share of it): {stalled}"]
    notes += server_watch.slow_seconds(alive, start, SLOW_SECONDS)
    events = server_watch.server_events(board.cluster.folder / "log", start, end)
    notes += [f"server: {e}" for e in events] or ["server: no checkpoint or autovacuum during the run"]
    return notes


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seats", type=int, default=len(SEATS), choices=range(1, len(SEATS) + 1),
                        metavar=f"1..{len(SEATS)}")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds a member takes between actions (0: none; default 1)")
    parser.add_argument("--socket", action="store_true", help="seats on the Unix socket rather than TCP")
    args = parser.parse_args(argv)
    rows: list[measures.Row] = []
    vault, generated = cached_demo(args.cases)
    rows.append((f"demo vault, {args.cases:,} cases",
                 f"{generated:.0f} s to generate" if generated is not None else "cached", str(vault)))
    board = import_board(vault, tcp=not args.socket)
    try:
        rows.append(("reviewdesk server import", f"{board.import_seconds:.0f}", "s"))
        started = time.perf_counter()
        plan = stage(board, args.seats)
        rows.append(("staging (reviewers' cases, a meeting held today with its agenda)",
                     f"{time.perf_counter() - started:.0f}", f"s, {len(plan['items'])} agenda items"))
        before = server_watch.pressure()
        with tempfile.TemporaryDirectory(prefix="rd-seats-") as work:
            reports = run_seats(seat_configs(board, plan, args, Path(work)))
        seat_rows, notes = figures(reports, args)
        notes += watched(board, reports, before, server_watch.pressure())
        rows += seat_rows
        rows += lost_updates(board, plan, reports)
    finally:
        board.remove()
    measures.print_rows(f"ReviewDesk server mode, {args.seats} seats over "
                        f"{'a Unix socket' if args.socket else 'TCP (127.0.0.1)'}", rows)
    print()
    for note in notes:
        print(f"- {note}")
    return 0
