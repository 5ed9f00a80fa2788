"""The comment pipeline with a real worker on the real broker: volume, broker outages, crashes."""

from __future__ import annotations

import json
import time
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, AuditEvent, Comment, CommentStatus, Role
from cms.services import comments
from tests import factories
from tests.support import wait_until

pytestmark = pytest.mark.worker

PIPELINE_ACTIONS = ("comment.queue", "comment.quarantine")
FAST_SWEEP = {"CMS_COMMENT_SWEEP_SECONDS": "1", "CMS_COMMENT_STALE_SECONDS": "1"}


def _status_counts() -> Counter[str]:
    db.session.expire_all()
    return Counter(dict(db.session.execute(select(Comment.status, func.count()).group_by(Comment.status)).all()))


def _pipeline_moves_per_comment() -> Counter[int]:
    return Counter(db.session.scalars(select(AuditEvent.subject_id).where(
        AuditEvent.subject_type == "comment", AuditEvent.action.in_(PIPELINE_ACTIONS))).all())


def _all_screened(total: int) -> Any:
    def done() -> bool:
        counts = _status_counts()
        return counts[CommentStatus.PENDING] + counts[CommentStatus.SPAM] == total
    return done


def _assert_each_screened_once(total: int) -> None:
    counts = _status_counts()
    assert counts[CommentStatus.RECEIVED] == 0
    assert sum(counts.values()) == total
    moves = _pipeline_moves_per_comment()
    assert len(moves) == total and set(moves.values()) == {1}
    unclaimed = db.session.scalar(select(func.count()).where(Comment.claim.is_not(None)))
    assert unclaimed == 0


def _post(url: str, body: dict[str, Any]) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def test_200_concurrent_comments_are_all_screened_exactly_once(live_server, make_user, start_worker):
    article = factories.article(make_user(Role.EDITOR), publish=True)
    url = f"{live_server.url}/api/v1/articles/{article.slug}/comments"
    bodies = [{"author_name": f"Reader {n}", "body": f"Comment number {n}: how do I sleep better?"}
              for n in range(200)]
    start_worker(concurrency=2)
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda body: _post(url, body), bodies))
    assert statuses == [202] * 200
    wait_until(_all_screened(200), timeout=180, message="200 comments to leave `received`")
    _assert_each_screened_once(200)


def test_comments_sent_while_the_broker_is_down_are_kept_and_screened_later(make_app, make_user, start_worker):
    article = factories.article(make_user(Role.EDITOR), publish=True)
    down = make_app(BROKER_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
    client = down.test_client()
    for n in range(20):
        response = client.post(f"/api/v1/articles/{article.slug}/comments",
                               json={"author_name": "Ann", "body": f"Sent during the outage, number {n}"})
        assert response.status_code == 202
    time.sleep(0.2)  # the nudger's send fails in the background, as it would in production
    assert _status_counts() == Counter({CommentStatus.RECEIVED: 20})
    start_worker(extra_env=FAST_SWEEP)  # the broker is back: beat's sweeper finds them
    wait_until(_all_screened(20), timeout=120, message="comments from the outage to be screened")
    _assert_each_screened_once(20)


def test_a_worker_killed_mid_batch_loses_nothing_and_repeats_nothing(settings, make_user, start_worker):
    article = factories.article(make_user(Role.EDITOR), publish=True)
    # Batches of 500 long comments: a batch takes long enough (~0.1 s) for the kill to land inside it.
    for n in range(1000):
        comments.submit(db.session.get(Article, article.id),
                        {"author_name": "Bo", "body": f"Long night number {n}. " * 20}, f"10.0.{n // 250}.{n % 250}")
    crash_env = {"CMS_COMMENT_BATCH_SIZE": "500"}
    doomed = start_worker(beat=False, extra_env=crash_env)

    def claimed_batch() -> bool:
        db.session.expire_all()
        return bool(db.session.scalar(select(func.count()).where(Comment.claim.is_not(None),
                                                                 Comment.status == CommentStatus.RECEIVED)))

    wait_until(claimed_batch, timeout=60, interval=0.01, message="the worker to claim a batch")
    doomed.kill()
    stranded = db.session.scalar(select(func.count()).where(Comment.claim.is_not(None),
                                                            Comment.status == CommentStatus.RECEIVED))
    assert stranded > 0, "the kill should have caught a batch half done"
    start_worker(extra_env=FAST_SWEEP | {"CMS_COMMENT_CLAIM_SECONDS": "3"})
    wait_until(_all_screened(1000), timeout=240, message="the stranded batch to be screened")
    _assert_each_screened_once(1000)
