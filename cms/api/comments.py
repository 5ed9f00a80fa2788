"""Comments in the API: post one (202, processed later), list approved ones, read one in full."""

from __future__ import annotations

from flask import Response, jsonify, url_for
from flask_login import current_user

from cms.api import bp
from cms.api import schemas as s
from cms.api.articles import page_response
from cms.api.comment_serializers import moderated_comment, public_comment
from cms.api.openapi import operation
from cms.api.parsing import decode_cursor, json_body, page_limit
from cms.extensions import client_address
from cms.limits import limit_comments
from cms.services import catalog, comments, discussion, moderation
from cms.services.access import MODERATORS, require_role

MODERATOR_ROLES = ("moderator", "admin")


@bp.post("/articles/<article>/comments")
@limit_comments
@operation("Post a comment; it is stored as `received` and shown only once a moderator approves it",
           body=s.CommentCreate, responses={202: s.CommentAccepted, 404: None, 409: None, 413: None, 429: None})
def post_comment(article: str) -> tuple[Response, int]:
    found = catalog.find_commentable(article)  # one query, in the session the comment is written in
    data = json_body(s.CommentCreate)
    comment = comments.submit(found, data, client_address())
    response = jsonify({"id": comment.id, "status": comment.status})
    response.headers["Location"] = url_for("api.get_comment", comment_id=comment.id, _external=True)
    return response, 202


@bp.get("/articles/<article>/comments")
@operation("Approved comments, oldest first (never an email or a raw body)",
           query={"limit": "1-100", "cursor": "from `next`"}, responses={200: s.page_of(s.PublicComment), 404: None})
def list_comments(article: str) -> Response:
    found, _ = catalog.find_public_article(article)
    key = decode_cursor(1)
    after = key[0] if key and isinstance(key[0], int) and not isinstance(key[0], bool) else None
    limit = page_limit()
    rows = discussion.approved_comments(found.id, limit + 1, after)
    next_key = [rows[limit - 1].id] if len(rows) > limit else None
    return page_response([public_comment(c) for c in rows[:limit]], next_key)


@bp.get("/comments/<int:comment_id>")
@operation("A comment in full: raw body, email, spam score and reasons, personal-data flags, history",
           roles=MODERATOR_ROLES, responses={200: s.ModeratedComment, 404: None})
def get_comment(comment_id: int) -> Response:
    require_role(current_user, *MODERATORS)
    comment = moderation.get_comment(comment_id)
    article = catalog.find_article(str(comment.article_id))
    return jsonify(moderated_comment(comment, article, catalog.titles({article.id}).get(article.id, "")))
