"""Run a server script under tracemalloc, for bench/run.py's memory figures.

    python bench/traced.py SCRIPT [ARGS...]

On SIGUSR1 it writes the traced bytes to $BENCH_TRACE_OUT as JSON; from the second signal on, also
the files whose allocations grew most since the first (where a reader's memory goes).
"""

from __future__ import annotations

import json
import os
import runpy
import signal
import sys
import tracemalloc
from pathlib import Path
from typing import Any

tracemalloc.start()


baseline: list[tracemalloc.Snapshot] = []


def dump(signum: int, frame: Any) -> None:
    snapshot = tracemalloc.take_snapshot()
    top = []
    if baseline:
        diffs = snapshot.compare_to(baseline[0], "filename")
        top = [(str(diff.traceback[0].filename), diff.size_diff) for diff in diffs[:10] if diff.size_diff > 0]
    else:
        baseline.append(snapshot)
    out = {"traced": tracemalloc.get_traced_memory()[0], "top": top}
    Path(os.environ["BENCH_TRACE_OUT"]).write_text(json.dumps(out))


signal.signal(signal.SIGUSR1, dump)
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path.insert(0, str(Path(script).resolve().parent))
runpy.run_path(script, run_name="__main__")
