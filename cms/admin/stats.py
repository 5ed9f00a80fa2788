"""The editors' statistics page: an article's daily chart, the period's top articles, the CSV export."""

from __future__ import annotations

from flask import current_app, render_template, request

from cms.admin import bp
from cms.admin.articles import STATUS_TABS
from cms.admin.charts import bar_chart
from cms.auth.access import role_required
from cms.models import Article, Role
from cms.services import catalog, stats
from cms.services.errors import NotFound, ValidationFailed

PERIODS = (30, 90, 365)
TOP_LIMIT = 10


def _period() -> int:
    raw = request.args.get("days", str(PERIODS[0]))
    if raw not in {str(days) for days in PERIODS}:
        raise ValidationFailed(f"The period must be one of {', '.join(map(str, PERIODS))} days.",
                               fields={"days": "Unknown period."})
    return int(raw)


def _chosen_article(top: list[stats.TopArticle]) -> Article | None:
    """The article asked for by id, else the period's most viewed one, else none."""
    raw = request.args.get("article", "")
    if not raw:
        return catalog.find_article(str(top[0].article_id)) if top else None
    if not (raw.isascii() and raw.isdigit()):
        raise ValidationFailed("Choose an article from the list.", fields={"article": "Not an article id."})
    try:
        return catalog.find_article(raw)
    except NotFound:
        raise ValidationFailed(f"There is no article {raw}.", fields={"article": "No such article."}) from None


@bp.get("/stats")
@role_required(Role.EDITOR)
def stats_page() -> str:
    """Daily views of one article over 30, 90 or 365 days, and the period's top articles."""
    days = _period()
    top = stats.top_articles(days, TOP_LIMIT)
    article = _chosen_article(top)
    series = stats.daily_series(article.id, days) if article else []
    choices = catalog.list_by_status(STATUS_TABS, limit=500)
    title = next((revision.title for choice, revision in choices if article and choice.id == article.id), "")
    return render_template(
        "admin/stats.html", days=days, periods=PERIODS, top=top, article=article, title=title, series=series,
        chart=bar_chart(series) if article else None, visits=stats.visits_for(article.id) if article else None,
        choices=choices, timezone=current_app.config["TIMEZONE"],
    )
