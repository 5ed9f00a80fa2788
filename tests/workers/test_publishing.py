"""Scheduled publishing, run by beat and a real worker on the real broker."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cms.extensions import db
from cms.models import Article, ArticleStatus, Role
from cms.models.types import utcnow
from cms.services import publishing
from tests import factories
from tests.support import wait_until

pytestmark = pytest.mark.worker


def test_a_scheduled_revision_goes_live_through_beat_and_the_worker(make_user, start_worker):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, revisions=2)
    publishing.publish(editor, article, 2, utcnow() + timedelta(seconds=2))
    assert article.status == ArticleStatus.SCHEDULED
    start_worker(beat=True)

    def published() -> bool:
        db.session.expire_all()
        current = db.session.get(Article, article.id)
        return current.status == ArticleStatus.PUBLISHED and current.live_number == 2

    wait_until(published, timeout=60, message="the scheduled article to be published")
    assert db.session.get(Article, article.id).scheduled_at is None
