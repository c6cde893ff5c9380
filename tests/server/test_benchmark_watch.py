"""The server benchmark's account of what else happened during a run (benchmarks/server_watch.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from benchmarks import server_watch

START = datetime(2026, 12, 2, 7, 30, tzinfo=UTC).timestamp()


def test_slow_actions_are_grouped_by_second_and_seat() -> None:
    reports = [{"config": {"index": i}, "slow": [[START + 5.5, "search 1 char", 0.4]]} for i in range(3)]
    reports[0]["slow"].append([START + 40.2, "save opinion", 1.2])
    lines = server_watch.slow_seconds(reports, START, 0.25)
    assert lines[0] == ("actions of 250 ms or more: 4, of which 3 in a second when three seats or more "
                        "were slow")
    assert lines[1] == "t+5 s: 3 slow at 3 seats, up to 400 ms (search 1 char 3)"
    assert lines[2] == "t+40 s: 1 slow at 1 seats, up to 1200 ms (save opinion 1)"
    assert server_watch.slow_seconds([{"config": {"index": 0}, "slow": []}], START, 0.25) == [
        "no action took 250 ms or more"]


def test_checkpoints_and_autovacuum_in_the_run_are_reported(tmp_path: Path) -> None:
    log = tmp_path / "log"
    log.write_text(
        "2026-12-02 07:29:59.000 UTC [7] LOG:  checkpoint complete: wrote 1 buffers (0.0%); "
        "0 WAL file(s) added; write=0.1 s, sync=0.0 s, total=0.1 s\n"
        "2026-12-02 07:30:12.250 UTC [7] LOG:  checkpoint complete: wrote 9000 buffers (27.5%); "
        "0 WAL file(s) added, 0 removed, 0 recycled; write=26.9 s, sync=1.4 s, total=28.4 s\n"
        "2026-12-02 07:30:30.000 UTC [9] LOG:  automatic analyze of table \"board.public.cases\"\n"
        "2026-12-02 07:30:31.000 UTC [9] LOG:  connection received: host=127.0.0.1\n"
        "2026-12-02 07:31:30.000 UTC [7] LOG:  checkpoint starting: time\n", encoding="utf-8")
    assert server_watch.server_events(log, START, START + 60) == [
        "t+12 s: checkpoint complete: wrote 9000 buffers (27.5%); write=26.9 s, sync=1.4 s, total=28.4 s",
        't+30 s: automatic analyze of table "board.public.cases"']
    assert server_watch.server_events(tmp_path / "none", START, START + 60) == []


def test_stalls_are_a_share_of_the_run() -> None:
    before = {"io full": 1_000_000, "cpu some": 0}
    after = {"io full": 4_000_000, "cpu some": 600_000}
    assert server_watch.stalls(before, after, 60.0) == "cpu some 1.0 %, io full 5.0 %"
    assert server_watch.stalls({}, {}, 60.0) == "not available (no /proc/pressure)"


def test_searches_are_ranked_by_their_slowest_time_with_the_median() -> None:
    reports = [{"searches": [["因果関係", 0.092], ["皮", 0.030]]}, {"searches": [["因果関係", 0.042]]}]
    assert server_watch.search_words(reports) == (
        "searches by word, slowest / median ms (count): 因果関係 92 / 67 (2); 皮 30 / 30 (1)")
