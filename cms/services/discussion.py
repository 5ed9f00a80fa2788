"""Reading comments: approved threads for readers, the moderation queue, one comment's history.

All lists are keyset-paginated, so the thousandth page costs what the first does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload

from cms.extensions import db
from cms.models import AuditEvent, Comment, CommentStatus, User


@dataclass
class ThreadNode:
    """An approved comment with its approved replies, for rendering nested."""

    comment: Comment
    replies: list[ThreadNode] = field(default_factory=list)


def approved_threads(article_id: int, limit: int, after_thread: int | None = None) -> tuple[list[ThreadNode], int | None]:
    """Up to `limit` threads (oldest first) with all their approved replies; and the last thread id shown."""
    # For a root, thread_id is its own id: ordering by thread_id lets the (article, status, thread)
    # index hand the roots over in order, so the first page reads ~limit rows, not every approved one.
    roots_query = (select(Comment.id).where(Comment.article_id == article_id, Comment.status == CommentStatus.APPROVED,
                                            Comment.parent_id.is_(None))
                   .order_by(Comment.thread_id).limit(limit + 1))
    if after_thread is not None:
        roots_query = roots_query.where(Comment.thread_id > after_thread)
    root_ids = list(db.session.scalars(roots_query))
    more = len(root_ids) > limit
    root_ids = root_ids[:limit]
    if not root_ids:
        return [], None
    comments = db.session.scalars(select(Comment).where(
        Comment.article_id == article_id, Comment.status == CommentStatus.APPROVED,
        Comment.thread_id.in_(root_ids)).order_by(Comment.id)).all()
    return _build_tree(comments), (root_ids[-1] if more else None)


def _build_tree(comments: list[Comment]) -> list[ThreadNode]:
    nodes = {c.id: ThreadNode(c) for c in comments}
    roots = []
    for comment in comments:
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        (parent.replies if parent else roots).append(nodes[comment.id])
    return roots


def approved_comments(article_id: int, limit: int, after_id: int | None = None) -> list[Comment]:
    """Approved comments of an article, oldest first (the public API's flat list)."""
    query = (select(Comment).where(Comment.article_id == article_id, Comment.status == CommentStatus.APPROVED)
             .order_by(Comment.id).limit(limit))
    if after_id is not None:
        query = query.where(Comment.id > after_id)
    return list(db.session.scalars(query))


def queue(status: CommentStatus, limit: int, after: tuple[datetime, int] | None = None) -> list[Comment]:
    """Comments in `status`, oldest first, each with its article loaded in the same query."""
    query = (select(Comment).options(joinedload(Comment.article)).where(Comment.status == status)
             .order_by(Comment.created_at, Comment.id).limit(limit))
    if after is not None:
        when, last_id = after
        query = query.where(or_(Comment.created_at > when, and_(Comment.created_at == when, Comment.id > last_id)))
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class HistoryEntry:
    """One step of a comment's life: what happened, who did it, when, from which state to which."""

    action: str
    actor: str | None
    at: datetime
    from_state: str | None
    to_state: str | None
    details: dict[str, Any]


def history(comment: Comment) -> list[HistoryEntry]:
    """Arrival, then every audited move of the comment, in order."""
    return histories([comment])[comment.id]


def histories(comments: list[Comment]) -> dict[int, list[HistoryEntry]]:
    """The history of each comment, for a whole page of them in one query."""
    found = {c.id: [HistoryEntry("comment.receive", None, c.created_at, None, CommentStatus.RECEIVED, {})]
             for c in comments}
    if not found:
        return found
    rows = db.session.execute(
        select(AuditEvent, User.username).outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.subject_type == "comment", AuditEvent.subject_id.in_(list(found))).order_by(AuditEvent.id)
    ).all()
    for event, username in rows:
        found[event.subject_id].append(HistoryEntry(event.action, username, event.created_at, event.from_state,
                                                    event.to_state, event.details or {}))
    return found
