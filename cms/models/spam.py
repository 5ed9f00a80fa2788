"""The spam classifier's model, shared by every process through the database.

Naive Bayes needs only counts, so the model is three tables of integers that concurrent workers
change with `count = count + 1` upserts (no read-modify-write, no lost update):

- `spam_tokens`: per token, in how many spam and in how many legitimate lessons it appeared;
- `spam_lessons`: per lesson text (a digest of its tokens), how often it was taught as spam or
  not, so `unlearn` removes only what `learn` added and cannot push a count below zero;
- `spam_totals`: one row of document and token totals, with a `version` that every change
  increments and a `generation` drawn when the row is created; processes cache the model and
  re-read it when either changes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from cms.extensions import db
from cms.models.types import UTCDateTime, utcnow

TOTALS_ID = 1


class SpamToken(db.Model):
    """How many spam and legitimate lessons contained a token."""

    __tablename__ = "spam_tokens"

    token: Mapped[str] = mapped_column(String(120), primary_key=True)
    spam_count: Mapped[int] = mapped_column(default=0)
    ham_count: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<SpamToken {self.token!r} spam={self.spam_count} ham={self.ham_count}>"


class SpamLesson(db.Model):
    """How often one text (by the digest of its tokens) was taught as spam and as not spam."""

    __tablename__ = "spam_lessons"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    spam_count: Mapped[int] = mapped_column(default=0)
    ham_count: Mapped[int] = mapped_column(default=0)


class SpamTotals(db.Model):
    """The one row of totals; `version` changes with every lesson, `generation` when the row is re-made."""

    __tablename__ = "spam_totals"

    id: Mapped[int] = mapped_column(primary_key=True)
    spam_docs: Mapped[int] = mapped_column(default=0)
    ham_docs: Mapped[int] = mapped_column(default=0)
    spam_tokens: Mapped[int] = mapped_column(default=0)
    ham_tokens: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=0)
    generation: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<SpamTotals v{self.version} spam={self.spam_docs} ham={self.ham_docs}>"
