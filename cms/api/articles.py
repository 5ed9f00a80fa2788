"""Articles in the API: list, read (with ETag), create, save a revision, publish and friends."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, jsonify, request, url_for
from flask_login import current_user

from cms.api import bp, serializers
from cms.api import schemas as s
from cms.api.openapi import operation
from cms.api.parsing import BadInput, datetime_cursor, encode_cursor, if_match_revision, json_body, page_limit
from cms.models import Article, ArticleStatus, Role
from cms.services import articles, catalog, publishing
from cms.services.access import EDITORS, require_role

EDITOR_ROLES = ("editor", "admin")


def _actor() -> Any:
    return current_user._get_current_object()


def is_editor() -> bool:
    """Whether the caller may see unpublished content."""
    return bool(current_user.is_authenticated and current_user.has_role(Role.EDITOR))


def page_response(items: list[dict[str, Any]], next_key: list[Any] | None) -> Response:
    """A list page with a `next` link carrying the cursor, or null on the last page."""
    next_url = None
    if next_key is not None:
        args = request.args.to_dict() | {"cursor": encode_cursor(next_key)}
        next_url = url_for(request.endpoint, **(request.view_args or {}), **args, _external=True)
    return jsonify({"items": items, "next": next_url})


@bp.get("/articles")
@operation("List articles: published ones to anyone, any state to editors",
           query={"status": "draft, scheduled, published or archived (editors)", "limit": "1-100", "cursor": "from `next`"},
           responses={200: s.page_of(s.ArticleSummary), 401: None, 403: None})
def list_articles() -> Response:
    status = request.args.get("status", "published")
    if status not in set(ArticleStatus):
        raise BadInput("validation_error", "`status` must be draft, scheduled, published or archived.",
                       fields={"status": "Unknown state."})
    limit = page_limit()
    if status == ArticleStatus.PUBLISHED:
        after = datetime_cursor()
        rows = catalog.list_published(limit + 1, after)
        key = (lambda a: [a.first_published_at.isoformat(), a.id])
    else:
        require_role(_actor(), *EDITORS)
        after = datetime_cursor()
        rows = catalog.list_by_status([ArticleStatus(status)], limit + 1, after)
        key = (lambda a: [a.updated_at.isoformat(), a.id])
    items = [serializers.article_summary(article, revision) for article, revision in rows[:limit]]
    next_key = key(rows[limit - 1][0]) if len(rows) > limit else None
    return page_response(items, next_key)


@bp.post("/articles")
@operation("Create an article (a draft with revision 1)", roles=EDITOR_ROLES, body=s.ArticleCreate,
           responses={201: s.ArticleEditorView, 413: None, 415: None})
def create_article() -> tuple[Response, int]:
    require_role(_actor(), *EDITORS)
    data = json_body(s.ArticleCreate)
    article, revision = articles.create_article(_actor(), data)
    response = jsonify(serializers.article_for_editor(article, revision))
    response.headers["ETag"] = f'"{revision.number}"'
    response.headers["Location"] = url_for("api.get_article", article=article.id, _external=True)
    return response, 201


@bp.get("/articles/<article>")
@operation("Read an article: the live revision, or with ?revision=latest (editors) the newest one",
           query={"revision": "`latest` (editors)"}, responses={200: s.ArticleDetail, 301: None, 304: None, 404: None})
def get_article(article: str) -> Response:
    if request.args.get("revision") not in (None, "latest"):
        raise BadInput("validation_error", "`revision` may only be `latest`; use /revisions/<n> for others.",
                       fields={"revision": "Only `latest`."})
    if request.args.get("revision") == "latest":
        require_role(_actor(), *EDITORS)
        return _editor_view(catalog.find_article(article))
    if is_editor():
        found = catalog.find_article(article)
        if not found.is_public:
            return _editor_view(found)
    row = catalog.find_reader_row(article)
    etag = serializers.public_etag(row)
    if request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        response = current_app.response_class(serializers.public_article_body(row), mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _editor_view(article: Article) -> Response:
    latest = articles.latest_revision(article)
    response = jsonify(serializers.article_for_editor(article, latest))
    response.headers["ETag"] = f'"{latest.number}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.put("/articles/<article>")
@operation("Save a new revision based on the one named in If-Match", roles=EDITOR_ROLES, body=s.ArticleUpdate,
           responses={200: s.ArticleEditorView, 404: None, 412: None, 428: None})
def save_article(article: str) -> Response:
    require_role(_actor(), *EDITORS)
    found = catalog.find_article(article)
    base = if_match_revision()
    data = json_body(s.ArticleUpdate)
    revision = articles.save_revision(_actor(), found, base, data)
    response = jsonify(serializers.article_for_editor(found, revision))
    response.headers["ETag"] = f'"{revision.number}"'
    return response


@bp.post("/articles/<article>/publish")
@operation("Publish a revision now, or schedule it with `at`", roles=EDITOR_ROLES, body=s.PublishRequest,
           responses={200: s.ArticleEditorView, 404: None, 409: None})
def publish_article(article: str) -> Response:
    require_role(_actor(), *EDITORS)
    found = catalog.find_article(article)
    data = json_body(s.PublishRequest, optional=True)
    publishing.publish(_actor(), found, data.get("revision"), data.get("at"))
    return _editor_view(found)


@bp.post("/articles/<article>/unpublish")
@operation("Take an article off the site (back to draft)", roles=EDITOR_ROLES,
           responses={200: s.ArticleEditorView, 404: None, 409: None})
def unpublish_article(article: str) -> Response:
    require_role(_actor(), *EDITORS)
    found = catalog.find_article(article)
    json_body(s.Empty, optional=True)
    publishing.unpublish(_actor(), found)
    return _editor_view(found)


@bp.post("/articles/<article>/archive")
@operation("Archive an article", roles=EDITOR_ROLES, responses={200: s.ArticleEditorView, 404: None, 409: None})
def archive_article(article: str) -> Response:
    require_role(_actor(), *EDITORS)
    found = catalog.find_article(article)
    json_body(s.Empty, optional=True)
    publishing.archive(_actor(), found)
    return _editor_view(found)
