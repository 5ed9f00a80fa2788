"""Revision history in the API: list, read one, diff two, restore one."""

from __future__ import annotations

from flask import Response, jsonify, request
from flask_login import current_user

from cms.api import bp, serializers
from cms.api import schemas as s
from cms.api.articles import EDITOR_ROLES, page_response
from cms.api.openapi import operation
from cms.api.parsing import decode_cursor, json_body, page_limit, query_int
from cms.services import articles, catalog
from cms.services.access import EDITORS, require_role
from cms.services.diff import diff_revisions

MAX_NUMBER = 2**31 - 1


@bp.get("/articles/<article>/revisions")
@operation("List an article's revisions, newest first", roles=EDITOR_ROLES,
           query={"limit": "1-100", "cursor": "from `next`"}, responses={200: s.page_of(s.RevisionBrief), 404: None})
def list_revisions(article: str) -> Response:
    require_role(current_user, *EDITORS)
    found = catalog.find_article(article)
    key = decode_cursor(1)
    before = key[0] if key and isinstance(key[0], int) and not isinstance(key[0], bool) else None
    limit = page_limit()
    revisions = catalog.list_revisions(found, limit + 1, before)
    items = [serializers.revision_brief(revision) for revision in revisions[:limit]]
    next_key = [revisions[limit - 1].number] if len(revisions) > limit else None
    return page_response(items, next_key)


@bp.get("/articles/<article>/revisions/<int:number>")
@operation("Read one revision in full", roles=EDITOR_ROLES, responses={200: s.RevisionFull, 404: None})
def get_revision(article: str, number: int) -> Response:
    require_role(current_user, *EDITORS)
    found = catalog.find_article(article)
    return jsonify(serializers.revision_full(articles.get_revision(found, number)))


@bp.get("/articles/<article>/diff")
@operation("Line diff between two revisions", roles=EDITOR_ROLES,
           query={"from": "revision number", "to": "revision number"}, responses={200: s.RevisionDiff, 404: None})
def diff(article: str) -> Response:
    require_role(current_user, *EDITORS)
    found = catalog.find_article(article)
    to_number = query_int("to", found.latest_number, low=1, high=MAX_NUMBER)
    from_number = query_int("from", max(to_number - 1, 1), low=1, high=MAX_NUMBER)
    if "from" not in request.args and "to" not in request.args:
        from_number = found.live_number or max(found.latest_number - 1, 1)
    return jsonify(serializers.revision_diff(diff_revisions(found, from_number, to_number)))


@bp.post("/articles/<article>/revisions/<int:number>/restore")
@operation("Append a new latest revision equal to revision n", roles=EDITOR_ROLES,
           responses={201: s.ArticleEditorView, 404: None})
def restore(article: str, number: int) -> tuple[Response, int]:
    require_role(current_user, *EDITORS)
    found = catalog.find_article(article)
    json_body(s.Empty, optional=True)
    revision = articles.restore_revision(current_user._get_current_object(), found, number)
    response = jsonify(serializers.article_for_editor(found, revision))
    response.headers["ETag"] = f'"{revision.number}"'
    return response, 201
