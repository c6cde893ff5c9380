"""What else happened while the seats ran: when the slow actions came, what the server logged
(checkpoints, autovacuum) and how long the machine stalled (Linux pressure stall information).

A tail of a few slow actions says little by itself: slow actions of many seats in the same
second point at the machine or the server (a checkpoint's writes, a disk's slow fsync), a slow
kind of action alone at its own query."""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

PRESSURE = Path("/proc/pressure")
# PostgreSQL's default log_line_prefix ('%m [%p] ') begins with the time in milliseconds.
_LOGGED = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) (\S+) \[\d+\] LOG:  (.*)$")
_EVENTS = ("checkpoint complete", "automatic vacuum", "automatic analyze")


def pressure() -> dict[str, int]:
    """Microseconds, since boot, that some / all runnable tasks waited for CPU or I/O."""
    out: dict[str, int] = {}
    for resource in ("cpu", "io"):
        path = PRESSURE / resource
        if not path.exists():
            continue
        for line in path.read_text().splitlines():
            scope, *fields = line.split()
            out[f"{resource} {scope}"] = int(dict(f.split("=") for f in fields)["total"])
    return out


def stalls(before: dict[str, int], after: dict[str, int], seconds: float) -> str:
    """The share of the run the machine's tasks stalled, per resource and scope."""
    parts = [f"{key} {100 * (after[key] - before[key]) / 1e6 / seconds:.1f} %"
             for key in sorted(before) if key in after]
    return ", ".join(parts) if parts else "not available (no /proc/pressure)"


def server_events(log: Path, start: float, end: float) -> list[str]:
    """Checkpoints and autovacuum runs the cluster logged between start and end (epoch seconds)."""
    if not log.exists():
        return []
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        m = _LOGGED.match(line)
        if not m or not m.group(3).startswith(_EVENTS):
            continue
        when = datetime.strptime(f"{m.group(1)} +0000" if m.group(2) == "UTC" else m.group(1),
                                 "%Y-%m-%d %H:%M:%S.%f %z" if m.group(2) == "UTC"
                                 else "%Y-%m-%d %H:%M:%S.%f").timestamp()
        if start <= when <= end:
            # A checkpoint's buffers and its write / sync / total times; autovacuum's table.
            parts = m.group(3).split("; ")
            text = "; ".join(parts[:1] + [p for p in parts if p.startswith("write=")])
            found.append(f"t+{when - start:.0f} s: {text[:200]}")
    return found


def slow_seconds(reports: list[dict[str, Any]], start: float, threshold: float, top: int = 3) -> list[str]:
    """The seconds of the run with the most slow actions, from how many seats, of which kinds."""
    by_second: dict[int, list[tuple[int, str, float]]] = defaultdict(list)
    for r in reports:
        for ended, kind, seconds in r.get("slow", []):
            by_second[int(ended - start)].append((r["config"]["index"], kind, seconds))
    total = sum(len(v) for v in by_second.values())
    if not total:
        return [f"no action took {threshold * 1000:.0f} ms or more"]
    together = sum(len(v) for v in by_second.values() if len({seat for seat, _, _ in v}) >= 3)
    lines = [f"actions of {threshold * 1000:.0f} ms or more: {total}, of which {together} in a second "
             "when three seats or more were slow"]
    for second, slow in sorted(by_second.items(), key=lambda kv: -len(kv[1]))[:top]:
        kinds = Counter(kind for _, kind, _ in slow)
        worst = max(seconds for _, _, seconds in slow)
        lines.append(f"t+{second} s: {len(slow)} slow at {len({s for s, _, _ in slow})} seats, up to "
                     f"{worst * 1000:.0f} ms ({', '.join(f'{k} {n}' for k, n in kinds.most_common())})")
    return lines


def search_words(alive: list[dict[str, Any]]) -> str:
    """Each search word's slowest and median time: which words make a length's tail."""
    by_word: dict[str, list[float]] = defaultdict(list)
    for r in alive:
        for word, seconds in r["searches"]:
            by_word[word].append(seconds)
    ranked = sorted(by_word.items(), key=lambda item: -max(item[1]))
    return "searches by word, slowest / median ms (count): " + "; ".join(
        f"{word} {max(v) * 1000:.0f} / {statistics.median(v) * 1000:.0f} ({len(v)})" for word, v in ranked)
