"""The view buffers: exact counts under concurrency, batches taken once, nothing lost on give-back."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest

from cms.visits.buffer import Batch, MemoryBuffer, RedisBuffer
from tests.conftest import TEST_REDIS_URL

needs_redis = pytest.mark.skipif(not TEST_REDIS_URL, reason="needs Redis: set CMS_TEST_REDIS_URL")


@pytest.fixture()
def redis_client() -> Iterator[object]:
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    yield client
    client.close()


@pytest.fixture()
def redis_prefix(redis_client) -> Iterator[str]:
    """A key prefix of this test's own, removed afterwards."""
    prefix = f"{{cms-visits-test-{uuid.uuid4().hex[:8]}}}"
    yield prefix
    keys = list(redis_client.scan_iter(f"{prefix}*"))
    if keys:
        redis_client.delete(*keys)


@pytest.fixture(params=["memory", pytest.param("redis", marks=needs_redis)])
def buffer(request):
    """Each buffer kind (Redis only when the suite has one)."""
    if request.param == "memory":
        return MemoryBuffer()
    return RedisBuffer(request.getfixturevalue("redis_client"), prefix=request.getfixturevalue("redis_prefix"))


def add(buffer, article_id: int, day: str) -> None:
    """One view: memory adds it; Redis receives it as a process's push."""
    if isinstance(buffer, MemoryBuffer):
        buffer.add(article_id, day)
    else:
        buffer.push({(article_id, day): 1})


def add_from_threads(buffers: list, views_per_thread: int, threads: int = 8) -> Counter:
    """Add views from several threads at once (round-robin over `buffers`); what was added."""
    keys = [(1, "2026-06-10"), (1, "2026-06-11"), (2, "2026-06-10")]
    start = threading.Barrier(threads)

    def work(n: int) -> None:
        start.wait()
        target = buffers[n % len(buffers)]
        for i in range(views_per_thread):
            add(target, *keys[(n + i) % len(keys)])

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    added: Counter = Counter()
    for n in range(threads):
        for i in range(views_per_thread):
            added[keys[(n + i) % len(keys)]] += 1
    return added


def test_views_added_from_many_threads_are_all_counted(buffer):
    added = add_from_threads([buffer], 300)
    assert buffer.pending() == dict(added)


def test_taking_a_batch_empties_the_buffer_and_each_batch_has_a_new_id(buffer):
    add(buffer, 7, "2026-06-10")
    add(buffer, 7, "2026-06-10")
    first = buffer.take()
    assert first.counts == {(7, "2026-06-10"): 2}
    assert first.rows() == [[7, "2026-06-10", 2]]
    assert buffer.pending() == {}
    assert buffer.take() is None
    add(buffer, 7, "2026-06-10")
    second = buffer.take()
    buffer.done(first)
    buffer.done(second)
    assert second.batch_id != first.batch_id


def test_a_batch_given_back_is_counted_again_with_the_views_since(buffer):
    add(buffer, 3, "2026-06-10")
    batch = buffer.take()
    add(buffer, 3, "2026-06-10")
    add(buffer, 4, "2026-06-10")
    buffer.give_back(batch)
    assert buffer.pending() == {(3, "2026-06-10"): 2, (4, "2026-06-10"): 1}


def test_views_added_while_batches_are_taken_land_in_exactly_one_batch(buffer):
    taken: Counter = Counter()
    stop = threading.Event()

    def flusher() -> None:
        while not stop.is_set():
            batch = buffer.take()
            if batch is not None:
                taken.update(batch.counts)
                buffer.done(batch)

    thread = threading.Thread(target=flusher)
    thread.start()
    added = add_from_threads([buffer], 200, threads=4)
    stop.set()
    thread.join()
    taken.update(buffer.pending())
    assert taken == added


@needs_redis
def test_a_push_is_added_whole(redis_client, redis_prefix):
    buffer = RedisBuffer(redis_client, prefix=redis_prefix)
    buffer.push({(1, "2026-06-10"): 5, (2, "2026-06-11"): 2})
    buffer.push({(1, "2026-06-10"): 1})
    assert buffer.pending() == {(1, "2026-06-10"): 6, (2, "2026-06-11"): 2}


@needs_redis
def test_one_process_leads_each_interval(redis_client, redis_prefix):
    web1, web2 = RedisBuffer(redis_client, prefix=redis_prefix), RedisBuffer(redis_client, prefix=redis_prefix)
    assert web1.lead(60) is True
    assert web2.lead(60) is False
    assert web1.lead(60) is False


@needs_redis
def test_two_processes_sharing_redis_count_together_and_never_take_the_same_views(redis_client, redis_prefix):
    web1, web2 = RedisBuffer(redis_client, prefix=redis_prefix), RedisBuffer(redis_client, prefix=redis_prefix)
    added = add_from_threads([web1, web2], 200)
    taken: Counter = Counter()
    lock = threading.Lock()

    def flush(buffer: RedisBuffer) -> None:
        for _ in range(20):
            batch = buffer.take()
            if batch is not None:
                with lock:
                    taken.update(batch.counts)
                buffer.done(batch)

    flushers = [threading.Thread(target=flush, args=(b,)) for b in (web1, web2, web1, web2)]
    for thread in flushers:
        thread.start()
    for thread in flushers:
        thread.join()
    assert taken == added
    assert web1.pending() == {}


@needs_redis
def test_a_batch_left_in_flight_by_a_dead_process_is_resent_under_its_own_id(redis_client, redis_prefix):
    dead = RedisBuffer(redis_client, prefix=redis_prefix)
    dead.push({(5, "2026-06-10"): 1})
    lost = dead.take()  # the process dies here, before it sends or gives back
    survivor = RedisBuffer(redis_client, prefix=redis_prefix)
    survivor.push({(5, "2026-06-11"): 1})
    fresh = survivor.take()  # not yet stale: the new views go first
    assert fresh.counts == {(5, "2026-06-11"): 1}
    survivor.done(fresh)
    survivor.STALE_AFTER = 0.0
    again = survivor.take()
    assert (again.batch_id, again.counts, again.reclaimed) == (lost.batch_id, lost.counts, True)
    survivor.give_back(again)  # refused again: it stays in flight under its id, not merged
    assert survivor.pending() == {}
    assert survivor.take().batch_id == lost.batch_id


def test_a_batch_knows_its_views():
    batch = Batch("id", {(1, "2026-06-10"): 2, (2, "2026-06-10"): 3})
    assert batch.views == 5
    assert batch.rows() == [[1, "2026-06-10", 2], [2, "2026-06-10", 3]]
