"""No N+1: the article page and the moderation queue cost the same queries for 3 comments or 40."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

import pytest

from cms.extensions import db
from cms.fast_path import ReaderFastPath
from cms.models import Role
from cms.services import comments, moderation, pipeline
from tests import factories
from tests.conftest import IsolatedClient
from tests.support import statements_run, wait_until


@contextmanager
def queries(app):
    """The SQL statements the application runs meanwhile: its own engine's and the fast path's.

    Not every engine in the process: the SQLite broker's (kombu) runs in a background thread.
    """
    with app.app_context():
        engines = [db.engine]
    if isinstance(app.wsgi_app, ReaderFastPath):
        engines.append(app.wsgi_app.engine())
    with statements_run(*engines) as seen:
        yield seen


def _article_with(make_user, approved: int, waiting: int):
    article = factories.article(make_user(Role.EDITOR), publish=True)
    moderator = make_user(Role.MODERATOR)
    made = [comments.submit(article, {"author_name": f"R{n}", "body": f"Question {n} on {article.id}?"},
                            f"192.0.2.{n}").id
            for n in range(approved + waiting)]
    while pipeline.process(None):
        pass
    moderation.decide_many(moderator, made[:approved], "approve")
    return article


def _count(app, client, path) -> int:
    with queries(app) as seen:
        assert client.get(path).status_code == 200
    return len(seen)


@pytest.mark.parametrize("path", ["/articles/{slug}", "/api/v1/articles/{slug}", "/api/v1/articles/{slug}/comments"])
def test_reader_paths_cost_the_same_queries_whatever_the_comments(app, make_user, path):
    counts = []
    for approved in (3, 40):
        url = path.format(slug=_article_with(make_user, approved, 0).slug)
        counts.append(_count(app, IsolatedClient(app, app.response_class), url))
    assert counts[0] == counts[1], counts


def test_a_cached_article_page_costs_one_query_or_none_when_the_row_is_kept(app, make_user):
    path = f"/articles/{_article_with(make_user, 10, 0).slug}"
    shared = app.extensions.get("cms_reader_rows")
    if shared is not None:
        shared.get("warm-up", date.today(), lambda: None)
        wait_until(lambda: shared.subscribed, timeout=5, message="the reader-row listener to subscribe")
    reader = IsolatedClient(app, app.response_class)
    reader.get(path)
    with queries(app) as seen:
        assert reader.get(path).status_code == 200
    # The article row with its visit counts, unless the fast path keeps it: on SQLite while
    # `PRAGMA data_version` (on the raw connection, not counted here) says nothing was committed,
    # with Redis until a change is announced (`cms.reader_rows`).
    kept = db.engine.dialect.name == "sqlite" or shared is not None
    assert len(seen) == (0 if kept else 1), seen


def test_the_moderation_queue_costs_the_same_queries_whatever_its_length(app, client, login_as, make_user):
    login_as(Role.MODERATOR)
    counts = []
    for waiting in (3, 40):
        _article_with(make_user, 0, waiting)
        counts.append(_count(app, client, "/admin/moderation"))
        counts.append(_count(app, client, "/api/v1/moderation/queue?limit=50"))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts
