"""Helpers for the visit statistics tests: browser-like requests, folding what the test app
buffered, and gunicorn web processes started as subprocesses (as in production)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from flask import Flask

from cms.services import stats_fold
from cms.visits import counter_for
from tests.support import PROJECT_ROOT, wait_until

BROWSER_UA = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "Chrome/131.0.0.0 Safari/537.36")
READER = {"User-Agent": BROWSER_UA}


def reset_visits(app: Flask) -> None:
    """Stop the test app's flush thread and forget what it buffered (run after every test)."""
    counter = counter_for(app)
    if counter is not None:
        counter.stop(flush=False)
        counter.local.clear()
        if counter.shared is not None:
            counter.shared.clear()


def fold_buffered(app: Flask) -> int:
    """Fold what the test app has buffered straight into the tables (what the worker would do)."""
    counter = counter_for(app)
    assert counter is not None, "counting is off in this app"
    batch = counter.take()
    if batch is None:
        return 0
    folded = stats_fold.fold_batch(batch.batch_id, batch.rows())
    counter.source.done(batch)
    return folded


def pending_views(app: Flask) -> dict[tuple[int, str], int]:
    """What the test app has counted but not flushed yet."""
    counter = counter_for(app)
    assert counter is not None, "counting is off in this app"
    return counter.pending()


def get(url: str, headers: dict[str, str] | None = None) -> int:
    """GET `url` as a reader's browser would; the status code."""
    request = urllib.request.Request(url, headers=headers if headers is not None else READER)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebProcess:
    """`gunicorn 'cms:create_app()'` in a subprocess, with the repo's gunicorn.conf.py."""

    def __init__(self, environment: dict[str, str], log_dir: Path, *, workers: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"gunicorn-{self.port}.log"
        env = {**os.environ, **environment, "PYTHONPATH": str(PROJECT_ROOT)}
        command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", "1",
                   "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "20", "cms:create_app()"]
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def log(self) -> str:
        """Everything gunicorn and the app printed so far."""
        return self.log_path.read_text(errors="replace")

    def wait_ready(self) -> WebProcess:
        """Block until the server answers its health check."""
        def ready() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited early:\n{self.log()[-4000:]}")
            try:
                return get(f"{self.url}/healthz") == 200
            except OSError:
                return False
        wait_until(ready, timeout=60, message="gunicorn to answer")
        return self

    def stop(self) -> int:
        """A clean stop (SIGTERM: gunicorn lets its workers finish and exit); the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        self._log.close()
        return self.process.returncode
