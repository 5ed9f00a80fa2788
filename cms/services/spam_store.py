"""Writing lessons into the shared spam model: concurrent-safe increments, by dialect.

Every change is an upsert that adds to the stored counts in SQL (`count = count + :delta`,
floored at zero), never a read-modify-write, so two workers learning at once both count.
Tokens are written in sorted order, after the lesson row and before the totals row, so two
transactions on PostgreSQL take their row locks in the same order and cannot deadlock.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, case, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from cms.extensions import db
from cms.models import SpamLesson, SpamToken, SpamTotals
from cms.models.spam import TOTALS_ID
from cms.models.types import utcnow

CHUNK = 500  # rows per statement: well under SQLite's and PostgreSQL's parameter limits


def lesson_digest(features: Iterable[str]) -> str:
    """The identity of a lesson: the same tokens make the same lesson, whatever the spelling around them."""
    return hashlib.sha256("\n".join(sorted(set(features))).encode()).hexdigest()


@dataclass
class Batch:
    """Lessons to add (step 1) or remove (step -1), summed per token before one write."""

    spam: Counter[str] = field(default_factory=Counter)
    ham: Counter[str] = field(default_factory=Counter)
    lessons: Counter[tuple[str, bool]] = field(default_factory=Counter)
    docs: Counter[bool] = field(default_factory=Counter)
    token_total: Counter[bool] = field(default_factory=Counter)

    def add(self, features: Sequence[str], is_spam: bool, step: int = 1) -> None:
        """Count one lesson's distinct tokens for its class."""
        distinct = set(features)
        (self.spam if is_spam else self.ham).update({token: step for token in distinct})
        self.lessons[(lesson_digest(distinct), is_spam)] += step
        self.docs[is_spam] += step
        self.token_total[is_spam] += step * len(distinct)


def write(batch: Batch) -> None:
    """Apply the batch to the database in the current transaction (the caller commits)."""
    _add_rows(SpamLesson.__table__, "digest", [
        {"digest": digest, "spam_count": n if is_spam else 0, "ham_count": 0 if is_spam else n}
        for (digest, is_spam), n in sorted(batch.lessons.items()) if n > 0
    ])
    deltas = [(token, batch.spam[token], batch.ham[token]) for token in sorted(set(batch.spam) | set(batch.ham))]
    _add_rows(SpamToken.__table__, "token", [
        {"token": token, "spam_count": spam, "ham_count": ham} for token, spam, ham in deltas if spam >= 0 and ham >= 0
    ])
    taken = [delta for delta in deltas if delta[1] < 0 or delta[2] < 0]
    if taken:
        _subtract_tokens(taken)
    _add_totals(batch)


def take_back_lesson(digest: str, is_spam: bool) -> bool:
    """Remove one recorded lesson if there is one; False when there is nothing to undo."""
    column = SpamLesson.spam_count if is_spam else SpamLesson.ham_count
    result = db.session.execute(
        update(SpamLesson).where(SpamLesson.digest == digest, column > 0).values({column: column - 1})
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _add_rows(table: Table, key: str, rows: list[dict[str, Any]]) -> None:
    """Insert rows, or add their (non-negative) counts to the stored ones, in one statement per chunk."""
    for chunk in _chunks(rows):
        statement = _insert(table)
        statement = statement.on_conflict_do_update(index_elements=[key], set_={
            name: table.c[name] + statement.excluded[name] for name in ("spam_count", "ham_count")
        })
        db.session.execute(statement, list(chunk))


def _subtract_tokens(deltas: list[tuple[str, int, int]]) -> None:
    """Take (negative) counts off stored tokens, floored at zero, then drop tokens nothing counts."""
    table = SpamToken.__table__
    statement = update(table).where(table.c.token == bindparam("b_token")).values(
        spam_count=_floored(table.c.spam_count + bindparam("b_spam")),
        ham_count=_floored(table.c.ham_count + bindparam("b_ham")),
    )
    for chunk in _chunks(deltas):
        db.session.execute(statement, [{"b_token": token, "b_spam": spam, "b_ham": ham} for token, spam, ham in chunk])
        db.session.execute(delete(table).where(
            table.c.token.in_([token for token, _, _ in chunk]), table.c.spam_count == 0, table.c.ham_count == 0,
        ))


def _floored(expression: ColumnElement[int]) -> ColumnElement[int]:
    """`expression`, or 0 when it is negative (portable: no GREATEST on SQLite, no max() on PostgreSQL)."""
    return case((expression < 0, 0), else_=expression)


def _insert(table: Table) -> Any:
    """The dialect's INSERT with ON CONFLICT support."""
    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"the spam model needs PostgreSQL or SQLite, not {dialect}")


def _add_totals(batch: Batch) -> None:
    """Add the documents and tokens to the totals row (made on first use) and bump its version."""
    table = SpamTotals.__table__
    deltas = {
        "spam_docs": batch.docs[True], "ham_docs": batch.docs[False],
        "spam_tokens": batch.token_total[True], "ham_tokens": batch.token_total[False],
    }
    statement = _insert(table).values(
        id=TOTALS_ID, version=1, generation=uuid.uuid4().hex, updated_at=utcnow(),
        **{name: max(value, 0) for name, value in deltas.items()},
    )
    db.session.execute(statement.on_conflict_do_update(index_elements=["id"], set_={
        **{name: _floored(table.c[name] + value) for name, value in deltas.items()},
        "version": table.c.version + 1,
        "updated_at": statement.excluded.updated_at,
    }))


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    """`items` in slices of CHUNK."""
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
