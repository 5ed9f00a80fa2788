"""The Celery app bound to Flask, the after-commit helpers, and the coalescing `Nudger`.

Tasks run inside an application context (Flask's "Background Tasks with Celery" pattern). The
web side never imports task code: it names tasks (`workers.comments.process`) and sends them
only after its transaction has committed, so a worker never looks for a row that is not there
yet; a broker that is down costs a log line, not the request, and beat's sweepers catch up.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from celery import Celery, Task, bootsteps
from flask import Flask, current_app
from flask_sqlalchemy.session import Session
from sqlalchemy import event

log = logging.getLogger(__name__)

_PENDING = "cms_after_commit_tasks"
# kombu's SQL transport looks for new messages once a second; Redis and RabbitMQ push them.
SQL_BROKER_POLL_SECONDS = 0.05


class PollSQLBrokerOften(bootsteps.StartStopStep):
    """A worker polls an SQL broker every 0.05 s, so a comment sent to an idle worker is screened at once.

    kombu reads `polling_interval` from the transport options but also hands every option to
    SQLAlchemy's `create_engine`, which refuses it; so this consumer step sets it on the transport
    whenever the connection is (re)made. An idle worker's cost is twenty small reads a second, about
    2% of a core (1.3% at 0.1 s, 3.3% at 0.02 s, measured); a task then waits 25 ms on average for
    its pick-up, not 50 ms.
    """

    requires = ("celery.worker.consumer.connection:Connection",)

    def start(self, parent: Any) -> None:
        """Set the interval on the transport of the connection just made."""
        transport = parent.connection.transport
        if getattr(transport, "driver_name", "") == "sqlalchemy":
            transport.polling_interval = SQL_BROKER_POLL_SECONDS


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app for `app`; every task body runs in `app`'s context."""

    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.import_name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.steps["consumer"].add(PollSQLBrokerOften)
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


def call_after_commit(session: Session, action: Callable[[], object]) -> None:
    """Run `action` once `session` commits; forget it if the session rolls back."""
    session.info.setdefault(_PENDING, []).append(action)


def enqueue_after_commit(session: Session, task_name: str, *args: Any, **options: Any) -> None:
    """Send `task_name(*args)` once `session` commits; forget it if the session rolls back."""
    call_after_commit(session, lambda: send_now(task_name, *args, **options))


def send_now(task_name: str, *args: Any, **options: Any) -> bool:
    """Publish one task without retrying; False (and a warning) when the broker cannot take it."""
    try:
        current_app.extensions["celery"].send_task(task_name, args=args, retry=False, **options)
    except Exception as error:  # noqa: BLE001 - any broker failure must not fail the caller
        log.warning("could not enqueue %s%r: %s; the sweeper will pick it up", task_name, args, error)
        return False
    return True


def _send_pending(session: Session) -> None:
    for action in session.info.pop(_PENDING, []):
        action()


def _drop_pending(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(_PENDING, None)


def register_session_hooks() -> None:
    """Hook the after-commit sending into Flask-SQLAlchemy's sessions (idempotent)."""
    if not event.contains(Session, "after_commit", _send_pending):
        event.listen(Session, "after_commit", _send_pending)
        event.listen(Session, "after_soft_rollback", _drop_pending)


class Nudger:
    """Sends one task for a burst of events: the first at once, the rest folded into one more.

    Comment intake pokes it after each commit instead of publishing a task per comment: under
    load a thousand comments cost a few publishes, and the task they wake claims them in batches.
    Each send happens after the poke that caused it, so the task always finds that comment
    committed. The thread is started by the first poke in each process (after a server forks).

    At most one send every `interval` (half a second): a publish is a few milliseconds of I/O
    during which this thread and the request thread trade the interpreter's lock at each call, and
    under load one every 50 ms took 6-7% of a web process's CPU (`bench.intake`: 1,193 → 1,106 µs a
    POST). A comment arriving meanwhile waits at most that long for its send, and none while a
    task is draining, which claims whatever arrives.
    """

    def __init__(self, app: Flask, task_name: str, interval: float = 0.5) -> None:
        self._app, self._task_name, self._interval = app, task_name, interval
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._owner_pid: int | None = None

    def poke(self) -> None:
        """Ask for a send soon; many pokes within one interval give one send."""
        if self._owner_pid != os.getpid():
            self._start()
        self._wanted.set()

    def _start(self) -> None:
        with self._lock:
            if self._owner_pid == os.getpid():
                return
            self._wanted = threading.Event()
            threading.Thread(target=self._run, name=f"nudge:{self._task_name}", daemon=True).start()
            self._owner_pid = os.getpid()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            with self._app.app_context():
                send_now(self._task_name)
            time.sleep(self._interval)


def nudge(task_name: str) -> None:
    """Poke this application's nudger for `task_name` (made on first use)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    nudgers = app.extensions.setdefault("cms_nudgers", {})
    if task_name not in nudgers:
        nudgers[task_name] = Nudger(app, task_name)
    nudgers[task_name].poke()
