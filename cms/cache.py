"""Render-once caches for pages and API bodies: in-process by default, shared through Redis when configured.

Keys name the exact version of what was rendered (an article's live revision, the time it was
published, its comments' version, the sanitizer policy), so an entry is never stale: publishing
or approving a comment changes the key, and every web process, reading the same row, asks for the
same new key. Old entries simply age out (LRU in-process, a TTL in Redis). Nothing is invalidated
by message, so several processes cannot disagree.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from flask import Flask, current_app

log = logging.getLogger(__name__)

EXTENSION = "cms_page_cache"
LOCAL_ENTRIES = 512
REDIS_TTL_SECONDS = 3600
REDIS_TIMEOUT = 0.5  # a slow Redis makes a miss, not a slow page


class LocalCache:
    """A thread-safe LRU of rendered bodies in this process."""

    def __init__(self, entries: int = LOCAL_ENTRIES) -> None:
        self._entries = entries
        self._items: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        """The body stored under `key`, freshly used, or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def set(self, key: str, value: str) -> None:
        """Store `value`, dropping the least recently used entry when full."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._entries:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (tests)."""
        with self._lock:
            self._items.clear()


class SharedCache(LocalCache):
    """The local LRU in front of Redis: a body rendered by one process serves all of them."""

    def __init__(self, client: Any, prefix: str = "cms:page:") -> None:
        super().__init__()
        self._client, self._prefix = client, prefix

    def get(self, key: str) -> str | None:
        value = super().get(key)
        if value is not None:
            return value
        try:
            stored = self._client.get(self._prefix + key)
        except Exception as error:  # noqa: BLE001 - Redis trouble costs a render, never the page
            log.warning("page cache unavailable: %s", error)
            return None
        if stored is None:
            return None
        value = stored.decode("utf-8")
        super().set(key, value)
        return value

    def clear(self) -> None:
        """Forget everything, here and in Redis (tests)."""
        super().clear()
        for key in self._client.scan_iter(match=self._prefix + "*"):
            self._client.delete(key)

    def set(self, key: str, value: str) -> None:
        super().set(key, value)
        try:
            self._client.set(self._prefix + key, value.encode("utf-8"), ex=REDIS_TTL_SECONDS)
        except Exception as error:  # noqa: BLE001
            log.warning("page cache unavailable: %s", error)


def fill_holes(rendered: str, holes: re.Pattern[str], fills: Mapping[str, bytes]) -> bytes:
    """A cached rendering with one request's parts in its holes (`holes` captures each whole hole)."""
    texts, names = _split_at_holes(rendered, holes)
    parts = [texts[0]]
    for name, text in zip(names, texts[1:], strict=True):
        parts += (fills[name], text)
    return b"".join(parts)


@lru_cache(maxsize=64)
def _split_at_holes(rendered: str, holes: re.Pattern[str]) -> tuple[tuple[bytes, ...], tuple[str, ...]]:
    """A rendering as encoded pieces between its holes, and which hole follows each piece.

    Done once per cached rendering (the cache hands back the same string object, whose hash Python
    keeps), so a request joins bytes instead of searching and copying the body once per hole.
    """
    pieces = holes.split(rendered)
    return tuple(piece.encode() for piece in pieces[0::2]), tuple(pieces[1::2])


def redis_for_requests(url: str) -> Any:
    """A Redis client for work on a request's path (this cache, `cms.reader_rows`): short timeouts."""
    import redis

    return redis.Redis.from_url(url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT)


def init_app(app: Flask) -> None:
    """Give `app` its cache: shared through Redis when CMS_REDIS_URL is set, else in-process."""
    if app.config.get("REDIS_URL"):
        app.extensions[EXTENSION] = SharedCache(redis_for_requests(app.config["REDIS_URL"]))
    else:
        app.extensions[EXTENSION] = LocalCache()


def page_cache() -> LocalCache:
    """The current application's cache."""
    return current_app.extensions[EXTENSION]
