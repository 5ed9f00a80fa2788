"""Benchmark results: a markdown table on stdout, and bench/results.md kept up to date.

Each row compares a measured target with a floor (the same thing without the feature under test,
or the small site for the scale rows) and passes when median(target) / median(floor) reaches its
target ratio: at least it for throughputs, at most it for latencies (`higher_is_better=False`).
`bench/results.md` holds one row per comparison; a run replaces the rows of the comparisons it
ran and keeps the others.
"""

from __future__ import annotations

import os
import platform
import statistics
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

RESULTS_FILE = Path(__file__).resolve().parent / "results.md"
HEADER = ("| benchmark | median | floor median | ratio | target | result | runs (target / floor) | notes |\n"
          "| --- | --- | --- | --- | --- | --- | --- | --- |")
INTRO = ("# Benchmark results\n\nWritten by `python -m bench` (`make bench`); each row is the latest run "
         "of that comparison, medians of its runs. Throughput is wrk's requests per second (the pipeline's is "
         "comments per second); latency is wrk's median in ms, where lower is better and the ratio must stay "
         "under its target. What each floor is: bench/README.md.\n")


@dataclass
class Result:
    """A benchmark's repeated measurements of its target and its floor."""

    name: str
    target: list[float]
    floor: list[float]
    target_ratio: float
    unit: str = "req/s"
    notes: list[str] = field(default_factory=list)
    higher_is_better: bool = True

    @property
    def median(self) -> float:
        """The median of the target's runs."""
        return statistics.median(self.target)

    @property
    def floor_median(self) -> float:
        """The median of the floor's runs."""
        return statistics.median(self.floor)

    @property
    def ratio(self) -> float:
        """Target over floor: 1.0 means the feature costs nothing."""
        return self.median / self.floor_median if self.floor_median else 0.0

    @property
    def passed(self) -> bool:
        """Whether the ratio reaches the target (stays within it, when lower is better)."""
        return self.ratio >= self.target_ratio if self.higher_is_better else self.ratio <= self.target_ratio

    def row(self) -> str:
        """This result as a row of the markdown table."""
        runs = f"{_runs(self.target, self.unit)} / {_runs(self.floor, self.unit)}"
        bound = "≥" if self.higher_is_better else "≤"
        median, floor = _number(self.median, self.unit), _number(self.floor_median, self.unit)
        return (f"| {self.name} | {median} {self.unit} | {floor} {self.unit} | "
                f"{self.ratio:.3f} | {bound} {self.target_ratio:.2f} | {'pass' if self.passed else 'FAIL'} | {runs} | "
                f"{'; '.join(self.notes)} |")


def _number(value: float, unit: str) -> str:
    """Latencies in ms with one decimal; throughputs whole (two decimals below 10, where a unit matters)."""
    if unit == "ms":
        return f"{value:,.1f}"
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2f}"


def _runs(values: list[float], unit: str) -> str:
    return ", ".join(_number(value, unit) for value in values)


def table(results: list[Result]) -> str:
    """The markdown table for `results`."""
    return "\n".join([HEADER, *(result.row() for result in results)])


def machine() -> str:
    """A short description of where the run happened."""
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def write(results: list[Result], command: str, path: Path = RESULTS_FILE) -> None:
    """Replace these benchmarks' rows in results.md (keeping other benchmarks' rows)."""
    rows = _existing_rows(path)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for result in results:
        rows[result.name] = replace(result, notes=[*result.notes, stamp, f"`{command}`", machine()]).row()
    body = "\n".join([HEADER, *(rows[name] for name in sorted(rows))])
    path.write_text(f"{INTRO}\n{body}\n")


def _existing_rows(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    rows = {}
    for line in path.read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[0] not in {"benchmark", "---"}:
            rows[cells[0]] = line
    return rows
