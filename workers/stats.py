"""Visit statistics: fold flushed view batches into daily rows and totals; forget old batch ids."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from sqlalchemy.exc import OperationalError

from cms.services import stats_fold


@shared_task(name="workers.stats.fold_views", acks_late=True, time_limit=120, soft_time_limit=100,
             autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=300, max_retries=10)
def fold_views(batch_id: str, rows: list[list[Any]]) -> int:
    """Add one web process's flushed views (safe to run twice: the batch id is recorded with them)."""
    return stats_fold.fold_batch(batch_id, rows)


@shared_task(name="workers.stats.prune_batches", acks_late=True, time_limit=300, soft_time_limit=280,
             autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def prune_batches() -> int:
    """Forget batch ids older than any redelivery, so the table stays small (safe to run twice)."""
    return stats_fold.prune_batches()
