"""The per-process visit counter: buffer each view, flush the lot to one fold task every second or so.

A view is added to this process's memory only. Each flush, without Redis, takes that as one
batch; with Redis, it pushes it into the shared hash and, if this process leads this interval,
takes the shared hash as the site's batch. Nothing starts at import or in the factory: the flush
thread starts with the first counted view (so a forked gunicorn worker starts its own), and an
exit hook (plus gunicorn's `worker_exit`, see gunicorn.conf.py) flushes what is left on a clean
shutdown. A flush the broker (or Redis) refuses keeps its views for the next one; the page never
waits on the broker or on Redis.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as dt_time
from zoneinfo import ZoneInfo

from flask import Flask

from cms.queue import send_now
from cms.services.stats import local_day
from cms.visits.buffer import Batch, MemoryBuffer, RedisBuffer, ViewBuffer

log = logging.getLogger(__name__)

FOLD_TASK = "workers.stats.fold_views"
WARN_EVERY = 60.0  # seconds between two warnings about the same failing buffer or broker

_live: weakref.WeakSet[VisitCounter] = weakref.WeakSet()
_exit_hook = threading.Lock()
_exit_hook_installed = False


class LocalDayClock:
    """Today's date in a zone, as `YYYY-MM-DD`, worked out again only when the clock leaves that day.

    Every counted view needs it, and converting the clock to the zone's date cost more than the
    rest of counting the view, for an answer that changes once a day. The day runs from one local
    midnight to the next (`fold=0`: where a DST change skips midnight, the day starts at the
    change; where it repeats it, at the first); a clock set back before the day's start is seen too.
    """

    def __init__(self, zone: ZoneInfo, clock: Callable[[], float] = time.time) -> None:
        self._zone, self._clock = zone, clock
        self._day: tuple[float, float, str] = (0.0, 0.0, "")  # start, end (epoch seconds), date; one swap

    def __call__(self) -> str:
        now = self._clock()
        start, end, day = self._day
        if not start <= now < end:
            start, end, day = self._day = self._day_around(now)
        return day

    def _day_around(self, now: float) -> tuple[float, float, str]:
        today = datetime.fromtimestamp(now, self._zone).date()
        start = datetime.combine(today, dt_time.min, tzinfo=self._zone).timestamp()
        end = datetime.combine(today + timedelta(days=1), dt_time.min, tzinfo=self._zone).timestamp()
        return start, end, today.isoformat()


class VisitCounter:
    """Counts views in memory and flushes them, through Redis when shared, to `FOLD_TASK`."""

    def __init__(self, app: Flask, interval: float, shared: RedisBuffer | None = None) -> None:
        self.local = MemoryBuffer()
        self.shared = shared
        self.interval = interval
        self._app = app
        self._zone = ZoneInfo(app.config["TIMEZONE"])
        self._today = LocalDayClock(self._zone)
        self._state_lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._started = False
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._last_warning = 0.0

    def record(self, article_id: int, when: datetime | None = None) -> None:
        """Count one view on the local day of `when` (default now), in memory: no I/O on the page's path."""
        self.local.add(article_id, self._today() if when is None else local_day(when, self._zone).isoformat())
        if not self._started:
            self.start()

    def start(self) -> None:
        """Start the flush thread (once per process) and make sure exit flushes what is left."""
        with self._state_lock:
            if self._started:
                return
            _install_exit_hook()
            _live.add(self)
            if self.interval > 0:
                self._stop = threading.Event()
                self._thread = threading.Thread(target=self._run, name="visit-flush", daemon=True)
                self._thread.start()
            self._started = True

    @property
    def source(self) -> ViewBuffer:
        """Where batches are taken from: the shared hash when there is one, else this process."""
        return self.shared or self.local

    def pending(self) -> dict[tuple[int, str], int]:
        """Views counted and not yet taken for a fold (here, and in the shared hash)."""
        counts = self.local.pending()
        for key, views in (self.shared.pending() if self.shared else {}).items():
            counts[key] = counts.get(key, 0) + views
        return counts

    def take(self, *, lead: bool = False) -> Batch | None:
        """The next batch to fold; with Redis, push ours first and take only when leading (or told to)."""
        if self.shared is None:
            return self.local.take()
        mine = self.local.take()
        if mine is not None:
            try:
                self.shared.push(mine.counts)
            except Exception:
                self.local.give_back(mine)
                raise
        if lead and not self.shared.lead(self.interval):
            return None
        return self.shared.take()

    def flush(self, *, lead: bool = False) -> int:
        """Hand what is buffered to one fold task; the views sent (0 when none, or refused)."""
        with self._flush_lock:
            batch = self.take(lead=lead)
            if batch is None:
                return 0
            with self._app.app_context():
                sent = send_now(FOLD_TASK, batch.batch_id, batch.rows())
            if sent:
                self.source.done(batch)
                return batch.views
            self.source.give_back(batch)
            return 0

    def stop(self, *, flush: bool = True, timeout: float = 10.0) -> int:
        """Stop the flush thread, then flush what is left (unless told not to); the views sent."""
        with self._state_lock:
            self._stop.set()
            thread, self._thread, self._started = self._thread, None, False
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        return self._safe_flush() if flush else 0

    def after_fork(self) -> None:
        """In a forked child: no thread runs and nothing is counted yet."""
        self._state_lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._started, self._thread, self._stop = False, None, threading.Event()
        self.local.after_fork()

    def _run(self) -> None:
        stop = self._stop
        while not stop.wait(self.interval):
            self._safe_flush(lead=True)

    def _safe_flush(self, *, lead: bool = False) -> int:
        try:
            return self.flush(lead=lead)
        except Exception as error:  # noqa: BLE001 - keep the thread alive; the views wait in the buffer
            self._warn("could not flush buffered views: %s", error)
            return 0

    def _warn(self, message: str, *args: object) -> None:
        now = time.monotonic()
        if now - self._last_warning >= WARN_EVERY:
            self._last_warning = now
            log.warning(message, *args)


def flush_all() -> int:
    """Stop every started counter in this process and flush what it holds (shutdown hooks call this)."""
    return sum(counter.stop() for counter in list(_live))


def _after_fork_in_child() -> None:
    for counter in list(_live):
        counter.after_fork()
    _live.clear()


def _install_exit_hook() -> None:
    """Flush at interpreter exit and reset in forked children; installed once, on first use."""
    global _exit_hook_installed
    with _exit_hook:
        if not _exit_hook_installed:
            atexit.register(flush_all)
            os.register_at_fork(after_in_child=_after_fork_in_child)
            _exit_hook_installed = True
