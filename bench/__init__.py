"""Benchmarks, run with `python -m bench [names]` (`make bench`).

`harness` starts what a benchmark needs (a fresh site, gunicorn servers with the same settings,
a Celery worker) and drives wrk; `results` prints the table and keeps `bench/results.md`; each
other module is one benchmark with a `run(repeat, duration) -> Result`, listed in `BENCHMARKS`.
`pii` and `spam` are measurements of accuracy, not speed: `python -m bench.pii`, `python -m bench.spam`.
"""

from __future__ import annotations

from collections.abc import Callable

from bench import visits
from bench.results import Result

BENCHMARKS: dict[str, Callable[[int, float], Result]] = {
    visits.NAME: visits.run,
}
