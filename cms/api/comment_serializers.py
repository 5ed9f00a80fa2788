"""Comments in API responses: the public shape (approved only) and the moderator's full shape."""

from __future__ import annotations

from typing import Any

from cms.api import schemas
from cms.models import Article, Comment
from cms.services.discussion import HistoryEntry, history

_public = schemas.PublicComment()
_moderated = schemas.ModeratedComment()


def public_comment(comment: Comment) -> dict[str, Any]:
    """An approved comment as anyone may see it: masked, sanitized, no email, no raw body."""
    return _public.dump({
        "id": comment.id, "parent_id": comment.parent_id, "author_name": comment.author_name,
        "body_html": comment.body_html or "", "created_at": comment.created_at,
    })


def moderated_comment(comment: Comment, article: Article, title: str,
                      entries: list[HistoryEntry] | None = None) -> dict[str, Any]:
    """The comment in full for moderators, with its article and its history (read now if not given)."""
    entries = history(comment) if entries is None else entries
    return _moderated.dump({
        "id": comment.id, "parent_id": comment.parent_id, "author_name": comment.author_name,
        "body_html": comment.body_html or "", "created_at": comment.created_at, "status": comment.status,
        "body_raw": comment.body_raw, "review_html": comment.review_html, "author_email": comment.author_email,
        "spam": {"score": comment.spam_score, "reasons": comment.spam_reasons or []},
        "pii": comment.pii or [],
        "history": [{"action": e.action, "actor": e.actor, "at": e.at, "from_": e.from_state, "to": e.to_state}
                    for e in entries],
        "article": {"id": article.id, "slug": article.slug, "title": title},
    })
