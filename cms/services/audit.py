"""Writing audit rows: the caller's transaction includes them, so a decision and its record commit together."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, null

from cms.extensions import db
from cms.models import AuditEvent, User
from cms.models.types import utcnow
from cms.services.bulk_rows import BulkStatement, column_parameters


def record(action: str, subject_type: str, subject_id: int, *, actor: User | None,
           from_state: str | None = None, to_state: str | None = None, **details: Any) -> AuditEvent:
    """Add one audit row to the current transaction (the caller commits)."""
    event = AuditEvent(
        action=action, subject_type=subject_type, subject_id=subject_id,
        actor_id=actor.id if actor is not None else None,
        from_state=from_state, to_state=to_state, details=details,
    )
    db.session.add(event)
    return event


# The system's audit rows, many at a time: every value a named parameter (see `BulkStatement`).
_ROW_COLUMNS = ("action", "subject_type", "subject_id", "from_state", "to_state", "details")
_INSERT_MANY = BulkStatement(insert(AuditEvent.__table__).values(
    actor_id=null(), created_at=bindparam("_now", type_=AuditEvent.__table__.c.created_at.type),
    **column_parameters(AuditEvent.__table__, _ROW_COLUMNS)))


def record_many(rows: list[dict[str, Any]], *, connection: Connection | None = None,
                now: datetime | None = None) -> None:
    """Add many system audit rows in one statement (the pipeline's batches); each row names
    `action`, `subject_type`, `subject_id`, `from_state`, `to_state` and `details`.

    Run by the driver's executemany (`BulkStatement`), not the ORM's bulk insert nor SQLAlchemy's
    executemany: the rows are plain values, and the per-row bookkeeping of those was a tenth, then a
    twentieth of a pipeline batch's time. On `connection` (default: the session's), at `now`.
    """
    _INSERT_MANY.run(connection or db.session.connection(),
                     [{f"_{name}": row[name] for name in _ROW_COLUMNS} for row in rows], _now=now or utcnow())
