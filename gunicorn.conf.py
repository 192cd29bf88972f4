"""gunicorn settings read from the working directory (make run, the benchmarks, Docker).

The number of workers and the hooks live here; the bind address is given on the command
line. A `--workers` on the command line overrides `workers`.
"""

import gc
from typing import Any

from backend.config import web_workers

workers = web_workers()
# A sync worker that does not wait for the client to close a finished connection
# (backend/gunicorn_worker.py).
worker_class = "backend.gunicorn_worker.QuickCloseSyncWorker"


def post_worker_init(worker: Any) -> None:
    """Freeze what the app built at start-up, so the GC never scans it again.

    A full collection otherwise walks every object of the loaded app and showed up as
    50-80 ms pauses at the p99 of the write benchmarks.
    """
    gc.freeze()
