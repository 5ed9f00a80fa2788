"""The benchmark harness's bookkeeping: reading wrk's report, judging ratios, keeping results.md."""

from __future__ import annotations

import os

import pytest

from bench import BENCHMARKS
from bench.__main__ import parse_args
from bench.harness import BenchError, parse_wrk
from bench.results import Result, write

WRK_REPORT = """Running 5s test @ http://127.0.0.1:40000/articles/sleep
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.10ms    2.43ms  40.11ms   87.54%
  6043 requests in 5.00s, 95.31MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1208.05
Transfer/sec:     19.05MB
"""


def test_wrk_reports_are_read_with_their_failures():
    run = parse_wrk(WRK_REPORT)
    assert (run.requests_per_second, run.requests, run.errors) == (1208.05, 6043, 3)
    with_socket_errors = WRK_REPORT.replace("  Non-2xx or 3xx responses: 3\n",
                                            "  Socket errors: connect 0, read 2, write 0, timeout 1\n")
    assert parse_wrk(with_socket_errors).errors == 3


def test_an_unreadable_wrk_report_is_an_error_not_a_figure():
    with pytest.raises(BenchError):
        parse_wrk("wrk: connection refused")


def test_a_result_passes_when_the_ratio_of_medians_reaches_its_target():
    assert Result("x", [96, 100, 90], [100, 101, 99], 0.95).passed
    failing = Result("x", [90, 94, 80], [100, 101, 99], 0.95)
    assert (round(failing.ratio, 2), failing.passed) == (0.9, False)
    assert "| FAIL |" in failing.row()


