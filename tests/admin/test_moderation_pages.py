"""The moderation queue page: who may see it, what it shows, single and bulk decisions."""

from __future__ import annotations

import pytest

from cms.extensions import db
from cms.models import Comment, CommentStatus, Role
from cms.services import comments, pipeline
from tests import factories
from tests.conftest import csrf_token


@pytest.fixture()
def waiting(make_user):
    article = factories.article(make_user(Role.EDITOR), title="Teen sleep", publish=True)
    made = [comments.submit(article, {"author_name": f"Reader {n}", "body": f"I'm 13 and tired, write to kid{n}@example.com",
                                      "author_email": f"r{n}@example.com"}, f"192.0.2.{n}") for n in range(3)]
    pipeline.process(made[0].id)
    return [c.id for c in made]


def test_editors_cannot_open_the_queue(client, login_as):
    login_as(Role.EDITOR)
    assert client.get("/admin/moderation").status_code == 403


def test_the_queue_shows_comments_oldest_first_with_their_signals(client, login_as, waiting):
    login_as(Role.MODERATOR)
    page = client.get("/admin/moderation").get_data(as_text=True)
    positions = [page.index(f"Reader {n}") for n in range(3)]
    assert positions == sorted(positions)
    assert "Teen sleep" in page and "r0@example.com" in page
    assert "spam " in page and 'class="pii pii-' in page


def test_a_single_decision_from_the_queue(client, login_as, waiting):
    login_as(Role.MODERATOR)
    token = csrf_token(client, "/admin/moderation")
    response = client.post(f"/admin/moderation/comments/{waiting[0]}/approve", data={"csrf_token": token})
    assert response.status_code == 302
    assert db.session.get(Comment, waiting[0]).status == CommentStatus.APPROVED


def test_bulk_decisions_from_the_queue(client, login_as, waiting):
    login_as(Role.MODERATOR)
    token = csrf_token(client, "/admin/moderation")
    response = client.post("/admin/moderation/bulk", data={"csrf_token": token, "bulk_action": "reject",
                                                           "ids": [str(i) for i in waiting[:2]]},
                           follow_redirects=True)
    assert "2 comments rejected." in response.get_data(as_text=True)
    assert {db.session.get(Comment, i).status for i in waiting[:2]} == {CommentStatus.REJECTED}


def test_decisions_need_the_csrf_token(client, login_as, waiting):
    login_as(Role.MODERATOR)
    assert client.post(f"/admin/moderation/comments/{waiting[0]}/approve").status_code == 400
    assert db.session.get(Comment, waiting[0]).status == CommentStatus.PENDING


def test_a_comment_page_shows_its_history_and_what_readers_would_see(client, login_as, waiting):
    login_as(Role.MODERATOR)
    page = client.get(f"/admin/moderation/comments/{waiting[0]}").get_data(as_text=True)
    assert "comment.receive" in page and "comment.queue" in page
    assert db.session.get(Comment, waiting[0]).body_html in page


def test_a_forged_queue_name_is_a_400(client, login_as):
    login_as(Role.MODERATOR)
    assert client.get("/admin/moderation?status=approved").status_code == 400
