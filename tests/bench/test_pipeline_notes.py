"""The pipeline benchmark's note on the worker's CPU: per comment, beside wall time, and the cores it makes."""

from __future__ import annotations

from bench.pipeline import Drain, _worker_cpu


def _drain(per_second: float, cpu_per_comment: float | None) -> Drain:
    return Drain(per_second, 0.1, 1, 4000, 1000, cpu_per_comment)


def test_the_note_gives_the_median_cpu_and_wall_time_a_comment_and_the_cores_they_make():
    note = _worker_cpu([_drain(2000, 0.000450), _drain(2500, 0.000380), _drain(1000, 0.000900)])
    assert note == "worker CPU 450 µs a comment over 500 µs of wall time (0.90 cores)"


def test_drains_without_a_cpu_reading_are_left_out_and_none_at_all_says_so():
    assert _worker_cpu([_drain(2000, None), _drain(2000, 0.000600)]).startswith("worker CPU 600 µs a comment over 500 µs")
    assert _worker_cpu([_drain(2000, None)]) == "worker CPU not measured (no /proc)"
