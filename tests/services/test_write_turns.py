"""Comment intake takes its write turn on SQLite: writers queue in the kernel, one at a time."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import create_engine

from cms.extensions import db
from cms.models import Comment, Role
from cms.services import comments, write_turns
from cms.services.write_turns import write_turn
from tests import factories


def _hold_turn(engine, entered: threading.Event, release: threading.Event, log: list[str]) -> threading.Thread:
    """A thread (with its own descriptor, as another process has) that holds the turn until told."""

    def hold() -> None:
        with engine.connect() as connection, write_turn(connection):
            entered.set()
            release.wait(10)
            log.append("released")

    thread = threading.Thread(target=hold)
    thread.start()
    assert entered.wait(10)
    return thread


def test_a_second_writer_waits_until_the_first_lets_go(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'site.db'}")
    entered, release, log = threading.Event(), threading.Event(), []
    holder = _hold_turn(engine, entered, release, log)
    threading.Timer(0.2, release.set).start()
    with engine.connect() as connection, write_turn(connection):
        log.append("second writer")
    holder.join()
    assert log == ["released", "second writer"]


def test_a_comment_waits_for_the_turn_then_is_stored(app, make_user):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("write turns are SQLite's; PostgreSQL has row locks and no busy handler")
    article = factories.article(make_user(Role.EDITOR), publish=True)
    entered, release, log = threading.Event(), threading.Event(), []
    holder = _hold_turn(db.engine, entered, release, log)
    threading.Timer(0.2, release.set).start()
    stored = comments.submit(article, {"author_name": "Sam", "body": "Is a short nap enough?"}, "192.0.2.7")
    log.append("comment stored")
    holder.join()
    assert log == ["released", "comment stored"]
    assert db.session.get(Comment, stored.id).status == "received"


def test_a_refused_duplicate_leaves_sqlite_free_for_the_next_writer(app, make_user):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("write turns are SQLite's")
    article = factories.article(make_user(Role.EDITOR), publish=True)
    comment = {"author_name": "Sam", "body": "Is a short nap enough?"}
    comments.submit(article, comment, "192.0.2.7")
    with pytest.raises(comments.DuplicateComment):
        comments.submit(article, comment, "192.0.2.7")
    other = sqlite3.connect(db.engine.url.database, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # "database is locked" if the refused insert still held it
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_in_memory_and_postgresql_databases_take_no_turn(monkeypatch):
    def no_file(path: str) -> int:
        raise AssertionError(f"a turn file was opened: {path}")

    monkeypatch.setattr(write_turns, "_descriptor", no_file)
    for url in ("sqlite://", "postgresql+psycopg://nobody@127.0.0.1:1/none"):
        engine = create_engine(url)
        connection = engine.connect() if url.startswith("sqlite") else _unconnected(engine)
        with write_turn(connection):
            pass


def _unconnected(engine):
    """Enough of a connection for `write_turn` to see its dialect and URL, without a server."""

    class Unconnected:
        dialect = engine.dialect

    Unconnected.engine = engine
    return Unconnected()
