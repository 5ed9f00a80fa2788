"""The article page is rendered once per version; what differs per reader stays correct."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from flask import template_rendered
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Comment, Role
from cms.services import articles, comments, moderation, pipeline, publishing, stats_fold
from cms.services.stats import site_today
from tests import factories
from tests.conftest import IsolatedClient

READER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0"}


@contextmanager
def page_renders(app):
    """Collect the names of the full page templates rendered meanwhile."""
    names: list[str] = []

    def record(sender, template, context, **extra):
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), title="Naps", body="Keep naps short.", publish=True)


def _approve(article, moderator, body, address="192.0.2.1"):
    comment = comments.submit(article, {"author_name": "Sam", "body": body}, address)
    pipeline.process(comment.id)
    moderation.decide(moderator, comment.id, "approve")
    return comment


def _token(page: str) -> str:
    return re.search(r'name="csrf-token" content="([^"]*)"', page).group(1)


def test_the_page_is_rendered_once_for_many_readers(app, article):
    with page_renders(app) as renders:
        for _ in range(5):
            reader = IsolatedClient(app, app.response_class, use_cookies=True)
            assert reader.get(f"/articles/{article.slug}", headers=READER).status_code == 200
    assert renders.count("public/article.html") == 1


def test_publishing_a_new_revision_shows_at_once(client, article, make_user):
    editor = make_user(Role.EDITOR)
    client.get(f"/articles/{article.slug}")
    articles.save_revision(editor, article, 1, {"title": "Naps", "body_markdown": "Naps help shift workers."})
    publishing.publish(editor, article)
    assert "Naps help shift workers." in client.get(f"/articles/{article.slug}").get_data(as_text=True)


def test_approving_and_withdrawing_comments_shows_at_once(client, article, make_user):
    moderator = make_user(Role.MODERATOR)
    first = _approve(article, moderator, "First comment")
    assert "First comment" in client.get(f"/articles/{article.slug}").get_data(as_text=True)
    _approve(article, moderator, "Second comment", "192.0.2.2")
    moderation.decide(moderator, first.id, "reject")  # the count is back to one, the page is not the same
    page = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert "Second comment" in page and "First comment" not in page


def test_a_new_reader_is_served_without_a_session(app, article):
    reader = IsolatedClient(app, app.response_class, use_cookies=True)
    response = reader.get(f"/articles/{article.slug}", headers=READER)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert _token(page) == "" and 'name="csrf_token" value=""' in page
    assert 'data-token-url="/comment-token"' in page and "/static/js/comments.js" in page


def test_each_reader_fetches_their_own_working_token(app, article):
    readers = [IsolatedClient(app, app.response_class, use_cookies=True) for _ in range(2)]
    tokens = []
    for reader in readers:
        reader.get(f"/articles/{article.slug}")
        answer = reader.get("/comment-token")
        assert answer.headers["Cache-Control"] == "no-store"
        tokens.append(answer.json["csrf_token"])
    assert tokens[0] != tokens[1]
    borrowed = readers[1].post(f"/articles/{article.slug}/comments", data={
        "author_name": "Lee", "body": "Thanks", "csrf_token": tokens[0]})
    assert borrowed.status_code == 400
    posted = readers[1].post(f"/articles/{article.slug}/comments", data={
        "author_name": "Lee", "body": "Thanks", "csrf_token": tokens[1]})
    assert posted.status_code == 302


def test_a_returning_reader_finds_their_token_in_the_cached_page(app, article):
    reader = IsolatedClient(app, app.response_class, use_cookies=True)
    reader.get("/comment-token")
    with page_renders(app) as renders:
        pages = [reader.get(f"/articles/{article.slug}").get_data(as_text=True) for _ in range(2)]
    assert renders.count("public/article.html") == 1
    token = _token(pages[1])
    assert token and f'name="csrf_token" value="{token}"' in pages[1]
    posted = reader.post(f"/articles/{article.slug}/comments", data={
        "author_name": "Lee", "body": "Thanks", "csrf_token": token})
    assert posted.status_code == 302


def test_a_comment_sent_without_a_token_comes_back_unsent_with_its_text(app, article):
    reader = IsolatedClient(app, app.response_class, use_cookies=True)
    sent = reader.post(f"/articles/{article.slug}/comments", data={
        "author_name": "Lee", "body": "Is <b>20 minutes</b> too long?"})
    page = sent.get_data(as_text=True)
    assert sent.status_code == 400 and "has not been sent yet" in page
    assert "Is &lt;b&gt;20 minutes&lt;/b&gt; too long?</textarea>" in page and 'value="Lee"' in page
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 0
    again = reader.post(f"/articles/{article.slug}/comments", data={
        "author_name": "Lee", "body": "Is 20 minutes too long?", "csrf_token": _token(page)})
    assert again.status_code == 302


def test_the_awaiting_moderation_notice_reaches_only_the_reader_who_posted(app, article):
    poster = IsolatedClient(app, app.response_class, use_cookies=True)
    other = IsolatedClient(app, app.response_class, use_cookies=True)
    other.get(f"/articles/{article.slug}")
    poster.get(f"/articles/{article.slug}")
    token = poster.get("/comment-token").json["csrf_token"]
    page = poster.post(f"/articles/{article.slug}/comments", data={
        "author_name": "Lee", "body": "Is 20 minutes too long?", "csrf_token": token}, follow_redirects=True)
    assert "awaiting moderation" in page.get_data(as_text=True)
    assert "awaiting moderation" not in other.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert "awaiting moderation" not in poster.get(f"/articles/{article.slug}").get_data(as_text=True)


def test_the_visit_line_moves_while_the_page_is_cached(client, article):
    client.get(f"/articles/{article.slug}")
    stats_fold.fold_batch("b1", [[article.id, site_today().isoformat(), 1]])
    assert "Visited 1 time, 1 visit today" in client.get(f"/articles/{article.slug}").get_data(as_text=True)
    stats_fold.fold_batch("b2", [[article.id, site_today().isoformat(), 6265]])
    assert "Visited 6,266 times, 6,266 visits today" in client.get(f"/articles/{article.slug}").get_data(as_text=True)


def test_staff_get_a_page_rendered_for_them(app, client, login_as, article):
    client.get(f"/articles/{article.slug}")
    user = login_as(Role.EDITOR)
    with page_renders(app) as renders:
        page = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert renders.count("public/article.html") == 1
    assert user.username in page
