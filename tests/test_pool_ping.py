"""On PostgreSQL a pooled connection is pinged only after it sat idle, and a dead one is replaced unseen."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from cms import pool_ping
from cms.extensions import db


@pytest.fixture()
def postgres(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("pings are for a database server (CI's PostgreSQL run)")
    db.session.remove()
    return db.engine


@pytest.fixture()
def pings(postgres, monkeypatch):
    """Each ping the pool sends, counted."""
    sent = []
    real = postgres.dialect.do_ping

    def counted(dbapi_connection):
        sent.append(1)
        return real(dbapi_connection)

    monkeypatch.setattr(postgres.dialect, "do_ping", counted)
    return sent


def _backend_pid() -> int:
    pid = db.session.scalar(text("SELECT pg_backend_pid()"))
    db.session.remove()
    return pid


def test_a_connection_used_a_moment_ago_is_not_pinged(postgres, pings):
    _backend_pid()
    for _ in range(5):
        _backend_pid()
    assert pings == []


def test_a_connection_that_sat_idle_is_pinged(postgres, pings, monkeypatch):
    _backend_pid()
    monkeypatch.setattr(pool_ping, "IDLE_PING_SECONDS", 0.0)
    _backend_pid()
    assert pings == [1]


def test_an_idle_connection_the_server_dropped_is_replaced_without_an_error(postgres, monkeypatch):
    """On an engine of its own with one connection, so the dropped one is the one checked out next
    (and no other test meets it in the app's pool)."""
    engine = create_engine(postgres.url, pool_size=1, max_overflow=0)
    pool_ping.ping_idle_connections(engine)
    try:
        with engine.connect() as connection:
            dropped = connection.scalar(text("SELECT pg_backend_pid()"))
        with postgres.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": dropped})
            connection.commit()
        monkeypatch.setattr(pool_ping, "IDLE_PING_SECONDS", 0.0)
        with engine.connect() as connection:  # no error: the ping failed, and the pool connected again
            assert connection.scalar(text("SELECT pg_backend_pid()")) != dropped
    finally:
        engine.dispose()
