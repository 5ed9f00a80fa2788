"""Draining a backlog with the database steps on their own thread: overlap, exactly once, no claim left held."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from cms.extensions import db
from cms.models import AuditEvent, Comment, CommentStatus, Role
from cms.services import comments, draining, pipeline
from tests import factories


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), publish=True)


@pytest.fixture()
def backlog(app, article, monkeypatch):
    """Seven received comments, claimed two at a time."""
    monkeypatch.setitem(app.config, "COMMENT_BATCH_SIZE", 2)
    return [comments.submit(article, {"author_name": "Reader", "body": f"question number {n}"}, f"192.0.2.{n}").id
            for n in range(7)]


def _statuses() -> dict[int, tuple[str, str | None]]:
    db.session.rollback()  # a fresh look at what the drain's own connection committed
    return {row.id: (row.status, row.claim) for row in db.session.execute(select(Comment.id, Comment.status,
                                                                                  Comment.claim))}


def _claimed_elsewhere() -> int:
    """How many comments hold a claim, as a separate connection sees them."""
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Comment).where(Comment.claim.is_not(None)))


def test_a_drain_screens_every_comment_exactly_once(backlog):
    assert draining.drain(None, 60) == len(backlog)
    assert set(_statuses().values()) == {(CommentStatus.PENDING, None)}
    audited = db.session.scalars(select(AuditEvent.subject_id).where(AuditEvent.action == "comment.queue")).all()
    assert sorted(audited) == backlog
    assert draining.drain(None, 60) == 0  # a second delivery finds nothing


def _wait_for_claims(at_least: int, seconds: float = 5.0) -> int:
    deadline = time.monotonic() + seconds
    while (claimed := _claimed_elsewhere()) < at_least and time.monotonic() < deadline:
        time.sleep(0.01)
    return claimed


def test_the_next_batch_is_claimed_while_a_batch_is_screened_and_finished_on_another_thread(backlog, monkeypatch):
    """On a database server the steps run on a thread of their own; SQLite's run on the task's (see draining)."""
    real_screen, real_finish = pipeline.screen_batch, pipeline.finish_batch
    claimed_during_first_screening: list[int] = []
    screeners: set[str] = set()
    finishers: set[str] = set()

    def screen(batch, model=None):
        screeners.add(threading.current_thread().name)
        if not claimed_during_first_screening:  # a serial drain would claim nothing more until this returns
            claimed_during_first_screening.append(_wait_for_claims(at_least=4))
        return real_screen(batch, model)

    def finish(token, results):
        finishers.add(threading.current_thread().name)
        return real_finish(token, results)

    monkeypatch.setattr(pipeline, "screen_batch", screen)
    monkeypatch.setattr(pipeline, "finish_batch", finish)
    assert draining.drain(None, 60) == len(backlog)
    assert claimed_during_first_screening == [4]  # its own two and the next two
    if db.engine.dialect.name == "sqlite":
        assert finishers == screeners == {threading.current_thread().name}
    else:
        assert len(finishers) == 1 and finishers.isdisjoint(screeners)
    assert set(_statuses().values()) == {(CommentStatus.PENDING, None)}


def test_a_drain_past_its_deadline_finishes_its_batch_and_holds_nothing(backlog):
    assert draining.drain(None, 0) == 2
    statuses = _statuses()
    assert sorted(i for i, (status, _) in statuses.items() if status == CommentStatus.PENDING) == backlog[:2]
    assert all(claim is None for _, claim in statuses.values())


def test_a_failed_finish_gives_back_every_claim_the_drain_holds(backlog, monkeypatch):
    real_finish, calls = pipeline.finish_batch, []

    def fails_second_time(token, results):
        calls.append(token)
        if len(calls) == 2:
            raise OperationalError("UPDATE comments", {}, RuntimeError("database went away"))
        return real_finish(token, results)

    monkeypatch.setattr(pipeline, "finish_batch", fails_second_time)
    with pytest.raises(OperationalError):
        draining.drain(None, 60)
    statuses = _statuses()
    assert sum(status == CommentStatus.PENDING for status, _ in statuses.values()) == 2  # the first batch
    assert all(claim is None for _, claim in statuses.values())  # the failed, the screened and the next: released
    assert pipeline.claim_batch(None)[1]  # a retry can take them at once


def test_a_failure_while_screening_gives_back_every_claim_the_drain_holds(backlog, monkeypatch):
    real_screen = pipeline.screen_batch

    def database_fails_on_third(batch, model=None):
        if backlog[4] in [comment.id for comment in batch]:
            raise OperationalError("SELECT spam_totals", {}, RuntimeError("database went away"))
        return real_screen(batch, model)

    monkeypatch.setattr(pipeline, "screen_batch", database_fails_on_third)
    with pytest.raises(OperationalError):
        draining.drain(None, 60)
    statuses = _statuses()
    assert sorted(i for i, (status, _) in statuses.items() if status == CommentStatus.PENDING) == backlog[:4]
    assert all(claim is None for _, claim in statuses.values())


def test_a_failed_claim_fails_the_drain_and_leaves_what_it_finished(backlog, monkeypatch):
    real_claim, calls = pipeline.claim_batch, []

    def fails_third_time(named_id=None, size=None):
        calls.append(named_id)
        if len(calls) == 3:
            raise OperationalError("UPDATE comments", {}, RuntimeError("database went away"))
        return real_claim(named_id, size)

    monkeypatch.setattr(pipeline, "claim_batch", fails_third_time)
    with pytest.raises(OperationalError):
        draining.drain(None, 60)
    statuses = _statuses()
    assert sum(status == CommentStatus.PENDING for status, _ in statuses.values()) == 4
    assert all(claim is None for _, claim in statuses.values())
