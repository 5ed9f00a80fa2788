"""Comment intake: validation, limits, duplicates, replies, and what is stored."""

from __future__ import annotations

import pytest

from cms.extensions import db
from cms.models import Comment, CommentStatus, Role
from cms.services import comments, moderation, pipeline
from cms.services.errors import Conflict, ValidationFailed
from tests import factories


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), publish=True)


def test_a_comment_is_stored_received_with_its_raw_body(article):
    comment = comments.submit(article, {"author_name": " Ann ", "body": "Is *melatonin* safe?"}, "192.0.2.7")
    stored = db.session.get(Comment, comment.id)
    assert (stored.status, stored.author_name, stored.body_raw) == (CommentStatus.RECEIVED, "Ann", "Is *melatonin* safe?")
    assert stored.body_html is None  # nothing rendered on the request path
    assert stored.thread_id == stored.id


def test_the_client_address_is_kept_only_as_a_keyed_hash(article):
    comment = comments.submit(article, {"author_name": "A", "body": "hello"}, "192.0.2.7")
    assert "192.0.2.7" not in comment.client_hash and len(comment.client_hash) == 64
    assert comment.client_hash == comments.client_hash("192.0.2.7") != comments.client_hash("192.0.2.8")


@pytest.mark.parametrize(("data", "field"), [
    ({"author_name": "", "body": "x"}, "author_name"),
    ({"author_name": "n" * 81, "body": "x"}, "author_name"),
    ({"author_name": "A", "body": "   "}, "body"),
    ({"author_name": "A", "body": "x", "author_email": "not-an-email"}, "author_email"),
    ({"author_name": "\x00\x01", "body": "x"}, "author_name"),
])
def test_bad_fields_are_refused_with_their_names(article, data, field):
    with pytest.raises(ValidationFailed) as refused:
        comments.submit(article, data, "192.0.2.7")
    assert field in refused.value.fields
    assert db.session.query(Comment).count() == 0


def test_a_body_over_the_limit_is_a_413(app, article):
    with pytest.raises(comments.CommentTooLong) as refused:
        comments.submit(article, {"author_name": "A", "body": "x" * (app.config["COMMENT_MAX_CHARS"] + 1)}, "192.0.2.7")
    assert refused.value.status == 413


def test_the_same_text_from_the_same_client_is_refused_as_a_duplicate(article):
    comments.submit(article, {"author_name": "A", "body": "Help, I cannot sleep"}, "192.0.2.7")
    with pytest.raises(Conflict):
        comments.submit(article, {"author_name": "A", "body": "help,  I CANNOT sleep"}, "192.0.2.7")
    comments.submit(article, {"author_name": "B", "body": "Help, I cannot sleep"}, "192.0.2.8")  # another reader
    assert db.session.query(Comment).count() == 2


def test_private_use_characters_are_stripped_so_markers_cannot_be_forged(article):
    comment = comments.submit(article, {"author_name": "A", "body": "a\ue010b\ue01fc"}, "192.0.2.7")
    assert comment.body_raw == "abc"


def test_a_reply_joins_its_parents_thread(article, make_user):
    moderator = make_user(Role.MODERATOR)
    parent = comments.submit(article, {"author_name": "A", "body": "First"}, "192.0.2.7")
    pipeline.process(parent.id)
    moderation.decide(moderator, parent.id, "approve")
    reply = comments.submit(article, {"author_name": "B", "body": "Answer", "parent_id": parent.id}, "192.0.2.8")
    assert (reply.parent_id, reply.thread_id) == (parent.id, parent.id)


@pytest.mark.parametrize("parent", ["unapproved", "other_article", "missing"])
def test_replies_must_answer_a_published_comment_on_the_same_article(article, make_user, parent):
    if parent == "missing":
        parent_id = 424242
    else:
        target = article if parent == "unapproved" else factories.article(make_user(Role.EDITOR), publish=True)
        parent_id = comments.submit(target, {"author_name": "A", "body": "x"}, "192.0.2.7").id
    with pytest.raises(ValidationFailed) as refused:
        comments.submit(article, {"author_name": "B", "body": "y", "parent_id": parent_id}, "192.0.2.8")
    assert "parent_id" in refused.value.fields
