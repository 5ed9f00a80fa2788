"""Results whose target is a ceiling (latency ratios), and how the table shows each kind."""

from __future__ import annotations

from bench.results import Result


def test_a_latency_ratio_passes_when_it_stays_at_or_under_its_target():
    steady = Result("scale page", [10.0, 11.0, 12.0], [10.0, 10.0, 10.0], 1.2, unit="ms", higher_is_better=False)
    slower = Result("scale page", [13.0, 14.0, 15.0], [10.0, 10.0, 10.0], 1.2, unit="ms", higher_is_better=False)
    assert (steady.passed, slower.passed) == (True, False)
    assert "| 11.0 ms | 10.0 ms | 1.100 | ≤ 1.20 | pass |" in steady.row()
    assert "| ≤ 1.20 | FAIL |" in slower.row()


def test_throughputs_keep_their_floor_bound_and_whole_numbers():
    row = Result("pipeline", [941.2], [8217.4], 0.7, unit="comments/s").row()
    assert "| 941 comments/s | 8,217 comments/s | 0.115 | ≥ 0.70 | FAIL |" in row



def test_every_benchmark_of_the_issue_is_registered():
    from bench import BENCHMARKS

    assert {"pages", "pipeline", "scale", "visits"} <= set(BENCHMARKS)
