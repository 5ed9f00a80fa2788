"""Publishing: chosen revisions go live, schedules, guarded transitions, slug redirects."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from cms.extensions import db
from cms.models import Article, ArticleStatus, AuditEvent, Role, SlugRedirect
from cms.models.types import utcnow
from cms.services import articles, catalog, publishing
from cms.services.errors import Conflict, Moved, NotFound, PermissionDenied, ValidationFailed
from tests import factories


def test_publishing_makes_the_chosen_revision_live(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, revisions=3)
    publishing.publish(editor, article, 2)
    found, live = catalog.find_public_article(article.slug)
    assert (found.status, live.number) == (ArticleStatus.PUBLISHED, 2)
    assert found.first_published_at is not None


def test_later_saves_do_not_change_what_readers_see(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, body="Live text", publish=True)
    articles.save_revision(editor, article, 1, {"title": "Draft title", "body_markdown": "Draft text"})
    _, live = catalog.find_public_article(article.slug)
    assert live.body_markdown == "Live text"


def test_unpublished_articles_are_hidden_from_readers(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, publish=True)
    publishing.unpublish(editor, article)
    assert article.status == ArticleStatus.DRAFT
    with pytest.raises(NotFound):
        catalog.find_public_article(article.slug)


def test_archived_articles_must_be_unarchived_before_publishing(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, publish=True)
    publishing.archive(editor, article)
    with pytest.raises(Conflict):
        publishing.publish(editor, article)
    with pytest.raises(Conflict):
        publishing.archive(editor, article)
    publishing.unpublish(editor, article)
    publishing.publish(editor, article)
    assert article.status == ArticleStatus.PUBLISHED


def test_every_transition_is_audited_with_its_states(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, publish=True)
    publishing.archive(editor, article)
    events = db.session.execute(select(AuditEvent.action, AuditEvent.from_state, AuditEvent.to_state)
                                .where(AuditEvent.subject_id == article.id).order_by(AuditEvent.id)).all()
    assert events[-2:] == [("article.publish", "draft", "published"), ("article.archive", "published", "archived")]


def test_a_move_from_a_state_that_changed_underneath_is_refused(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, publish=True)
    assert article.status == ArticleStatus.PUBLISHED  # what this request has read
    with db.engine.begin() as other_request:
        other_request.execute(Article.__table__.update().where(Article.__table__.c.id == article.id)
                              .values(status="archived"))
    with pytest.raises(Conflict):
        publishing.archive(editor, article)
    assert db.session.get(Article, article.id).status == ArticleStatus.ARCHIVED


def test_scheduling_in_the_future_does_not_publish_yet(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor)
    publishing.publish(editor, article, 1, utcnow() + timedelta(hours=1))
    assert article.status == ArticleStatus.SCHEDULED
    assert publishing.publish_due() == []
    with pytest.raises(NotFound):
        catalog.find_public_article(article.slug)


def test_due_schedules_are_published_once_even_if_run_twice(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, revisions=2)
    publishing.publish(editor, article, 2, utcnow() + timedelta(minutes=5))
    later = utcnow() + timedelta(minutes=6)
    assert publishing.publish_due(later) == [article.id]
    assert publishing.publish_due(later) == []
    publish_events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.subject_id == article.id, AuditEvent.action == "article.publish")).all()
    assert len(publish_events) == 1
    assert publish_events[0].actor_id is None


def test_a_published_article_keeps_its_live_revision_until_a_scheduled_one_is_due(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, body="Old", publish=True)
    articles.save_revision(editor, article, 1, {"title": "T", "body_markdown": "New"})
    publishing.publish(editor, article, 2, utcnow() + timedelta(minutes=5))
    assert article.status == ArticleStatus.PUBLISHED
    assert catalog.find_public_article(article.slug)[1].body_markdown == "Old"
    publishing.publish_due(utcnow() + timedelta(minutes=6))
    assert catalog.find_public_article(article.slug)[1].body_markdown == "New"


def test_unpublishing_cancels_a_schedule(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor)
    publishing.publish(editor, article, 1, utcnow() + timedelta(minutes=5))
    publishing.unpublish(editor, article)
    assert (article.status, article.scheduled_at) == (ArticleStatus.DRAFT, None)
    assert publishing.publish_due(utcnow() + timedelta(minutes=6)) == []


def test_publishing_a_new_slug_keeps_the_old_address_as_a_redirect(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, slug="old-address", publish=True)
    articles.save_revision(editor, article, 1, {"title": "T", "body_markdown": "B", "slug": "new-address"})
    assert catalog.find_public_article("old-address")[0].id == article.id  # not yet: the draft is not live
    publishing.publish(editor, article)
    with pytest.raises(Moved) as moved:
        catalog.find_public_article("old-address")
    assert moved.value.slug == "new-address"
    assert db.session.get(SlugRedirect, "old-address").article_id == article.id


def test_moving_back_to_an_old_slug_drops_its_redirect(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, slug="first", publish=True)
    articles.save_revision(editor, article, 1, {"title": "T", "body_markdown": "B", "slug": "second"})
    publishing.publish(editor, article)
    articles.save_revision(editor, article, 2, {"title": "T", "body_markdown": "B", "slug": "first"})
    publishing.publish(editor, article)
    assert catalog.find_public_article("first")[0].id == article.id
    with pytest.raises(Moved):
        catalog.find_public_article("second")


def test_an_old_slug_cannot_be_taken_by_another_article(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, slug="kept", publish=True)
    articles.save_revision(editor, article, 1, {"title": "T", "body_markdown": "B", "slug": "renamed"})
    publishing.publish(editor, article)
    with pytest.raises(ValidationFailed):
        articles.create_article(editor, {"title": "Other", "body_markdown": "B", "slug": "kept"})


def test_moderators_cannot_publish(make_user):
    article = factories.article(make_user(Role.EDITOR))
    with pytest.raises(PermissionDenied):
        publishing.publish(make_user(Role.MODERATOR), article)
