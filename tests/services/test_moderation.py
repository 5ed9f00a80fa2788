"""Moderators' decisions: allowed moves, guarded writes, audit, counts, bulk."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, AuditEvent, Comment, CommentStatus, Role
from cms.services import comments, discussion, moderation, pipeline
from cms.services.errors import Conflict, NotFound, PermissionDenied
from tests import factories


@pytest.fixture()
def article(make_user):
    return factories.article(make_user(Role.EDITOR), publish=True)


@pytest.fixture()
def moderator(make_user):
    return make_user(Role.MODERATOR)


def _pending(article, body="A question about naps", address="192.0.2.1"):
    comment = comments.submit(article, {"author_name": "Reader", "body": body}, address)
    pipeline.process(comment.id)
    return db.session.get(Comment, comment.id)


def test_approving_publishes_and_counts_the_comment(article, moderator):
    comment = _pending(article)
    moderation.decide(moderator, comment.id, "approve")
    assert db.session.get(Comment, comment.id).status == CommentStatus.APPROVED
    assert db.session.get(Article, article.id).comment_count == 1
    assert [c.id for c in discussion.approved_comments(article.id, 10)] == [comment.id]


def test_withdrawing_an_approval_lowers_the_count(article, moderator):
    comment = _pending(article)
    moderation.decide(moderator, comment.id, "approve")
    moderation.decide(moderator, comment.id, "reject")
    assert db.session.get(Article, article.id).comment_count == 0
    assert discussion.approved_comments(article.id, 10) == []


@pytest.mark.parametrize(("start", "action"), [("received", "approve"), ("pending", "ham"), ("approved", "approve"),
                                               ("received", "spam")])
def test_moves_not_in_the_table_are_refused(article, moderator, start, action):
    comment = comments.submit(article, {"author_name": "R", "body": "x"}, "192.0.2.1")
    if start != "received":
        pipeline.process(comment.id)
        if start == "approved":
            moderation.decide(moderator, comment.id, "approve")
    with pytest.raises(Conflict):
        moderation.decide(moderator, comment.id, action)


def test_ham_sends_a_spam_comment_back_to_the_queue(article, moderator):
    comment = _pending(article)
    moderation.decide(moderator, comment.id, "spam")
    moderation.decide(moderator, comment.id, "ham")
    assert db.session.get(Comment, comment.id).status == CommentStatus.PENDING


def test_every_decision_is_audited_with_who_when_and_states(article, moderator):
    comment = _pending(article)
    moderation.decide(moderator, comment.id, "spam")
    moderation.decide(moderator, comment.id, "ham")
    entries = discussion.history(db.session.get(Comment, comment.id))
    assert [(e.action, e.actor, e.from_state, e.to_state) for e in entries] == [
        ("comment.receive", None, None, "received"),
        ("comment.queue", None, "received", "pending"),
        ("comment.spam", moderator.username, "pending", "spam"),
        ("comment.ham", moderator.username, "spam", "pending"),
    ]


def test_a_decision_on_a_comment_that_changed_underneath_is_refused(article, moderator):
    comment = _pending(article)
    assert db.session.get(Comment, comment.id).status == CommentStatus.PENDING  # what this moderator saw
    with db.engine.begin() as other_moderator:
        other_moderator.execute(Comment.__table__.update().where(Comment.__table__.c.id == comment.id)
                                .values(status="rejected"))
    with pytest.raises(Conflict):
        moderation.decide(moderator, comment.id, "approve")
    assert db.session.get(Article, article.id).comment_count == 0


def test_bulk_decisions_report_what_was_done_and_refused(article, moderator):
    first, second = _pending(article, "one"), _pending(article, "two", "192.0.2.2")
    moderation.decide(moderator, second.id, "reject")
    result = moderation.decide_many(moderator, [first.id, second.id, 999999, first.id], "reject")
    assert result.done == [first.id]
    assert [item["id"] for item in result.refused] == [second.id, 999999]
    assert db.session.get(Comment, first.id).status == CommentStatus.REJECTED


def test_editors_cannot_moderate_and_unknown_actions_are_404(article, make_user, moderator):
    comment = _pending(article)
    with pytest.raises(PermissionDenied):
        moderation.decide(make_user(Role.EDITOR), comment.id, "approve")
    with pytest.raises(NotFound):
        moderation.decide(moderator, comment.id, "publish")
    assert not db.session.scalars(select(AuditEvent).where(AuditEvent.action.like("comment.approve"))).all()
