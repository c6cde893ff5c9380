"""Long-term signatures: issuing at B-T and maintaining letters to B-LTA against a local TSA,
OCSP responder and CRL (certomancer on 127.0.0.1, as in tests/letters/ltv_pki.py; certomancer is
a test dependency, so this benchmark needs the test extra).

`python -m benchmarks.letters_ltv [--letters N]` prints only these figures."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import measures


def letters_ltv_rows(letters: int = 1000, signed_samples: int = 30) -> list[measures.Row]:
    from reviewdesk.letters import ltv
    from reviewdesk.letters.pdf import render_pdf
    from reviewdesk.letters.signing import sign_pdf
    from reviewdesk.letters.verify import trust_anchors, verify_pdf
    from tests.letters import samples
    from tests.letters.ltv_pki import serve

    with tempfile.TemporaryDirectory(prefix="reviewdesk-ltv-") as folder:
        server = serve(Path(folder))
        pki = next(server)
        try:
            p12, tsa, roots = pki.p12(), pki.tsa(), trust_anchors([pki.root_pem])
            content = samples.finding()

            def issue() -> bytes:
                return sign_pdf(render_pdf(content), p12, pki.password, signer_name="x",
                                reason="審査結果の通知", location="東京都千代田区",
                                timestamper=tsa.timestamper())

            issue()  # warm: fonts, pyHanko imports, the first connection
            times = []
            for _ in range(signed_samples):
                start = time.perf_counter()
                issue()
                times.append(time.perf_counter() - start)
            # Distinct letters to maintain (each its own signature and timestamp).
            pdf = render_pdf(content)
            batch = [sign_pdf(pdf, p12, pki.password, signer_name="x", reason="r", location="l",
                              timestamper=tsa.timestamper()) for _ in range(letters)]
            start = time.perf_counter()
            kept = [ltv.renew(letter, tsa, roots).pdf for letter in batch]
            maintained = time.perf_counter() - start
            start = time.perf_counter()
            assert verify_pdf(kept[-1], [pki.root_pem]).level == "B-LTA"
            verified = time.perf_counter() - start
            start = time.perf_counter()
            now = datetime.now(UTC)
            due = sum(ltv.needs_maintenance("B-LTA", ltv.last_tsa_expiry(pdf), now) for pdf in kept)
            scanned = time.perf_counter() - start
            assert due == 0
        finally:
            server.close()
    return [
        (f"issue + sign one letter at B-T, local TSA (median of {signed_samples})",
         f"{statistics.median(times) * 1000:.0f}", "ms"),
        (f"maintain {letters:,} B-T letters to B-LTA (OCSP, CRL, document timestamp)",
         f"{maintained:.1f}", "s"),
        ("  per letter", f"{maintained / letters * 1000:.0f}", "ms"),
        ("verify one B-LTA letter", f"{verified * 1000:.0f}", "ms"),
        (f"check {letters:,} B-LTA letters' renewal dates (the dashboard count, from bytes)",
         f"{scanned:.1f}", "s"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.letters_ltv", description=__doc__)
    parser.add_argument("--letters", type=int, default=1000)
    args = parser.parse_args()
    measures.print_rows("ReviewDesk long-term signatures", letters_ltv_rows(args.letters))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
