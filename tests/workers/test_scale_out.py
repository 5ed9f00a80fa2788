"""Two web processes and two worker processes on one database and broker, as on two machines.

Runs in CI's PostgreSQL + Redis pass (it needs a database and a cache that several processes
share over the network): caches agree after a publish and an approval, views counted by both
web processes add up, and comments taken in by both are each screened exactly once.
"""

from __future__ import annotations

import json
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import AuditEvent, Comment, CommentStatus, Role
from cms.services import articles, moderation, pipeline, publishing, stats
from tests import factories
from tests.conftest import TEST_DATABASE_URL, TEST_REDIS_URL, settings_as_environment
from tests.support import wait_until
from tests.visits_support import WebProcess, get

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not (TEST_REDIS_URL and TEST_DATABASE_URL and TEST_DATABASE_URL.startswith("postgresql")),
                       reason="needs PostgreSQL and Redis shared by several processes (CI's second run sets "
                              "CMS_TEST_DATABASE_URL and CMS_TEST_REDIS_URL)"),
]

READER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/131.0"}


def _read(url: str) -> str:
    request = urllib.request.Request(url, headers=READER)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def _post_comment(url: str, n: int) -> int:
    body = json.dumps({"author_name": f"Reader {n}", "body": f"Scale-out comment number {n}"}).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers=READER | {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


@pytest.fixture()
def cluster(settings: dict[str, Any], instance_dir: Any, start_worker: Any):
    """Two gunicorn servers (one process each) and two Celery workers."""
    environment = settings_as_environment(settings) | {"CMS_VISIT_FLUSH_SECONDS": "0.2", "CMS_COMMENT_RATE_LIMIT": "0"}
    servers = [WebProcess(environment, instance_dir, workers=1) for _ in range(2)]
    try:
        for server in servers:
            server.wait_ready()
        start_worker(beat=False)
        start_worker(beat=False)
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_caches_agree_after_a_publish_and_an_approval(cluster, make_user):
    first, second = cluster
    editor, moderator = make_user(Role.EDITOR), make_user(Role.MODERATOR)
    article = factories.article(editor, title="Shift work", body="Old advice.", publish=True)
    path = f"/articles/{article.slug}"
    assert "Old advice." in _read(first.url + path) and "Old advice." in _read(second.url + path)
    articles.save_revision(editor, article, 1, {"title": "Shift work", "body_markdown": "New advice."})
    publishing.publish(editor, article)
    comment_id = json.loads(urllib.request.urlopen(urllib.request.Request(
        f"{first.url}/api/v1/articles/{article.slug}/comments", method="POST", headers={"Content-Type": "application/json"},
        data=json.dumps({"author_name": "Kim", "body": "Night shifts wreck my sleep"}).encode())).read())["id"]
    def screened() -> bool:
        db.session.expire_all()
        return db.session.get(Comment, comment_id).status != CommentStatus.RECEIVED

    wait_until(screened, timeout=60, message="the comment to be screened")
    moderation.decide(moderator, comment_id, "approve")
    for server in cluster:
        page = _read(server.url + path)
        assert "New advice." in page and "Old advice." not in page
        assert "Night shifts wreck my sleep" in page and "1 comment" in page
    api = [json.loads(_read(f"{server.url}/api/v1/articles/{article.slug}")) for server in cluster]
    for body in api:  # each server links to itself, and the page reads above are being counted
        body.pop("url"), body.pop("visits")
    assert api[0] == api[1] and api[0]["revision"] == 2 and api[0]["comment_count"] == 1


def test_views_through_both_web_processes_add_up(cluster):
    article = factories.article(publish=True)
    urls = [f"{cluster[n % 2].url}/articles/{article.slug}" for n in range(300)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(lambda url: get(url, READER), urls)) == {200}

    def counted() -> bool:
        db.session.expire_all()
        return stats.visits_for(article.id).total == 300

    wait_until(counted, timeout=60, message="300 views to be counted")


def test_comments_through_both_web_processes_are_screened_once_by_both_workers(cluster):
    article = factories.article(publish=True)
    urls = [f"{cluster[n % 2].url}/api/v1/articles/{article.slug}/comments" for n in range(120)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        assert set(pool.map(lambda pair: _post_comment(*pair), zip(urls, range(120), strict=True))) == {202}

    def screened() -> bool:
        db.session.expire_all()
        return not db.session.scalar(select(func.count()).where(Comment.status == CommentStatus.RECEIVED))

    wait_until(screened, timeout=120, message="120 comments to be screened")
    moves = Counter(db.session.scalars(select(AuditEvent.subject_id).where(
        AuditEvent.action.in_(("comment.queue", "comment.quarantine")))).all())
    assert len(moves) == 120 and set(moves.values()) == {1}
    assert pipeline.waiting_ids() == []
