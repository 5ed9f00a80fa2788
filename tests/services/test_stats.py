"""Visit statistics: local days across midnight and DST, folding batches once, series, top, export."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, update

from cms.extensions import db
from cms.models import ArticleDailyViews, Role, StatsBatch
from cms.models.types import utcnow
from cms.services import publishing, stats, stats_fold
from cms.visits import VisitCounter
from tests import factories

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


def at(text: str) -> datetime:
    """A fixed instant, written in UTC."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture()
def london(app, monkeypatch):
    """The site's zone is Europe/London for this test."""
    monkeypatch.setitem(app.config, "TIMEZONE", "Europe/London")
    return LONDON


# ---- the local day ---------------------------------------------------------------------------

def test_half_past_eleven_and_half_past_midnight_are_different_days_on_one_utc_date():
    # British Summer Time (UTC+1): both instants fall on 10 June in UTC.
    assert local_pair("2026-06-10T22:30", "2026-06-10T23:30", LONDON) == (date(2026, 6, 10), date(2026, 6, 11))


@pytest.mark.parametrize("instant, expected", [
    # Spring forward, last Sunday of March 2026 (29 March): 01:00 GMT becomes 02:00 BST.
    ("2026-03-28T23:30", date(2026, 3, 28)),   # 23:30 GMT
    ("2026-03-29T00:59", date(2026, 3, 29)),   # 00:59 GMT, the last minute before the change
    ("2026-03-29T01:00", date(2026, 3, 29)),   # 02:00 BST
    ("2026-03-29T22:59", date(2026, 3, 29)),   # 23:59 BST: this day had 23 hours
    ("2026-03-29T23:00", date(2026, 3, 30)),   # 00:00 BST
    # Fall back, last Sunday of October 2026 (25 October): 02:00 BST becomes 01:00 GMT.
    ("2026-10-24T22:59", date(2026, 10, 24)),  # 23:59 BST
    ("2026-10-24T23:00", date(2026, 10, 25)),  # 00:00 BST
    ("2026-10-25T00:30", date(2026, 10, 25)),  # 01:30 BST, the first time round
    ("2026-10-25T01:30", date(2026, 10, 25)),  # 01:30 GMT, the second time round
    ("2026-10-25T23:59", date(2026, 10, 25)),  # 23:59 GMT: this day had 25 hours
    ("2026-10-26T00:00", date(2026, 10, 26)),
])
def test_the_local_day_in_london_is_right_around_both_clock_changes(instant, expected):
    assert stats.local_day(at(instant), LONDON) == expected


def test_the_local_day_west_of_utc_is_right_on_the_night_the_clocks_go_back():
    # New York falls back on 1 November 2026; 23:30 EST that evening is 04:30 UTC on 2 November.
    assert stats.local_day(at("2026-11-02T04:30"), NEW_YORK) == date(2026, 11, 1)
    assert stats.local_day(at("2026-11-02T05:00"), NEW_YORK) == date(2026, 11, 2)


def test_the_local_day_refuses_a_time_without_a_zone():
    with pytest.raises(ValueError):
        stats.local_day(datetime(2026, 6, 10, 12, 0), LONDON)


def local_pair(first: str, second: str, zone: ZoneInfo) -> tuple[date, date]:
    return stats.local_day(at(first), zone), stats.local_day(at(second), zone)


# ---- counting on the day of the view, across midnight and DST --------------------------------

def test_views_either_side_of_local_midnight_land_on_different_days(app, london):
    article = factories.article(publish=True)
    counter = VisitCounter(app, interval=0)
    counter.record(article.id, when=at("2026-06-10T22:30"))   # 23:30 BST on the 10th
    counter.record(article.id, when=at("2026-06-10T23:30"))   # 00:30 BST on the 11th
    counter.record(article.id, when=at("2026-06-10T23:45"))
    fold(counter)
    series = stats.daily_series(article.id, 2, now=at("2026-06-11T12:00"))
    assert [(point.day, point.views) for point in series] == [(date(2026, 6, 10), 1), (date(2026, 6, 11), 2)]
    assert stats.visits_for(article.id, now=at("2026-06-10T23:50")) == stats.Visits(total=3, today=2)
    assert stats.visits_for(article.id, now=at("2026-06-10T22:50")) == stats.Visits(total=3, today=1)


