"""Driving wrk (Debian's `wrk` package) and reading its report.

Every run uses the same threads and connections (a latency comparison may ask for fewer
connections), and `--latency` so the median latency is there for the benchmarks that compare
latencies. POST loads use a Lua script (`post_script`)
that gives every request its own JSON body, so the application's duplicate detection treats
each one as a new comment.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.errors import BenchError

WRK_THREADS, WRK_CONNECTIONS = 2, 16
_UNITS = {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3, "TB": 1024**4}
_MILLISECONDS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
# Marks in a body template that the script replaces with the request's own tag.
TAG = "@TAG@"


@dataclass(frozen=True)
class WrkRun:
    """What one wrk run measured."""

    requests_per_second: float
    requests: int
    errors: int
    latency_p50_ms: float | None = None
    bytes_read: int = 0
    server_cpu_seconds: float | None = None  # the web server's CPU during the run, where measured
    machine_idle_share: float | None = None  # the share of the machine's CPU time left idle during the run

    @property
    def bytes_per_request(self) -> float:
        """Average bytes read per completed request (headers and body)."""
        return self.bytes_read / self.requests if self.requests else 0.0


def run_wrk(url: str, duration: float, headers: dict[str, str] | None = None, script: Path | None = None,
            script_args: Sequence[str] = (), connections: int = WRK_CONNECTIONS) -> WrkRun:
    """Load `url` for `duration` seconds with wrk's fixed threads and (unless told) connections."""
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (apt-get install wrk)")
    threads = min(WRK_THREADS, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(duration))}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *script_args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    if done.returncode != 0:
        raise BenchError(f"wrk failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return parse_wrk(done.stdout)


def parse_wrk(output: str) -> WrkRun:
    """Requests/sec, total requests, failed ones (non-2xx/3xx, socket errors), median latency, bytes read."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)([KMGT]?B) read", output)
    if not rate or not total:
        raise BenchError(f"could not read wrk's output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    median = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.MULTILINE)
    latency = float(median.group(1)) * _MILLISECONDS[median.group(2)] if median else None
    read = round(float(total.group(2)) * _UNITS[total.group(3)])
    return WrkRun(float(rate.group(1)), int(total.group(1)), errors, latency, read)


def lua_string(text: str) -> str:
    """`text` as a Lua string literal (ASCII only: other bytes as decimal escapes)."""
    escaped = []
    for byte in text.encode():
        char = chr(byte)
        if char in '"\\':
            escaped.append("\\" + char)
        elif 32 <= byte < 127:
            escaped.append(char)
        else:
            escaped.append(f"\\{byte:03d}")
    return '"' + "".join(escaped) + '"'


POST_SCRIPT = """-- Written by bench/wrk.py: POST a different JSON body with every request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local templates = {%(templates)s}
local made = 0

function setup(thread)
  made = made + 1
  thread:set("number", made)
end

function init(args)
  run = args[1] or "run"
  sent = 0
end

function request()
  sent = sent + 1
  local tag = run .. "-" .. number .. "-" .. sent
  local body = string.gsub(templates[(sent %% #templates) + 1], "%(tag)s", tag)
  return wrk.format(nil, nil, nil, body)
end
"""


def post_script(path: Path, bodies: Sequence[dict[str, object]]) -> Path:
    """Write a wrk script that POSTs `bodies` in turn, each string's TAG replaced by a per-request tag.

    The tag is `<run>-<thread>-<n>`: the run token (the script's first argument) keeps runs apart,
    the thread number keeps wrk's threads apart, and n counts the thread's requests.
    """
    if not bodies or not all(TAG in json.dumps(body) for body in bodies):
        raise ValueError(f"every body needs the {TAG} mark so each request differs")
    templates = ",\n  ".join(lua_string(json.dumps(body)) for body in bodies)
    path.write_text(POST_SCRIPT % {"templates": "\n  " + templates + "\n", "tag": TAG})
    return path
