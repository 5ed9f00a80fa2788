"""Reader pages. Each view finds published content through `catalog` and renders a template."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from flask import Response, make_response, render_template, request, url_for

from cms.models import Article, Revision
from cms.public import bp
from cms.public.forms import CommentForm
from cms.rendering import render_article
from cms.services import catalog, discussion
from cms.services.stats import visits_for
from cms.visits import count_view

PAGE_SIZE = 20
FEED_SIZE = 20
SITEMAP_LIMIT = 50_000
COMMENT_THREADS = 50


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


def share_links(title: str, url: str) -> list[tuple[str, str]]:
    """Plain share links (no third-party script runs on our page)."""
    t, u = quote(title), quote(url, safe="")
    return [
        ("Email", f"mailto:?subject={t}&body={u}"),
        ("X", f"https://twitter.com/intent/tweet?text={t}&url={u}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        ("WhatsApp", f"https://wa.me/?text={t}%20{u}"),
    ]


@bp.get("/articles/<slug>")
def article(slug: str) -> Any:
    """One published article: its live revision, the visit line, share links, comments; a reader's view counts."""
    found, live = catalog.find_public_article(slug)
    response = make_response(render_article_page(found, live))
    count_view(found.id, response)
    return response


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def render_article_page(found: Article, live: Revision, form: CommentForm | None = None) -> str:
    """The article page; `form` carries a reader's rejected input back with its errors."""
    url = url_for("public.article", slug=found.slug, _external=True)
    threads, more_after = discussion.approved_threads(found.id, COMMENT_THREADS, _int_arg("comments_after"))
    form = form or CommentForm(parent_id=_int_arg("reply_to") or "")
    replying_to = _int_arg("reply_to") or _int_arg_value(form.parent_id.data)
    return render_template(
        "public/article.html", article=found, revision=live, body_html=render_article(live.body_markdown),
        visits=visits_for(found.id), share_links=share_links(live.title, url), canonical_url=url,
        threads=threads, more_comments_after=more_after, form=form, replying_to=replying_to,
    )


def _int_arg_value(value: object) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 10 else None


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
