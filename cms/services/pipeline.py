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
from collections.abc import Callable
from datetime import timedelta
from functools import lru_cache
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Integer, Row, and_, bindparam, func, literal, literal_column, or_, select, union_all, update
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


# The claim's values are bound parameters, so its statements are built once (`_claim_statements`):
# building one and working out its cache key for every batch had cost 1.7% of a drain's instructions.
_NOW = bindparam("_now", type_=_COLUMN.claimed_at.type)
_STALE = bindparam("_stale", type_=_COLUMN.claimed_at.type)
_SINCE = bindparam("_since", type_=_COLUMN.created_at.type)


def _claimable(stale: Any) -> Any:
    """Waiting, and not held by a live claim (one older than `stale` belongs to a dead worker)."""
    return and_(_COLUMN.status == CommentStatus.RECEIVED, or_(_COLUMN.claim.is_(None), _COLUMN.claimed_at < stale))


# Written into the SQL, not bound: only then may a plan use the partial indexes on approved comments.
_APPROVED = literal(CommentStatus.APPROVED.value, literal_execute=True)


# What screening reads of a claimed comment's own row.
CLAIMED_COLUMNS = (_COLUMN.id, _COLUMN.body_raw, _COLUMN.author_name, _COLUMN.author_email, _COLUMN.content_hash)


def _history_counts() -> tuple[Any, ...]:
    """What the spam check counts around a comment, as correlated subqueries: each an index lookup per comment.

    How often the same text was sent since `_since` (`REPEAT_WINDOW` ago), and how many of this
    client's and this address's comments moderators approved (tests/services/test_pipeline.py
    checks SQLite's plans). Read with the claim, they cost no statement of their own on
    PostgreSQL; as three queries with a batch-long IN list each, psycopg parsed their SQL again for
    every batch (too long for its cache): a third of the drain's database thread's work.
    """
    other = _TABLE.alias("other")
    count = select(func.count()).select_from(other)
    return (count.where(other.c.content_hash == _CLAIMED["content_hash"], other.c.created_at >= _SINCE)
            .scalar_subquery().label("sent_before"),
            count.where(other.c.client_hash == _CLAIMED["client_hash"], other.c.status == _APPROVED)
            .scalar_subquery().label("approved_by_client"),
            count.where(func.lower(other.c.author_email) == func.lower(_CLAIMED["author_email"]),
                        other.c.status == _APPROVED).scalar_subquery().label("approved_by_address"))


# The claimed row's own columns in those subqueries, with the table's name written out, so the
# correlation never depends on how a dialect renders RETURNING: SQLAlchemy's SQLite compiler leaves
# table names out of the whole RETURNING clause, subqueries included, and `other.content_hash =
# comments.content_hash` came out as `content_hash = content_hash`, which in a subquery names the
# subquery's own row twice: every comment counted every other.
_CLAIMED = {name: literal_column(f"{_TABLE.name}.{name}") for name in ("content_hash", "client_hash", "author_email")}


def claim_batch(named_id: int | None = None, size: int | None = None) -> tuple[str, list[Row]]:
    """Claim up to `size` waiting comments, `named_id` first; returns the token and the comments with their counts.

    One statement: a CTE picks the comments, locking them (SKIP LOCKED, so two workers claiming at
    once take different ones), and the UPDATE claims what it picked and returns what screening
    reads of them (no query looks them up again by token, which would need an index every write
    pays for). The pick is MATERIALIZED, evaluated once: an `UPDATE ... WHERE id IN (SELECT ...
    LIMIT n)` may re-run its subquery on PostgreSQL and claim more than n. On PostgreSQL it runs in
    autocommit, one round trip, and returns the spam check's counts (`_history_counts`) too; SQLite
    cannot use the claimed row's values to search an index from inside RETURNING (each count read
    a whole index there), so it reads them by a second SELECT of the claimed ids.
    """
    size = size or current_app.config["COMMENT_BATCH_SIZE"]
    token, now = uuid.uuid4().hex, utcnow()
    connection = one_statement_connection()
    claim, counts = _claim_statements(connection.dialect.name, named_id is not None)
    values = {"_token": token, "_now": now, "_since": now - REPEAT_WINDOW,
              "_stale": now - timedelta(seconds=current_app.config["COMMENT_CLAIM_SECONDS"])}
    picked = {"_size": size} if named_id is None else {"_named": named_id, "_others": size - 1}
    claimed = connection.execute(claim, values | picked).all()
    if claimed and counts is not None:
        claimed = connection.execute(counts, {"_since": values["_since"], "_ids": [c.id for c in claimed]}).all()
    db.session.commit()
    return token, sorted(claimed, key=lambda comment: comment.id)


