"""The bundle's entry point: the `reviewdesk` command, and the application's own worker processes.

A frozen build has no Python to run `sys.executable -m MODULE`, yet the application starts its
PDF preview worker that way (reviewdesk/cases/preview.py), with sys.executable the bundle. So
the bundle answers that form itself, for the application's worker modules only.
"""

import runpy
import sys

WORKERS = frozenset({"reviewdesk.cases.preview_worker"})

if len(sys.argv) >= 3 and sys.argv[1] == "-m" and sys.argv[2] in WORKERS:
    sys.argv = [sys.argv[2], *sys.argv[3:]]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)  # ends in SystemExit
else:
    from reviewdesk.cli import main

    raise SystemExit(main())
