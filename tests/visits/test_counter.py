"""The visit counter: one task per flush with plain data, nothing lost when the broker is down,
a thread that starts with the first view, a flush at shutdown, a clean slate in a forked child."""

from __future__ import annotations

import os
import threading
import warnings

import pytest
from celery import Celery

from cms.services import stats
from cms.visits import FOLD_TASK, VisitCounter, counter_for, flush_all
from cms.visits.buffer import RedisBuffer
from tests import factories
from tests.conftest import TEST_REDIS_URL
from tests.support import wait_until
from tests.visits_support import READER


class Sent(list):
    """Tasks the counter sent, instead of a broker."""

    def __call__(self, task_name: str, *args: object) -> bool:
        self.append((task_name, *args))
        return True


@pytest.fixture()
def sent(monkeypatch) -> Sent:
    tasks = Sent()
    monkeypatch.setattr("cms.visits.counter.send_now", tasks)
    return tasks


def flush_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "visit-flush"]


def test_a_flush_sends_one_task_with_a_batch_id_and_plain_rows(app, sent):
    counter = VisitCounter(app, interval=0)
    day = stats.site_today().isoformat()
    for article_id in (4, 4, 9):
        counter.record(article_id)
    assert counter.flush() == 3
    [(task, batch_id, rows)] = sent
    assert task == FOLD_TASK == "workers.stats.fold_views"
    assert isinstance(batch_id, str) and len(batch_id) == 32
    assert rows == [[4, day, 2], [9, day, 1]]
    assert counter.flush() == 0
    assert len(sent) == 1


def test_views_the_broker_refuses_are_kept_and_sent_with_the_next_flush(app, monkeypatch):
    down = Celery("broker-down", broker="redis://127.0.0.1:1/0", set_as_current=False)  # nothing listens there
    down.conf.update(broker_connection_timeout=1.0, broker_connection_retry=False, task_publish_retry=False)
    monkeypatch.setitem(app.extensions, "celery", down)
    counter = VisitCounter(app, interval=0)
    counter.record(4)
    counter.record(4)
    assert counter.flush() == 0
    counter.record(4)
    assert counter.pending() == {(4, stats.site_today().isoformat()): 3}
    sent = Sent()
    monkeypatch.setattr("cms.visits.counter.send_now", sent)
    assert counter.flush() == 3
    assert [rows for _, _, rows in sent] == [[[4, stats.site_today().isoformat(), 3]]]
    down.close()


def test_the_flush_thread_starts_with_the_first_view_and_then_flushes_by_itself(app, sent):
    counter = VisitCounter(app, interval=0.05)
    assert flush_threads() == []
    counter.record(1)
    assert len(flush_threads()) == 1
    wait_until(lambda: sent, message="the flush thread to send the view")
    counter.record(1)
    counter.record(2)
    wait_until(lambda: sum(len(rows) for _, _, rows in sent) == 3, message="the second flush")
    counter.stop(flush=False)
    assert flush_threads() == []


def test_stopping_at_shutdown_hands_over_every_buffered_view(app, sent):
    counter = VisitCounter(app, interval=3600)
    for _ in range(3):
        counter.record(6)
    assert sent == []
    assert flush_all() == 3
    assert [rows for _, _, rows in sent] == [[[6, stats.site_today().isoformat(), 3]]]
    assert flush_threads() == []


def test_views_are_counted_in_memory_so_a_dead_redis_never_touches_the_page(app, client, monkeypatch):
    import redis

    dead = RedisBuffer(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.5))  # nothing listens
    counter = counter_for(app)
    monkeypatch.setattr(counter, "shared", dead)
    article = factories.article(publish=True)
    response = client.get(f"/articles/{article.slug}", headers=READER)
    assert response.status_code == 200
    assert "Visited 0 times" in response.get_data(as_text=True)
    assert counter.local.pending() == {(article.id, stats.site_today().isoformat()): 1}
    assert counter.stop() == 0  # Redis refused the push: the view stays here for the next flush
    assert counter.local.pending() == {(article.id, stats.site_today().isoformat()): 1}