@lru_cache(maxsize=8)
def _claim_statements(dialect: str, named: bool) -> tuple[Any, Any | None]:
    """The claim's UPDATE for `dialect`, and SQLite's SELECT of the counts by id (None where the claim returns them).

    Built once for each dialect and kind of claim (a named comment first, or only the oldest).
    """
    claim = (update(_TABLE).where(_is_picked(_picked(named), dialect))
             .values(claim=bindparam("_token", type_=_COLUMN.claim.type), claimed_at=_NOW))
    if dialect != "sqlite":
        return claim.returning(*CLAIMED_COLUMNS, *_history_counts()), None
    # SQLite's claim hands back the ids alone: the SELECT after it reads the rest with the counts.
    return claim.returning(_COLUMN.id), select(*CLAIMED_COLUMNS, *_history_counts()).where(
        _COLUMN.id.in_(bindparam("_ids", expanding=True)))


def _is_picked(picked: Any, dialect: str) -> Any:
    """The UPDATE's condition: the row is one the pick took, found by its primary key.

    Joined to the pick instead, PostgreSQL hashed the pick and read every comment to probe it, once
    per batch; `id = ANY(ARRAY(SELECT ...))` makes the pick an InitPlan's array and the update a
    primary-key index scan. SQLite searches its primary key for `IN (SELECT ...)`. No other guard
    is needed: the pick checked each comment is claimable and holds it (locked on PostgreSQL,
    which re-checks the newest version of a row before it locks it; SQLite runs the statement
    under its one write lock).
    """
    ids = select(picked.c.id)
    if dialect == "postgresql":
        return _COLUMN.id == func.any(func.array(ids.scalar_subquery()))
    return _COLUMN.id.in_(ids)


def _picked(named: bool) -> Any:
    """The ids to claim: `_named` if it waits, then the oldest waiting, `_size` in all (`_others` after a named one).

    Locked where the database can. The oldest are read in the queue index's own order (status,
    created_at, id): the database reads the first entries and stops, where ordering by id alone
    sorted the whole backlog each time.
    """
    oldest = select(_COLUMN.id).where(_claimable(_STALE)).order_by(_COLUMN.created_at, _COLUMN.id)
    if not named:
        return _locked(oldest.limit(bindparam("_size", type_=Integer)), "picked")
    named_id = bindparam("_named", type_=Integer)
    first = _locked(select(_COLUMN.id).where(_COLUMN.id == named_id, _claimable(_STALE)), "named")
    others = _locked(oldest.where(_COLUMN.id != named_id).limit(bindparam("_others", type_=Integer)), "oldest")
    return union_all(select(first.c.id), select(others.c.id)).subquery("picked")


def _locked(pick: Any, name: str) -> Any:
    """`pick` as a CTE evaluated once, its rows locked for the statement where the database can (SKIP LOCKED)."""
    return pick.with_for_update(skip_locked=True).cte(name).prefix_with("MATERIALIZED")


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


def spam_verdicts(comments: list[Row], model: spam.ModelVersion | None = None) -> list[SpamVerdict]:
    """Score a claimed batch for spam, with the counts its claim read (repeats, earlier approvals) and
    the model's `version` if the caller read it (else it is read here)."""
    return spam.check_many([
        SpamInput(text=c.body_raw, author_name=c.author_name, author_email=c.author_email,
                  prior_approved=max(c.approved_by_client, c.approved_by_address), repeats=max(c.sent_before - 1, 0))
        for c in comments], model)


def screen_batch(comments: list[Row], model: spam.ModelVersion | None = None) -> list[Screening]:
    """Screen every claimed comment: one spam pass for the batch, then each comment's HTML and scan.

    `model` is the spam model's version when the caller read it with the claim (a drain does, on
    its database thread); otherwise it is read here.

    A comment whose text trips a fault in a check is left out, logged, and keeps its claim: the
    rest of the batch goes on to the moderators, and it is tried again once the claim is stale
    (`COMMENT_CLAIM_SECONDS`). Left in, one such comment would fail every batch it is claimed in
    and hold up every comment behind it. Database errors still fail the batch, for a retry.
    """
    threshold = spam.threshold()
    try:
        verdicts: list[SpamVerdict | None] = list(spam_verdicts(comments, model))
    except SQLAlchemyError:
        raise
    except Exception:  # find which text it was: score each comment alone
        verdicts = [_unless_it_fails(comment, lambda c: spam_verdicts([c], model)[0]) for comment in comments]
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
    stale = now - timedelta(seconds=current_app.config["COMMENT_CLAIM_SECONDS"])
    return list(db.session.scalars(select(_COLUMN.id).where(_claimable(stale), _COLUMN.created_at < old)
                                   .order_by(_COLUMN.created_at, _COLUMN.id).limit(limit)))
