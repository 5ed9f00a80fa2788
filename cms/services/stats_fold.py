"""Folding flushed view counts into the statistics tables (run by the `workers.stats` tasks).

A batch arrives as plain data: its id and `[article_id, "YYYY-MM-DD", views]` rows. One
transaction records the batch id and upserts the daily rows and totals, so a redelivered or
re-sent batch finds its id taken and changes nothing. Rows are upserted in key order, so two
workers folding different batches lock rows in the same order and cannot deadlock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from cms.extensions import db
from cms.models import Article, ArticleDailyViews, ArticleViewTotal, StatsBatch
from cms.models.types import utcnow

log = logging.getLogger(__name__)

CHUNK = 500  # rows per upsert statement: well under SQLite's limit on bound parameters
BATCH_RETENTION = timedelta(days=7)  # far longer than any redelivery (the broker's visibility timeout is an hour)

Counts = dict[tuple[int, date], int]


def parse_rows(rows: Iterable[Sequence[Any]]) -> Counts:
    """Validate a batch's rows and add up repeated keys; malformed data raises ValueError."""
    counts: Counts = {}
    for row in rows:
        if len(row) != 3:
            raise ValueError(f"a batch row is [article_id, day, views], not {row!r}")
        article_id, day, views = row
        if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in (article_id, views)) \
                or not isinstance(day, str):
            raise ValueError(f"bad batch row {row!r}")
        key = (article_id, date.fromisoformat(day))
        counts[key] = counts.get(key, 0) + views
    return {key: views for key, views in counts.items() if views}


def _insert(model: type[Any]) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (PostgreSQL and SQLite spell it alike)."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(model)
    if dialect == "sqlite":
        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for {dialect}")


def _claim(batch_id: str, views: int) -> bool:
    """Record the batch id; False when it was folded before (or is being folded right now)."""
    statement = (_insert(StatsBatch).values(batch_id=batch_id, views=views, folded_at=utcnow())
                 .on_conflict_do_nothing(index_elements=["batch_id"]).returning(StatsBatch.batch_id))
    return db.session.execute(statement).scalar_one_or_none() is not None  # rowcount is -1 on psycopg here


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _upsert_daily(counts: Counts) -> None:
    rows = [{"article_id": a, "day": d, "views": n} for (a, d), n in sorted(counts.items())]
    for chunk in _chunks(rows):
        statement = _insert(ArticleDailyViews).values(chunk)
        db.session.execute(statement.on_conflict_do_update(
            index_elements=["article_id", "day"], set_={"views": ArticleDailyViews.views + statement.excluded.views}))


def _upsert_totals(counts: Counts) -> None:
    totals: dict[int, int] = {}
    for (article_id, _), views in counts.items():
        totals[article_id] = totals.get(article_id, 0) + views
    rows = [{"article_id": a, "total": n} for a, n in sorted(totals.items())]
    for chunk in _chunks(rows):
        statement = _insert(ArticleViewTotal).values(chunk)
        db.session.execute(statement.on_conflict_do_update(
            index_elements=["article_id"], set_={"total": ArticleViewTotal.total + statement.excluded.total}))


def _known(counts: Counts) -> Counts:
    """Drop rows for articles that do not exist (nothing else can be done with them)."""
    ids = sorted({article_id for article_id, _ in counts})
    known = set(db.session.scalars(select(Article.id).where(Article.id.in_(ids)))) if ids else set()
    if len(known) < len(ids):
        log.warning("dropping views for unknown articles %s", sorted(set(ids) - known))
    return {key: views for key, views in counts.items() if key[0] in known}


def fold_batch(batch_id: str, rows: Iterable[Sequence[Any]]) -> int:
    """Add one flushed batch to the daily rows and totals, once per batch id; the views added."""
    if not isinstance(batch_id, str) or not 1 <= len(batch_id) <= 64:
        raise ValueError(f"bad batch id {batch_id!r}")
    counts = parse_rows(rows)
    try:
        counts = _known(counts)
        views = sum(counts.values())
        if not _claim(batch_id, views):
            db.session.rollback()
            log.info("batch %s was folded before; nothing to do", batch_id)
            return 0
        _upsert_daily(counts)
        _upsert_totals(counts)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return views


def prune_batches(older_than: timedelta = BATCH_RETENTION) -> int:
    """Forget batch ids folded long ago (no redelivery can still bring them); the number removed."""
    removed = db.session.execute(delete(StatsBatch).where(StatsBatch.folded_at < utcnow() - older_than)).rowcount
    db.session.commit()
    return removed
