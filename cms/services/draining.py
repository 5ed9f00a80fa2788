"""Draining a backlog of received comments, with the database's steps beside the screening.

A batch is three steps: claim (the database), screen (Python: sanitize, spam-check, scan) and
finish (the database). Run one after another, the worker's core waits whenever the database
works: on PostgreSQL the server's share (each row's indexes updated by the claim and again by the
finish, the audit rows) was a third to a half of a batch's time, spent idle in the worker. Here a
thread of the drain's own runs the database steps in order, on its own session and connection,
while the task's thread screens: batch k is screened while batch k-1 is finished and batch k+1 is
claimed (with the spam model's version, so the screening thread asks the database nothing while
the model stays the same). Each of those turns is a round trip or two: `claim_batch` and
`finish_batch` are single statements, in autocommit on PostgreSQL. The database thread gives up the
interpreter's lock at each round trip and, beside a busy screening thread, waits up to the switch
interval to have it back (CPython's 5 ms; workers set 1 ms, `workers/app.py`), so the fewer the better.

On SQLite the same steps run on the task's own thread, one after another (`_OnThisThread`).
SQLite works inside this process and gives up the interpreter's lock at every row it steps
through; beside a screening thread, each row would wait for the lock, and a batch's finish took
longer than its screening (measured: the benchmark's drains 10% slower than one after another).

Every guarantee of the one-batch loop holds, because the steps are the same functions: a claim is
a token, a finish is a guarded update, a task delivered twice finds nothing to do. A drain holds
at most three claims (finishing, screening, claimed next); whatever fails, it releases every claim
it has not finished before the error goes up, so a retry or another worker can take them at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Flask, current_app
from sqlalchemy import Row

from cms.extensions import db
from cms.services import pipeline, spam

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class _Batch:
    """Comments one claim took, under its token, and the spam model's version read in the same turn."""

    token: str
    comments: list[Row]
    model: spam.ModelVersion

    @property
    def ids(self) -> list[int]:
        """The claimed comments' ids, for a release."""
        return [comment.id for comment in self.comments]


class _DatabaseThread:
    """One thread that runs the database steps in the order they are handed in, each in its own app context.

    An app context per step gives each step a fresh session (Flask-SQLAlchemy scopes sessions to
    the context) on a pooled connection, and ends its transaction when the step returns, so no
    snapshot is held between steps.
    """

    def __init__(self, app: Flask) -> None:
        self._app = app
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pipeline-db")

    def submit(self, step: Callable[..., T], *args: Any) -> Future[T]:
        """Run `step(*args)` after every step handed in before it."""
        return self._executor.submit(self._in_context, step, *args)

    def run(self, step: Callable[..., T], *args: Any) -> T:
        """Run `step(*args)` after the steps handed in before it, and wait for its result."""
        return self.submit(step, *args).result()

    def close(self) -> None:
        """Wait for the steps handed in, then stop the thread."""
        self._executor.shutdown(wait=True)

    def _in_context(self, step: Callable[..., T], *args: Any) -> T:
        with self._app.app_context():
            return step(*args)


class _OnThisThread:
    """The database steps run at once on the caller's thread and session: for SQLite (see the module's docstring)."""

    def submit(self, step: Callable[..., T], *args: Any) -> Future[T]:
        """Run `step(*args)` now; its result, or its error, in a finished future."""
        done: Future[T] = Future()
        try:
            done.set_result(step(*args))
        except BaseException as error:  # handed to whoever asks for the result, as a thread's would be
            done.set_exception(error)
        return done

    def run(self, step: Callable[..., T], *args: Any) -> T:
        """Run `step(*args)` now."""
        return step(*args)

    def close(self) -> None:
        """Nothing runs elsewhere."""


def drain(named_id: int | None, seconds: float) -> int:
    """Screen batches, `named_id` first, while any comment waits and for at most `seconds`; how many moved.

    It goes on while claims find comments, not while batches move some: a batch whose every
    comment broke a check moves none, and stopping there would leave the comments behind it
    waiting for the next task or the sweeper.
    """
    database: _DatabaseThread | _OnThisThread = _OnThisThread()
    if db.engine.dialect.name != "sqlite":
        database = _DatabaseThread(current_app._get_current_object())  # type: ignore[attr-defined]
    try:
        return _Drain(database, time.monotonic() + seconds).run(named_id)
    finally:
        database.close()


def _claim(named_id: int | None) -> _Batch | None:
    """Claim a batch and read the spam model's version (on the database thread); None when nothing waits."""
    token, comments = pipeline.claim_batch(named_id)
    return _Batch(token, comments, spam.model_version()) if comments else None


def _finish(batch: _Batch, screened: list[pipeline.Screening]) -> list[int]:
    """Finish a screened batch (on the database thread); on failure give its claim back, then fail."""
    try:
        return pipeline.finish_batch(batch.token, screened)
    except BaseException:
        db.session.rollback()
        _release_quietly(batch)
        raise


def _release_quietly(batch: _Batch) -> None:
    """Give a claim back; if even that fails, log it: the claim goes stale in `COMMENT_CLAIM_SECONDS`."""
    try:
        pipeline.release(batch.token, batch.ids)
    except Exception:
        log.exception("could not release claim %s (%d comments); it is taken again once stale",
                      batch.token, len(batch.comments))


class _Drain:
    """One drain's state: the claim under way, the batch being screened, the finish under way."""

    def __init__(self, database: _DatabaseThread | _OnThisThread, deadline: float) -> None:
        self.database, self.deadline = database, deadline
        self.claiming: Future[_Batch | None] | None = None
        self.screening: _Batch | None = None
        self.finishing: Future[list[int]] | None = None

    def run(self, named_id: int | None) -> int:
        """Screen on this thread while the database thread finishes the last batch and claims the next."""
        moved = 0
        self.claiming = self.database.submit(_claim, named_id)
        try:
            while (batch := self._claimed()) is not None:
                self.screening = batch
                more = time.monotonic() < self.deadline
                self.claiming = self.database.submit(_claim, None) if more else None
                screened = pipeline.screen_batch(batch.comments, batch.model)
                db.session.rollback()  # end this thread's reads (the model's version) before the next batch
                moved += self._finished()
                self.finishing, self.screening = self.database.submit(_finish, batch, screened), None
            return moved + self._finished()
        except BaseException:
            db.session.rollback()
            self._release_everything_held()
            raise

    def _claimed(self) -> _Batch | None:
        """The batch the claim under way took, once it has; None if none was asked for or none waited."""
        claiming, self.claiming = self.claiming, None
        return claiming.result() if claiming is not None else None

    def _finished(self) -> int:
        """Wait for the finish under way; how many comments it moved."""
        finishing, self.finishing = self.finishing, None
        return len(finishing.result()) if finishing is not None else 0

    def _release_everything_held(self) -> None:
        """After a failure: let the steps under way end, then give back every claim not finished.

        A finish that failed has given its own claim back (`_finish`); one that succeeded needs nothing.
        """
        held = [self.screening] if self.screening is not None else []
        if self.claiming is not None and self.claiming.exception() is None and (claimed := self.claiming.result()):
            held.append(claimed)
        if self.finishing is not None:
            self.finishing.exception()  # waits for it
        for batch in held:
            self.database.run(_release_quietly, batch)
