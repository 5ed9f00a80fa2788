"""Sending tasks: after commit only, never failing the caller, and coalesced under load."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from cms import queue
from kombu import Connection
from sqlalchemy import text

from cms.extensions import db
from tests.support import wait_until


@pytest.fixture()
def sent(monkeypatch):
    calls: list[tuple[str, float]] = []
    lock = threading.Lock()

    def record(task_name, *args, **options):
        with lock:
            calls.append((task_name, time.monotonic()))
        return True

    monkeypatch.setattr(queue, "send_now", record)
    return calls


def _times(sent, task_name: str) -> list[float]:
    """When `task_name` was sent. Each test's nudger has a name of its own: a nudger of an earlier
    test (or an earlier test's app) lives on in its thread and may still send its last poke."""
    return [at for name, at in sent if name == task_name]


def test_a_burst_of_pokes_costs_few_sends_and_the_last_poke_is_followed_by_one(app, sent):
    nudger = queue.Nudger(app, "workers.example.burst", interval=0.05)
    started = time.monotonic()
    for _ in range(2000):
        nudger.poke()
    last_poke = time.monotonic()
    wait_until(lambda: any(at >= last_poke for at in _times(sent, "workers.example.burst")), timeout=5,
               message="a send after the last poke")
    time.sleep(0.2)
    elapsed = time.monotonic() - started
    assert len(_times(sent, "workers.example.burst")) <= 2 + elapsed / 0.05  # one per interval, not per poke


def test_intakes_nudger_sends_at_most_twice_a_second_however_fast_comments_come(app, sent):
    """Each publish costs a busy web process milliseconds of CPU (see `Nudger`): a steady stream of
    comments gets a send at once and then one each half second, not one each 50 ms."""
    nudger = queue.Nudger(app, "workers.example.stream")  # the default interval, intake's
    started = time.monotonic()
    while time.monotonic() - started < 1.2:
        nudger.poke()
        time.sleep(0.001)
    ours = _times(sent, "workers.example.stream")
    assert ours and ours[0] - started < 0.2
    assert 2 <= len(ours) <= 4
    gaps = [later - earlier for earlier, later in zip(ours, ours[1:])]
    assert all(gap >= 0.45 for gap in gaps), gaps


def test_a_poke_after_a_quiet_spell_is_sent_at_once(app, sent):
    nudger = queue.Nudger(app, "workers.example.quiet", interval=0.01)
    nudger.poke()
    wait_until(lambda: len(_times(sent, "workers.example.quiet")) == 1, timeout=5)
    time.sleep(0.05)
    poked = time.monotonic()
    nudger.poke()
    wait_until(lambda: len(_times(sent, "workers.example.quiet")) == 2, timeout=5)
    assert _times(sent, "workers.example.quiet")[1] >= poked


def test_work_registered_after_commit_runs_only_on_commit(app):
    ran: list[str] = []
    db.session.execute(text("SELECT 1"))  # a transaction is under way, as in a service
    queue.call_after_commit(db.session, lambda: ran.append("rolled back"))
    db.session.rollback()
    queue.call_after_commit(db.session, lambda: ran.append("committed"))
    db.session.commit()
    assert ran == ["committed"]


def test_an_unreachable_broker_costs_a_warning_not_an_error(make_app, caplog):
    down = make_app(BROKER_URL="redis://127.0.0.1:1/0")
    with down.app_context():
        assert queue.send_now("workers.example") is False
    assert "could not enqueue workers.example" in caplog.text


def test_workers_poll_an_sql_broker_twenty_times_a_second(app, tmp_path):
    """kombu's default is once a second: a comment sent to an idle worker would wait for it."""
    assert queue.PollSQLBrokerOften in app.extensions["celery"].steps["consumer"]
    with Connection(f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}") as connection:
        assert connection.transport.polling_interval == 1.0
        queue.PollSQLBrokerOften(SimpleNamespace()).start(SimpleNamespace(connection=connection))
        assert connection.transport.polling_interval == queue.SQL_BROKER_POLL_SECONDS == 0.05


def test_brokers_that_push_keep_their_own_settings():
    with Connection("memory://") as connection:
        before = connection.transport.polling_interval
        queue.PollSQLBrokerOften(SimpleNamespace()).start(SimpleNamespace(connection=connection))
        assert connection.transport.polling_interval == before
