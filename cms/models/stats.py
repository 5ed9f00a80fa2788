"""Visit statistics: per-article daily counts, running totals, and the batches already folded in.

Rows are written only by `cms.services.stats_fold` (upserts from the worker); the page path never
writes here. `day` is a calendar date in the site's time zone, fixed when the view happened.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from cms.extensions import db
from cms.models.types import UTCDateTime, utcnow


class ArticleDailyViews(db.Model):
    """How many counted views an article had on one local calendar day."""

    __tablename__ = "article_daily_views"
    __table_args__ = (Index("ix_article_daily_views_day", "day", "article_id"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger, default=0)


class ArticleViewTotal(db.Model):
    """An article's all-time count, kept beside the daily rows so the page reads one row."""

    __tablename__ = "article_view_totals"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger, default=0)


class StatsBatch(db.Model):
    """A flushed batch that has been folded in; its id makes a redelivered fold a no-op."""

    __tablename__ = "stats_batches"

    batch_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    views: Mapped[int] = mapped_column(BigInteger, default=0)
    folded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
