"""Saving articles: append-only revisions, stale saves refused, restore, slugs."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, ArticleStatus, AuditEvent, Revision, Role
from cms.models.article import RevisionImmutableError
from cms.services import articles
from cms.services.errors import NotAuthenticated, PermissionDenied, PreconditionRequired, StaleRevision, ValidationFailed
from tests import factories


def test_create_makes_a_draft_with_revision_one(make_user):
    editor = make_user(Role.EDITOR)
    article, revision = articles.create_article(editor, {"title": "Sleep and screens", "body_markdown": "Text"})
    assert article.status == ArticleStatus.DRAFT
    assert (revision.number, revision.title, revision.author_id) == (1, "Sleep and screens", editor.id)
    assert article.slug == "sleep-and-screens"
    assert db.session.scalar(select(AuditEvent.action).where(AuditEvent.subject_id == article.id)) == "article.create"


def test_every_save_appends_a_revision_and_keeps_the_old_ones(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, body="v1")
    for n in range(1, 4):
        articles.save_revision(editor, article, n, {"title": "T", "body_markdown": f"v{n + 1}"})
    bodies = db.session.scalars(select(Revision.body_markdown).where(Revision.article_id == article.id)
                                .order_by(Revision.number)).all()
    assert bodies == ["v1", "v2", "v3", "v4"]
    assert article.latest_number == 4


def test_stale_save_is_refused_and_changes_nothing(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, revisions=2)
    with pytest.raises(StaleRevision) as refused:
        articles.save_revision(editor, article, 1, {"title": "Mine", "body_markdown": "overwrite"})
    assert refused.value.latest == 2
    assert db.session.scalar(select(func.count()).where(Revision.article_id == article.id)) == 2
    assert articles.latest_revision(article).body_markdown != "overwrite"


def test_save_without_a_base_revision_needs_one(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor)
    with pytest.raises(PreconditionRequired):
        articles.save_revision(editor, article, None, {"title": "T", "body_markdown": "B"})


def test_left_out_fields_keep_their_previous_values(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, summary="Kept summary", slug="kept-slug")
    revision = articles.save_revision(editor, article, 1, {"title": "New title", "body_markdown": "New body"})
    assert (revision.summary, revision.slug) == ("Kept summary", "kept-slug")


def test_restore_appends_a_copy_of_the_old_revision(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, body="original", revisions=3)
    restored = articles.restore_revision(editor, article, 1)
    assert restored.number == 4
    assert restored.body_markdown == "original"
    assert restored.restored_from == 1
    assert articles.get_revision(article, 3).body_markdown != "original"


@pytest.mark.parametrize("slug", ["Bad Slug", "a--b", "-lead", "123", "ünï"])
def test_malformed_slugs_are_refused(make_user, slug):
    with pytest.raises(ValidationFailed) as refused:
        articles.create_article(make_user(Role.EDITOR), {"title": "T", "body_markdown": "B", "slug": slug})
    assert "slug" in refused.value.fields


def test_a_slug_taken_by_another_article_is_refused(make_user):
    editor = make_user(Role.EDITOR)
    factories.article(editor, slug="taken")
    with pytest.raises(ValidationFailed):
        articles.create_article(editor, {"title": "T", "body_markdown": "B", "slug": "taken"})


def test_titles_give_unique_slugs(make_user):
    editor = make_user(Role.EDITOR)
    first, _ = articles.create_article(editor, {"title": "Deep sleep", "body_markdown": "B"})
    second, _ = articles.create_article(editor, {"title": "Deep sleep", "body_markdown": "B"})
    assert (first.slug, second.slug) == ("deep-sleep", "deep-sleep-2")


def test_required_fields_and_lengths_are_checked(make_user):
    with pytest.raises(ValidationFailed) as refused:
        articles.create_article(make_user(Role.EDITOR), {"title": " ", "body_markdown": "", "summary": "x" * 1001})
    assert set(refused.value.fields) == {"title", "body_markdown", "summary"}


def test_moderators_and_anonymous_cannot_write_articles(make_user):
    with pytest.raises(PermissionDenied):
        articles.create_article(make_user(Role.MODERATOR), {"title": "T", "body_markdown": "B"})
    with pytest.raises(NotAuthenticated):
        articles.create_article(None, {"title": "T", "body_markdown": "B"})


def test_admins_can_write_articles(make_user):
    article, _ = articles.create_article(make_user(Role.ADMIN), {"title": "T", "body_markdown": "B"})
    assert article.id


def test_revisions_cannot_be_edited_or_deleted(make_user):
    article = factories.article(make_user(Role.EDITOR))
    revision = articles.get_revision(article, 1)
    revision.body_markdown = "rewritten history"
    with pytest.raises(RevisionImmutableError):
        db.session.commit()
    db.session.rollback()
    db.session.delete(articles.get_revision(article, 1))
    with pytest.raises(RevisionImmutableError):
        db.session.commit()
    db.session.rollback()
    assert articles.get_revision(article, 1).body_markdown.startswith("First paragraph")


def test_latest_revision_is_found_by_pointer_not_by_scanning(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, revisions=5)
    assert db.session.get(Article, article.id).latest_number == 5
    assert articles.latest_revision(article).number == 5