def test_results_md_keeps_other_benchmarks_rows(tmp_path):
    path = tmp_path / "results.md"
    write([Result("visits", [100], [100], 0.95), Result("other", [50], [100], 0.95)], "python -m bench", path)
    write([Result("visits", [99], [100], 0.95)], "python -m bench visits", path)
    rows = [line for line in path.read_text().splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [row.split("|")[1].strip() for row in rows] == ["other", "visits"]
    assert "`python -m bench visits`" in rows[1] and "| 0.990 |" in rows[1]


def test_the_command_line_knows_the_visits_benchmark_and_refuses_others(capsys):
    assert "visits" in BENCHMARKS
    args = parse_args(["visits", "--repeat", "5", "--duration", "2"])
    assert (args.names, args.repeat, args.duration) == (["visits"], 5, 2.0)
    with pytest.raises(SystemExit):
        parse_args(["no-such-benchmark"])
    assert "unknown benchmark" in capsys.readouterr().err


def test_a_servers_cpu_counts_the_processes_it_started(tmp_path):
    """gunicorn's workers are the master's children: the CPU they burn is the server's."""
    import os
    import sys
    import time

    from bench.harness import Process

    if not os.path.isdir("/proc"):
        pytest.skip("CPU is read from /proc (Linux)")
    burn = ("import subprocess, sys; subprocess.run([sys.executable, '-c', "
            "'import time\\nend = time.process_time() + 0.4\\nwhile time.process_time() < end: pass']); "
            "import time; time.sleep(30)")
    process = Process([sys.executable, "-c", burn], dict(os.environ), tmp_path / "burn.log").start()
    try:
        before = process.cpu_seconds()
        assert before is not None
        deadline, spent = time.monotonic() + 20, 0.0
        while spent < 0.35 and time.monotonic() < deadline:
            time.sleep(0.1)
            spent = (process.cpu_seconds() or 0.0) - before
        assert 0.35 <= spent < 5
        time.sleep(0.3)  # the burner has ended by now: its time is its parent's (children's) time
        assert process.cpu_seconds() - before >= 0.35
    finally:
        process.stop()


def test_cpu_per_request_is_the_measured_runs_cpu_over_their_requests():
    from bench.compare import Runs
    from bench.wrk import WrkRun

    runs = Runs(target=[WrkRun(100.0, 1000, 0, server_cpu_seconds=1.5), WrkRun(100.0, 500, 0, server_cpu_seconds=0.75)],
                floor=[WrkRun(500.0, 3000, 0, server_cpu_seconds=0.9)],
                warmup={"target": WrkRun(100.0, 999, 0), "floor": WrkRun(500.0, 999, 0)})
    assert runs.cpu_per_request("target") == pytest.approx(1500.0)
    assert runs.cpu_per_request("floor") == pytest.approx(300.0)
    assert runs.cpu_note() == ["web server CPU per request 1,500 µs (floor 300 µs)"]
    unmeasured = Runs(target=[WrkRun(100.0, 1000, 0)], floor=[WrkRun(500.0, 3000, 0, server_cpu_seconds=0.9)])
    assert unmeasured.cpu_per_request("target") is None and unmeasured.cpu_note() == []


def test_the_idle_note_says_how_much_of_the_machine_each_side_left_unused():
    from bench.compare import Runs
    from bench.wrk import WrkRun

    runs = Runs(target=[WrkRun(100.0, 1000, 0, machine_idle_share=0.18), WrkRun(100.0, 900, 0, machine_idle_share=0.22)],
                floor=[WrkRun(500.0, 3000, 0, machine_idle_share=0.04)])
    assert runs.idle_share("target") == pytest.approx(0.20)
    assert runs.cpu_note() == ["machine CPU idle 20% (floor 4%)"]
    half_measured = Runs(target=[WrkRun(100.0, 1000, 0, machine_idle_share=0.2), WrkRun(100.0, 1000, 0)],
                         floor=[WrkRun(500.0, 3000, 0, machine_idle_share=0.04)])
    assert half_measured.idle_share("target") is None and half_measured.cpu_note() == []


def test_the_machine_cpu_counts_io_wait_as_idle_and_leaves_guest_time_inside_user():
    from bench.harness import machine_cpu

    #                user nice system idle iowait irq softirq steal guest guest_nice
    stat = "cpu  600 10 200 150 40 0 0 0 500 0\ncpu0 300 5 100 75 20 0 0 0 250 0\n"
    assert machine_cpu(stat) == (1000, 190)
    if os.path.exists("/proc/stat"):
        before = machine_cpu()
        sum(range(3_000_000))  # some CPU time to pass
        after = machine_cpu()
        assert before is not None and after is not None
        assert after[0] >= before[0] and 0 <= after[1] - before[1] <= after[0] - before[0]


def test_every_server_of_a_run_gets_the_worker_count_asked_for(monkeypatch):
    from bench.harness import gunicorn_args, gunicorn_workers

    monkeypatch.delenv("CMS_BENCH_GUNICORN_WORKERS", raising=False)
    assert gunicorn_workers() == 2 and gunicorn_args()[:2] == ("--workers", "2")
    monkeypatch.setenv("CMS_BENCH_GUNICORN_WORKERS", "5")
    assert gunicorn_args()[:2] == ("--workers", "5") and "sync" in gunicorn_args()
    for wrong in ("0", "two", "-1"):
        monkeypatch.setenv("CMS_BENCH_GUNICORN_WORKERS", wrong)
        with pytest.raises(BenchError, match="CMS_BENCH_GUNICORN_WORKERS"):
            gunicorn_args()


def test_a_postgresql_database_is_emptied_only_when_its_name_says_bench():
    from bench.harness import reset_schema

    with pytest.raises(BenchError, match="name the database"):
        reset_schema("postgresql+psycopg://postgres@127.0.0.1:5432/production", "bench_throwaway")


@pytest.mark.skipif(not os.environ.get("CMS_TEST_DATABASE_URL", "").startswith("postgresql"),
                    reason="needs a PostgreSQL server (CI's second run sets CMS_TEST_DATABASE_URL)")
def test_a_missing_benchmark_database_is_created_before_it_is_emptied():
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from bench.harness import ensure_database, reset_schema

    url = make_url(os.environ["CMS_TEST_DATABASE_URL"]).set(database="bench_created_by_test").render_as_string(
        hide_password=False)
    server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS bench_created_by_test"))
    try:
        reset_schema(url, "bench_throwaway")  # would fail to connect if the database were not made first
        assert ensure_database(url) is False  # there now, so left as it is
    finally:
        with server.connect() as connection:
            connection.execute(text("DROP DATABASE IF EXISTS bench_created_by_test (FORCE)"))
        server.dispose()
