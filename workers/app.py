"""Worker entry point: `celery -A workers.app worker` and `celery -A workers.app beat`.

Builds the Flask app (so tasks run in its context with its configuration), takes its Celery
app, installs beat's schedule and imports the task modules so the worker knows them.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

from celery.signals import worker_process_init, worker_ready

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


@worker_ready.connect
@worker_process_init.connect
def _freeze_what_start_up_loaded(**_: Any) -> None:
    """Take the objects loaded at start-up out of the cyclic garbage collector's passes (`gc.freeze`).

    Screening a comment allocates many short-lived objects (bleach's parse tree above all), so the
    collector runs often, and each older-generation pass walked the ~130,000 objects of the loaded
    application: about 20 µs a comment, 5 µs once they are frozen. They live as long as the worker.
    Sent when the worker is ready and in each pool process it forks (prefork).
    """
    gc.freeze()


# The interpreter's switch interval in a worker: how long a thread that wants the lock back waits
# before it asks the running thread to give it up (CPython's default is 5 ms).
WORKER_SWITCH_INTERVAL = 0.001


@worker_ready.connect
@worker_process_init.connect
def _hand_the_interpreter_back_sooner(**_: Any) -> None:
    """A 1 ms switch interval, so a drain's database thread gets the interpreter back soon after each round trip.

    A drain screens on one thread while another runs its claims and finishes on PostgreSQL
    (`cms.services.draining`). The database thread gives up the interpreter's lock at every
    socket read and, with the screening thread never pausing, waited the whole interval to have
    it back each time: with 5 ms the screening thread then waited 32-66 µs a comment for claims
    not yet done, with 1 ms 8 (`bench.phases`' drain line; 0.5 ms was no better). Only a thread
    that waits for the lock makes the running one give it up, so a worker with one busy thread
    pays nothing for it.
    """
    sys.setswitchinterval(WORKER_SWITCH_INTERVAL)
