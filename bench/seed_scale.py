"""A site at scale, inserted in bulk: a long revision history and a big comments table.

The measured article is the newest published one (the one `published_article` finds). It gets
revisions up to `revisions` (each a small edit of an existing one; the last restores the live
text, so readers see the same article as on the small site) and `approved` approved comments.
The rest of `total` comments are spread over the other published articles and every state.

Comments are screened by the pipeline's own code (`pipeline.screen`: sanitized HTML for readers
and moderators, spam score and reasons, personal-data findings) once per distinct text, then
reused. Two sites seeded with different sizes agree on what the measured pages show: the first 50
approved threads of the article are the same 50 root comments (replies sit in later threads),
and the oldest pending comments are the same, because the rest come from one seeded stream.
Not written: audit rows and spam lessons for these comments (neither page reads them). On
PostgreSQL the tables are analyzed afterwards, as autovacuum would have done.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text, update

from bench import corpus
from bench.seed import published_ids
from cms.checks.spam import SpamInput
from cms.extensions import db
from cms.models import Article, Comment, CommentStatus, Revision
from cms.models.types import utcnow
from cms.services import pipeline, spam
from cms.services.comments import client_hash, content_hash, validate

PAGE_THREADS = 50  # the article page shows this many threads (cms.public.views.COMMENT_THREADS)
DISTINCT_TEXTS = 2000
READERS = 5000
CHUNK = 5000
STATES = {CommentStatus.PENDING: 0.20, CommentStatus.APPROVED: 0.45, CommentStatus.REJECTED: 0.13,
          CommentStatus.SPAM: 0.20}
RECEIVED_SHARE = 0.02  # the newest comments are still `received` (no worker runs on these sites)
REPLY_SHARE = 0.3
STEP = timedelta(seconds=30)


def _revisions(article: Article, upto: int) -> int:
    """Append revisions `latest+1 .. upto`; the last restores the live one and is made live."""
    existing = list(db.session.scalars(select(Revision).where(Revision.article_id == article.id)
                                       .order_by(Revision.number)))
    live = next(r for r in existing if r.number == article.live_number)
    now, first = utcnow(), article.latest_number + 1
    for start in range(first, upto + 1, CHUNK):
        rows = []
        for number in range(start, min(start + CHUNK, upto + 1)):
            base = live if number == upto else existing[number % len(existing)]
            body = base.body_markdown if number == upto else f"{base.body_markdown}\n\nEdit {number}: wording."
            rows.append({"article_id": article.id, "number": number, "title": base.title, "slug": article.slug,
                         "summary": base.summary, "body_markdown": body, "author_id": base.author_id,
                         "message": f"Restore revision {live.number}" if number == upto else f"Edit {number}",
                         "restored_from": live.number if number == upto else None,
                         "created_at": now - (upto - number) * STEP})
        db.session.execute(insert(Revision.__table__), rows)
    db.session.execute(update(Article).where(Article.id == article.id).values(latest_number=upto, live_number=upto)
                       .execution_options(synchronize_session=False))
    return upto - first + 1


def _screened() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Distinct comments as the pipeline leaves them, split into those it queues and those it quarantines."""
    generated = corpus.build(DISTINCT_TEXTS, seed=7)
    fields = [validate(item.as_dict()) for item in generated]
    comments = [Comment(id=index, **item) for index, item in enumerate(fields)]
    verdicts = spam.check_many([SpamInput(text=c.body_raw, author_name=c.author_name, author_email=c.author_email)
                                for c in comments])
    threshold, ham, junk = spam.threshold(), [], []
    for comment, verdict in zip(comments, verdicts, strict=True):
        result = pipeline.screen(comment, verdict, threshold)
        row = {"author_name": comment.author_name, "author_email": comment.author_email,
               "body_raw": comment.body_raw, "content_hash": content_hash(comment.body_raw), **result.values}
        (junk if result.status == CommentStatus.SPAM else ham).append(row)
    return ham, junk


