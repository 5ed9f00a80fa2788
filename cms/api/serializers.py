"""Turning articles and revisions into the API's response dicts (through the output schemas)."""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, request, url_for

from cms.api import schemas
from cms.cache import fill_holes, page_cache
from cms.models import Article, Revision
from cms.rendering import render_article
from cms.sanitize import ARTICLE_POLICY_VERSION
from cms.services.diff import Hunk, RevisionDiff
from cms.services import catalog
from cms.services.catalog import ReaderRow
from cms.services.stats import Visits, visits_for

_summary = schemas.ArticleSummary()
_detail = schemas.ArticleDetail()
_editor = schemas.ArticleEditorView()
_revision_brief = schemas.RevisionBrief()
_revision_full = schemas.RevisionFull()
_diff = schemas.RevisionDiff()
_VISITS_HOLE = "__cms_visits_placeholder__"  # ASCII: the JSON encoder escapes anything else
_VISITS_QUOTED = f'"{_VISITS_HOLE}"'  # as it stands in the serialized body
_VISITS_HOLE_RE = re.compile(f"({_VISITS_QUOTED})")


def article_url(article: Article) -> str:
    """The public page of an article."""
    return url_for("public.article", slug=article.slug, _external=True)


def _base(article: Article, revision: Revision) -> dict[str, Any]:
    return {
        "id": article.id, "slug": article.slug, "title": revision.title, "summary": revision.summary,
        "published_at": article.first_published_at, "url": article_url(article), "status": article.status,
    }


def article_summary(article: Article, revision: Revision) -> dict[str, Any]:
    """An item of an article list."""
    return _summary.dump(_base(article, revision))


def _detail_fields(article: Article, revision: Revision, visits: Visits) -> dict[str, Any]:
    return _base(article, revision) | {
        "body_markdown": revision.body_markdown, "body_html": render_article(revision.body_markdown),
        "revision": revision.number, "comment_count": article.comment_count,
        "visits": {"total": visits.total, "today": visits.today}, "updated_at": article.last_published_at,
    }


def article_detail(article: Article, revision: Revision) -> dict[str, Any]:
    """The live revision as readers get it."""
    return _detail.dump(_detail_fields(article, revision, visits_for(article.id)))


def public_article_body(row: ReaderRow) -> bytes:
    """The live article's JSON, serialized once per version (cached) with this moment's visit counts.

    The key names what the body shows besides the counts: the live revision and when it was
    published (which also fixes the slug), the approved-comment count, the sanitizer policy, and
    the host the links are built for.
    """
    key = public_body_key(row, request.host_url)
    cache = page_cache()
    body = cache.get(key)
    if body is None:
        article = catalog.article_for(row)
        data = _detail.dump(_detail_fields(article, catalog.live_revision(article), Visits()))
        body = current_app.json.dumps(data | {"visits": _VISITS_HOLE})
        cache.set(key, body)
    return fill_public_body(body, row.visits)


def public_body_key(row: ReaderRow, host_url: str) -> str:
    """The cache key of an article's public JSON (also used by `cms.fast_path`)."""
    published = row.last_published_at.timestamp() if row.last_published_at else 0
    return (f"api-article:p{ARTICLE_POLICY_VERSION}:{host_url}:{row.id}:{row.slug}:"
            f"r{row.live_number}:t{published}:c{row.comment_count}")


def fill_public_body(body: str, visits: Visits) -> bytes:
    """A cached public body with this moment's visit counts in place of its hole."""
    counts = b'{"today": %d, "total": %d}' % (visits.today, visits.total)
    return fill_holes(body, _VISITS_HOLE_RE, {_VISITS_QUOTED: counts})


def article_for_editor(article: Article, revision: Revision) -> dict[str, Any]:
    """Any revision with the article's state, pointers and schedule, for editors."""
    data = _detail_fields(article, revision, visits_for(article.id)) | {
        "slug": revision.slug, "latest_revision": article.latest_number, "live_revision": article.live_number,
        "scheduled_revision": article.scheduled_number, "scheduled_at": article.scheduled_at,
        "created_at": article.created_at,
    }
    return _editor.dump(data)


def public_etag(row: ReaderRow) -> str:
    """An ETag for the live article, from the row and the counters alone (no rendering)."""
    published = int(row.last_published_at.timestamp()) if row.last_published_at else 0
    return (f"p{ARTICLE_POLICY_VERSION}-r{row.live_number}-t{published}-c{row.comment_count}"
            f"-v{row.visits.total}.{row.visits.today}")


def revision_brief(revision: Revision) -> dict[str, Any]:
    """A line of the revision history."""
    return _revision_brief.dump(_revision_fields(revision))


def revision_full(revision: Revision) -> dict[str, Any]:
    """One revision with its content."""
    return _revision_full.dump(_revision_fields(revision) | {
        "slug": revision.slug, "summary": revision.summary, "body_markdown": revision.body_markdown,
        "body_html": render_article(revision.body_markdown),
    })


def _revision_fields(revision: Revision) -> dict[str, Any]:
    return {
        "number": revision.number, "author": revision.author.username if revision.author else None,
        "created_at": revision.created_at, "message": revision.message, "title": revision.title,
        "restored_from": revision.restored_from,
    }


def _hunks(hunks: list[Hunk]) -> list[dict[str, str]]:
    return [{"op": hunk.op, "text": hunk.text} for hunk in hunks]


def revision_diff(diff: RevisionDiff) -> dict[str, Any]:
    """Line hunks per field."""
    return _diff.dump({
        "from_": diff.from_number, "to": diff.to_number, "title": _hunks(diff.title),
        "summary": _hunks(diff.summary), "slug": _hunks(diff.slug), "body": _hunks(diff.body),
    })
