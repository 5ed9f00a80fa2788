"""Reader rows kept per process: used until any process commits a change, never kept past doubt."""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import update
from werkzeug.test import Client

from cms import fast_path, reader_rows
from cms.fast_path import ReaderFastPath
from cms.extensions import db
from cms.models import Article, Role
from cms.reader_rows import EXTENSION, ReaderRows
from cms.services import articles, comments, moderation, pipeline, publishing
from tests import factories
from tests.conftest import TEST_REDIS_URL
from tests.support import wait_until
from tests.visits_support import READER, fold_buffered

DAY = date(2026, 11, 24)


class Bus:
    """An in-memory stand-in for a Redis channel shared by several processes."""

    def __init__(self) -> None:
        self.listeners: list[FakePubSub] = []
        self.published = 0
        self.confirm = threading.Event()
        self.confirm.set()

    def client(self) -> FakeRedis:
        return FakeRedis(self)


class FakeRedis:
    def __init__(self, bus: Bus) -> None:
        self.bus = bus

    def publish(self, _channel: str, data: bytes) -> int:
        self.bus.published += 1
        for listener in list(self.bus.listeners):
            listener.inbox.put({"type": "message", "data": data})
        return len(self.bus.listeners)

    def pubsub(self) -> FakePubSub:
        return FakePubSub(self.bus)


class FakePubSub:
    def __init__(self, bus: Bus) -> None:
        self.bus, self.inbox, self.silent = bus, queue.Queue(), False

    def subscribe(self, _channel: str) -> None:
        self.bus.confirm.wait(5)
        self.bus.listeners.append(self)
        self.inbox.put({"type": "subscribe"})

    def get_message(self, timeout: float) -> dict[str, Any] | None:
        try:
            return self.inbox.get(timeout=timeout)
        except queue.Empty:
            return None

    def ping(self) -> None:
        if not self.silent:
            self.inbox.put({"type": "pong"})

    def close(self) -> None:
        self.bus.listeners.remove(self)


class Reads:
    """A row reader that counts its calls and returns what it is told."""

    def __init__(self, value: Any = "row") -> None:
        self.count, self.value = 0, value

    def __call__(self) -> Any:
        self.count += 1
        return self.value


def _subscribed(rows: ReaderRows) -> ReaderRows:
    rows.get("warm-up", DAY, Reads())
    wait_until(lambda: rows.subscribed, timeout=5, message="the listener to subscribe")
    return rows


@pytest.fixture()
def bus() -> Bus:
    return Bus()


def test_a_kept_row_is_used_until_another_process_changes_one(bus):
    here, there = _subscribed(ReaderRows(bus.client())), _subscribed(ReaderRows(bus.client()))
    reads = Reads()
    assert [here.get("naps", DAY, reads) for _ in range(3)] == ["row"] * 3
    assert reads.count == 1
    there.changed()
    wait_until(lambda: (here.get("naps", DAY, reads), reads.count)[1] == 2, timeout=5,
               message="the other process's change to reach this one")


def test_the_committing_process_forgets_before_its_commit_returns(bus):
    rows, reads = _subscribed(ReaderRows(bus.client())), Reads()
    rows.get("naps", DAY, reads)
    rows.changed()
    rows.get("naps", DAY, reads)
    assert reads.count == 2


def test_a_row_read_while_a_change_arrives_is_used_but_not_kept(bus):
    rows = _subscribed(ReaderRows(bus.client()))
    reads = Reads()

    def read_during_a_change() -> str:
        rows.forget()  # what the listener does when another process's message lands mid-read
        return reads()

    assert rows.get("naps", DAY, read_during_a_change) == "row"
    rows.get("naps", DAY, reads)
    assert reads.count == 2


def test_nothing_is_kept_before_the_subscription_is_confirmed(bus):
    bus.confirm.clear()
    rows, reads = ReaderRows(bus.client()), Reads()
    for _ in range(3):
        rows.get("naps", DAY, reads)
    assert reads.count == 3 and not rows.subscribed
    bus.confirm.set()


