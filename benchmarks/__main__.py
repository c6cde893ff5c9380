"""`python -m benchmarks [--cases N] [--vault PATH]`: generate a large vault and print figures.

`python -m benchmarks startup [--cases N]`: the start-up figures only (benchmarks/startup.py).
`python -m benchmarks server [--cases N] [--seats 15] [--seconds 60]`: the board on PostgreSQL
(benchmarks/server.py); `python -m benchmarks search_server`: search, FTS5 vs pg_trgm.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks import login, measures
from benchmarks.attach import attach_rows
from benchmarks.letters_ltv import letters_ltv_rows
from benchmarks.masking import masking_rows

# Benchmarks use a demo-only passphrase so they run on machines without an OS keyring.
os.environ.setdefault("REVIEWDESK_PASSPHRASE", "benchmark-only-passphrase")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    if sys.argv[1:2] == ["startup"]:
        from benchmarks.startup import main as startup

        return startup(sys.argv[2:])
    if sys.argv[1:2] == ["server"]:
        from benchmarks.server import main as server

        return server(sys.argv[2:])
    if sys.argv[1:2] == ["search_server"]:
        from benchmarks.search_server import main as search_server

        return search_server(sys.argv[2:])
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--vault", type=Path, help="reuse a vault made earlier with the same passphrase")
    parser.add_argument("--workdir", type=Path, help="where to put the generated vaults")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="reviewdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[measures.Row] = []
    big = args.vault
    if big is None:
        big = work / f"bench-{args.cases}.rdvault"
        seconds = measures.generate(big, args.cases)
        rows.append((f"generate a {args.cases:,}-case vault", f"{seconds:.1f}", "s"))
    empty = work / "empty.rdvault"
    if not empty.exists():
        measures.empty_vault(empty)
    large = measures.gui_probe(big)
    small = measures.gui_probe(empty)
    rows += [
        (f"open + first page, {int(large['ROWS']):,} cases (from process start)",
         f"{large['FIRST_PAGE']:.2f}", "s"),
        ("open + first page, empty vault (from process start)", f"{small['FIRST_PAGE']:.2f}", "s"),
        ("ratio large / empty", f"{large['FIRST_PAGE'] / small['FIRST_PAGE']:.2f}", "x"),
        ("fetch and show the rows at the end of the list", f"{large['SCROLL_END']:.2f}", "s"),
        ("peak memory (RSS) with the whole list open", f"{large['PEAK_RSS_MB']:.0f}", "MB"),
    ]
    rows += measures.search(big)
    rows += measures.reviewer_pages(big)
    rows += measures.letters(big)
    rows += letters_ltv_rows()
    rows += measures.engine()
    rows += masking_rows()
    rows += attach_rows(workdir=work)
    rows += measures.sqlcipher_cost()
    rows += login.login_timing_rows(work)
    measures.print_rows("ReviewDesk benchmarks", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
