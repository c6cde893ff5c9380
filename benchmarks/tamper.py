"""`python -m benchmarks.tamper`: every attack of tests/integrity/attacks.py on a demo vault,
once per kind of anchor, and the table attack → detected N/N that `reviewdesk check` achieves."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def main() -> int:
    from tests.integrity.attacks import DEMO_CASES, build_base, run_matrix, table

    parser = argparse.ArgumentParser(prog="python -m benchmarks.tamper", description=__doc__)
    parser.add_argument("--cases", type=int, default=DEMO_CASES, help="demo cases in the vault attacked")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="reviewdesk-tamper-") as work:
        base = build_base(Path(work) / "base", args.cases)
        outcomes = run_matrix(base, Path(work))
    print(table(outcomes))
    print(f"\n{len(outcomes)} attacked copies of a {args.cases}-case demo vault, "
          f"{time.monotonic() - started:.0f} s")
    return 0 if all(o.detected for o in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
