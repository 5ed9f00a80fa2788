"""The moderation API: the queue, single decisions and bulk decisions."""

from __future__ import annotations

from flask import Response, jsonify, request
from flask_login import current_user

from cms.api import bp
from cms.api import schemas as s
from cms.api.articles import page_response
from cms.api.comment_serializers import moderated_comment
from cms.api.comments import MODERATOR_ROLES
from cms.api.openapi import operation
from cms.api.parsing import BadInput, datetime_cursor, json_body, page_limit
from cms.models import CommentStatus
from cms.services import catalog, discussion, moderation
from cms.services.access import MODERATORS, require_role

QUEUE_STATES = (CommentStatus.PENDING, CommentStatus.SPAM, CommentStatus.RECEIVED)


@bp.get("/moderation/queue")
@operation("Comments waiting for a decision, oldest first", roles=MODERATOR_ROLES,
           query={"status": "pending (default), spam or received", "limit": "1-100", "cursor": "from `next`"},
           responses={200: s.page_of(s.ModeratedComment)})
def moderation_queue() -> Response:
    require_role(current_user, *MODERATORS)
    status = request.args.get("status", CommentStatus.PENDING)
    if status not in QUEUE_STATES:
        raise BadInput("validation_error", "`status` must be pending, spam or received.", fields={"status": "Unknown."})
    limit = page_limit()
    rows = discussion.queue(CommentStatus(status), limit + 1, datetime_cursor())
    page = rows[:limit]
    names = catalog.titles({c.article_id for c in page})
    steps = discussion.histories(page)
    items = [moderated_comment(c, c.article, names.get(c.article_id, ""), steps[c.id]) for c in page]
    next_key = [page[-1].created_at.isoformat(), page[-1].id] if len(rows) > limit else None
    return page_response(items, next_key)


@bp.post("/moderation/comments/<int:comment_id>/<action>")
@operation("Approve, reject, mark as spam, or as not spam (`ham`: spam -> pending, and teaches the checker)",
           roles=MODERATOR_ROLES, responses={200: s.ModeratedComment, 404: None, 409: None})
def moderate(comment_id: int, action: str) -> Response:
    require_role(current_user, *MODERATORS)
    json_body(s.Empty, optional=True)
    comment = moderation.decide(current_user._get_current_object(), comment_id, action)
    article = catalog.find_article(str(comment.article_id))
    return jsonify(moderated_comment(comment, article, catalog.titles({article.id}).get(article.id, "")))


@bp.post("/moderation/bulk")
@operation("One decision for many comments; each is done or refused with a reason", roles=MODERATOR_ROLES,
           body=s.BulkDecision, responses={200: s.BulkOutcome})
def moderate_bulk() -> Response:
    require_role(current_user, *MODERATORS)
    data = json_body(s.BulkDecision)
    result = moderation.decide_many(current_user._get_current_object(), data["ids"], data["action"])
    return jsonify({"done": result.done, "refused": result.refused})
