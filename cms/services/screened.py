"""Writing a screened batch back: each comment moved out of `received` under its claim, and its audit row.

Every row moves only if it is still `received` and still this run's claim (`claim = :token`), so
a finish whose claim was lost, or a task delivered twice, changes nothing; the caller commits.
The moves and their audit rows are written in one of two ways, with the same rows as the result:

- **PostgreSQL: one statement for the batch.** The screened rows go as one JSON document, read by
  `json_to_recordset`; the guarded UPDATE runs in a CTE whose RETURNING rows the audit INSERT
  reads, and the INSERT returns the ids moved. psycopg's executemany spent about 100 µs of the
  worker's CPU a row (its pipeline mode steps a generator per row, and each JSON value is dumped
  alone); one document is one `json.dumps` and one round trip. A batch that costs one round
  trip also leaves the worker's interpreter lock alone while the server works (see
  `cms.services.draining`).
- **Elsewhere (SQLite): the driver's executemany** of the guarded UPDATE (`BulkStatement`), then
  the audit rows as one `INSERT ... SELECT` from the comments moved, their ids one JSON array read
  by `json_each`. SQLite runs in the worker's own process and its executemany loops in C; SQLite
  has no DML in a CTE. The same document read by `json_each` for the UPDATE was slower than the
  executemany (SQLite parses a row's JSON again for each field it extracts), but the audit rows
  built and bound in Python had cost 3% of a drain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (JSON, Connection, Integer, String, bindparam, case, column, func, insert, literal,
                        literal_column, null, select, update)

from cms.models import AuditEvent, Comment, CommentStatus
from cms.services.bulk_rows import BulkStatement, column_parameters

_TABLE, _AUDIT = Comment.__table__, AuditEvent.__table__
_COLUMN = _TABLE.c
# What screening writes of each comment (`Screening.values`).
SCREENED_COLUMNS = ("body_html", "review_html", "policy_version", "spam_score", "spam_reasons", "pii")
ACTION_OF = {CommentStatus.SPAM: "comment.quarantine", CommentStatus.PENDING: "comment.queue"}
_NOW = bindparam("_now", type_=_COLUMN.processed_at.type)


@dataclass
class Screening:
    """What the pipeline concluded about one comment."""

    comment_id: int
    status: CommentStatus
    values: dict[str, Any] = field(default_factory=dict)


def write(connection: Connection, token: str, results: list[Screening], now: datetime) -> list[int]:
    """Move each screened comment still `received` under `token`, with its audit row; the ids moved, in order."""
    if not results:
        return []
    if connection.dialect.name == "postgresql":
        moved = set(connection.scalars(_IN_ONE_STATEMENT, {
            "_batch": [{"id": r.comment_id, "status": str(r.status), **r.values} for r in results],
            "_received": CommentStatus.RECEIVED.value, "_token": token, "_now": now}))
    else:
        moved = _by_executemany(connection, token, results, now)
    return [r.comment_id for r in results if r.comment_id in moved]


def _audit_rows(moved: Any, json_object: Any) -> Any:
    """The audit row of each comment in `moved` (its id, new status and spam score), from `received`, by the system.

    `json_object` is the database's function that builds `{"spam_score": ...}` from a key and a value.
    """
    return select(case((moved.c.status == CommentStatus.SPAM.value, ACTION_OF[CommentStatus.SPAM]),
                       else_=ACTION_OF[CommentStatus.PENDING]),
                  literal("comment"), moved.c.id, literal(CommentStatus.RECEIVED.value), moved.c.status,
                  json_object("spam_score", moved.c.spam_score), null(), _NOW)


_AUDIT_COLUMNS = ["action", "subject_type", "subject_id", "from_state", "to_state", "details", "actor_id", "created_at"]


# --- PostgreSQL: the batch as a record set, the moves and their audit rows in one statement -------

# Read once (MATERIALIZED): as a function scan joined to the comments, PostgreSQL read the whole
# record set again for every comment it matched (200 x 200 rows a batch, half the statement's time).
_SCREENED = select(func.json_to_recordset(bindparam("_batch", type_=JSON)).table_valued(
    column("id", Integer), column("status", String),
    *(column(name, _COLUMN[name].type) for name in SCREENED_COLUMNS),
).render_derived(name="screened_rows", with_types=True)).cte("screened").prefix_with("MATERIALIZED")
_MOVED = (
    update(_TABLE)
    # By primary key (the batch's ids as an InitPlan's array): with only the join, the plan scanned
    # every comment for the claim token, which no index holds.
    .where(_COLUMN.id == func.any(func.array(select(_SCREENED.c.id).scalar_subquery())),
           _COLUMN.id == _SCREENED.c.id, _COLUMN.status == bindparam("_received"), _COLUMN.claim == bindparam("_token"))
    .values(status=_SCREENED.c.status, claim=null(), claimed_at=null(), processed_at=_NOW,
            **{name: _SCREENED.c[name] for name in SCREENED_COLUMNS})
    .returning(_COLUMN.id, _COLUMN.status, _COLUMN.spam_score)
    .cte("moved")
)
_IN_ONE_STATEMENT = (insert(_AUDIT).from_select(_AUDIT_COLUMNS, _audit_rows(_MOVED, func.json_build_object))
                     .returning(_AUDIT.c.subject_id))


# --- Elsewhere: the driver's executemany, then the audit rows from the comments moved -------------

_FINISH = BulkStatement(
    update(_TABLE)
    .where(_COLUMN.id == bindparam("_id"), _COLUMN.status == bindparam("_received"),
           _COLUMN.claim == bindparam("_token"))
    .values(status=bindparam("_status"), claim=null(), claimed_at=null(), processed_at=_NOW,
            **column_parameters(_TABLE, SCREENED_COLUMNS)))
_MOVED_IDS = select(literal_column("value")).select_from(func.json_each(bindparam("_moved", type_=JSON)))
_AUDIT_OF_MOVED = insert(_AUDIT).from_select(
    _AUDIT_COLUMNS, _audit_rows(_TABLE, func.json_object).where(_COLUMN.id.in_(_MOVED_IDS)))


def _by_executemany(connection: Connection, token: str, results: list[Screening], now: datetime) -> set[int]:
    """The guarded updates as one executemany, then the moved comments' audit rows in one statement.

    The ids moved are all of them when the row count says so, or read back when another run took some.
    """
    rows = [{"_id": r.comment_id, "_status": str(r.status), **{f"_{k}": v for k, v in r.values.items()}}
            for r in results]
    changed = _FINISH.run(connection, rows, _received=CommentStatus.RECEIVED.value, _token=token, _now=now)
    moved = {r.comment_id for r in results}
    if changed != len(results) or not connection.dialect.supports_sane_multi_rowcount:
        moved = set(connection.scalars(select(_COLUMN.id).where(_COLUMN.id.in_(moved), _COLUMN.processed_at == now)))
    if moved:
        connection.execute(_AUDIT_OF_MOVED, {"_moved": sorted(moved), "_now": now})
    return moved
