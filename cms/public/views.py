"""Reader pages. Each view finds published content through `catalog` and renders a template."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Response, render_template, request, url_for

from cms.public import bp
from cms.public.article_page import article_page
from cms.rendering import render_article
from cms.services import catalog
from cms.visits import count_view

PAGE_SIZE = 20
FEED_SIZE = 20
SITEMAP_LIMIT = 50_000


def _after_cursor() -> tuple[datetime, int] | None:
    """The `after=<time>,<id>` of the index's "older" link; a forged value shows the first page."""
    raw = request.args.get("after", "")
    when, _, last_id = raw.partition(",")
    try:
        return datetime.fromisoformat(when), int(last_id)
    except ValueError:
        return None


@bp.get("/")
def index() -> str:
    """Published articles, newest first."""
    rows = catalog.list_published(PAGE_SIZE + 1, _after_cursor())
    older = None
    if len(rows) > PAGE_SIZE:
        last = rows[PAGE_SIZE - 1][0]
        older = url_for("public.index", after=f"{last.first_published_at.isoformat()},{last.id}")
    return render_template("public/index.html", rows=rows[:PAGE_SIZE], older=older)


@bp.get("/articles/<slug>")
def article(slug: str) -> Any:
    """One published article: its live revision, the visit line, share links, comments; a reader's view counts."""
    row = catalog.find_reader_row(slug)
    response = Response(article_page(row), mimetype="text/html")
    count_view(row.id, response)
    return response


@bp.get("/feed.atom")
def feed() -> Response:
    """An Atom feed of the newest published articles."""
    rows = catalog.list_published(FEED_SIZE)
    updated = max((article.last_published_at for article, _ in rows), default=None)
    body = render_template("public/feed.xml", rows=rows, updated=updated, render=render_article)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Every published article's address, for search engines."""
    rows = catalog.list_published(SITEMAP_LIMIT)
    return Response(render_template("public/sitemap.xml", rows=rows), mimetype="application/xml")


@bp.get("/robots.txt")
def robots() -> Response:
    """Keep crawlers out of the staff pages and the API; point them at the sitemap."""
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {url_for('public.sitemap', _external=True)}"]
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


@bp.get("/healthz")
def health() -> Response:
    """A liveness probe for load balancers."""
    return Response("ok\n", mimetype="text/plain")
