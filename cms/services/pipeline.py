"""The comment pipeline's service side: claim a batch, screen each comment, finish with guarded updates.

1. `claim_batch` marks up to N `received` comments (the one a task names first, then the oldest
   waiting) with a claim token in one UPDATE, so two workers never screen the same comment.
   A claim older than `COMMENT_CLAIM_SECONDS` belongs to a dead worker and may be taken again.
2. `screen` sanitizes (through `cms.sanitize`), scores for spam and scans for personal data.
3. `finish_batch` moves each comment with `UPDATE ... WHERE id = :id AND status = 'received' AND
   claim = :token`; a comment another run already finished matches nothing, so a task that is
   delivered twice changes nothing.

`process` runs one batch; a task drains a backlog with `cms.services.draining`, which runs the
claims and finishes on a thread of their own beside the screening.
"""

from __future__ import annotations

import logging
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Row, and_, func, literal, or_, select, union_all, update
from sqlalchemy.exc import SQLAlchemyError

from cms.checks import pii
from cms.checks.pii import MASKS
from cms.checks.spam import SpamInput, SpamVerdict
from cms.extensions import db
from cms.models import COMMENT_TRANSITIONS, Comment, CommentStatus
from cms.models.types import utcnow
from cms.rendering import render_comment_versions
from cms.sanitize import COMMENT_POLICY_VERSION
from cms.services import screened, spam
from cms.services.screened import Screening
from cms.services.statements import one_statement_connection

REPEAT_WINDOW = timedelta(days=7)
log = logging.getLogger(__name__)
T = TypeVar("T")


# The batch's statements are Core statements on the table, not ORM ones: they read and write plain
# rows, and the ORM's per-statement and per-row work was a twelfth of a batch's time.
_TABLE = Comment.__table__
_COLUMN = _TABLE.c


def _claimable(now: Any) -> Any:
    stale = now - timedelta(seconds=current_app.config["COMMENT_CLAIM_SECONDS"])
    return and_(_COLUMN.status == CommentStatus.RECEIVED,
                or_(_COLUMN.claim.is_(None), _COLUMN.claimed_at < stale))


# What screening reads of a claimed comment: plain rows, not ORM objects (a batch is read-only here).
CLAIMED_COLUMNS = (_COLUMN.id, _COLUMN.body_raw, _COLUMN.author_name, _COLUMN.author_email, _COLUMN.client_hash,
                   _COLUMN.content_hash)


def claim_batch(named_id: int | None = None, size: int | None = None) -> tuple[str, list[Row]]:
    """Claim up to `size` waiting comments, `named_id` first; returns the token and the comments.

    One statement: a CTE picks the comments, locking them (SKIP LOCKED, so two workers claiming at
    once take different ones), and the UPDATE claims what it picked and returns what screening
    reads of them (no query looks them up again by token, which would need an index every write
    pays for). The pick is MATERIALIZED, evaluated once: an `UPDATE ... WHERE id IN (SELECT ...
    LIMIT n)` may re-run its subquery on PostgreSQL and claim more than n. On PostgreSQL it runs in
    autocommit, a single round trip.
    """
    size = size or current_app.config["COMMENT_BATCH_SIZE"]
    token, now = uuid.uuid4().hex, utcnow()
    claimed = one_statement_connection().execute(
        update(_TABLE).where(_COLUMN.id == _picked(named_id, size, now).c.id, _claimable(now))
        .values(claim=token, claimed_at=now).returning(*CLAIMED_COLUMNS)).all()
    db.session.commit()
    return token, sorted(claimed, key=lambda comment: comment.id)


def _picked(named_id: int | None, size: int, now: Any) -> Any:
    """The ids to claim: `named_id` if it waits, then the oldest waiting, `size` in all, locked where the database can.

    The oldest are read in the queue index's own order (status, created_at, id): the database
    reads the first entries and stops, where ordering by id alone sorted the whole backlog each time.
    """
    oldest = select(_COLUMN.id).where(_claimable(now)).order_by(_COLUMN.created_at, _COLUMN.id)
    if named_id is None:
        return _locked(oldest.limit(size), "picked")
    named = _locked(select(_COLUMN.id).where(_COLUMN.id == named_id, _claimable(now)), "named")
    others = _locked(oldest.where(_COLUMN.id != named_id).limit(size - 1), "oldest")
    return union_all(select(named.c.id), select(others.c.id)).subquery("picked")


def _locked(pick: Any, name: str) -> Any:
    """`pick` as a CTE evaluated once, its rows locked for the statement where the database can (SKIP LOCKED)."""
    return pick.with_for_update(skip_locked=True).cte(name).prefix_with("MATERIALIZED")


# Written into the SQL, not bound: only then may a plan use the partial index on approved comments.
_APPROVED_LITERALLY = _COLUMN.status == literal(CommentStatus.APPROVED.value, literal_execute=True)


@dataclass(frozen=True)
class SpamContext:
    """What the spam check needs to know beyond a batch's own rows, read once for the batch."""

    repeats: Counter[str]  # comments with the same text in `REPEAT_WINDOW`, by content hash
    by_client: Counter[str]  # approved comments, by client hash
    by_email: Counter[str]  # approved comments, by lowercased address


