"""Visit statistics in the API: an article's daily series, the top articles, a CSV export."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Response, current_app, jsonify
from flask_login import current_user

from cms.api import bp
from cms.api import schemas as s
from cms.api.articles import EDITOR_ROLES
from cms.api.openapi import operation
from cms.api.parsing import query_int
from cms.services import catalog, stats
from cms.services.access import EDITORS, require_role

EXPORT_COLUMNS = ("date", "article_id", "slug", "views")

_article_stats = s.ArticleStats()
_top = s.TopArticle(many=True)


def _days(default: int) -> int:
    return query_int("days", default, low=1, high=stats.MAX_DAYS)


@bp.get("/articles/<article>/stats")
@operation("An article's visit counts and its daily series", roles=EDITOR_ROLES,
           query={"days": f"1-{stats.MAX_DAYS} days ending today (default 30)"},
           responses={200: s.ArticleStats, 404: None})
def article_stats(article: str) -> Response:
    require_role(current_user, *EDITORS)
    days = _days(30)
    found = catalog.find_article(article)
    visits = stats.visits_for(found.id)
    return jsonify(_article_stats.dump({
        "total": visits.total, "today": visits.today, "timezone": current_app.config["TIMEZONE"],
        "daily": [{"date": point.day, "views": point.views} for point in stats.daily_series(found.id, days)],
    }))


@bp.get("/stats/top")
@operation("The most viewed articles of a period, most first (a JSON array)", roles=EDITOR_ROLES,
           query={"days": f"1-{stats.MAX_DAYS} days ending today (default 7)", "limit": "1-100 (default 10)"},
           responses={200: s.TopArticle(many=True)})
def top_articles() -> Response:
    require_role(current_user, *EDITORS)
    days = _days(7)
    limit = query_int("limit", 10, low=1, high=100)
    rows: list[dict[str, Any]] = [
        {"article": {"id": top.article_id, "slug": top.slug, "title": top.title}, "views": top.views}
        for top in stats.top_articles(days, limit)
    ]
    return jsonify(_top.dump(rows))


@bp.get("/stats/export.csv")
@operation("Views per article and day as CSV: date,article_id,slug,views", roles=EDITOR_ROLES,
           query={"days": f"1-{stats.MAX_DAYS} days ending today (default 90)"}, responses={200: "text/csv"},
           description="Days without views are left out; rows are ordered by date, then article id.")
def export_csv() -> Response:
    require_role(current_user, *EDITORS)
    days = _days(90)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows((day.isoformat(), article_id, slug, views)
                     for day, article_id, slug, views in stats.export_rows(days))
    response = Response(out.getvalue(), mimetype="text/csv")
    filename = f"visits-{stats.site_today().isoformat()}-{days}d.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
