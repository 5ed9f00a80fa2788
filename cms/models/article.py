"""Articles and their append-only revisions.

The article row holds no content: it points at revisions by number (`latest_number`,
`live_number`, `scheduled_number`), so reading the latest or the live text is one indexed
lookup however long the history grows. Revisions are never updated or deleted; an ORM hook
refuses it, so a bug cannot rewrite history silently.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cms.extensions import db
from cms.models.states import TransitionTable
from cms.models.types import UTCDateTime, utcnow
from cms.models.user import User


class ArticleStatus(StrEnum):
    """Where an article is in its life; only `published` articles are shown to readers."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"


_D, _S, _P, _A = ArticleStatus.DRAFT, ArticleStatus.SCHEDULED, ArticleStatus.PUBLISHED, ArticleStatus.ARCHIVED

# A published article may have a later revision scheduled: it stays `published` meanwhile.
ARTICLE_TRANSITIONS: TransitionTable[ArticleStatus] = TransitionTable({
    "publish": {_D: _P, _S: _P, _P: _P},
    "schedule": {_D: _S, _S: _S, _P: _P},
    "unpublish": {_P: _D, _S: _D, _A: _D},
    "archive": {_D: _A, _S: _A, _P: _A},
})


class Article(db.Model):
    """An article's identity, state and pointers to its revisions."""

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_status_published", "status", "first_published_at", "id"),
        Index("ix_articles_scheduled_at", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[ArticleStatus] = mapped_column(String(16), default=ArticleStatus.DRAFT)
    latest_number: Mapped[int] = mapped_column(default=0)
    live_number: Mapped[int | None]
    scheduled_number: Mapped[int | None]
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    comment_count: Mapped[int] = mapped_column(default=0)
    # Moves whenever the set of approved comments changes (not only their number): pages are cached by it.
    comments_version: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_public(self) -> bool:
        """Readers see the article only while it is published with a live revision."""
        return self.status == ArticleStatus.PUBLISHED and self.live_number is not None

    def __repr__(self) -> str:
        return f"<Article {self.id} {self.slug!r} {self.status}>"


class Revision(db.Model):
    """One saved version of an article's content; immutable once written."""

    __tablename__ = "revisions"
    __table_args__ = (UniqueConstraint("article_id", "number", name="uq_revisions_article_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(Text, default="")
    body_markdown: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(String(500), default="")
    restored_from: Mapped[int | None]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        return f"<Revision {self.article_id}#{self.number}>"


class SlugRedirect(db.Model):
    """A slug an article was published under before; it answers with a 301 to the current one."""

    __tablename__ = "slug_redirects"

    old_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RevisionImmutableError(RuntimeError):
    """Raised when code tries to change or delete a stored revision."""


@event.listens_for(Revision, "before_update")
def _refuse_revision_update(mapper: object, connection: object, target: Revision) -> None:
    raise RevisionImmutableError(f"{target!r} is append-only and cannot be changed")


@event.listens_for(Revision, "before_delete")
def _refuse_revision_delete(mapper: object, connection: object, target: Revision) -> None:
    raise RevisionImmutableError(f"{target!r} is append-only and cannot be deleted")
