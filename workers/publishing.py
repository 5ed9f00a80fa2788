"""Scheduled publishing: beat asks every few seconds; due revisions go live."""

from __future__ import annotations

from celery import shared_task
from sqlalchemy.exc import OperationalError

from cms.services import publishing


@shared_task(name="workers.publishing.publish_due", acks_late=True, time_limit=120, soft_time_limit=100,
             autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def publish_due() -> list[int]:
    """Publish every scheduled revision whose time has come (safe to run twice: guarded updates)."""
    return publishing.publish_due()