def test_a_series_across_the_spring_clock_change_has_each_day_once(app, london):
    article = factories.article(publish=True)
    counter = VisitCounter(app, interval=0)
    for instant in ("2026-03-28T23:30", "2026-03-29T00:30", "2026-03-29T01:30", "2026-03-29T23:30"):
        counter.record(article.id, when=at(instant))
    fold(counter)
    series = stats.daily_series(article.id, 4, now=at("2026-03-30T09:00"))
    assert [(point.day.isoformat(), point.views) for point in series] == [
        ("2026-03-27", 0), ("2026-03-28", 1), ("2026-03-29", 2), ("2026-03-30", 1)]


def test_today_after_the_autumn_clock_change_is_the_local_date(app, london):
    article = factories.article(publish=True)
    counter = VisitCounter(app, interval=0)
    counter.record(article.id, when=at("2026-10-25T00:30"))   # 01:30 BST on the 25th
    counter.record(article.id, when=at("2026-10-25T23:30"))   # 23:30 GMT, still the 25th
    counter.record(article.id, when=at("2026-10-26T00:10"))   # 00:10 GMT on the 26th
    fold(counter)
    assert stats.visits_for(article.id, now=at("2026-10-25T23:59")) == stats.Visits(total=3, today=2)
    assert stats.visits_for(article.id, now=at("2026-10-26T00:00")) == stats.Visits(total=3, today=1)


def fold(counter: VisitCounter) -> int:
    batch = counter.take()
    return stats_fold.fold_batch(batch.batch_id, batch.rows())


# ---- folding ----------------------------------------------------------------------------------

def test_a_batch_folded_twice_counts_once():
    article = factories.article(publish=True)
    rows = [[article.id, "2026-06-10", 5], [article.id, "2026-06-11", 2]]
    assert stats_fold.fold_batch("batch-1", rows) == 7
    assert stats_fold.fold_batch("batch-1", rows) == 0
    assert daily(article.id) == {date(2026, 6, 10): 5, date(2026, 6, 11): 2}
    assert stats.visits_for(article.id).total == 7
    assert db.session.scalar(select(func.count()).select_from(StatsBatch)) == 1


def test_batches_add_to_the_rows_and_totals_already_there():
    first, second = factories.article(publish=True), factories.article(publish=True)
    stats_fold.fold_batch("a", [[first.id, "2026-06-10", 3], [second.id, "2026-06-10", 1]])
    stats_fold.fold_batch("b", [[first.id, "2026-06-10", 4], [first.id, "2026-06-11", 1], [first.id, "2026-06-10", 1]])
    assert daily(first.id) == {date(2026, 6, 10): 8, date(2026, 6, 11): 1}
    assert daily(second.id) == {date(2026, 6, 10): 1}
    assert (stats.visits_for(first.id).total, stats.visits_for(second.id).total) == (9, 1)


def test_views_of_an_article_that_does_not_exist_are_dropped():
    article = factories.article(publish=True)
    assert stats_fold.fold_batch("c", [[article.id, "2026-06-10", 2], [article.id + 1000, "2026-06-10", 5]]) == 2
    assert stats.visits_for(article.id).total == 2


@pytest.mark.parametrize("rows", [
    [[1, "2026-06-10"]], [["1", "2026-06-10", 1]], [[1, "10/06/2026", 1]], [[1, "2026-06-10", -1]],
    [[1, 20260610, 1]], [[1, "2026-06-10", True]],
])
def test_a_malformed_batch_is_refused_and_changes_nothing(rows):
    with pytest.raises(ValueError):
        stats_fold.fold_batch("bad", rows)
    assert db.session.scalar(select(func.count()).select_from(StatsBatch)) == 0


