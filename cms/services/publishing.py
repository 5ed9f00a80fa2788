"""Moving articles between states: publish now or later, unpublish, archive, and run due schedules.

Each move asks `ARTICLE_TRANSITIONS` for its target (an illegal move raises before anything is
written), then writes with `UPDATE ... WHERE status = :current`, so two editors acting at once
cannot both win, and records an audit row in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update

from cms.extensions import db
from cms.models import ARTICLE_TRANSITIONS, Article, ArticleStatus, IllegalTransition, SlugRedirect, User
from cms.models.types import utcnow
from cms.services import audit
from cms.services.access import EDITORS, require_role
from cms.services.articles import get_revision, slug_owner
from cms.services.errors import Conflict, ValidationFailed


def _target(action: str, article: Article) -> ArticleStatus:
    try:
        return ARTICLE_TRANSITIONS.target(action, ArticleStatus(article.status))
    except IllegalTransition:
        hint = " Unpublish it first to bring it back as a draft." if article.status == ArticleStatus.ARCHIVED else ""
        raise Conflict(f"An article that is {article.status} cannot be {action}ed.{hint}",
                       status=str(article.status)) from None


def _guarded_update(article: Article, expected: ArticleStatus, *also: Any, **values: Any) -> None:
    """Write `values` only if the article is still in `expected` (and `also` holds); else report the race."""
    changed = db.session.execute(
        update(Article).where(Article.id == article.id, Article.status == expected, *also).values(**values)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        raise Conflict("The article changed state while this was being done; reload and try again.")


def publish(actor: User | None, article: Article, number: int | None = None,
            at: datetime | None = None) -> Article:
    """Make revision `number` (default: latest) live now, or schedule it when `at` is in the future."""
    require_role(actor, *EDITORS)
    revision = get_revision(article, number if number is not None else article.latest_number)
    now = utcnow()
    if at is not None and at > now:
        return _schedule(actor, article, revision.number, at)
    _go_live(actor, article, revision.number, now)
    db.session.commit()
    db.session.refresh(article)
    return article


def _schedule(actor: User, article: Article, number: int, at: datetime) -> Article:
    current = ArticleStatus(article.status)
    target = _target("schedule", article)
    _guarded_update(article, current, status=target, scheduled_number=number, scheduled_at=at, updated_at=utcnow())
    audit.record("article.schedule", "article", article.id, actor=actor, from_state=current, to_state=target,
                 revision=number, at=at.isoformat())
    db.session.commit()
    db.session.refresh(article)
    return article


def _go_live(actor: User | None, article: Article, number: int, now: datetime, *, scheduled: bool = False) -> None:
    """Point the article at revision `number`, moving its slug (and keeping the old one as a redirect).

    `scheduled` runs also require the schedule to be still in place, so a second run matches nothing.
    """
    current = ArticleStatus(article.status)
    target = _target("publish", article)
    revision = get_revision(article, number)
    values: dict[str, Any] = {
        "status": target, "live_number": number, "scheduled_number": None, "scheduled_at": None,
        "last_published_at": now, "updated_at": now,
        "first_published_at": article.first_published_at or now,
    }
    if revision.slug != article.slug:
        _move_slug(article, revision.slug)
        values["slug"] = revision.slug
    guards = (Article.scheduled_number == number, Article.scheduled_at.is_not(None)) if scheduled else ()
    _guarded_update(article, current, *guards, **values)
    audit.record("article.publish", "article", article.id, actor=actor, from_state=current, to_state=target,
                 revision=number)


def _move_slug(article: Article, new_slug: str) -> None:
    """Keep the article's public address answering (301) when a publish changes its slug."""
    owner = slug_owner(new_slug)
    if owner is not None and owner != article.id:
        raise ValidationFailed("The revision's slug is now used by another article.", fields={"slug": "Already in use."})
    db.session.execute(delete(SlugRedirect).where(SlugRedirect.old_slug == new_slug))
    if article.first_published_at is not None:
        db.session.add(SlugRedirect(old_slug=article.slug, article_id=article.id))


def unpublish(actor: User | None, article: Article) -> Article:
    """Take an article off the site (or out of the archive, or cancel its schedule): back to draft."""
    return _simple_move(actor, article, "unpublish", live_number=None, scheduled_number=None, scheduled_at=None)


def archive(actor: User | None, article: Article) -> Article:
    """Retire an article: readers no longer see it; its history stays."""
    return _simple_move(actor, article, "archive", scheduled_number=None, scheduled_at=None)


def _simple_move(actor: User | None, article: Article, action: str, **values: Any) -> Article:
    require_role(actor, *EDITORS)
    current = ArticleStatus(article.status)
    target = _target(action, article)
    _guarded_update(article, current, status=target, updated_at=utcnow(), **values)
    audit.record(f"article.{action}", "article", article.id, actor=actor, from_state=current, to_state=target)
    db.session.commit()
    db.session.refresh(article)
    return article


def publish_due(now: datetime | None = None) -> list[int]:
    """Make live every scheduled revision whose time has come; returns the article ids published.

    Safe to run twice or in two workers at once: each article is taken with a guarded update
    that also matches its scheduled number and time, so only one run publishes it.
    """
    now = now or utcnow()
    due = db.session.scalars(
        select(Article).where(Article.scheduled_at.is_not(None), Article.scheduled_at <= now).order_by(Article.id)
    ).all()
    published: list[int] = []
    for article in due:
        try:
            _go_live(None, article, article.scheduled_number, now, scheduled=True)
            db.session.commit()
            published.append(article.id)
        except (Conflict, ValidationFailed) as error:
            db.session.rollback()
            _record_failed_schedule(article.id, str(error))
    return published


def _record_failed_schedule(article_id: int, reason: str) -> None:
    """A due publication that cannot happen is recorded, not retried forever."""
    article = db.session.get(Article, article_id)
    if article is None or article.scheduled_at is None:
        return
    audit.record("article.schedule_failed", "article", article.id, actor=None, reason=reason)
    article.scheduled_at = None
    article.scheduled_number = None
    if article.status == ArticleStatus.SCHEDULED:
        article.status = ArticleStatus.DRAFT
    db.session.commit()
