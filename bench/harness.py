"""The pieces every benchmark uses: a fresh site, gunicorn servers, a Celery worker (wrk: `bench.wrk`).

`Site` prepares an instance folder with a migrated database and the demo content (through
`flask --app cms setup`, as `make run` does), on SQLite and the SQLite broker by default, or on
PostgreSQL / Redis when CMS_BENCH_DATABASE_URL, CMS_BENCH_BROKER_URL and CMS_BENCH_REDIS_URL
are set. It also runs commands in the site's environment (`flask`, `python -m bench.seed`) and
reads the site's database for checks. Every server, the CMS's and the bare floor app's alike, is
started with the same gunicorn settings (`gunicorn_args()`), so two targets differ only in the app
and the environment a benchmark gives them.
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

from bench.errors import BenchError
from bench.wrk import WRK_CONNECTIONS, WRK_THREADS, WrkRun, parse_wrk, run_wrk

__all__ = ["BROWSER_UA", "WRK_CONNECTIONS", "WRK_THREADS", "BenchError", "Server", "Site", "Worker", "WrkRun",
           "gunicorn_args", "gunicorn_workers", "http_get", "idle_share", "machine_cpu", "parse_wrk",
           "published_article", "run_wrk", "wait_for"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
OUT = PROJECT_ROOT / "bench" / "out"
GUNICORN_WORKERS = 2  # one per core of the 2-core machine the targets were set on
BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/131.0.0.0 Safari/537.36")


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_workers() -> int:
    """Sync workers per server: `CMS_BENCH_GUNICORN_WORKERS`, or one per core of the reference machine.

    The knob exists to test whether a target is short of concurrency rather than of CPU; every
    server of a run gets the same count, floors included.
    """
    value = os.environ.get("CMS_BENCH_GUNICORN_WORKERS", "")
    if not value:
        return GUNICORN_WORKERS
    if not value.isdigit() or int(value) < 1:
        raise BenchError(f"CMS_BENCH_GUNICORN_WORKERS must be a whole number >= 1, not {value!r}")
    return int(value)


def gunicorn_args() -> tuple[str, ...]:
    """The settings every server of a run is started with, the CMS's and the floor's alike."""
    return ("--workers", str(gunicorn_workers()), "--threads", "1", "--worker-class", "sync", "--keep-alive", "5")


def machine_cpu(stat: str | None = None) -> tuple[int, int] | None:
    """The machine's CPU time so far as (all, idle) clock ticks, idle counting I/O wait (`/proc/stat`).

    Over a run, idle / all says whether the load kept the cores busy: a target that waits (on a
    disk flush, say) leaves them idle where its floor does not. None where there is no /proc/stat.
    """
    if stat is None:
        try:
            stat = Path("/proc/stat").read_text()
        except OSError:
            return None
    ticks = [int(value) for value in stat.split("\n", 1)[0].split()[1:]]
    return sum(ticks[:8]), ticks[3] + ticks[4]  # user..steal (guest time is inside user); idle + iowait


def idle_share(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    """The share of the machine's CPU time left idle between two `machine_cpu` readings; None if either is."""
    if before is None or after is None or after[0] <= before[0]:
        return None
    return (after[1] - before[1]) / (after[0] - before[0])


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

    def cpu_seconds(self) -> float | None:
        """CPU time (user + system) used so far by the process and every process of its session
        (gunicorn's workers); None where /proc cannot tell (not Linux), or once it has stopped."""
        if self.popen is None or not Path("/proc").is_dir():
            return None
        group, total = self.popen.pid, 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # a process that ended meanwhile
            if int(fields[2]) == group:  # after the name: state, ppid, pgrp, ..., utime, stime, and the
                total += sum(map(int, fields[11:15]))  # same of its children that ended (a restarted worker)
        return total / os.sysconf("SC_CLK_TCK")

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
        command = [sys.executable, "-m", "gunicorn", *gunicorn_args(), "--bind", f"127.0.0.1:{self.port}", app]
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


