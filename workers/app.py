"""Worker entry point: `celery -A workers.app worker` and `celery -A workers.app beat`.

Builds the Flask app (so tasks run in its context with its configuration), takes its Celery
app, installs beat's schedule and imports the task modules so the worker knows them.
"""

from __future__ import annotations

from typing import Any

from celery.signals import worker_process_init

from cms import create_app
from cms.extensions import db
from workers import comments, publishing, schedule, stats  # noqa: F401  (task registration)

flask_app = create_app()
celery = flask_app.extensions["celery"]
celery.conf.beat_schedule = schedule.beat_schedule(flask_app.config)


@worker_process_init.connect
def _fresh_connections(**_: Any) -> None:
    """A forked pool process must not share its parent's database connections."""
    with flask_app.app_context():
        db.engine.dispose(close=False)
