"""`python -m benchmarks search_server [--cases N] [--queries Q]`

Japanese substring search on the same demo vault of N cases, as the secretariat's search box
runs it (listed_count, then list_cases' first page of 200): FTS5 (trigram and gram tokens) on
the SQLCipher file against pg_trgm and GIN-indexed gram arrays on PostgreSQL, the vault
imported with `reviewdesk server import` and searched through a member's own login. Words of
1, 2, 3 and 4+ characters; a reviewer's search (row-level security on the server) too.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from benchmarks import measures
from benchmarks.server import ms, percentile
from benchmarks.server_setup import cached_demo, import_board

WORDS: dict[str, tuple[str, ...]] = {
    "1 character": ("皮", "熱", "腫"),
    "2 characters": ("熱傷", "壊死", "瘢痕"),
    "3 characters": ("二重瞼", "同意書", "左右差"),
    "4+ characters": ("ヒアルロン酸", "色素沈着", "後遺障害"),
}
SECRETARY, REVIEWER = "secretariat1", "derm1"


def measure(vault: Any, actor: Any, queries: int,
            seed: int = 5) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Per length, the seconds of each search (count + first page); the matches of each word."""
    from reviewdesk.cases.queries import CaseFilter, count_cases, list_cases, listed_count
    from reviewdesk.cases.search import forget_matches

    def search(word: str) -> None:
        forget_matches()  # a new search each time, as a user types it, not the last one again
        f = CaseFilter(search=word)
        listed_count(vault, actor, f)
        list_cases(vault, actor, f, limit=200)

    # Warm, and each word's matches counted exactly (the list stops counting at COUNT_LIMIT).
    matches = {word: count_cases(vault, actor, CaseFilter(search=word)) for words in WORDS.values()
               for word in words}
    for word in matches:
        search(word)
    rng = random.Random(seed)
    times: dict[str, list[float]] = {}
    for length, words in WORDS.items():
        for _ in range(queries):
            word = rng.choice(words)
            start = time.perf_counter()
            search(word)
            times.setdefault(length, []).append(time.perf_counter() - start)
    return times, matches


def rows_for(label: str, times: dict[str, list[float]]) -> list[measures.Row]:
    return [(f"{label}, {length}: p50 / p95 ({len(values)} searches)",
             f"{ms(percentile(values, 0.5))} / {ms(percentile(values, 0.95))}", "ms")
            for length, values in times.items()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks search_server", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60, help="searches per word length (default 60)")
    args = parser.parse_args(argv)

    from reviewdesk.auth.users import authenticate
    from reviewdesk.demo.people import DEMO_PASSWORD
    from reviewdesk.store.vault import Vault

    path, _ = cached_demo(args.cases)
    rows: list[measures.Row] = []
    notes: list[str] = []
    with Vault.open(path) as vault:
        for user, label in ((SECRETARY, "SQLCipher + FTS5, secretariat"),
                            (REVIEWER, "SQLCipher + FTS5, reviewer")):
            times, matches = measure(vault, authenticate(vault, user, DEMO_PASSWORD), args.queries)
            rows += rows_for(label, times)
            notes.append(f"{label}: matches " + ", ".join(f"{w} {n:,}" for w, n in matches.items()))
    board = import_board(path, tcp=True)
    try:
        for user, label in ((SECRETARY, "PostgreSQL + pg_trgm, secretariat"),
                            (REVIEWER, "PostgreSQL + pg_trgm, reviewer (row-level security)")):
            seat = Vault.open(board.seat_url)
            try:
                actor = authenticate(seat, user, board.passwords[user])
                times, matches = measure(seat, actor, args.queries)
            finally:
                seat.close()
            rows += rows_for(label, times)
            notes.append(f"{label}: matches " + ", ".join(f"{w} {n:,}" for w, n in matches.items()))
    finally:
        board.remove()
    measures.print_rows(f"Japanese substring search on {args.cases:,} cases: FTS5 on the vault file vs "
                        "pg_trgm on PostgreSQL (count + first page of 200)", rows)
    print()
    for note in notes:
        print(f"- {note}")
    return 0

