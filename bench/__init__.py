"""Benchmarks, run with `python -m bench [names]` (`make bench`); bench/README.md describes each.

`harness` starts what a benchmark needs (a fresh site, gunicorn servers with the same settings,
a Celery worker); `wrk` drives the load generator; `compare` interleaves a target's runs with its
floor's; `floor` is the bare Flask app the floors are served by; `corpus` builds realistic comments;
`seed` and `seed_scale` run inside a site's environment to insert data in bulk; `results` prints
the table and keeps `bench/results.md`. Each benchmark module has `run(repeat, duration)` returning
its results (one per comparison) and is listed in `BENCHMARKS`.
`pii` and `spam` are measurements of accuracy, not speed: `python -m bench.pii`, `python -m bench.spam`.
"""

from __future__ import annotations

from collections.abc import Callable

from bench import pages, pipeline, scale, visits
from bench.results import Result


def _visits(repeat: int, duration: float) -> list[Result]:
    return [visits.run(repeat, duration)]


BENCHMARKS: dict[str, Callable[[int, float], list[Result]]] = {
    pages.NAME: pages.run,
    pipeline.NAME: pipeline.run,
    scale.NAME: scale.run,
    visits.NAME: _visits,
}
