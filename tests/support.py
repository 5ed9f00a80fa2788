"""Real processes and servers for tests: a Celery worker on the real broker, a live HTTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.serving import make_server

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def flask_behind(app: Flask) -> Callable[..., Iterable[bytes]]:
    """The Flask WSGI app behind the middleware `create_app` puts in front of it (fast path, intake path)."""
    from cms.intake_path import CommentIntakePath

    layer = app.wsgi_app
    while not isinstance(layer, CommentIntakePath):
        layer = layer.wsgi_app
    return layer.wsgi_app


class Recorder:
    """A WSGI app standing in front of another, noting each request that reaches it: path and body.

    Put behind the readers' fast path or the intake path, it shows which requests they left to Flask.
    """

    def __init__(self, inner: Callable[..., Iterable[bytes]]) -> None:
        self.inner, self.paths, self.bodies = inner, [], []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.paths.append(environ["PATH_INFO"])
        self.bodies.append(environ["wsgi.input"].read())
        environ["wsgi.input"].seek(0)
        return self.inner(environ, start_response)


def in_front_of(middleware: Callable[..., Any], app: Flask,
                inner: Callable[..., Iterable[bytes]]) -> tuple[Any, Recorder]:
    """`middleware(app, ...)` in front of a `Recorder` of what it leaves to `inner`, and the recorder."""
    recorder = Recorder(inner)
    return middleware(app, recorder), recorder


@contextmanager
def statements_run(*engines: Engine) -> Iterator[list[tuple[str, Any]]]:
    """Every SQL statement the engines run meanwhile, with its parameters, in order."""
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def wait_until(condition: Callable[[], Any], timeout: float = 30.0, interval: float = 0.1,
               message: str = "condition") -> Any:
    """Poll `condition` until it returns something truthy; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message}")
        time.sleep(interval)


class LiveWorker:
    """A `celery -A workers.app worker` subprocess with the test session's configuration."""

    def __init__(self, environment: dict[str, str], log_dir: Path, *, beat: bool = True,
                 concurrency: int = 1, extra_env: dict[str, str] | None = None) -> None:
        self.name = f"test-{uuid.uuid4().hex[:8]}"
        self.log_path = log_dir / f"{self.name}.log"
        env = os.environ | environment | (extra_env or {}) | {"PYTHONPATH": str(PROJECT_ROOT)}
        command = [sys.executable, "-m", "celery", "-A", "workers.app", "worker", "--loglevel", "INFO",
                   "--concurrency", str(concurrency), "--without-mingle", "--without-gossip",
                   "--hostname", f"{self.name}@%h"]
        if beat:
            command += ["--beat", "--schedule", str(log_dir / f"{self.name}-beat")]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def log(self) -> str:
        """Everything the worker printed so far."""
        return self.log_path.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60.0) -> LiveWorker:
        """Block until the worker says it is ready to consume."""
        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"worker exited early:\n{self.log()[-4000:]}")
            return " ready." in self.log()
        wait_until(ready, timeout, message="the Celery worker to be ready")
        return self

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once, as a crash would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def _reap_pool(self) -> None:
        """Pool children of a killed worker must not outlive the test."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 30.0) -> None:
        """Warm shutdown (SIGTERM), then SIGKILL if it will not go."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the main process; it stops its pool itself
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        elif self.process.returncode is not None:
            self._reap_pool()
        self._log.close()


class LiveServer:
    """The test application served over real HTTP from a thread, for browsers and load."""

    def __init__(self, app: Flask) -> None:
        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> LiveServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(10)