class Site:
    """A fresh, migrated site with the demo content, and the environment that runs it.

    On PostgreSQL a site lives in its own schema of the benchmark database (`public` unless told),
    so a benchmark can keep two sites side by side in the one database it may empty.
    """

    def __init__(self, name: str, schema: str = "public") -> None:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
            raise BenchError(f"not a plain schema name: {schema!r}")
        self.name, self.schema = name, schema
        self.dir = OUT / name
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.env = self._environment()
        self._engine: Any = None

    def _environment(self) -> dict[str, str]:
        """Production settings in a private instance folder; the bench services when configured."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("CMS_")}
        env |= {"CMS_ENV": "production", "CMS_SECRET_KEY": "bench-secret-not-for-production",
                "CMS_INSTANCE_PATH": str(self.dir), "PYTHONPATH": str(PROJECT_ROOT)}
        for bench_name, name in (("CMS_BENCH_DATABASE_URL", "CMS_DATABASE_URL"),
                                 ("CMS_BENCH_BROKER_URL", "CMS_BROKER_URL"), ("CMS_BENCH_REDIS_URL", "CMS_REDIS_URL"),
                                 ("CMS_BENCH_READER_FAST_PATH", "CMS_READER_FAST_PATH"),
                                 ("CMS_BENCH_READER_ROW_CACHE", "CMS_READER_ROW_CACHE")):
            if os.environ.get(bench_name):
                env[name] = os.environ[bench_name]
        if env.get("CMS_DATABASE_URL", "").startswith("postgresql") and self.schema != "public":
            env["CMS_DATABASE_URL"] = in_schema(env["CMS_DATABASE_URL"], self.schema)
        return env

    def describe(self) -> str:
        """Which database, broker and shared buffer the run used, and a worker count not the default."""
        database = "PostgreSQL" if self.env.get("CMS_DATABASE_URL", "").startswith("postgresql") else "SQLite"
        broker = "Redis" if self.env.get("CMS_BROKER_URL", "").startswith("redis") else "SQLite broker"
        buffer = "Redis buffer" if self.env.get("CMS_REDIS_URL") else "in-process buffer"
        fast_path = ", reader fast path off" if self.env.get("CMS_READER_FAST_PATH", "1") in {"0", "false", "no", "off"} else ""
        row_cache = (", reader row cache off" if self.env.get("CMS_REDIS_URL")
                     and self.env.get("CMS_READER_ROW_CACHE", "1") in {"0", "false", "no", "off"} else "")
        count = gunicorn_workers()
        workers = f", {count} gunicorn workers" if count != GUNICORN_WORKERS else ""
        return f"{database}, {broker}, {buffer}{fast_path}{row_cache}{workers}"

    def prepare(self) -> Site:
        """Empty the benchmark database and Redis, migrate, load the demo content, empty the task queue."""
        url = self.env.get("CMS_DATABASE_URL")
        if url:
            self._reset_postgres(url)
        if self.env.get("CMS_REDIS_URL"):
            _flush_redis(self.env["CMS_REDIS_URL"])
        self.flask("setup")
        self._run(["celery", "-A", "workers.app", "purge", "-f"])
        return self

    def _reset_postgres(self, url: str) -> None:
        """Drop everything in the site's schema of the benchmark database (which must say so in its name)."""
        reset_schema(url, self.schema)

    def _run(self, args: list[str], timeout: float = 300) -> str:
        """Run one of the venv's commands (flask, celery, python) with the site's environment; its output."""
        binary = Path(sys.executable).with_name(args[0])
        done = subprocess.run([str(binary), *args[1:]], cwd=PROJECT_ROOT, env=self.env, capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode != 0:
            raise BenchError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        return done.stdout

    def flask(self, *args: str) -> str:
        """`flask --app cms ARGS` for this site; what it printed."""
        return self._run(["flask", "--app", "cms", *args])

    def python(self, *args: str, timeout: float = 600) -> str:
        """`python ARGS` with this site's environment (e.g. `-m bench.seed ...`); what it printed."""
        return self._run([Path(sys.executable).name, *args], timeout=timeout)

    def token(self, username: str) -> str:
        """A new API token for a demo user (`flask tokens create` prints it alone on its last line)."""
        return self.flask("tokens", "create", username).strip().splitlines()[-1]

    def password(self, username: str) -> str:
        """A demo user's password, from the credentials file `flask setup` wrote."""
        for line in (self.dir / "demo-credentials.txt").read_text().splitlines()[1:]:
            name, _role, password = line.split()
            if name == username:
                return password
        raise BenchError(f"no demo user {username!r}")

    def database_url(self) -> str:
        """The database the application uses, as its own configuration derives it."""
        from config import load_config

        return load_config(environ=self.env)["SQLALCHEMY_DATABASE_URI"]

    def scalar(self, sql: str, **params: Any) -> Any:
        """One value from the site's database (for checking what a run left behind)."""
        from sqlalchemy import create_engine, text

        if self._engine is None:
            self._engine = create_engine(self.database_url())
        with self._engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    def close(self) -> None:
        """Let go of the checking connections."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def server(self, name: str, **extra_env: str) -> Server:
        """A started gunicorn for this site, with `extra_env` on top of the site's environment."""
        return Server(self.env | extra_env, self.dir, name).start()

    def floor(self, name: str, page_bytes: int) -> Server:
        """A started gunicorn serving the bare floor app (`bench.floor`) with a page of `page_bytes`."""
        return Server(self.env | {"BENCH_PAGE_BYTES": str(page_bytes)}, self.dir, name, app="bench.floor:app").start()

    def worker(self) -> Worker:
        """A started Celery worker for this site."""
        return Worker(self.env, self.dir).start()


def reset_schema(url: str, schema: str) -> None:
    """Drop and create `schema` in the benchmark database at `url` (its name must contain *bench*)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    if "bench" not in (make_url(url).database or ""):
        raise BenchError("CMS_BENCH_DATABASE_URL is emptied by every run: name the database *bench*")
    ensure_database(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
    engine.dispose()


def ensure_database(url: str) -> bool:
    """Create the PostgreSQL database `url` names if it does not exist yet; whether it had to."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    server = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with server.connect() as connection:
            if connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}):
                return False
            quoted = connection.dialect.identifier_preparer.quote(target.database)
            connection.execute(text(f"CREATE DATABASE {quoted}"))
            return True
    finally:
        server.dispose()


def in_schema(url: str, schema: str) -> str:
    """A PostgreSQL URL whose connections use `schema` (created by `prepare`)."""
    from sqlalchemy.engine import make_url

    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)


def _flush_redis(url: str) -> None:
    """Empty the site's Redis database (rate-limit counters, buffers, caches of an earlier run)."""
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def published_article(server: Server) -> dict[str, Any]:
    """The newest published article, as the public API lists it."""
    status, body = http_get(f"{server.url}/api/v1/articles?limit=1")
    items = json.loads(body).get("items") if status == 200 else None
    if not items:
        raise BenchError(f"no published article to load (GET /api/v1/articles answered {status})")
    return items[0]
