"""The Celery app bound to Flask, and the enqueue-after-commit helper.

Tasks run inside an application context (Flask's "Background Tasks with Celery" pattern). The
web side never imports task code: it names tasks (`workers.comments.process`) and sends them
only after its transaction has committed, so a worker never looks for a row that is not there
yet; a broker that is down costs a log line, not the request, and beat's sweepers catch up.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, Task
from flask import Flask, current_app
from flask_sqlalchemy.session import Session
from sqlalchemy import event

log = logging.getLogger(__name__)

_PENDING = "cms_after_commit_tasks"


def celery_init_app(app: Flask) -> Celery:
    """Create the Celery app for `app`; every task body runs in `app`'s context."""

    class FlaskTask(Task):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            with app.app_context():
                return self.run(*args, **kwargs)

    celery_app = Celery(app.import_name, task_cls=FlaskTask)
    celery_app.config_from_object(app.config["CELERY"])
    celery_app.set_default()
    app.extensions["celery"] = celery_app
    return celery_app


def enqueue_after_commit(session: Session, task_name: str, *args: Any, **options: Any) -> None:
    """Send `task_name(*args)` once `session` commits; forget it if the session rolls back."""
    session.info.setdefault(_PENDING, []).append((task_name, args, options))


def send_now(task_name: str, *args: Any, **options: Any) -> bool:
    """Publish one task without retrying; False (and a warning) when the broker cannot take it."""
    try:
        current_app.extensions["celery"].send_task(task_name, args=args, retry=False, **options)
    except Exception as error:  # noqa: BLE001 - any broker failure must not fail the caller
        log.warning("could not enqueue %s%r: %s; the sweeper will pick it up", task_name, args, error)
        return False
    return True


def _send_pending(session: Session) -> None:
    for task_name, args, options in session.info.pop(_PENDING, []):
        send_now(task_name, *args, **options)


def _drop_pending(session: Session, previous_transaction: Any) -> None:
    if previous_transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(_PENDING, None)


def register_session_hooks() -> None:
    """Hook the after-commit sending into Flask-SQLAlchemy's sessions (idempotent)."""
    if not event.contains(Session, "after_commit", _send_pending):
        event.listen(Session, "after_commit", _send_pending)
        event.listen(Session, "after_soft_rollback", _drop_pending)
