"""The comment pipeline's tasks: process a batch of received comments; sweep up any left behind."""

from __future__ import annotations

from celery import shared_task
from flask import current_app
from sqlalchemy.exc import DBAPIError

from cms.queue import send_now
from cms.services import draining, pipeline

PROCESS = "workers.comments.process"
DRAIN_SECONDS = 60.0


@shared_task(name=PROCESS, acks_late=True, time_limit=120, soft_time_limit=100,
             autoretry_for=(DBAPIError,), retry_backoff=True, retry_backoff_max=60, max_retries=8)
def process(comment_id: int | None = None) -> int:
    """Screen the named comment (or the oldest waiting) and keep claiming batches while any wait.

    One task drains a burst; several workers drain it together, each claiming its own batches.
    It stops after `DRAIN_SECONDS` (well inside its time limit) and leaves the rest to the next
    task or the sweeper. A second delivery finds nothing to do.
    """
    return draining.drain(comment_id, DRAIN_SECONDS)


@shared_task(name="workers.comments.sweep", acks_late=True, time_limit=60, soft_time_limit=50,
             autoretry_for=(DBAPIError,), retry_backoff=True, max_retries=3)
def sweep() -> int:
    """Send comments left `received` (broker down at intake, worker crashed) back to the workers."""
    waiting = pipeline.waiting_ids()
    size = current_app.config["COMMENT_BATCH_SIZE"]
    for start in range(0, len(waiting), size):
        send_now(PROCESS, waiting[start])
    return len(waiting)
