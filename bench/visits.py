"""Visit counting's cost: the article page with counting on against the same page with it off.

Two gunicorn servers for one site, identical but for CMS_COUNT_VISITS, run side by side with a
Celery worker folding the counted views; wrk loads them in turn (on, off, off, on, on, off ...) with a
browser's User-Agent (wrk sends none by default, and an empty User-Agent is a bot: nothing would
be counted). Target: on/off throughput at least 0.95. Afterwards the views counted by the "on"
server are compared with the requests wrk completed against it, so a run that did not really
count cannot pass.
"""

from __future__ import annotations

import json

from bench.compare import Load
from bench.harness import (BROWSER_UA, WRK_CONNECTIONS, BenchError, Server, Site, Worker, WrkRun, http_get,
                           published_article, wait_for)
from bench.results import Result

NAME = "visits"
TARGET_RATIO = 0.95


def _measure(server: Server, path: str, duration: float) -> WrkRun:
    """One wrk run against `server` as a browser (its failed requests fail the benchmark), with the server's CPU."""
    return Load(server, path, {"User-Agent": BROWSER_UA}).run(duration)


class CpuPerRequest:
    """CPU per request, over the measured runs, of each side's server and of the worker during them."""

    def __init__(self, worker: Worker) -> None:
        self.worker = worker
        self.spent: dict[tuple[str, str], float] = {}
        self.requests: dict[str, int] = {}

    def measure(self, label: str, server: Server, path: str, duration: float) -> WrkRun:
        """`_measure`, with the server's and the worker's CPU over the run added to `label`'s."""
        worker_before = self.worker.cpu_seconds()
        run = _measure(server, path, duration)
        worker_after = self.worker.cpu_seconds()
        spent = {"server": run.server_cpu_seconds,
                 "worker": None if worker_before is None or worker_after is None else worker_after - worker_before}
        for who, seconds in spent.items():
            if seconds is not None:
                self.spent[label, who] = self.spent.get((label, who), 0.0) + seconds
        self.requests[label] = self.requests.get(label, 0) + run.requests
        return run

    def note(self) -> list[str]:
        """Microseconds per request for each side, or nothing where /proc could not tell."""
        if len(self.spent) < 4:
            return []
        per = {key: seconds / self.requests[key[0]] * 1e6 for key, seconds in self.spent.items()}
        return [f"CPU per request, web server: on {per['on', 'server']:,.0f} µs, off {per['off', 'server']:,.0f} µs; "
                f"worker: on {per['on', 'worker']:,.1f} µs, off {per['off', 'worker']:,.1f} µs"]


def _visits(server: Server, ref: int) -> dict[str, int]:
    status, body = http_get(f"{server.url}/api/v1/articles/{ref}")
    if status != 200:
        raise BenchError(f"GET /api/v1/articles/{ref} answered {status}")
    return json.loads(body)["visits"]


def _folded_total(server: Server, article_id: int, at_least: int) -> int:
    """The article's total once at least `at_least` views have been folded."""
    return wait_for(lambda: (total := _visits(server, article_id)["total"]) >= at_least and total,
                    60, f"{at_least} views to be folded", interval=0.5)


def _check_counted(server: Server, article_id: int, baseline: int, requests: int, runs: int) -> str:
    """The views the "on" runs counted must match the requests wrk completed against that server."""
    try:
        counted = _folded_total(server, article_id, baseline + requests) - baseline
    except BenchError:
        counted = _visits(server, article_id)["total"] - baseline
        raise BenchError(f"counting on: {requests} requests completed but {counted} views counted") from None
    # wrk leaves up to one request per connection in flight when a run stops (the warm-up too), and
    # does not report them, though the server answered and counted them.
    if counted > requests + (runs + 1) * WRK_CONNECTIONS:
        raise BenchError(f"counting on: {counted} views counted for {requests} requests")
    return f"counted {counted:,} views for {requests:,} requests"


def run(repeat: int, duration: float) -> Result:
    """Measure, interleaved, the article page with counting on and with counting off."""
    site = Site(NAME).prepare()
    worker = site.worker()
    on = site.server("counting-on", CMS_COUNT_VISITS="1")
    off = site.server("counting-off", CMS_COUNT_VISITS="0")
    try:
        for process in (worker, on, off):
            process.wait_ready()
        article = published_article(on)
        path = f"/articles/{article['slug']}"
        # A full-length warm-up for each: with 2 s ones the first measured run was still warming up,
        # and an on-vs-on check came out 2-3% off.
        warmup = _measure(on, path, duration).requests
        _measure(off, path, duration)
        baseline = _folded_total(on, article["id"], warmup)
        rates: dict[str, list[float]] = {"on": [], "off": []}
        requests_on, cpu = 0, CpuPerRequest(worker)
        for turn in range(repeat):
            # on, off | off, on | on, off ...: a load that drifts during the run hits both alike.
            for label, server in (("on", on), ("off", off))[:: 1 if turn % 2 == 0 else -1]:
                run = cpu.measure(label, server, path, duration)
                rates[label].append(run.requests_per_second)
                requests_on += run.requests if server is on else 0
        check = _check_counted(on, article["id"], baseline, requests_on, repeat)
    finally:
        for process in (on, off, worker):
            process.stop()
    return Result(NAME, rates["on"], rates["off"], TARGET_RATIO,
                  notes=[f"article page, counting on vs off; {check}", *cpu.note(), site.describe()])
