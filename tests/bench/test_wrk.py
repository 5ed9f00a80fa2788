"""Reading wrk's latency and byte counts, and the POST script that makes every body different."""

from __future__ import annotations

import json

import pytest

from bench.wrk import TAG, lua_string, parse_wrk, post_script

LATENCY_REPORT = """Running 2s test @ http://127.0.0.1:40000/page
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.13ms    1.86ms   9.14ms   84.32%
  Latency Distribution
     50%  {median}
     75%    3.24ms
     90%    4.52ms
     99%    8.15ms
  2048 requests in 2.00s, 2.00MB read
Requests/sec:   1024.00
Transfer/sec:      1.00MB
"""


@pytest.mark.parametrize(("median", "milliseconds"), [("1.17ms", 1.17), ("850.00us", 0.85), ("1.20s", 1200.0)])
def test_the_median_latency_is_read_in_milliseconds(median, milliseconds):
    run = parse_wrk(LATENCY_REPORT.format(median=median))
    assert run.latency_p50_ms == pytest.approx(milliseconds)


def test_bytes_read_give_the_size_of_an_average_response():
    run = parse_wrk(LATENCY_REPORT.format(median="1.00ms"))
    assert (run.requests, run.bytes_read, run.bytes_per_request) == (2048, 2 * 1024**2, 1024)


def test_a_report_without_a_distribution_has_no_latency():
    report = LATENCY_REPORT.format(median="1ms").split("  Latency Distribution")[0] + (
        "  10 requests in 1.00s, 1.50KB read\nRequests/sec:     10.00\n")
    run = parse_wrk(report)
    assert (run.latency_p50_ms, run.bytes_read) == (None, 1536)


def test_lua_strings_escape_quotes_backslashes_and_non_ascii():
    assert lua_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert lua_string("é\n") == '"\\195\\169\\010"'


def test_the_post_script_carries_every_body_with_its_tag_mark(tmp_path):
    bodies = [{"author_name": "Ann", "body": f"Slept badly ({TAG})"}, {"author_name": "Zoë", "body": f"Same {TAG}"}]
    script = post_script(tmp_path / "post.lua", bodies).read_text()
    assert 'wrk.method = "POST"' in script and "application/json" in script
    for body in bodies:
        assert lua_string(json.dumps(body)) in script
    assert f'"{TAG}", tag' in script


def test_a_body_without_the_tag_mark_is_refused(tmp_path):
    with pytest.raises(ValueError):
        post_script(tmp_path / "post.lua", [{"body": "the same every time"}])
