"""One drain of the comment pipeline, for counting its instructions: `python -m bench.instructions [COUNT]`.

Wall-clock runs of one build scatter by 20-30% on a shared machine; the instructions a drain runs
do not. Run under callgrind, with collection switched on only inside the drain:

    PYTHONHASHSEED=0 valgrind --tool=callgrind --collect-atstart=no "--toggle-collect=*operator_call*" \\
        python -m bench.instructions 1000

and compare the `Collected` totals of two builds (the same count, within 0.03%, run after run).
It stores COUNT comments from the benchmark corpus on a throwaway site (SQLite, or PostgreSQL with
`CMS_BENCH_DATABASE_URL`) in production mode with the demo spam seed learnt, freezes what start-up
loaded as a worker does, and drains them inside `operator.call`, the one C function callgrind
toggles on (nothing in the drain calls it). Without valgrind it prints the drain's time.
"""

from __future__ import annotations

import gc
import operator
import sys
import tempfile
import time
from pathlib import Path

from bench import corpus
from bench.phases import store_backlog, throwaway_site


def drain(count: int) -> tuple[int, float]:
    """Store `count` comments, then drain them as a worker's task does; how many moved, and the seconds it took."""
    from cms.extensions import db
    from cms.services import draining

    texts = corpus.texts(corpus.build(count))
    # The nudger thread may still be publishing to the site's broker file as the folder goes.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        app = throwaway_site(Path(folder), CMS_ENV="production", SECRET_KEY="instructions")
        with app.app_context():
            store_backlog(texts)
            db.session.remove()
            gc.collect()
            gc.freeze()  # as workers/app.py does once the worker is ready
            started = time.perf_counter()
            moved = operator.call(draining.drain, None, 600.0)
            return moved, time.perf_counter() - started


def main(argv: list[str]) -> int:
    """Drain COUNT comments (default 1,000) and print how many moved and how long it took."""
    count = int(argv[0]) if argv else 1000
    moved, seconds = drain(count)
    print(f"drained {moved:,} of {count:,} comments in {seconds:.2f} s ({seconds / max(moved, 1) * 1e6:.0f} µs a comment)")
    return 0 if moved == count else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