class _Stream:
    """Comment rows in id order, with their thread links and times."""

    def __init__(self, ham: list[dict[str, Any]], junk: list[dict[str, Any]], total: int) -> None:
        self.ham, self.junk, self.total = ham, junk, total
        self.next_id, self.started = 1, utcnow() - total * STEP
        self.clients = [client_hash(f"10.1.{n // 256}.{n % 256}") for n in range(READERS)]
        self.roots: dict[int, list[int]] = {}

    def row(self, article_id: int, status: CommentStatus, text: dict[str, Any], rng: random.Random,
            reply: bool = False) -> dict[str, Any]:
        """The next comment; an approved reply answers an earlier approved root of the same article."""
        comment_id, self.next_id = self.next_id, self.next_id + 1
        created = self.started + comment_id * STEP
        roots = self.roots.setdefault(article_id, [])
        parent = rng.choice(roots) if reply and roots else None
        if status == CommentStatus.APPROVED and parent is None:
            roots.append(comment_id)
        row = {"id": comment_id, "article_id": article_id, "parent_id": parent, "thread_id": parent or comment_id,
               "status": status, "client_hash": self.clients[comment_id % READERS], "created_at": created,
               "claim": None, "claimed_at": None, "trained_as": None, **text}
        return row | _times(status, created)


def _times(status: CommentStatus, created: datetime) -> dict[str, Any]:
    """Processed a few seconds after arrival; decided an hour later (received ones: raw only)."""
    if status == CommentStatus.RECEIVED:
        return {"body_html": None, "review_html": None, "policy_version": None, "spam_score": None,
                "spam_reasons": [], "pii": [], "processed_at": None, "decided_at": None}
    decided = status in (CommentStatus.APPROVED, CommentStatus.REJECTED)
    return {"processed_at": created + timedelta(seconds=2),
            "decided_at": created + timedelta(hours=1) if decided else None}


def _rows(article_id: int, others: list[int], approved: int, total: int) -> Iterator[dict[str, Any]]:
    """The page's 50 roots, then the other comments with the article's further approved ones spread among them."""
    ham, junk = _screened()
    stream = _Stream(ham, junk, total)
    for index in range(min(PAGE_THREADS, approved)):
        yield stream.row(article_id, CommentStatus.APPROVED, ham[index], random.Random(0))
    stream.roots[article_id] = []  # replies go to later threads, so the first page stays these 50 roots
    extra, rest = approved - min(PAGE_THREADS, approved), total - approved
    every = rest / extra if extra else float("inf")
    other_rng, extra_rng, placed = random.Random(1), random.Random(2), 0
    for index in range(rest):
        while placed < extra and placed * every <= index:
            placed += 1
            yield stream.row(article_id, CommentStatus.APPROVED, extra_rng.choice(ham), extra_rng,
                             reply=extra_rng.random() < REPLY_SHARE)
        status = corpus.weighted(other_rng, STATES)
        text = other_rng.choice(junk if status == CommentStatus.SPAM or
                                (status == CommentStatus.REJECTED and other_rng.random() < 0.5) else ham)
        status = CommentStatus.RECEIVED if index >= rest * (1 - RECEIVED_SHARE) else status
        yield stream.row(other_rng.choice(others), status, text, other_rng,
                         reply=status == CommentStatus.APPROVED and other_rng.random() < REPLY_SHARE)
    while placed < extra:
        placed += 1
        yield stream.row(article_id, CommentStatus.APPROVED, extra_rng.choice(ham), extra_rng)


def _insert_comments(rows: Iterator[dict[str, Any]]) -> None:
    """Bulk insert in chunks; on PostgreSQL move the id sequence past the ids given."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            db.session.execute(insert(Comment.__table__), chunk)
            chunk = []
    if chunk:
        db.session.execute(insert(Comment.__table__), chunk)
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SELECT setval(pg_get_serial_sequence('comments', 'id'), "
                                "(SELECT max(id) FROM comments))"))
    approved = (select(func.count()).where(Comment.article_id == Article.id, Comment.status == CommentStatus.APPROVED)
                .scalar_subquery())
    db.session.execute(update(Article).values(comment_count=approved).execution_options(synchronize_session=False))


def seed_scale(approved: int, total: int, revisions: int) -> dict[str, Any]:
    """Seed the measured article's history and the comments table; a summary of what is there."""
    started = time.perf_counter()
    ids = published_ids()
    if len(ids) < 2 or approved > total:
        raise SystemExit("need two published articles and approved <= total")
    article = db.session.get(Article, ids[0])
    added = _revisions(article, revisions) if revisions > article.latest_number else 0
    _insert_comments(_rows(article.id, ids[1:], approved, total))
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))  # what autovacuum would have done on a site that grew this big
        db.session.commit()
    by_status = dict(db.session.execute(select(Comment.status, func.count()).group_by(Comment.status)).all())
    return {"article": article.slug, "revisions_added": added, "comments": sum(by_status.values()),
            "by_status": by_status, "seconds": round(time.perf_counter() - started, 1)}
