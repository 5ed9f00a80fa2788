"""The fast path answers anonymous readers with exactly Flask's bytes, or leaves the request to Flask."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import create_engine, insert
from sqlalchemy.pool import NullPool
from werkzeug.test import Client, TestResponse

from cms.extensions import db
from cms.fast_path import ReaderFastPath
from cms.models import ArticleViewTotal, Role
from cms.services import articles, comments, moderation, pipeline, publishing
from tests import factories
from tests.support import in_front_of
from tests.visits_support import READER, fold_buffered, pending_views


@pytest.fixture()
def flask_app(app):
    """The Flask WSGI app without the fast path in front."""
    assert isinstance(app.wsgi_app, ReaderFastPath), "the test app should have the fast path"
    return app.wsgi_app.wsgi_app


@pytest.fixture()
def fast(app, flask_app):
    """A fast path in front of a recorder of what reaches Flask."""
    return in_front_of(ReaderFastPath, app, flask_app)


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), title="Naps", body="Keep naps **short**.", publish=True)


def _get(wsgi: Any, path: str, **headers: str) -> TestResponse:
    return Client(wsgi, use_cookies=False).get(path, headers={**READER, **headers})


def _comparable(response: TestResponse) -> tuple[str, dict[str, str], bytes]:
    headers = {name: value for name, value in response.headers.items() if name != "Date"}
    return response.status, headers, response.get_data()


def _warm(flask_app: Any, path: str) -> None:
    """What a first reader does: Flask renders the page and caches it."""
    assert _get(flask_app, path).status_code == 200


@pytest.mark.parametrize("path", ["/articles/{slug}", "/api/v1/articles/{slug}", "/api/v1/articles/{id}"])
def test_the_fast_answer_is_flasks_answer(fast, flask_app, article, path):
    path = path.format(slug=article.slug, id=article.id)
    middleware, recorder = fast
    _warm(flask_app, path)
    answered = _get(middleware, path)
    assert recorder.paths == [], "Flask answered: the fast path did not"
    assert _comparable(answered) == _comparable(_get(flask_app, path))
    assert "Naps" in answered.get_data(as_text=True)


def test_a_not_modified_answer_is_flasks_answer(fast, flask_app, article):
    middleware, recorder = fast
    path = f"/api/v1/articles/{article.slug}"
    etag = _get(flask_app, path).headers["ETag"]
    answered = _get(middleware, path, **{"If-None-Match": etag})
    assert recorder.paths == []
    assert answered.status_code == 304 and answered.get_data() == b""
    assert _comparable(answered) == _comparable(_get(flask_app, path, **{"If-None-Match": etag}))


def test_the_first_reader_is_served_by_flask_and_the_next_by_the_fast_path(fast, article):
    middleware, recorder = fast
    path = f"/articles/{article.slug}"
    first, second = _get(middleware, path), _get(middleware, path)
    assert recorder.paths == [path]
    assert first.get_data() == second.get_data()


@pytest.mark.parametrize("personal, query", [("cookie", ""), ("", "?comments_after=3")])
def test_a_session_or_a_query_goes_to_flask(app, fast, flask_app, article, personal, query):
    middleware, recorder = fast
    headers = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}=anything"} if personal else {}
    paths = [f"/articles/{article.slug}", f"/api/v1/articles/{article.slug}"]
    for path in paths:
        _warm(flask_app, path)
        _get(middleware, path + query, **headers)
    assert recorder.paths == paths


def test_a_bearer_token_takes_the_api_read_to_flask(fast, flask_app, article):
    middleware, recorder = fast
    path = f"/api/v1/articles/{article.slug}"
    _warm(flask_app, path)
    _get(middleware, path, Authorization="Bearer not-a-real-token")
    assert recorder.paths == [path]


def test_unknown_unpublished_and_renamed_articles_go_to_flask(fast, article, make_user):
    middleware, recorder = fast
    editor = make_user(Role.EDITOR)
    draft = factories.article(editor, title="Draft")
    old_slug = article.slug
    articles.save_revision(editor, article, 1, {"title": "Naps", "body_markdown": "Keep naps short.", "slug": "short-naps"})
    publishing.publish(editor, article)
    for path in ("/articles/no-such-thing", f"/articles/{draft.slug}", f"/api/v1/articles/{draft.id}"):
        assert _get(middleware, path).status_code == 404
    assert _get(middleware, f"/articles/{old_slug}").status_code == 301
    assert len(recorder.paths) == 4


def test_a_fast_answer_counts_a_readers_visit_and_not_a_bots(fast, flask_app, article, app):
    middleware, _ = fast
    path = f"/articles/{article.slug}"
    _warm(flask_app, path)
    fold_buffered(app)
    _get(middleware, path)
    _get(middleware, path, **{"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    _get(middleware, path, **{"Sec-Purpose": "prefetch"})
    assert sum(pending_views(app).values()) == 1
    fold_buffered(app)
    assert "Visited 2 times, 2 visits today" in _get(middleware, path).get_data(as_text=True)


def test_publishing_and_approving_show_at_once_on_the_fast_path(fast, flask_app, article, make_user):
    middleware, _ = fast
    path = f"/articles/{article.slug}"
    _warm(flask_app, path)
    editor, moderator = make_user(Role.EDITOR), make_user(Role.MODERATOR)
    articles.save_revision(editor, article, 1, {"title": "Naps", "body_markdown": "Naps help shift workers."})
    publishing.publish(editor, article)
    assert "Naps help shift workers." in _get(middleware, path).get_data(as_text=True)
    comment = comments.submit(article, {"author_name": "Sam", "body": "Twenty minutes works for me."}, "192.0.2.7")
    pipeline.process(comment.id)
    moderation.decide(moderator, comment.id, "approve")
    assert "Twenty minutes works for me." in _get(middleware, path).get_data(as_text=True)


def test_a_forged_host_never_reaches_another_readers_page(fast, article):
    middleware, _ = fast
    path = f"/articles/{article.slug}"
    assert "evil.example" in _get(middleware, path, Host="evil.example").get_data(as_text=True)
    page = _get(middleware, path).get_data(as_text=True)
    assert "evil.example" not in page and "http://localhost/articles/" in page


def test_a_database_error_leaves_the_request_to_flask(fast, flask_app, article, monkeypatch):
    middleware, recorder = fast
    path = f"/articles/{article.slug}"
    _warm(flask_app, path)

    def broken(*_args: Any) -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(middleware, "_connection", broken)
    assert _get(middleware, path).status_code == 200
    assert recorder.paths == [path]


def test_on_sqlite_a_commit_by_another_process_shows_on_the_next_request(app, fast, flask_app, article):
    """The thread's kept row is dropped as soon as `PRAGMA data_version` moves (see `SQLiteRows`)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's data_version; with Redis, changes outside the app are bounded by reader_rows.MAX_AGE_SECONDS")
    middleware, _ = fast
    path = f"/articles/{article.slug}"
    _warm(flask_app, path)
    assert "Visited 0 times" in _get(middleware, path).get_data(as_text=True)  # now kept
    another_process = create_engine(db.engine.url, poolclass=NullPool)
    with another_process.begin() as connection:
        connection.execute(insert(ArticleViewTotal).values(article_id=article.id, total=6266))
    another_process.dispose()
    assert "Visited 6,266 times" in _get(middleware, path).get_data(as_text=True)
