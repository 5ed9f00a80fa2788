"""The pieces every benchmark uses: a fresh site, gunicorn servers, a Celery worker, and wrk.

`Site` prepares an instance folder with a migrated database and the demo content (through
`flask --app cms setup`, as `make run` does), on SQLite and the SQLite broker by default, or on
PostgreSQL / Redis when CMS_BENCH_DATABASE_URL, CMS_BENCH_BROKER_URL and CMS_BENCH_REDIS_URL
are set. Every server is started with the same gunicorn settings (`GUNICORN_ARGS`), so two
targets differ only in the environment a benchmark gives them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OUT = PROJECT_ROOT / "bench" / "out"
GUNICORN_ARGS = ("--workers", "2", "--threads", "1", "--worker-class", "sync", "--keep-alive", "5")
WRK_THREADS, WRK_CONNECTIONS = 2, 16
BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/131.0.0.0 Safari/537.36")


class BenchError(RuntimeError):
    """A benchmark could not produce a trustworthy figure."""


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str, timeout: float = 10.0) -> tuple[int, bytes]:
    """Status and body of a GET (an HTTP error status is returned, not raised)."""
    request = urllib.request.Request(url, headers={"User-Agent": "bench-harness"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(condition: Any, timeout: float, what: str, interval: float = 0.2) -> Any:
    """Poll `condition` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise BenchError(f"timed out after {timeout:.0f}s waiting for {what}")


@dataclass
class Process:
    """A subprocess with its own log file, stopped with SIGTERM (then SIGKILL)."""

    command: list[str]
    env: dict[str, str]
    log_path: Path
    popen: subprocess.Popen[bytes] | None = field(default=None, init=False)

    def start(self) -> Self:
        """Start the process in its own session (so stopping it stops its children too)."""
        self._log = self.log_path.open("wb")
        self.popen = subprocess.Popen(self.command, cwd=PROJECT_ROOT, env=self.env, stdout=self._log,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def alive(self) -> bool:
        """Whether the process is still running."""
        return self.popen is not None and self.popen.poll() is None

    def log(self) -> str:
        """Everything the process printed so far."""
        return self.log_path.read_text(errors="replace")

    def check_alive(self, what: str) -> None:
        """Fail with the end of the log if the process has exited."""
        if not self.alive():
            raise BenchError(f"{what} exited early; its log ({self.log_path}):\n{self.log()[-3000:]}")

    def stop(self, timeout: float = 30.0) -> None:
        """A clean stop (SIGTERM to the process group), SIGKILL if it will not go."""
        if self.alive():
            assert self.popen is not None
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(10)
        self._log.close()


class Server(Process):
    """gunicorn serving a WSGI app (default `cms:create_app()`) on a free loopback port."""

    def __init__(self, env: dict[str, str], log_dir: Path, name: str, app: str = "cms:create_app()") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "gunicorn", *GUNICORN_ARGS, "--bind", f"127.0.0.1:{self.port}", app]
        super().__init__(command, env, log_dir / f"{name}.log")
        self.name = name

    def wait_ready(self, path: str = "/healthz", timeout: float = 60.0) -> Server:
        """Block until the server answers `path` with 200."""
        def answers() -> bool:
            self.check_alive(f"gunicorn ({self.name})")
            try:
                return http_get(self.url + path, timeout=2)[0] == 200
            except OSError:
                return False
        wait_for(answers, timeout, f"gunicorn ({self.name}) to answer {path}")
        return self


class Worker(Process):
    """A Celery worker (solo pool: one process, so it takes one core at most)."""

    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        command = [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "--pool", "solo",
                   "--loglevel", "INFO", "--without-mingle", "--without-gossip", "--hostname", "bench@%h"]
        super().__init__(command, env, log_dir / "worker.log")

    def wait_ready(self, timeout: float = 60.0) -> Worker:
        """Block until the worker says it is ready to consume."""
        def ready() -> bool:
            self.check_alive("the Celery worker")
            return " ready." in self.log()
        wait_for(ready, timeout, "the Celery worker to be ready")
        return self


@dataclass(frozen=True)
class WrkRun:
    """What one wrk run measured."""

    requests_per_second: float
    requests: int
    errors: int


def run_wrk(url: str, duration: float, headers: dict[str, str] | None = None) -> WrkRun:
    """Load `url` for `duration` seconds with wrk's fixed threads and connections."""
    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (apt-get install wrk)")
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{max(1, round(duration))}s", "--latency"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True,
                            timeout=duration + 60).stdout
    return parse_wrk(output)


def parse_wrk(output: str) -> WrkRun:
    """Requests/sec, total requests and failed ones (non-2xx/3xx, socket errors) from wrk's report."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    if not rate or not total:
        raise BenchError(f"could not read wrk's output:\n{output}")
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return WrkRun(float(rate.group(1)), int(total.group(1)), errors)


class Site:
    """A fresh, migrated site with the demo content, and the environment that runs it."""

    def __init__(self, name: str) -> None:
        self.dir = OUT / name
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.env = self._environment()

    def _environment(self) -> dict[str, str]:
        """Production settings in a private instance folder; the bench services when configured."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
        env |= {"CMS_ENV": "production", "CMS_SECRET_KEY": "bench-secret-not-for-production",
                "CMS_INSTANCE_PATH": str(self.dir), "PYTHONPATH": str(PROJECT_ROOT)}
        for bench_name, name in (("CMS_BENCH_DATABASE_URL", "CMS_DATABASE_URL"),
                                 ("CMS_BENCH_BROKER_URL", "CMS_BROKER_URL"), ("CMS_BENCH_REDIS_URL", "CMS_REDIS_URL")):
            if os.environ.get(bench_name):
                env[name] = os.environ[bench_name]
        return env

    def describe(self) -> str:
        """Which database, broker and shared buffer the run used."""
        database = "PostgreSQL" if self.env.get("CMS_DATABASE_URL", "").startswith("postgresql") else "SQLite"
        broker = "Redis" if self.env.get("CMS_BROKER_URL", "").startswith("redis") else "SQLite broker"
        buffer = "Redis buffer" if self.env.get("CMS_REDIS_URL") else "in-process buffer"
        return f"{database}, {broker}, {buffer}"

    def prepare(self) -> Site:
        """Empty the benchmark database, migrate it, load the demo content, empty the task queue."""
        url = self.env.get("CMS_DATABASE_URL")
        if url:
            self._reset_postgres(url)
        self._run(["flask", "--app", "cms", "setup"])
        self._run(["celery", "-A", "workers.app", "purge", "-f"])
        return self

    def _reset_postgres(self, url: str) -> None:
        """Drop everything in the benchmark database (which must say so in its name)."""
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        if "bench" not in (make_url(url).database or ""):
            raise BenchError("CMS_BENCH_DATABASE_URL is emptied by every run: name the database *bench*")
        engine = create_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()

    def _run(self, args: list[str]) -> None:
        """Run one of the venv's commands (flask, celery) with the site's environment."""
        binary = Path(sys.executable).with_name(args[0])
        done = subprocess.run([str(binary), *args[1:]], cwd=PROJECT_ROOT, env=self.env, capture_output=True,
                              text=True, timeout=300)
        if done.returncode != 0:
            raise BenchError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")

    def server(self, name: str, **extra_env: str) -> Server:
        """A started gunicorn for this site, with `extra_env` on top of the site's environment."""
        return Server(self.env | extra_env, self.dir, name).start()

    def worker(self) -> Worker:
        """A started Celery worker for this site."""
        return Worker(self.env, self.dir).start()


def published_article(server: Server) -> dict[str, Any]:
    """The newest published article, as the public API lists it."""
    status, body = http_get(f"{server.url}/api/v1/articles?limit=1")
    items = json.loads(body).get("items") if status == 200 else None
    if not items:
        raise BenchError(f"no published article to load (GET /api/v1/articles answered {status})")
    return items[0]
