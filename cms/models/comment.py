"""Readers' comments and the states they move through on their way to (or away from) the page.

A comment arrives `received` with its raw body only. A worker claims it (`claim`,
`claimed_at`), sanitizes it, scores it for spam, scans it for personal data, and moves it to
`pending` or `spam`. Moderators move it on. Only `approved` comments are ever shown to readers.
The raw body is kept, so the HTML can be made again when the sanitizer's policy changes.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.extensions import db
from cms.models.states import TransitionTable
from cms.models.article import Article
from cms.models.types import UTCDateTime, utcnow


class CommentStatus(StrEnum):
    """Where a comment is: only `approved` ones reach readers."""

    RECEIVED = "received"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SPAM = "spam"


_R, _P, _A, _X, _S = (CommentStatus.RECEIVED, CommentStatus.PENDING, CommentStatus.APPROVED,
                      CommentStatus.REJECTED, CommentStatus.SPAM)

# `queue` and `quarantine` are the pipeline's moves; the rest are moderators'. A moderator can
# correct a decision (approved -> rejected or spam, spam -> approved) but never touch a comment
# the pipeline has not finished with.
COMMENT_TRANSITIONS: TransitionTable[CommentStatus] = TransitionTable({
    "queue": {_R: _P},
    "quarantine": {_R: _S},
    "approve": {_P: _A, _S: _A, _X: _A},
    "reject": {_P: _X, _S: _X, _A: _X},
    "spam": {_P: _S, _A: _S, _X: _S},
    "ham": {_S: _P},
})

MODERATOR_ACTIONS = ("approve", "reject", "spam", "ham")


class Comment(db.Model):
    """One reader's comment on an article, possibly a reply to another."""

    __tablename__ = "comments"
    __table_args__ = (
        Index("ix_comments_queue", "status", "created_at", "id"),
        Index("ix_comments_article_thread", "article_id", "status", "thread_id", "id"),
        Index("ix_comments_duplicates", "client_hash", "content_hash", "created_at"),  # intake's duplicate check
        Index("ix_comments_content_hash_created", "content_hash", "created_at"),  # repeats within a window
        # The spam check's context: a batch's earlier approvals by client and by address, found
        # without reading every approved comment (`cms.services.pipeline._history_counts`). Partial,
        # so that no query but that one (which names the status as a literal) can use them (the
        # duplicate check once tied with the client's and read a client's every comment, migration
        # 0007), and so that only an approval writes them, not every intake and screening (0009).
        Index("ix_comments_client_approved", "client_hash", postgresql_where=text(f"status = '{CommentStatus.APPROVED}'"),
              sqlite_where=text(f"status = '{CommentStatus.APPROVED}'")),
        Index("ix_comments_author_email_approved", text("lower(author_email)"),
              postgresql_where=text(f"status = '{CommentStatus.APPROVED}'"),
              sqlite_where=text(f"status = '{CommentStatus.APPROVED}'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    thread_id: Mapped[int | None]  # read with the article and status (ix_comments_article_thread)
    author_name: Mapped[str] = mapped_column(String(80))
    author_email: Mapped[str | None] = mapped_column(String(254))
    body_raw: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    review_html: Mapped[str | None] = mapped_column(Text)
    policy_version: Mapped[int | None]
    status: Mapped[CommentStatus] = mapped_column(String(16), default=CommentStatus.RECEIVED)
    spam_score: Mapped[float | None] = mapped_column(Float)
    spam_reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    pii: Mapped[list[Any]] = mapped_column(JSON, default=list)
    client_hash: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    trained_as: Mapped[str | None] = mapped_column(String(8))
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    article: Mapped[Article] = relationship(lazy="raise_on_sql")

    def __repr__(self) -> str:
        return f"<Comment {self.id} on {self.article_id} {self.status}>"
