"""Pooled connections are checked before use only when they have sat idle (PostgreSQL).

`pool_pre_ping` sends a round trip before every checkout: on a comment POST on PostgreSQL, one
of three, and about a tenth of the web process's CPU for it. A connection that was in use a moment
ago is as alive as a ping would show; the ones worth checking are those that sat in the pool long
enough for the server to restart or a proxy to cut them. So a connection idle for
`IDLE_PING_SECONDS` or more is pinged when it is checked out, and replaced if the ping fails
(SQLAlchemy's documented pessimistic handling: a checkout listener raising `DisconnectionError`
makes the pool connect again). One used within the last second is not. If the database goes away
within that second, the next statement fails as a disconnect, SQLAlchemy drops every pooled
connection, and only that request sees the error (a comment POST on the intake path is then
answered by Flask, on a new connection).
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

IDLE_PING_SECONDS = 1.0
RETURNED_AT = "cms_returned_at"


def ping_idle_connections(engine: Engine) -> None:
    """Install the listeners on `engine`'s pool (in place of `pool_pre_ping`)."""

    def stamp(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info[RETURNED_AT] = time.monotonic()

    def check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(RETURNED_AT, 0.0) < IDLE_PING_SECONDS:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # noqa: BLE001 - any failure means "connect again"
            raise DisconnectionError(f"an idle pooled connection failed its ping: {error}") from error

    event.listen(engine.pool, "connect", stamp)
    event.listen(engine.pool, "checkin", stamp)
    event.listen(engine.pool, "checkout", check)
