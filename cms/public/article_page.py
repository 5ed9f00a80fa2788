"""The article page, rendered once per version and filled in per request.

A reader's page differs from the next reader's in three places only: the CSRF token (meta tag
and comment form; empty for a reader with no session yet, see `reader_csrf_token`), the messages
flashed to this reader (the "awaiting moderation" notice), and the visit line. The rest is rendered once with markers in those places and kept in the page
cache under a key naming everything else it shows (see `page_key`); each request replaces the
markers. Staff, a reply form and a form sent back with errors are rendered in full, uncached.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from flask import current_app, render_template, request, session, url_for
from flask_wtf.csrf import generate_csrf
from jinja2 import Environment
from markupsafe import Markup

from cms.cache import fill_holes, page_cache
from cms.models import Article, Revision
from cms.public.forms import CommentForm
from cms.rendering import render_article
from cms.sanitize import ARTICLE_POLICY_VERSION, COMMENT_POLICY_VERSION
from cms.services import catalog, discussion
from cms.services.catalog import ReaderRow
from cms.services.stats import Visits, visits_for
from cms.web import render_flashes

COMMENT_THREADS = 50
CSRF_HOLE, FLASH_HOLE, VISIT_HOLE = "\ue100csrf\ue100", "\ue100flashes\ue100", "\ue100visits\ue100"
HOLES = re.compile("(\ue100(?:csrf|flashes|visits)\ue100)")


@lru_cache(maxsize=1)
def templates_fingerprint() -> str:
    """A hash of the templates, so a deploy that changes them never serves pages cached before it."""
    folder = Path(current_app.template_folder or "templates")
    if not folder.is_absolute():
        folder = Path(current_app.root_path) / folder
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.html")):
        digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def page_key(article: Article | ReaderRow, comments_after: int | None, host_url: str) -> str:
    """Everything the shared part of the page depends on: publishing and approvals change it.

    The host is part of it because the page's canonical and share links are built for the
    host asked for: without it, one request with a forged Host header would put that host in
    every reader's page.
    """
    published = article.last_published_at.timestamp() if article.last_published_at else 0
    return (f"article-page:{templates_fingerprint()}:{host_url}:p{ARTICLE_POLICY_VERSION}.{COMMENT_POLICY_VERSION}:"
            f"{article.id}:{article.slug}:r{article.live_number}:t{published}:c{article.comments_version}:"
            f"after{comments_after or 0}")


def int_arg(name: str) -> int | None:
    """A small positive integer query argument, or None when absent or forged."""
    raw = request.args.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def visit_line(visits: Visits) -> Markup:
    """`Visited 6,266 times, 67 visits today`, with singulars for one."""
    return visit_line_in(current_app.jinja_env, visits.total, visits.today)


@lru_cache(maxsize=4096)
def visit_line_in(env: Environment, total: int, today: int) -> Markup:
    """Rendered once per pair of counts: the line changes only when a flush folds new views."""
    return Markup(env.get_template("public/_visits.html").render(visits=Visits(total, today)))


def reader_csrf_token() -> str:
    """The token for a cached page's forms: the reader's own if their session has one, else empty.

    A first-time reader has no session, and minting one (a token, a signed cookie) would cost
    more than serving the page. The comment form's script asks `comment_token` for a token
    when the reader starts to write; without script, a post without a token is shown back to the
    reader with a token to send it again (`comments.unsent_comment`), so nothing typed is lost.
    """
    return generate_csrf() if "csrf_token" in session else ""


def article_page(row: ReaderRow) -> bytes:
    """The page for a reader: from the cache when it can be, filled in with this request's parts."""
    if "_user_id" in session or int_arg("reply_to") is not None:
        article = catalog.article_for(row)
        return render_full(article, catalog.live_revision(article)).encode()
    key = page_key(row, int_arg("comments_after"), request.host_url)
    cache = page_cache()
    shared = cache.get(key)
    if shared is None:
        article = catalog.article_for(row)
        shared = _render(article, catalog.live_revision(article), CommentForm(), csrf=CSRF_HOLE,
                         flashes=Markup(FLASH_HOLE), visits=Markup(VISIT_HOLE))
        cache.set(key, shared)
    return fill_page(shared, reader_csrf_token(), render_flashes(), visit_line(row.visits))


def fill_page(shared: str, csrf: str, flashes: str, visits: str) -> bytes:
    """A cached page with one reader's parts in its holes (also used by `cms.fast_path`)."""
    return fill_holes(shared, HOLES, {CSRF_HOLE: csrf.encode(), FLASH_HOLE: flashes.encode(),
                                      VISIT_HOLE: visits.encode()})


def render_full(article: Article, live: Revision, form: CommentForm | None = None, *, unsent: bool = False) -> str:
    """The page rendered for this request alone (staff, replies, a form with errors or sent without a token)."""
    form = form or CommentForm(parent_id=int_arg("reply_to") or "")
    return _render(article, live, form, csrf=generate_csrf(), flashes=render_flashes(),
                   visits=visit_line(visits_for(article.id)), unsent=unsent)


def _render(article: Article, live: Revision, form: CommentForm, *, csrf: str, flashes: Markup,
            visits: Markup, unsent: bool = False) -> str:
    url = url_for("public.article", slug=article.slug, _external=True)
    threads, more_after = discussion.approved_threads(article.id, COMMENT_THREADS, int_arg("comments_after"))
    parent = str(form.parent_id.data or "")
    return render_template(
        "public/article.html", article=article, revision=live, body_html=render_article(live.body_markdown),
        visit_line=visits, share_links=share_links(live.title, url), canonical_url=url, threads=threads,
        more_comments_after=more_after, form=form, replying_to=int(parent) if parent.isdigit() else None,
        csrf_token=lambda: csrf, flashes=lambda: flashes, unsent=unsent,
    )


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