def test_a_forked_child_starts_with_no_views_and_no_flush_thread(app, sent):
    counter = VisitCounter(app, interval=3600)
    counter.record(3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # fork with threads running (Python 3.12+)
        pid = os.fork()
    if pid == 0:
        clean = counter.pending() == {} and flush_threads() == []
        os._exit(0 if clean else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert counter.pending() == {(3, stats.site_today().isoformat()): 1}
    counter.stop(flush=False)


@pytest.mark.skipif(not TEST_REDIS_URL, reason="needs Redis: set CMS_TEST_REDIS_URL")
def test_web_processes_sharing_redis_send_one_batch_for_the_site_per_interval(app, sent):
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    prefix = "{cms-visits-test-leader}"
    web1, web2 = (VisitCounter(app, interval=60, shared=RedisBuffer(client, prefix=prefix)) for _ in range(2))
    try:
        day = stats.site_today().isoformat()
        web1.record(1)
        web2.record(1)
        web2.record(2)
        assert web1.flush(lead=True) == 1  # pushed its view, led this minute, took what was pushed
        assert web2.flush(lead=True) == 0  # pushed its views; web1 leads this minute
        assert web1.pending() == {(1, day): 1, (2, day): 1}
        web1.record(1)
        assert web1.stop() == 3  # at shutdown a process pushes and takes without waiting to lead
        assert [rows for _, _, rows in sent] == [[[1, day, 1]], [[1, day, 2], [2, day, 1]]]
    finally:
        web1.shared.clear()
        client.close()


# Zones whose clocks change at local midnight (the day then starts at the change, or midnight
# comes twice), and two ordinary ones.
DAY_ZONES = ["America/Santiago", "America/Havana", "America/Asuncion", "Asia/Beirut", "Europe/London",
             "Pacific/Chatham"]


@pytest.mark.parametrize("zone_name", DAY_ZONES)
def test_the_kept_day_is_the_zones_date_at_every_instant_of_a_year_and_across_each_clock_change(zone_name):
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from cms.visits.counter import LocalDayClock

    zone, now = ZoneInfo(zone_name), [0.0]
    today = LocalDayClock(zone, clock=lambda: now[0])
    start = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    instants = [start + minutes * 60 for minutes in range(0, 366 * 24 * 60, 17)]
    # Around each change of offset (seen within 17 minutes of it): every second for 18 minutes either
    # side, every minute for two hours; and the seconds around each local midnight.
    offsets = [datetime.fromtimestamp(t, zone).utcoffset() for t in instants]
    changes = [instants[n] for n in range(1, len(instants)) if offsets[n] != offsets[n - 1]]
    midnights = [datetime.combine(datetime.fromtimestamp(start, zone).date() + timedelta(days=d),
                                  datetime.min.time(), tzinfo=zone).timestamp() for d in range(366)]
    for change in changes:
        edge = change - change % 60
        instants += [edge + second for second in range(-1080, 1080)]
        instants += [edge + minute * 60 for minute in range(-120, 120)]
    instants += [midnight + second for midnight in midnights for second in range(-3, 4)]
    for instant in sorted(instants):
        now[0] = instant
        assert today() == stats.local_day(datetime.fromtimestamp(instant, UTC), zone).isoformat(), instant


def test_the_kept_day_is_worked_out_once_a_day_and_again_when_the_clock_is_set_back(monkeypatch):
    from zoneinfo import ZoneInfo

    from cms.visits.counter import LocalDayClock

    now = [1_790_000_000.0]
    today = LocalDayClock(ZoneInfo("Europe/London"), clock=lambda: now[0])
    worked_out = []
    real = today._day_around
    monkeypatch.setattr(today, "_day_around", lambda instant: worked_out.append(instant) or real(instant))
    days = set()
    for step in range(1000):
        now[0] += 60
        days.add(today())
    assert len(worked_out) == len(days) == 2  # 1,000 minutes from that instant span two London days
    now[0] -= 3 * 86400
    today()
    assert len(worked_out) == 3
