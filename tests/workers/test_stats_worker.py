"""The statistics tasks on a real worker and the real broker: a batch sent twice counts once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from cms.extensions import db
from cms.models import StatsBatch
from cms.models.types import utcnow
from cms.queue import send_now
from cms.services import stats, stats_fold
from cms.visits import FOLD_TASK
from tests import factories
from tests.support import wait_until

pytestmark = pytest.mark.worker


def succeeded(worker, task: str) -> int:
    return len(re.findall(rf"Task {re.escape(task)}\[[^\]]+\] succeeded", worker.log()))


def test_a_batch_delivered_twice_to_a_real_worker_counts_once(start_worker):
    article = factories.article(publish=True)
    today = stats.site_today().isoformat()
    worker = start_worker(beat=False)
    rows = [[article.id, today, 4]]
    assert send_now(FOLD_TASK, "delivered-twice", rows)
    assert send_now(FOLD_TASK, "delivered-twice", rows)
    assert send_now(FOLD_TASK, "another-batch", [[article.id, today, 1]])
    wait_until(lambda: succeeded(worker, FOLD_TASK) == 3, timeout=60, message="three folds")
    db.session.expire_all()
    assert stats.visits_for(article.id) == stats.Visits(total=5, today=5)
    assert set(db.session.scalars(select(StatsBatch.batch_id))) == {"delivered-twice", "another-batch"}


def test_the_worker_forgets_old_batch_ids_when_asked(start_worker):
    article = factories.article(publish=True)
    stats_fold.fold_batch("last-week", [[article.id, stats.site_today().isoformat(), 1]])
    stats_fold.fold_batch("just-now", [[article.id, stats.site_today().isoformat(), 1]])
    db.session.execute(update(StatsBatch).where(StatsBatch.batch_id == "last-week")
                       .values(folded_at=utcnow() - timedelta(days=8)))
    db.session.commit()
    worker = start_worker(beat=False)
    assert "workers.stats.prune_batches" in worker.log() and FOLD_TASK in worker.log()
    assert send_now("workers.stats.prune_batches")
    wait_until(lambda: succeeded(worker, "workers.stats.prune_batches") == 1, timeout=60, message="the prune")
    db.session.expire_all()
    assert db.session.scalars(select(StatsBatch.batch_id)).all() == ["just-now"]
    assert stats.visits_for(article.id).total == 2
