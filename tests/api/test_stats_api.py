"""The Statistics section of the API: who may call it, what it answers, what it refuses."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from cms.models import Role
from cms.services import stats, stats_fold
from tests import factories

STATS_CALLS = ["/api/v1/articles/{article}/stats", "/api/v1/stats/top", "/api/v1/stats/export.csv"]


def day(offset: int = 0) -> str:
    return (stats.site_today() - timedelta(days=offset)).isoformat()


@pytest.fixture()
def article():
    return factories.article(title="Sleep and screens", publish=True)


@pytest.mark.parametrize("path", STATS_CALLS)
@pytest.mark.parametrize("role, status", [(None, 401), (Role.MODERATOR, 403), (Role.EDITOR, 200), (Role.ADMIN, 200)])
def test_statistics_are_for_editors_and_admins(client, api_headers, article, path, role, status):
    response = client.get(path.format(article=article.id), headers=api_headers(role))
    assert response.status_code == status
    if status != 200:
        assert response.json["error"]["code"] == {401: "unauthorized", 403: "forbidden"}[status]


@pytest.mark.parametrize("path", STATS_CALLS)
def test_a_logged_in_editor_can_use_the_statistics_calls_with_the_session_cookie(client, login_as, article, path):
    login_as(Role.EDITOR)
    assert client.get(path.format(article=article.slug)).status_code == 200


def test_article_stats_give_total_today_zone_and_a_daily_series(client, api_headers, article):
    stats_fold.fold_batch("b", [[article.id, day(0), 3], [article.id, day(2), 5], [article.id, day(40), 100]])
    for ref in (article.id, article.slug):
        response = client.get(f"/api/v1/articles/{ref}/stats?days=3", headers=api_headers(Role.EDITOR))
        assert response.status_code == 200
        assert response.json == {
            "total": 108, "today": 3, "timezone": "UTC",
            "daily": [{"date": day(2), "views": 5}, {"date": day(1), "views": 0}, {"date": day(0), "views": 3}],
        }


def test_article_stats_default_to_thirty_days(client, api_headers, article):
    daily = client.get(f"/api/v1/articles/{article.id}/stats", headers=api_headers(Role.EDITOR)).json["daily"]
    assert len(daily) == 30
    assert (daily[0]["date"], daily[-1]["date"]) == (day(29), day(0))


def test_article_stats_of_an_unknown_article_are_404(client, api_headers):
    response = client.get("/api/v1/articles/no-such-article/stats", headers=api_headers(Role.EDITOR))
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


@pytest.mark.parametrize("query", ["days=0", "days=366", "days=abc", "days=-1", "days=1.5", "days=%C2%B9"])
@pytest.mark.parametrize("path", STATS_CALLS)
def test_a_bad_period_is_refused_with_the_error_shape(client, api_headers, article, path, query):
    response = client.get(f"{path.format(article=article.id)}?{query}", headers=api_headers(Role.EDITOR))
    assert response.status_code == 400
    assert response.json["error"]["code"] == "validation_error"
    assert "days" in response.json["error"]["fields"]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "limit=ten"])
def test_a_bad_limit_is_refused_with_the_error_shape(client, api_headers, query):
    response = client.get(f"/api/v1/stats/top?{query}", headers=api_headers(Role.EDITOR))
    assert response.status_code == 400
    assert response.json["error"]["fields"] == {"limit": "Must be between 1 and 100."}


def test_top_articles_are_a_list_most_viewed_first(client, api_headers, article):
    other = factories.article(title="Naps", publish=True)
    stats_fold.fold_batch("t", [[article.id, day(0), 2], [other.id, day(1), 9], [other.id, day(8), 50]])
    response = client.get("/api/v1/stats/top?days=7&limit=10", headers=api_headers(Role.EDITOR))
    assert response.json == [
        {"article": {"id": other.id, "slug": other.slug, "title": "Naps"}, "views": 9},
        {"article": {"id": article.id, "slug": article.slug, "title": "Sleep and screens"}, "views": 2},
    ]
    limited = client.get("/api/v1/stats/top?days=30&limit=1", headers=api_headers(Role.ADMIN)).json
    assert limited == [{"article": {"id": other.id, "slug": other.slug, "title": "Naps"}, "views": 59}]


def test_the_export_is_csv_of_date_article_slug_and_views(client, api_headers, article):
    other = factories.article(title="Naps", publish=True)
    stats_fold.fold_batch("x", [[article.id, day(0), 2], [other.id, day(1), 1_500], [article.id, day(1), 4],
                                [article.id, day(5), 7]])
    response = client.get("/api/v1/stats/export.csv?days=2", headers=api_headers(Role.EDITOR))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="visits-{day(0)}-2d.csv"'
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True)))) == [
        ["date", "article_id", "slug", "views"],
        [day(1), str(article.id), article.slug, "4"],
        [day(1), str(other.id), other.slug, "1500"],
        [day(0), str(article.id), article.slug, "2"],
    ]


def test_the_export_of_a_quiet_period_has_only_the_header(client, api_headers):
    response = client.get("/api/v1/stats/export.csv", headers=api_headers(Role.EDITOR))
    assert response.get_data(as_text=True) == "date,article_id,slug,views\r\n"


def test_the_article_carries_its_visits_for_readers(client, article):
    stats_fold.fold_batch("v", [[article.id, day(0), 2], [article.id, day(3), 1_000]])
    response = client.get(f"/api/v1/articles/{article.slug}")
    assert response.json["visits"] == {"total": 1002, "today": 2}


def test_the_article_etag_changes_when_its_visits_do(client, article):
    etag = client.get(f"/api/v1/articles/{article.slug}").headers["ETag"]
    assert client.get(f"/api/v1/articles/{article.slug}", headers={"If-None-Match": etag}).status_code == 304
    stats_fold.fold_batch("e", [[article.id, day(0), 1]])
    assert client.get(f"/api/v1/articles/{article.slug}", headers={"If-None-Match": etag}).status_code == 200


def test_the_statistics_calls_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert set(paths["/articles/{article}/stats"]) == {"get"}
    assert paths["/stats/top"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "array"
    assert "text/csv" in paths["/stats/export.csv"]["get"]["responses"]["200"]["content"]
    for path in ("/articles/{article}/stats", "/stats/top", "/stats/export.csv"):
        assert {"401", "403", "400"} <= set(paths[path]["get"]["responses"])
