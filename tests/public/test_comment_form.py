"""Commenting from the article page: the form, the notice, the honeypot, threads."""

from __future__ import annotations

import pytest

from cms.extensions import db
from cms.models import Comment, Role
from cms.services import comments, moderation, pipeline
from tests import factories
from tests.conftest import csrf_token
from tests.html import elements


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), publish=True)


def _form(client, article, **fields):
    return {"author_name": "Priya", "author_email": "", "body": "Does reading before bed help?", "parent_id": "",
            "website": "", "csrf_token": csrf_token(client, f"/articles/{article.slug}")} | fields


def _approved(article, moderator, body, parent_id=None, address="192.0.2.50"):
    comment = comments.submit(article, {"author_name": "Sam", "body": body, "parent_id": parent_id}, address)
    pipeline.process(comment.id)
    moderation.decide(moderator, comment.id, "approve")
    return comment


def test_a_posted_comment_awaits_moderation_and_is_not_shown(client, article):
    response = client.post(f"/articles/{article.slug}/comments", data=_form(client, article), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "awaiting moderation" in page
    assert "Does reading before bed help?" not in page
    assert db.session.query(Comment).one().status == "received"


def test_the_form_needs_its_csrf_token(client, article):
    data = _form(client, article)
    del data["csrf_token"]
    assert client.post(f"/articles/{article.slug}/comments", data=data).status_code == 400
    assert db.session.query(Comment).count() == 0


def test_a_filled_honeypot_is_dropped_quietly(client, article):
    response = client.post(f"/articles/{article.slug}/comments", data=_form(client, article, website="http://x"),
                           follow_redirects=True)
    assert "awaiting moderation" in response.get_data(as_text=True)
    assert db.session.query(Comment).count() == 0


def test_errors_come_back_on_the_page_with_the_readers_text(client, article):
    response = client.post(f"/articles/{article.slug}/comments", data=_form(client, article, author_name=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please give a name" in page and "Does reading before bed help?" in page


def test_an_over_long_comment_is_a_413_page(client, article):
    response = client.post(f"/articles/{article.slug}/comments", data=_form(client, article, body="z" * 5001))
    assert response.status_code == 413 and "at most 5,000 characters" in response.get_data(as_text=True).lower()


def test_approved_comments_show_threaded_with_masked_personal_data(client, article, make_user):
    moderator = make_user(Role.MODERATOR)
    parent = _approved(article, moderator, "Call me on my email: sam@example.com")
    _approved(article, moderator, "A reply to Sam", parent_id=parent.id, address="192.0.2.51")
    page = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert "2 comments" in page
    assert "sam@example.com" not in page and "[email hidden]" in page
    reply_lists = [attrs for tag, attrs in elements(page) if tag == "ol" and "replies" in attrs.get("class", "")]
    assert len(reply_lists) == 1


def test_reply_links_fill_the_parent_field(client, article, make_user):
    parent = _approved(article, make_user(Role.MODERATOR), "Question")
    page = client.get(f"/articles/{article.slug}?reply_to={parent.id}").get_data(as_text=True)
    assert f'name="parent_id" type="hidden" value="{parent.id}"' in page and "Replying to" in page
