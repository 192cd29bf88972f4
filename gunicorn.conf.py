"""gunicorn settings read from the working directory (make run, the benchmarks, Docker).

Only hooks live here; workers and the bind address are given on the command line.
"""

import gc
from typing import Any


def post_worker_init(worker: Any) -> None:
    """Freeze what the app built at start-up, so the GC never scans it again.

    A full collection otherwise walks every object of the loaded app and showed up as
    50-80 ms pauses at the p99 of the write benchmarks.
    """
    gc.freeze()
