"""Counting article page views off the request path.

The article page calls `count_view`, which checks `policy` (reader, GET, 200, not a bot or a
prefetch) and adds one to the process's `buffer`; the `counter`'s thread flushes it every
CMS_VISIT_FLUSH_SECONDS (through a Redis hash that all web processes share when CMS_REDIS_URL is
set) to one `workers.stats.fold_views` task, which adds the batch to the statistics tables. A view
costs a few microseconds: no database write, no broker publish, no network at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, request

from cms.visits.buffer import RedisBuffer
from cms.visits.counter import FOLD_TASK, VisitCounter, flush_all
from cms.visits.policy import is_bot, is_countable

__all__ = ["FOLD_TASK", "VisitCounter", "count_view", "counter_for", "flush_all", "init_app", "is_bot"]

EXTENSION = "cms_visits"
REDIS_TIMEOUT = 2.0  # seconds: only the flush thread talks to Redis, never a page


def shared_buffer(config: Mapping[str, Any]) -> RedisBuffer | None:
    """The Redis hash all web processes share, when the site has a Redis (no connection yet)."""
    if not config.get("REDIS_URL"):
        return None
    import redis

    return RedisBuffer(redis.Redis.from_url(config["REDIS_URL"], socket_timeout=REDIS_TIMEOUT,
                                            socket_connect_timeout=REDIS_TIMEOUT))


def init_app(app: Flask) -> None:
    """Give `app` a visit counter when counting is on (its thread starts with the first view)."""
    if app.config["COUNT_VISITS"]:
        app.extensions[EXTENSION] = VisitCounter(app, app.config["VISIT_FLUSH_SECONDS"], shared_buffer(app.config))


def counter_for(app: Flask) -> VisitCounter | None:
    """The app's visit counter, or None when counting is off."""
    return app.extensions.get(EXTENSION)


def count_view(article_id: int, response: Response) -> None:
    """Count `response` as one view of the article if it is a reader's view of the page."""
    counter = current_app.extensions.get(EXTENSION)
    if counter is not None and is_countable(request, response):
        counter.record(article_id)
