"""gunicorn settings read from the project root (gunicorn loads ./gunicorn.conf.py by default).

Only hooks live here; workers, threads and the bind address stay on the command line.
"""

from __future__ import annotations

from typing import Any


def worker_exit(server: Any, worker: Any) -> None:
    """Flush the views this worker still holds before it goes (a clean stop, a reload, max-requests)."""
    from cms.visits import flush_all

    flushed = flush_all()
    if flushed:
        server.log.info("worker %s flushed %d buffered views on exit", worker.pid, flushed)
