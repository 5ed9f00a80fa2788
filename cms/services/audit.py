"""Writing audit rows: the caller's transaction includes them, so a decision and its record commit together."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from cms.extensions import db
from cms.models import AuditEvent, User
from cms.models.types import utcnow


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


def record_many(rows: list[dict[str, Any]]) -> None:
    """Add many system audit rows in one statement (the pipeline's batches); each row names
    `action`, `subject_type`, `subject_id`, `from_state`, `to_state` and `details`.

    A Core insert into the table, not the ORM's bulk insert: the rows are plain values either way,
    and the ORM's per-row bookkeeping was a tenth of a pipeline batch's time.
    """
    if rows:
        now = utcnow()
        db.session.execute(insert(AuditEvent.__table__), [row | {"actor_id": None, "created_at": now} for row in rows])
