"""Counting article page views off the request path.

The article page calls `count_view`, which checks `policy` (reader, GET, 200, not a bot or a
prefetch) and adds one to a `buffer` (this process's memory, or Redis when CMS_REDIS_URL is set);
the `counter`'s thread flushes the buffer every CMS_VISIT_FLUSH_SECONDS to one
`workers.stats.fold_views` task, which adds the batch to the statistics tables. A view costs a
dict update (or one HINCRBY): no database write and no broker publish.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, current_app, request

from cms.visits.buffer import MemoryBuffer, RedisBuffer, ViewBuffer
from cms.visits.counter import FOLD_TASK, VisitCounter, flush_all
from cms.visits.policy import is_bot, is_countable

__all__ = ["FOLD_TASK", "VisitCounter", "count_view", "counter_for", "flush_all", "init_app", "is_bot"]

EXTENSION = "cms_visits"
REDIS_TIMEOUT = 0.5  # seconds: a Redis that hangs may cost a page this much, never more


def make_buffer(config: Mapping[str, Any]) -> ViewBuffer:
    """Redis when the site has one (shared by all web processes), else this process's memory."""
    if config.get("REDIS_URL"):
        import redis

        client = redis.Redis.from_url(config["REDIS_URL"], socket_timeout=REDIS_TIMEOUT,
                                      socket_connect_timeout=REDIS_TIMEOUT)
        return RedisBuffer(client)
    return MemoryBuffer()


def init_app(app: Flask) -> None:
    """Give `app` a visit counter when counting is on (its thread starts with the first view)."""
    if app.config["COUNT_VISITS"]:
        app.extensions[EXTENSION] = VisitCounter(app, make_buffer(app.config), app.config["VISIT_FLUSH_SECONDS"])


def counter_for(app: Flask) -> VisitCounter | None:
    """The app's visit counter, or None when counting is off."""
    return app.extensions.get(EXTENSION)


def count_view(article_id: int, response: Response) -> None:
    """Count `response` as one view of the article if it is a reader's view of the page."""
    counter = current_app.extensions.get(EXTENSION)
    if counter is not None and is_countable(request, response):
        counter.record(article_id)
