"""Each web process's copy of the readers' rows, forgotten the moment anything changes one.

The reader fast path needs one row per request (an article's versions and visit counts). On
SQLite that indexed read costs tens of microseconds; on PostgreSQL it is a network round trip
that costs as much as the rest of the request, and the database server's CPU besides. So when
Redis is configured each process keeps the rows it has read, and every commit that writes to
`articles` or to the visit counts publishes one message on a Redis channel. The committing
process forgets its rows before the commit returns; every other process forgets them when the
message arrives (well under a millisecond on one network).

It cannot keep a stale row by a race: a row read while a message arrives is used once but not
kept (a generation count). A process that is not subscribed (starting, or after losing Redis)
keeps nothing, and forgets everything once subscribed again. No row is kept longer than
`MAX_AGE_SECONDS`, which bounds what a lost message, or a change made outside the application
(by hand in psql), can cost.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Flask, current_app, has_app_context
from flask_sqlalchemy.session import Session
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState

from cms.cache import redis_for_requests
from cms.queue import call_after_commit
from cms.services.catalog import ReaderRow

log = logging.getLogger(__name__)

EXTENSION = "cms_reader_rows"
CHANNEL = "cms:reader-rows-changed"
MAX_AGE_SECONDS = 5.0
MAX_ROWS = 4096  # more distinct articles than this between two changes: start again
PING_SECONDS = 1.0  # the listener pings Redis this often, and gives up on a connection silent for 3 pings
RETRY_SECONDS = 1.0
# What the rows are read from: a write to any of these tables may change one.
TABLES = frozenset({"articles", "article_daily_views", "article_view_totals"})
_CHANGED = "cms_reader_rows_announced_for"  # the transaction whose announcement is queued

Key = tuple[str, date]


class ReaderRows:
    """The rows this process has read, valid while it is subscribed to the change channel."""

    def __init__(self, client: Any, channel: str = CHANNEL) -> None:
        self._client, self._channel = client, channel
        self._rows: dict[Key, tuple[float, ReaderRow | None]] = {}
        self._generation = 0
        self._subscribed = False
        self._lock = threading.Lock()
        self._listener_pid: int | None = None
        self._name = b""  # this process's, in its own messages (which it skips: it forgot at commit)
        os.register_at_fork(after_in_child=self._after_fork)

    def _after_fork(self) -> None:
        """A forked child has no listener yet, and must not inherit a lock some thread held."""
        self._lock = threading.Lock()
        self._listener_pid, self._subscribed, self._rows = None, False, {}

    def get(self, ref: str, day: date, read: Callable[[], ReaderRow | None]) -> ReaderRow | None:
        """The row of `ref` on `day`: kept if this process may trust it, else `read()` (kept if still valid)."""
        if self._listener_pid != os.getpid():
            self._start_listener()
        now = time.monotonic()
        kept = self._rows.get((ref, day))
        if kept is not None and now - kept[0] < MAX_AGE_SECONDS and self._subscribed:
            return kept[1]
        generation = self._generation
        row = read()
        with self._lock:
            if self._subscribed and generation == self._generation:
                if len(self._rows) >= MAX_ROWS:
                    self._rows.clear()
                self._rows[(ref, day)] = (now, row)
        return row

    def forget(self) -> None:
        """Drop every kept row; a read already under way will not be kept either."""
        with self._lock:
            self._generation += 1
            self._rows.clear()

    def changed(self) -> None:
        """A commit changed some row: forget here at once, and tell every other process."""
        self.forget()
        try:
            self._client.publish(self._channel, self._name)
        except Exception as error:  # noqa: BLE001 - other processes catch up within MAX_AGE_SECONDS
            log.warning("could not announce a reader-row change: %s", error)

    @property
    def subscribed(self) -> bool:
        """Whether this process is listening (and so keeps rows)."""
        return self._subscribed

    def _start_listener(self) -> None:
        with self._lock:
            if self._listener_pid == os.getpid():
                return
            self._listener_pid = os.getpid()  # a forked child starts its own
            self._name = f"{os.getpid()}:{uuid.uuid4().hex}".encode()
            self._subscribed = False
            self._rows.clear()
        threading.Thread(target=self._listen_forever, name="reader-rows", daemon=True).start()

    def _listen_forever(self) -> None:
        while True:
            try:
                self._listen()
            except Exception as error:  # noqa: BLE001 - keep nothing until subscribed again
                log.warning("reader-row changes unavailable (%s); reading every row until Redis is back", error)
            self._unsubscribed()
            time.sleep(RETRY_SECONDS)

    def _listen(self) -> None:
        """Subscribe, then forget on every message; return if the connection goes quiet."""
        pubsub = self._client.pubsub()
        try:
            pubsub.subscribe(self._channel)
            heard = pinged = time.monotonic()
            while time.monotonic() - heard < 3 * PING_SECONDS:
                message = pubsub.get_message(timeout=PING_SECONDS / 4)
                now = time.monotonic()
                if message is not None:
                    heard = now
                    self._on(message["type"], message.get("data"))
                if now - pinged >= PING_SECONDS:
                    pubsub.ping()
                    pinged = now
            log.warning("reader-row changes: Redis went quiet; reconnecting")
        finally:
            pubsub.close()

    def _on(self, kind: str, data: Any) -> None:
        if kind == "subscribe":
            self.forget()  # anything kept before may have missed a message
            self._subscribed = True
        elif kind == "message" and data != self._name:
            self.forget()

    def _unsubscribed(self) -> None:
        self._subscribed = False
        self.forget()


def _note_write(state: ORMExecuteState) -> None:
    """A statement run through the session that writes to a table the rows come from."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in TABLES:
            _announce_after_commit(state.session)


def _note_flush(session: Session, _context: Any) -> None:
    """An ORM flush of an article or of visit counts."""
    if any(getattr(obj, "__tablename__", None) in TABLES for obj in (*session.new, *session.dirty, *session.deleted)):
        _announce_after_commit(session)


def _announce_after_commit(session: Session) -> None:
    """Announce the change once this transaction commits (once, however many writes it makes)."""
    if not has_app_context():
        return
    transaction = session.get_transaction()
    if transaction is not None and session.info.get(_CHANGED) is transaction:
        return
    rows = current_app.extensions.get(EXTENSION)
    if rows is not None:
        session.info[_CHANGED] = transaction
        call_after_commit(session, rows.changed)  # dropped if the transaction rolls back


def register_session_hooks() -> None:
    """Watch every session for writes to the rows' tables (idempotent; `cms.queue` runs the announcement)."""
    if not event.contains(Session, "after_flush", _note_flush):
        event.listen(Session, "do_orm_execute", _note_write)
        event.listen(Session, "after_flush", _note_flush)


def channel_for(client: Any) -> str:
    """The change channel of the site whose Redis database `client` uses.

    Pub/sub channels are one namespace for the whole Redis server, whatever the database number:
    two sites sharing a server (each with a database of its own) would make each other forget
    their rows on every change, and read them all again.
    """
    return f"{CHANNEL}:db{client.connection_pool.connection_kwargs.get('db', 0)}"


def init_app(app: Flask) -> None:
    """With Redis configured and the row cache on, give `app` its rows and hook the sessions."""
    if app.config.get("REDIS_URL") and app.config["READER_ROW_CACHE"]:
        client = redis_for_requests(app.config["REDIS_URL"])
        app.extensions[EXTENSION] = ReaderRows(client, channel_for(client))
        register_session_hooks()
