"""Measuring a target against its floor with wrk, interleaved, so a load that drifts hits both alike.

Each side is warmed up with one full-length run that is not counted; then the measured runs
alternate target, floor | floor, target | target, floor ... as `bench/visits.py` does. A run with
any failed request (non-2xx/3xx, socket error) fails the benchmark.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.errors import BenchError
from bench.harness import Server, idle_share, machine_cpu
from bench.wrk import WRK_CONNECTIONS, WrkRun, run_wrk

_RUNS = itertools.count(1)


@dataclass(frozen=True)
class Load:
    """What wrk sends to one side: a server, a path, headers, a Lua script for POSTs, how many connections."""

    server: Server
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    script: Path | None = None
    connections: int = WRK_CONNECTIONS

    def run(self, duration: float) -> WrkRun:
        """One wrk run; a POST script gets a run token no other run had, so no body repeats."""
        token = [f"r{os.getpid()}x{next(_RUNS)}"] if self.script else []
        cpu_before, machine_before = self.server.cpu_seconds(), machine_cpu()
        result = run_wrk(self.server.url + self.path, duration, self.headers, self.script, token,
                         connections=self.connections)
        cpu_after, machine_after = self.server.cpu_seconds(), machine_cpu()
        result = replace(result, machine_idle_share=idle_share(machine_before, machine_after))
        if cpu_before is not None and cpu_after is not None:
            result = replace(result, server_cpu_seconds=cpu_after - cpu_before)
        if result.errors:
            raise BenchError(f"{result.errors} of {result.requests} requests failed against "
                             f"{self.server.name} {self.path}; see {self.server.log_path}")
        self.server.check_alive(f"gunicorn ({self.server.name})")
        return result


@dataclass
class Runs:
    """The measured runs of both sides, and each side's warm-up (which counts for checks, not for figures)."""

    target: list[WrkRun] = field(default_factory=list)
    floor: list[WrkRun] = field(default_factory=list)
    warmup: dict[str, WrkRun] = field(default_factory=dict)

    def rates(self, side: str) -> list[float]:
        """Requests per second of one side's measured runs."""
        return [run.requests_per_second for run in getattr(self, side)]

    def latencies(self, side: str) -> list[float]:
        """Median latency (ms) of one side's measured runs."""
        values = [run.latency_p50_ms for run in getattr(self, side)]
        if any(value is None for value in values):
            raise BenchError("wrk reported no latency distribution")
        return [float(value) for value in values if value is not None]

    def cpu_per_request(self, side: str) -> float | None:
        """The web server's CPU per request (user + system, microseconds) over one side's measured runs.

        Throughput divides what the machine has among the server, wrk and (on PostgreSQL) the
        database; this says what the server alone spends on one request, which is what a change
        to the application moves.
        """
        measured = getattr(self, side)
        if not measured or any(run.server_cpu_seconds is None for run in measured):
            return None
        requests = sum(run.requests for run in measured)
        return sum(run.server_cpu_seconds or 0.0 for run in measured) / requests * 1e6 if requests else None

    def idle_share(self, side: str) -> float | None:
        """The share of the machine's CPU left idle over one side's measured runs (equal lengths: their mean).

        Near zero, the load kept every core busy and the ratio is one of CPU per request; well above
        its floor's, the target's requests spent time waiting (a disk flush, a lock) with cores free.
        """
        shares = [run.machine_idle_share for run in getattr(self, side)]
        if not shares or any(share is None for share in shares):
            return None
        return sum(share or 0.0 for share in shares) / len(shares)

    def cpu_note(self) -> list[str]:
        """Notes with both sides' CPU per request and the machine's idle share, each when both were measured."""
        notes = []
        target, floor = self.cpu_per_request("target"), self.cpu_per_request("floor")
        if target is not None and floor is not None:
            notes.append(f"web server CPU per request {target:,.0f} µs (floor {floor:,.0f} µs)")
        target, floor = self.idle_share("target"), self.idle_share("floor")
        if target is not None and floor is not None:
            notes.append(f"machine CPU idle {target:.0%} (floor {floor:.0%})")
        return notes

    def requests(self, side: str) -> int:
        """Requests one side completed, warm-up included."""
        return sum(run.requests for run in [*getattr(self, side), self.warmup[side]])


def interleaved(target: Load, floor: Load, repeat: int, duration: float) -> Runs:
    """Warm both up, then `repeat` runs of each, alternating which goes first."""
    runs = Runs(warmup={"target": target.run(duration), "floor": floor.run(duration)})
    for turn in range(repeat):
        order = (("target", target), ("floor", floor))[:: 1 if turn % 2 == 0 else -1]
        for side, load in order:
            getattr(runs, side).append(load.run(duration))
    return runs