def spam_context(comments: list[Row]) -> SpamContext:
    """Counts for the spam check, in three queries for the whole batch (not per comment); reads only,
    so on PostgreSQL in autocommit (no BEGIN and ROLLBACK round trips around them)."""
    connection = one_statement_connection()
    since = utcnow() - REPEAT_WINDOW
    hashes = {c.content_hash for c in comments}
    repeats = Counter(dict(connection.execute(
        select(_COLUMN.content_hash, func.count()).where(_COLUMN.content_hash.in_(hashes), _COLUMN.created_at >= since)
        .group_by(_COLUMN.content_hash)).all()))
    clients = {c.client_hash for c in comments}
    by_client = Counter(dict(connection.execute(
        select(_COLUMN.client_hash, func.count()).where(_COLUMN.client_hash.in_(clients), _APPROVED_LITERALLY)
        .group_by(_COLUMN.client_hash)).all()))
    emails = {c.author_email.lower() for c in comments if c.author_email}
    by_email: Counter[str] = Counter()
    if emails:
        by_email = Counter(dict(connection.execute(
            select(func.lower(_COLUMN.author_email), func.count()).where(
                func.lower(_COLUMN.author_email).in_(emails), _APPROVED_LITERALLY)
            .group_by(func.lower(_COLUMN.author_email))).all()))
    return SpamContext(repeats, by_client, by_email)


def screen(comment: Row, verdict: SpamVerdict, threshold: float) -> Screening:
    """Sanitize and scan one comment; with its spam verdict, decide between `pending` and `spam`."""
    findings = pii.scan(comment.body_raw)
    html = render_comment_versions(comment.body_raw, findings, MASKS)
    action = "quarantine" if verdict.is_spam(threshold) else "queue"
    return Screening(comment.id, COMMENT_TRANSITIONS.target(action, CommentStatus.RECEIVED), {
        "body_html": html.public,
        "review_html": html.review,
        "policy_version": COMMENT_POLICY_VERSION,
        "spam_score": round(verdict.score, 4),
        "spam_reasons": [{"code": r.code, "weight": round(r.weight, 4), "log_only": r.log_only}
                         for r in verdict.reasons],
        "pii": [{"kind": str(f.kind), "start": f.start, "end": f.end} for f in findings],
    })


def spam_verdicts(comments: list[Row], context: SpamContext | None = None) -> list[SpamVerdict]:
    """Score a batch for spam with its context (repeats, earlier approvals), read here unless given."""
    known = context or spam_context(comments)
    return spam.check_many([
        SpamInput(text=c.body_raw, author_name=c.author_name, author_email=c.author_email,
                  prior_approved=max(known.by_client[c.client_hash], known.by_email[(c.author_email or "").lower()]),
                  repeats=max(known.repeats[c.content_hash] - 1, 0))
        for c in comments])


def screen_batch(comments: list[Row], context: SpamContext | None = None) -> list[Screening]:
    """Screen every claimed comment: one spam pass for the batch, then each comment's HTML and scan.

    `context` is the batch's `spam_context`, when the caller read it already (a drain reads it
    with the claim, on its database thread).

    A comment whose text trips a fault in a check is left out, logged, and keeps its claim: the
    rest of the batch goes on to the moderators, and it is tried again once the claim is stale
    (`COMMENT_CLAIM_SECONDS`). Left in, one such comment would fail every batch it is claimed in
    and hold up every comment behind it. Database errors still fail the batch, for a retry.
    """
    threshold = spam.threshold()
    try:
        verdicts: list[SpamVerdict | None] = list(spam_verdicts(comments, context))
    except SQLAlchemyError:
        raise
    except Exception:  # find which text it was: score each comment alone
        verdicts = [_unless_it_fails(comment, lambda c: spam_verdicts([c], context)[0]) for comment in comments]
    screened = [_unless_it_fails(comment, lambda c, v=verdict: screen(c, v, threshold))
                for comment, verdict in zip(comments, verdicts, strict=True) if verdict is not None]
    return [screening for screening in screened if screening is not None]


def _unless_it_fails(comment: Row, step: Callable[[Row], T]) -> T | None:
    """`step(comment)`, or None (logged) if the comment's text makes it fail; database errors go up."""
    try:
        return step(comment)
    except SQLAlchemyError:
        raise
    except Exception:
        log.exception("comment %s could not be screened; it stays received and is tried again when its claim "
                      "is stale", comment.id)
        return None


def finish_batch(token: str, results: list[Screening]) -> list[int]:
    """Move the screened comments still ours out of `received`, with their audit rows, in one transaction.

    How the rows are written depends on the database (`cms.services.screened`); the ids moved come back.
    """
    if not results:
        return []
    moved = screened.write(db.session.connection(), token, results, utcnow())
    db.session.commit()
    return moved


def process(named_id: int | None = None) -> list[int]:
    """Claim, screen and finish one batch; returns the ids moved out of `received`."""
    return _one_batch(named_id)[1]


def _one_batch(named_id: int | None) -> tuple[bool, list[int]]:
    """Whether a claim found any comment, and the ids its batch moved."""
    token, claimed = claim_batch(named_id)
    if not claimed:
        return False, []
    try:
        return True, finish_batch(token, screen_batch(claimed))
    except Exception:
        db.session.rollback()
        release(token, [comment.id for comment in claimed])
        raise


def release(token: str, ids: list[int]) -> None:
    """Give back a claim after a failure, so a retry (or another worker) can take the batch at once."""
    db.session.execute(update(_TABLE).where(_COLUMN.id.in_(ids), _COLUMN.claim == token,
                                             _COLUMN.status == CommentStatus.RECEIVED)
                       .values(claim=None, claimed_at=None))
    db.session.commit()


def waiting_ids(limit: int = 1000) -> list[int]:
    """Comments left `received` longer than `COMMENT_STALE_SECONDS` and not held by a live claim."""
    now = utcnow()
    old = now - timedelta(seconds=current_app.config["COMMENT_STALE_SECONDS"])
    return list(db.session.scalars(select(_COLUMN.id).where(_claimable(now), _COLUMN.created_at < old)
                                   .order_by(_COLUMN.created_at, _COLUMN.id).limit(limit)))
