"""Visit statistics as people read them: an article's counts, its daily series, the top articles.

Days are calendar dates in the site's time zone (`CMS_TIMEZONE`): a view belongs to the local day
it happened on (fixed by the web process when it was counted), and "today" and every period
are counted back from the local date now, so a daylight-saving change never loses or repeats a
day. Nothing here writes; the counts are added up by `cms.services.stats_fold` in the worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, bindparam, func, select

from cms.extensions import db
from cms.models import Article, ArticleDailyViews, ArticleViewTotal, Revision
from cms.models.types import utcnow
from cms.web import site_timezone

MAX_DAYS = 365


@dataclass(frozen=True)
class Visits:
    """An article's visit counts: all time, and today in the site's time zone."""

    total: int = 0
    today: int = 0


@dataclass(frozen=True)
class DayViews:
    """One local calendar day of an article's series."""

    day: date
    views: int


@dataclass(frozen=True)
class TopArticle:
    """An article and its views over a period."""

    article_id: int
    slug: str
    title: str
    views: int


def local_day(instant: datetime, zone: ZoneInfo) -> date:
    """The calendar date an aware instant falls on in `zone` (zoneinfo knows every DST change)."""
    if instant.tzinfo is None:
        raise ValueError("local_day needs an aware datetime")
    return instant.astimezone(zone).date()


def site_today(now: datetime | None = None) -> date:
    """Today's date in the site's time zone."""
    return local_day(now or utcnow(), site_timezone())


def period(days: int, now: datetime | None = None) -> tuple[date, date]:
    """The first and last local dates of the `days` days ending today (today included)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a period is 1 to {MAX_DAYS} days")
    last = site_today(now)
    return last - timedelta(days=days - 1), last


def visit_columns(article_id: Any, day: Any) -> tuple[Any, Any]:
    """The total and the day's views of `article_id` as two scalar subqueries, to read with other columns."""
    total = select(ArticleViewTotal.total).where(ArticleViewTotal.article_id == article_id).scalar_subquery()
    today = (select(ArticleDailyViews.views)
             .where(ArticleDailyViews.article_id == article_id, ArticleDailyViews.day == day).scalar_subquery())
    return total, today


@lru_cache(maxsize=1)
def _visits_statement() -> Select[Any]:
    """Built once: every page view runs it, and building a statement costs more than running it."""
    return select(*visit_columns(bindparam("article_id"), bindparam("day")))


def visits_for(article_id: int, now: datetime | None = None) -> Visits:
    """The visit counts of one article, read in one round trip."""
    row = db.session.execute(_visits_statement(), {"article_id": article_id, "day": site_today(now)}).one()
    return Visits(total=row[0] or 0, today=row[1] or 0)


def daily_series(article_id: int, days: int, now: datetime | None = None) -> list[DayViews]:
    """Views per local day for the last `days` days, oldest first, days without views included."""
    first, last = period(days, now)
    stored = dict(db.session.execute(
        select(ArticleDailyViews.day, ArticleDailyViews.views)
        .where(ArticleDailyViews.article_id == article_id, ArticleDailyViews.day.between(first, last))
    ).tuples().all())
    return [DayViews(day, stored.get(day, 0))
            for day in (first + timedelta(days=offset) for offset in range(days))]


def top_articles(days: int, limit: int, now: datetime | None = None) -> list[TopArticle]:
    """The most viewed articles of the last `days` days, most first (ties: older article first)."""
    first, last = period(days, now)
    views = func.sum(ArticleDailyViews.views).label("views")
    per_article = (select(ArticleDailyViews.article_id, views)
                   .where(ArticleDailyViews.day.between(first, last))
                   .group_by(ArticleDailyViews.article_id)
                   .order_by(views.desc(), ArticleDailyViews.article_id)
                   .limit(limit).subquery())
    shown = func.coalesce(Article.live_number, Article.latest_number)
    rows = db.session.execute(
        select(Article.id, Article.slug, Revision.title, per_article.c.views)
        .join(per_article, per_article.c.article_id == Article.id)
        .join(Revision, and_(Revision.article_id == Article.id, Revision.number == shown))
        .order_by(per_article.c.views.desc(), Article.id))
    return [TopArticle(row.id, row.slug, row.title, int(row.views)) for row in rows]


def export_rows(days: int, now: datetime | None = None) -> list[tuple[date, int, str, int]]:
    """Every (date, article id, slug, views) with views in the last `days` days, by date then article."""
    first, last = period(days, now)
    rows = db.session.execute(
        select(ArticleDailyViews.day, Article.id, Article.slug, ArticleDailyViews.views)
        .join(Article, Article.id == ArticleDailyViews.article_id)
        .where(ArticleDailyViews.day.between(first, last), ArticleDailyViews.views > 0)
        .order_by(ArticleDailyViews.day, Article.id))
    return [(day, article_id, slug, int(views)) for day, article_id, slug, views in rows]