def test_old_batch_ids_are_pruned_and_recent_ones_kept():
    article = factories.article(publish=True)
    stats_fold.fold_batch("old", [[article.id, "2026-06-10", 1]])
    stats_fold.fold_batch("new", [[article.id, "2026-06-10", 1]])
    db.session.execute(update(StatsBatch).where(StatsBatch.batch_id == "old")
                       .values(folded_at=utcnow() - timedelta(days=8)))
    db.session.commit()
    assert stats_fold.prune_batches() == 1
    assert db.session.scalars(select(StatsBatch.batch_id)).all() == ["new"]
    assert stats.visits_for(article.id).total == 2


def daily(article_id: int) -> dict[date, int]:
    rows = db.session.execute(select(ArticleDailyViews.day, ArticleDailyViews.views)
                              .where(ArticleDailyViews.article_id == article_id))
    return dict(rows.tuples().all())


# ---- reading -----------------------------------------------------------------------------------

def test_an_article_without_views_has_zero_counts():
    article = factories.article(publish=True)
    assert stats.visits_for(article.id) == stats.Visits(total=0, today=0)


def test_the_daily_series_includes_days_without_views_oldest_first():
    article = factories.article(publish=True)
    today = stats.site_today()
    stats_fold.fold_batch("d", [[article.id, (today - timedelta(days=2)).isoformat(), 4],
                                [article.id, today.isoformat(), 1],
                                [article.id, (today - timedelta(days=9)).isoformat(), 50]])
    series = stats.daily_series(article.id, 7)
    assert [point.day for point in series] == [today - timedelta(days=n) for n in range(6, -1, -1)]
    assert [point.views for point in series] == [0, 0, 0, 0, 4, 0, 1]


def test_top_articles_rank_views_inside_the_period_only(make_user):
    editor = make_user(Role.EDITOR)
    today = stats.site_today()
    quiet, busy, old_hit = (factories.article(editor, title=t, publish=True) for t in ("Quiet", "Busy", "Old hit"))
    stats_fold.fold_batch("e", [
        [quiet.id, today.isoformat(), 2], [busy.id, today.isoformat(), 5],
        [busy.id, (today - timedelta(days=6)).isoformat(), 5], [old_hit.id, (today - timedelta(days=7)).isoformat(), 99],
    ])
    top = stats.top_articles(7, 10)
    assert [(row.title, row.views) for row in top] == [("Busy", 10), ("Quiet", 2)]
    assert [row.title for row in stats.top_articles(8, 1)] == ["Old hit"]


def test_top_articles_show_the_live_title_and_keep_unpublished_ones(make_user):
    editor = make_user(Role.EDITOR)
    article = factories.article(editor, title="Live title", publish=True)
    factories.article(editor, title="Never viewed", publish=True)
    stats_fold.fold_batch("f", [[article.id, stats.site_today().isoformat(), 3]])
    from cms.services import articles as article_service

    article_service.save_revision(editor, article, 1, {"title": "Unpublished edit", "body_markdown": "x"})
    publishing.unpublish(editor, article)
    assert [(row.article_id, row.title, row.views) for row in stats.top_articles(7, 10)] == \
        [(article.id, "Unpublished edit", 3)]


def test_export_rows_cover_the_period_by_date_then_article():
    first, second = factories.article(publish=True), factories.article(publish=True)
    today = stats.site_today()
    yesterday = today - timedelta(days=1)
    stats_fold.fold_batch("g", [[second.id, yesterday.isoformat(), 2], [first.id, today.isoformat(), 1],
                                [first.id, yesterday.isoformat(), 3], [first.id, (today - timedelta(days=2)).isoformat(), 7]])
    assert stats.export_rows(2) == [(yesterday, first.id, first.slug, 3), (yesterday, second.id, second.slug, 2),
                                    (today, first.id, first.slug, 1)]


@pytest.mark.parametrize("days", [0, stats.MAX_DAYS + 1])
def test_a_period_is_one_day_to_a_year(days):
    with pytest.raises(ValueError):
        stats.period(days)
