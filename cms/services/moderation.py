"""Moderators' decisions: approve, reject, spam, ham — singly or in bulk, each guarded and audited.

A decision is allowed only from the states `COMMENT_TRANSITIONS` lists for it, and is written
with `UPDATE ... WHERE status = :current` so two moderators acting at once cannot both move the
same comment. The article's approved-comment count moves in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select, update

from cms.extensions import db
from cms.models import COMMENT_TRANSITIONS, MODERATOR_ACTIONS, Article, Comment, CommentStatus, IllegalTransition, User
from cms.models.types import utcnow
from cms.services import audit, spam
from cms.services.access import MODERATORS, require_role
from cms.services.errors import Conflict, NotFound, ValidationFailed

MAX_BULK = 500

# What each decision teaches the spam checker; `reject` (off-topic, unkind...) teaches nothing.
LESSONS = {"spam": "spam", "approve": "ham", "ham": "ham"}


@dataclass
class BulkResult:
    """Which comments a bulk decision moved, and why the others were refused."""

    done: list[int] = field(default_factory=list)
    refused: list[dict[str, object]] = field(default_factory=list)


def _check_action(action: str) -> None:
    if action not in MODERATOR_ACTIONS:
        raise NotFound(f"Unknown action {action!r}; use one of {', '.join(MODERATOR_ACTIONS)}.")


def get_comment(comment_id: int) -> Comment:
    """A comment by id, or NotFound (ids beyond 32 bits cannot exist)."""
    comment = db.session.get(Comment, comment_id) if 0 < comment_id < 2**31 else None
    if comment is None:
        raise NotFound("No such comment.")
    return comment


def _apply(actor: User, comment: Comment, action: str) -> CommentStatus:
    """Move one comment (no commit); raises Conflict when the move is not allowed now."""
    current = CommentStatus(comment.status)
    try:
        target = COMMENT_TRANSITIONS.target(action, current)
    except IllegalTransition:
        raise Conflict(f"A comment that is {current} cannot be moved with {action!r}.", state=str(current)) from None
    changed = db.session.execute(
        update(Comment).where(Comment.id == comment.id, Comment.status == current)
        .values(status=target, decided_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Conflict("Someone else decided on this comment a moment ago; reload to see its state.")
    delta = int(target == CommentStatus.APPROVED) - int(current == CommentStatus.APPROVED)
    if delta:
        db.session.execute(update(Article).where(Article.id == comment.article_id)
                           .values(comment_count=Article.comment_count + delta,
                                   comments_version=Article.comments_version + 1))
    audit.record(f"comment.{action}", "comment", comment.id, actor=actor, from_state=current, to_state=target)
    _teach(comment, action)
    return target


def _teach(comment: Comment, action: str) -> None:
    """Teach the checker this decision in the same transaction; a reversed decision first unlearns the old one."""
    lesson = LESSONS.get(action)
    if lesson is None or comment.trained_as == lesson:
        return
    if comment.trained_as is not None:
        spam.unlearn(comment.body_raw, comment.trained_as == "spam", commit=False)
    spam.learn(comment.body_raw, lesson == "spam", commit=False)
    db.session.execute(update(Comment).where(Comment.id == comment.id).values(trained_as=lesson)
                       .execution_options(synchronize_session=False))


def decide(actor: User | None, comment_id: int, action: str) -> Comment:
    """Apply one moderator decision and commit it."""
    moderator = require_role(actor, *MODERATORS)
    _check_action(action)
    comment = get_comment(comment_id)
    try:
        _apply(moderator, comment, action)
    except Conflict:
        db.session.rollback()
        raise
    db.session.commit()
    db.session.refresh(comment)
    return comment


def decide_many(actor: User | None, ids: Iterable[int], action: str) -> BulkResult:
    """Apply one decision to many comments; each is moved or refused on its own, all in one commit."""
    moderator = require_role(actor, *MODERATORS)
    _check_action(action)
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > MAX_BULK:
        raise ValidationFailed(f"At most {MAX_BULK} comments at a time.", fields={"ids": f"At most {MAX_BULK}."})
    found = {c.id: c for c in db.session.scalars(select(Comment).where(Comment.id.in_(
        [i for i in wanted if 0 < i < 2**31])))} if wanted else {}
    result = BulkResult()
    for comment_id in wanted:
        comment = found.get(comment_id)
        if comment is None:
            result.refused.append({"id": comment_id, "reason": "No such comment."})
            continue
        try:
            _apply(moderator, comment, action)
            result.done.append(comment_id)
        except Conflict as refused:
            result.refused.append({"id": comment_id, "reason": refused.message})
    db.session.commit()
    return result