def test_no_row_is_kept_longer_than_its_maximum_age(bus, monkeypatch):
    rows, reads = _subscribed(ReaderRows(bus.client())), Reads()
    monkeypatch.setattr(reader_rows, "MAX_AGE_SECONDS", 0.0)
    rows.get("naps", DAY, reads)
    rows.get("naps", DAY, reads)
    assert reads.count == 2


def test_a_silent_connection_is_dropped_and_everything_forgotten(bus, monkeypatch):
    monkeypatch.setattr(reader_rows, "PING_SECONDS", 0.05)
    monkeypatch.setattr(reader_rows, "RETRY_SECONDS", 0.05)
    rows, reads = _subscribed(ReaderRows(bus.client())), Reads()
    rows.get("naps", DAY, reads)
    first = bus.listeners[0]
    first.silent = True
    wait_until(lambda: first not in bus.listeners and rows.subscribed, timeout=5,
               message="the listener to give up on the quiet connection and subscribe again")
    rows.get("naps", DAY, reads)
    assert reads.count == 2


def test_a_forked_web_process_keeps_nothing_until_its_own_listener_subscribes(bus):
    rows = _subscribed(ReaderRows(bus.client()))
    rows.get("naps", DAY, Reads())
    child = os.fork()
    if child == 0:  # gunicorn's worker, forked after the app was built
        inherited = rows.subscribed or rows.get("naps", DAY, lambda: "read again") != "read again"
        os._exit(1 if inherited else 0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.skipif(not TEST_REDIS_URL, reason="needs Redis (CI's second run sets CMS_TEST_REDIS_URL)")
def test_a_change_reaches_another_process_through_redis():
    import redis

    channel = f"cms:test-reader-rows:{threading.get_ident()}"
    here = _subscribed(ReaderRows(redis.Redis.from_url(TEST_REDIS_URL), channel))
    there = _subscribed(ReaderRows(redis.Redis.from_url(TEST_REDIS_URL), channel))
    reads = Reads()
    here.get("naps", DAY, reads)
    here.get("naps", DAY, reads)
    assert reads.count == 1
    there.changed()
    wait_until(lambda: (here.get("naps", DAY, reads), reads.count)[1] == 2, timeout=5,
               message="the change to arrive through Redis")


def test_each_redis_database_has_its_own_change_channel():
    import redis

    channels = {reader_rows.channel_for(redis.Redis.from_url(f"redis://127.0.0.1:6379/{n}")) for n in (0, 7)}
    assert channels == {f"{reader_rows.CHANNEL}:db0", f"{reader_rows.CHANNEL}:db7"}
    assert reader_rows.channel_for(redis.Redis.from_url("redis://127.0.0.1:6379")) == f"{reader_rows.CHANNEL}:db0"


@pytest.mark.skipif(not TEST_REDIS_URL, reason="needs Redis (CI's second run sets CMS_TEST_REDIS_URL)")
def test_a_site_on_another_redis_database_does_not_make_this_one_forget():
    import redis

    def rows_on(database: int) -> ReaderRows:
        client = redis.Redis.from_url(TEST_REDIS_URL.rsplit("/", 1)[0] + f"/{database}")
        assert client.connection_pool.connection_kwargs["db"] == database
        return _subscribed(ReaderRows(client, reader_rows.channel_for(client)))

    mine, neighbour_a, neighbour_b = rows_on(12), rows_on(13), rows_on(13)
    reads, neighbours_reads = Reads(), Reads()
    mine.get("naps", DAY, reads)
    neighbour_a.get("naps", DAY, neighbours_reads)
    neighbour_b.changed()
    # Redis delivers a publish to every subscriber at once: once the neighbour has heard it, so would this site have
    wait_until(lambda: (neighbour_a.get("naps", DAY, neighbours_reads), neighbours_reads.count)[1] == 2, timeout=5,
               message="the neighbour's change to reach the neighbour")
    mine.get("naps", DAY, reads)
    assert reads.count == 1


@pytest.fixture()
def kept(app, bus) -> Iterator[ReaderRows]:
    """The test app keeping reader rows, on the in-memory bus."""
    previous = app.extensions.get(EXTENSION)
    app.extensions[EXTENSION] = rows = _subscribed(ReaderRows(bus.client()))
    reader_rows.register_session_hooks()
    yield rows
    if previous is None:
        del app.extensions[EXTENSION]
    else:
        app.extensions[EXTENSION] = previous


@pytest.fixture()
def editor(make_user):
    return make_user(Role.EDITOR)


def _announced(bus: Bus, action: Callable[[], object]) -> int:
    before = bus.published
    action()
    return bus.published - before


def test_every_change_a_reader_can_see_is_announced(app, kept, bus, editor, make_user):
    moderator = make_user(Role.MODERATOR)
    article = factories.article(editor, title="Naps", body="Short.", publish=False)
    assert _announced(bus, lambda: publishing.publish(editor, article)) >= 1
    edit = {"title": "Naps", "body_markdown": "Shorter.", "slug": "short-naps"}
    assert _announced(bus, lambda: articles.save_revision(editor, article, 1, edit)) >= 1
    comment = comments.submit(article, {"author_name": "Sam", "body": "Twenty minutes."}, "192.0.2.7")
    pipeline.process(comment.id)
    assert _announced(bus, lambda: moderation.decide(moderator, comment.id, "approve")) >= 1
    Client(app, use_cookies=False).get(f"/articles/{article.slug}", headers=READER)
    assert _announced(bus, lambda: fold_buffered(app)) >= 1
    assert _announced(bus, lambda: publishing.unpublish(editor, article)) >= 1


def test_a_transactions_writes_are_announced_once_at_commit(kept, bus, editor):
    article = factories.article(editor, publish=True)
    db.session.commit()

    def two_writes() -> None:
        articles_table = Article.__table__  # a Core statement, as the services write
        for _ in range(2):
            db.session.execute(update(articles_table).where(articles_table.c.id == article.id)
                               .values(comments_version=articles_table.c.comments_version + 1))
        assert bus.published == before  # nothing until the commit
        db.session.commit()

    before = bus.published
    assert _announced(bus, two_writes) == 1


def test_a_write_rolled_back_is_not_announced(kept, bus, editor):
    article = factories.article(editor, publish=True)

    def rolled_back() -> None:
        db.session.execute(update(Article).where(Article.id == article.id).values(comment_count=7))
        db.session.rollback()
        db.session.commit()

    assert _announced(bus, rolled_back) == 0


def test_taking_in_and_screening_comments_announce_nothing(kept, bus, editor):
    article = factories.article(editor, publish=True)

    def intake_and_screening() -> None:
        made = comments.submit(article, {"author_name": "Sam", "body": "Does caffeine matter?"}, "192.0.2.8")
        pipeline.process(made.id)

    assert _announced(bus, intake_and_screening) == 0


def test_the_fast_path_reads_a_kept_row_once_and_shows_approval_at_once(app, kept, editor, make_user, monkeypatch):
    """Whichever keeps the row (SQLite's `PRAGMA data_version` or this module with Redis)."""
    article = factories.article(editor, title="Naps", body="Short.", publish=True)
    middleware, path = app.wsgi_app, f"/articles/{article.slug}"
    assert isinstance(middleware, ReaderFastPath)
    reads: list[str] = []
    real_read = fast_path.read_reader_row
    monkeypatch.setattr(fast_path, "read_reader_row", lambda connection, ref, day: (
        reads.append(ref), real_read(connection, ref, day))[1])
    reader = Client(middleware, use_cookies=False)
    for _ in range(4):
        assert reader.get(path, headers=READER).status_code == 200
    assert reads == [article.slug]  # the first reader's, before Flask renders the page; kept since
    comment = comments.submit(article, {"author_name": "Sam", "body": "Twenty minutes works."}, "192.0.2.9")
    pipeline.process(comment.id)
    moderation.decide(make_user(Role.MODERATOR), comment.id, "approve")
    assert "Twenty minutes works." in reader.get(path, headers=READER).get_data(as_text=True)
    assert len(reads) == 2
